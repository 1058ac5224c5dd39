"""Which installed font draws which script.

Kivy's SDL2 text provider has no font fallback: the bundled Roboto draws Chinese as empty boxes
and has no Arabic. So every language gets a font chosen for its script from the Noto families
Debian installs (``fonts-noto-core``, ``fonts-noto-cjk``). A script with no font is reported and
its language is hidden rather than shown as boxes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

# Faces the setup made for the kiosk (``kiosk.fonts.cjk_faces``), inside its Python environment.
KIOSK_FONT_DIR = Path(sys.prefix) / "share" / "ccsvi-kiosk" / "fonts"
# A face cut down to the characters the kiosk's text uses (``kiosk.fonts.cjk_faces``).
SUBSET_SUFFIX = ".subset.otf"

FONT_DIRS = (
    KIOSK_FONT_DIR,
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/local/share/fonts"),
)

# Candidates per ISO 15924 script, best first. Sans faces: the standards ask for sans-serif.
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "Latn": ("NotoSans-Regular.ttf", "DejaVuSans.ttf"),
    # DejaVu Sans draws Arabic and Latin in one face, so "FDA" in an Arabic sentence sits on
    # the same baseline (Kivy cannot align baselines across fonts). Noto Naskh mis-joins the
    # pre-shaped text we give it (see kiosk.display.bidi_text); Noto Sans Arabic lacks Latin.
    "Arab": ("DejaVuSans.ttf", "NotoSansArabic-Regular.ttf"),
    # The regional faces first: the collection's first face, all Kivy can open, is Japanese;
    # and their reading subsets before them (a tenth of the memory per size drawn).
    "Hans": ("NotoSansCJKsc-Regular" + SUBSET_SUFFIX, "NotoSansCJKsc-Regular.otf",
             "NotoSansCJK-Regular.ttc"),
    "Hant": ("NotoSansCJKtc-Regular" + SUBSET_SUFFIX, "NotoSansCJKtc-Regular.otf",
             "NotoSansCJK-Regular.ttc"),
}
_BOLD = {
    "NotoSans-Regular.ttf": "NotoSans-Bold.ttf",
    "NotoNaskhArabic-Regular.ttf": "NotoNaskhArabic-Bold.ttf",
    "NotoSansArabic-Regular.ttf": "NotoSansArabic-Bold.ttf",
    "DejaVuSans.ttf": "DejaVuSans-Bold.ttf",
    "NotoSansCJK-Regular.ttc": "NotoSansCJK-Bold.ttc",
    "NotoSansCJKsc-Regular.otf": "NotoSansCJKsc-Bold.otf",
    "NotoSansCJKtc-Regular.otf": "NotoSansCJKtc-Bold.otf",
    "NotoSansCJKsc-Regular" + SUBSET_SUFFIX: "NotoSansCJKsc-Bold" + SUBSET_SUFFIX,
    "NotoSansCJKtc-Regular" + SUBSET_SUFFIX: "NotoSansCJKtc-Bold" + SUBSET_SUFFIX,
}


@dataclass(frozen=True)
class FontChoice:
    script: str
    regular: Path
    bold: Path
    fallback: FontChoice | None = None  # for characters the face lacks (Latin in Arabic text)

    @property
    def subset(self) -> bool:
        """Only the characters the shipped text uses (see ``kiosk.fonts.cjk_faces``)."""
        return self.regular.name.endswith(SUBSET_SUFFIX)

    def files(self) -> list[Path]:
        """Every face text in this script may be drawn with, for glyph-coverage checks."""
        return [self.regular, self.bold, *(self.fallback.files() if self.fallback else [])]


def candidate_files(dirs: tuple[Path, ...] = FONT_DIRS) -> list[Path]:
    """Every file ``find_font`` may look for, with the character lists of the kiosk's own
    faces: the choice is the same while these are (``kiosk.loading_cache``)."""
    names = {name for names in _CANDIDATES.values() for name in names} | set(_BOLD.values())
    names |= {Path(name).with_suffix(".chars").name for name in set(names)
              if name.endswith(SUBSET_SUFFIX)}
    return [folder / name for folder in dirs for name in sorted(names)]


def find_font(script: str, dirs: tuple[Path, ...] = FONT_DIRS,
              full: bool = False) -> FontChoice | None:
    """The best installed font for ``script``, or None if nothing suitable is installed;
    ``full``: no reading subset (for text the shipped catalogues do not have).

    Right-to-left scripts also get a Latin fallback, because their Noto faces have no Latin
    letters and the text names things like "CCSVI" and "FDA".
    """
    fallback = find_font("Latn", dirs) if script in ("Arab", "Hebr") else None
    for name in _CANDIDATES.get(script, _CANDIDATES["Latn"]):
        if full and name.endswith(SUBSET_SUFFIX):
            continue
        for folder in dirs:
            regular = folder / name
            if regular.is_file():
                bold = folder / _BOLD.get(name, name)
                return FontChoice(script, regular, bold if bold.is_file() else regular,
                                  fallback)
    return None
