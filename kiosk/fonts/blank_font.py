"""A font with nothing in it but a space, for pushing real faces out of Kivy's font cache.

Kivy keeps up to 64 fonts open and has no call to close them (see ``kiosk.ui.font_cache``), so
the end of a visit opens 64 sizes of a font nobody reads. Those stay open until the next
visitor's text pushes them out again, so the emptier the font, the less the kiosk holds
between visitors (docs/PERFORMANCE.md).

The file ships with the package (``kiosk/ui/blank.ttf``); ``build()`` makes it again, byte for
byte, so the test can check the shipped file is exactly this. Plain Python, no Kivy.
"""

from __future__ import annotations

import io

from kiosk import paths

SHIPPED = paths.BLANK_FONT  # what the UI loads
# Fixed timestamps (seconds since 1904, the TrueType epoch) keep the file reproducible.
_TIMESTAMP = 3_786_825_600  # 2024-01-01


def build() -> bytes:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "space"])
    builder.setupCharacterMap({0x20: "space"})
    empty = TTGlyphPen(None).glyph()
    builder.setupGlyf({".notdef": empty, "space": empty})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "space": (250, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Kiosk Blank", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.updateHead(created=_TIMESTAMP, modified=_TIMESTAMP)
    out = io.BytesIO()
    builder.font.recalcTimestamp = False
    builder.save(out)
    return out.getvalue()


if __name__ == "__main__":  # python -m kiosk.fonts.blank_font > kiosk/ui/blank.ttf
    import sys

    sys.stdout.buffer.write(build())
