"""Chinese faces of Noto Sans CJK, copied out of Debian's collection file at setup.

Kivy (SDL_ttf) opens only a collection's first face, Japanese in Debian's Noto Sans CJK, so
Chinese came out in Japanese glyph shapes (骨, 直, 这). ``make setup`` (``python -m
kiosk.fonts.cjk_faces [DEST]``), and each release an installed kiosk prepares, copies the
Chinese faces out with fontTools, offline; ``kiosk.fonts.faces`` prefers them, else it falls
back to the collection. Nothing is written at run time. Each copy keeps only a *reading subset*
(the shipped text's characters, Latin, punctuation, CJK dates and numbers): far less memory per
size drawn (docs/PERFORMANCE.md). A catalogue that outgrows it gets the full face and a warning
(``kiosk.loading``) until ``make fonts`` runs again.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk import paths
from kiosk.fonts.faces import FONT_DIRS, KIOSK_FONT_DIR, SUBSET_SUFFIX
from kiosk.fonts.glyphs import list_path, listed_coverage

# file stem -> the family name of its face inside the collection
REGIONS = {"NotoSansCJKsc": "Noto Sans CJK SC", "NotoSansCJKtc": "Noto Sans CJK TC"}
WEIGHTS = ("Regular", "Bold")

# Always in a subset, whatever the catalogues say today: Latin with its accents (citations,
# names, English fallbacks), general and CJK punctuation, full-width forms, and digits.
_RANGES = ((0x20, 0x24F), (0x2000, 0x206F), (0x20A0, 0x20BF), (0x2190, 0x21FF),
           (0x3000, 0x303F), (0xFF00, 0xFFEF))
_TEXT_SUFFIXES = (".po", ".pot", ".yaml", ".yml")


def _collection(weight: str, dirs: tuple[Path, ...]) -> Path | None:
    for folder in dirs:
        path = folder / f"NotoSansCJK-{weight}.ttc"
        if path.is_file():
            return path
    return None


def extract(dest: Path = KIOSK_FONT_DIR, dirs: tuple[Path, ...] = FONT_DIRS) -> list[Path]:
    """Copy each Chinese face out of the installed collections into ``dest``, unless an
    up-to-date copy is there. Returns the files now in place."""
    from fontTools.ttLib import TTCollection

    done = []
    for weight in WEIGHTS:
        source = _collection(weight, dirs)
        if source is None:
            continue
        faces = None
        for stem, family in REGIONS.items():
            target = dest / f"{stem}-{weight}.otf"
            if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
                done.append(target)
                continue
            if faces is None:
                faces = {face["name"].getDebugName(1): face
                         for face in TTCollection(str(source), lazy=True).fonts}
            if family not in faces:
                continue
            dest.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".otf.partial")
            faces[family].save(str(partial))
            os.replace(partial, target)  # never a half-written font, even if interrupted
            done.append(target)
    return done


def _text_files(sources: tuple[Path, ...]) -> list[Path]:
    return sorted(f for folder in sources if folder.is_dir() for f in folder.rglob("*")
                  if f.suffix in _TEXT_SUFFIXES and f.is_file())


def reading_characters(sources: tuple[Path, ...] = (paths.CONTENT_DIR, paths.LOCALES_DIR)
                       ) -> set[str]:
    """Every character the kiosk may draw with a Chinese face: the text of ``sources``'
    catalogues and content, the fixed ranges above, and Chinese dates (年, 月, 日)."""
    import datetime as dt

    from babel.dates import format_date

    chars = {chr(c) for low, high in _RANGES for c in range(low, high + 1)}
    for path in _text_files(sources):
        chars |= set(path.read_text(encoding="utf-8", errors="replace"))
    for locale in ("zh_Hans", "zh_Hant"):
        for month in range(1, 13):
            chars |= set(format_date(dt.date(2026, month, 28), format="long", locale=locale))
    return {c for c in chars if c.isprintable() or c == " "}


def subset_path(face: Path) -> Path:
    return face.with_name(face.stem + SUBSET_SUFFIX)


def subset_characters(subset: Path) -> frozenset[int] | None:
    """The code points ``subset`` was made for (the list written beside it), or None."""
    return listed_coverage(subset)


def make_subsets(faces: list[Path], sources: tuple[Path, ...] = (paths.CONTENT_DIR,
                                                                  paths.LOCALES_DIR)
                 ) -> list[Path]:
    """A reading subset beside each face, unless one newer than the face and every text
    source is there (about 1 s per face). A subset made again keeps the characters it had."""
    from fontTools import subset

    texts = _text_files(sources)
    newest_text = max((f.stat().st_mtime for f in texts), default=0.0)
    chars = None
    done = []
    for face in faces:
        target = subset_path(face)
        if (target.is_file() and list_path(target).is_file()
                and target.stat().st_mtime >= max(face.stat().st_mtime, newest_text)):
            done.append(target)
            continue
        if chars is None:
            chars = reading_characters(sources)
        # Never fewer characters than before: releases share an environment (deploy/), and a
        # kiosk still running the previous one must find every character it found before.
        kept = {chr(code) for code in subset_characters(target) or ()}
        options = subset.Options()
        options.layout_features = ["*"]  # vertical forms, locl, kerning: all kept
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.hinting = True
        font = subset.load_font(str(face), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(c) for c in chars | kept))
        subsetter.subset(font)
        covered = sorted(font.getBestCmap())
        listing = list_path(target).with_suffix(".chars.partial")
        listing.write_text(" ".join(f"{code:x}" for code in covered), encoding="utf-8")
        partial = target.with_suffix(".partial")
        subset.save_font(font, str(partial), options)
        # The font first: a subset only gains characters, so the list in place never claims
        # one the font in place lacks.
        os.replace(partial, target)
        os.replace(listing, list_path(target))
        done.append(target)
    return done


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    dest = Path(args[0]) if args else KIOSK_FONT_DIR
    written = extract(dest)
    if not written:
        print("cjk_faces: no Noto Sans CJK collection installed; Chinese needs fonts-noto-cjk")
        return 0
    subsets = make_subsets(written)
    print(f"cjk_faces: {len(written)} Chinese face(s) and {len(subsets)} reading subset(s) "
          f"in {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
