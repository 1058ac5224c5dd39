"""Closing the fonts a visit opened, when the visit ends.

Kivy's SDL2 text provider keeps up to 64 fonts open, one per file and size, closes the oldest
when it needs room, and has no call to close one; so the faces of the last visitor's languages
and sizes stayed in memory for the next. Opening 64 sizes of the blank font
(``kiosk.fonts.blank_font``) at fractional sizes, which the kiosk never draws with (its sizes
are whole pixels, ``kiosk.display.sizes.whole_px``), pushes every real face out, and they are
the first to go when real text needs room. A face already open is not opened again, so each
call uses the other of two sets of sizes. The memory this saves: docs/PERFORMANCE.md.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

from kivy.core.text import Label as CoreLabel

from kiosk import paths

BLANK_FONT = paths.BLANK_FONT
KIVY_OPEN_FONTS = 64  # the limit in kivy/core/text/_text_sdl2.pyx (Kivy 2.3)
_OFFSETS = itertools.cycle((1.25, 1.75))  # sizes 1.25, 2.25, ... then 1.75, 2.75, ...


def closing_font(real_fonts: Iterable[Path]) -> str:
    """The font ``close_open_fonts`` pushes with: the blank one, or, if an install has lost
    it, the smallest of ``real_fonts`` (decided once, at start)."""
    if BLANK_FONT.is_file():
        return str(BLANK_FONT)
    return str(min(real_fonts, key=lambda path: path.stat().st_size))


def close_open_fonts(cheap_font: str) -> None:
    """Push every font Kivy holds open out of its cache, using ``cheap_font`` (a file, see
    ``closing_font``)."""
    offset = next(_OFFSETS)
    for index in range(KIVY_OPEN_FONTS):
        CoreLabel(text=" ", font_name=cheap_font, font_size=index + offset).refresh()
