"""Closing the fonts a visit opened, when the visit ends.

Kivy's SDL2 text provider keeps up to 64 SDL_ttf fonts open, one per font file and size,
and closes the oldest-opened when it needs room; there is no call to close them. Most are
small, but a full Noto CJK face holds about 2.6 MB, so after a visit in Chinese at two or three
text sizes the kiosk held 40-60 MB of faces the next visitor, reading English, would never use,
and a day's memory depended on which languages and sizes the last visitors chose. (Chinese now
reads from a subset of 0.2 MB per size, see ``kiosk.fonts.cjk_faces``, but the full face comes back
when a catalogue outgrows the subset, and every face still stays open until pushed out.)

Opening 64 faces that the kiosk never draws with (a font holding only a space, at fractional
sizes: every size the kiosk uses is a whole pixel, see ``kiosk.display.sizes.whole_px``) pushes
every real one out; they cost 47 kB each (``kiosk.fonts.blank_font``; the smallest real face
cost 218 kB, 14 MB in all between visitors) and are themselves the first to go when real
text needs room.
Kivy closes in the order it opened, and a face already open is not opened again, so each time
the other of two sets of sizes is used: the set used last time has just been pushed out by the
real faces and the other set. The next visitor's screens open what they need, 2 ms each.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

from kivy.core.text import Label as CoreLabel

from kiosk.fonts.blank_font import SHIPPED

BLANK_FONT = SHIPPED  # made by kiosk.fonts.blank_font
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
