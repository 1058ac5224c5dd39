"""Millimetre sizing: text follows the text size; control labels follow the control scale."""

import math

import pytest

from kiosk.display import sizes
from kiosk.display.sizes import Sizer


def test_body_text_follows_the_text_size_even_when_controls_are_capped():
    sizer = Sizer(px_per_mm=4.0, scale=2.0, control_scale=1.5)
    assert sizer.font(sizes.BODY_FONT_MM) == math.ceil(sizes.BODY_FONT_MM * 2.0 * 4.0)
    assert sizer.font(sizes.BUTTON_FONT_MM, control=True) == math.ceil(
        sizes.BUTTON_FONT_MM * 1.5 * 4.0)


def test_font_sizes_are_whole_pixels_never_below_the_size_asked_for():
    """Each distinct size is a FreeType face of its own (2.6 MB for Noto CJK)."""
    px_per_mm = 1920 / 527  # a 24-inch screen: fractional pixels per millimetre
    seen = set()
    for scale in (1.0, 1.25, 1.5, 1.75, 2.0):
        sizer = Sizer(px_per_mm=px_per_mm, scale=scale)
        for mm in (sizes.BODY_FONT_MM, sizes.HEADING_FONT_MM, sizes.BUTTON_FONT_MM):
            size = sizer.font(mm)
            assert isinstance(size, int)
            assert mm * scale * px_per_mm <= size < mm * scale * px_per_mm + 1
            seen.add(size)
    assert sizes.whole_px(31.0000000001) == 31  # arithmetic noise is not a new size
    assert len(seen) <= 15


def test_headings_grow_like_controls_but_never_below_the_body():
    capped = Sizer(px_per_mm=4.0, scale=2.0, control_scale=1.5)
    assert capped.font(sizes.HEADING_FONT_MM) == capped.font(sizes.BODY_FONT_MM)
    full = Sizer(px_per_mm=4.0, scale=2.0)
    assert full.font(sizes.HEADING_FONT_MM) == pytest.approx(sizes.HEADING_FONT_MM * 2.0 * 4.0)


def test_control_scale_never_exceeds_the_text_size():
    sizer = Sizer(px_per_mm=4.0, scale=1.25, control_scale=2.0)
    assert sizer.controls == 1.25
    assert Sizer(px_per_mm=4.0, scale=1.75).controls == 1.75


def test_targets_keep_their_millimetre_minimum_at_any_control_scale():
    for control in (1.0, 1.5, 2.0):
        sizer = Sizer(px_per_mm=4.0, scale=2.0, control_scale=control)
        height_mm = sizer.target(sizes.PRIMARY_TARGET_MM, sizes.BUTTON_FONT_MM) / 4.0
        assert height_mm >= sizes.PRIMARY_TARGET_MM
    tall = Sizer(px_per_mm=4.0, scale=2.0).target(sizes.PRIMARY_TARGET_MM,
                                                    sizes.BUTTON_FONT_MM, lines=2)
    assert tall / 4.0 > sizes.PRIMARY_TARGET_MM  # two lines of a 200% label need more
