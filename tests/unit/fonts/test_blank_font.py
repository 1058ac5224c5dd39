"""The blank font that closes a visit's fonts: shipped exactly as ``build()`` makes it, and
holding nothing a visitor could read."""

import io

from fontTools.ttLib import TTFont

from kiosk.fonts import blank_font


def test_the_shipped_file_is_what_build_makes():
    assert blank_font.SHIPPED.read_bytes() == blank_font.build()


def test_it_draws_only_a_space_and_stays_tiny():
    font = TTFont(io.BytesIO(blank_font.build()))
    assert font.getBestCmap() == {0x20: "space"}
    assert font["glyf"]["space"].numberOfContours == 0
    assert len(blank_font.build()) < 2048
