"""Which characters a font file can really draw, read from its character map.

Used twice: to send characters an Arabic font lacks (Latin letters, brackets) to a Latin
fallback font, and by ``check``, which fails if any character of a language's catalogue has no
glyph in the fonts chosen for it, so no empty boxes ("tofu") ever reach a patient.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

# Characters that are layout, not ink: never reported as missing.
_INVISIBLE = {0x20, 0xA0, 0x202F, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x0A, 0x0D, 0x09}


def list_path(font: Path) -> Path:
    """Where a font made for the kiosk (``kiosk.fonts.cjk_faces``) lists the code points it has."""
    return font.with_suffix(".chars")


def listed_coverage(font: Path) -> frozenset[int] | None:
    """The code points in ``font``'s list, or None if it has none. Reading the list takes well
    under a millisecond; opening the character map with fontTools took the start 50 ms (its
    modules are imported the first time)."""
    try:
        text = list_path(font).read_text(encoding="utf-8")
    except OSError:
        return None
    return frozenset(int(code, 16) for code in text.split())


# Coverage read at an earlier start and kept with its checked copy (``kiosk.loading_cache``),
# which made sure the font files are the same ones.
_REMEMBERED: dict[str, frozenset[int]] = {}


def remember(found: Mapping[Path | str, frozenset[int]]) -> None:
    _REMEMBERED.update({str(path): cover for path, cover in found.items()})


@lru_cache(maxsize=16)
def coverage(path: Path) -> frozenset[int]:
    """Code points with a glyph in the font (first face of a collection), from its list if
    it has one."""
    if str(path) in _REMEMBERED:
        return _REMEMBERED[str(path)]
    listed = listed_coverage(path)
    if listed is not None:
        return listed
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=0, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def missing(text: str, fonts: list[Path]) -> set[str]:
    """Characters of ``text`` that none of ``fonts`` can draw."""
    covered = set().union(*(coverage(f) for f in fonts)) if fonts else set()
    return {ch for ch in set(text) if ord(ch) not in covered and ord(ch) not in _INVISIBLE}
