"""Millimetre sizing: text follows the text size; control labels follow the control scale."""

import pytest

from kiosk import sizes
from kiosk.sizes import Sizer


def test_body_text_follows_the_text_size_even_when_controls_are_capped():
    sizer = Sizer(px_per_mm=4.0, scale=2.0, control_scale=1.5)
    assert sizer.font(sizes.BODY_FONT_MM) == pytest.approx(sizes.BODY_FONT_MM * 2.0 * 4.0)
    assert sizer.font(sizes.BUTTON_FONT_MM, control=True) == pytest.approx(
        sizes.BUTTON_FONT_MM * 1.5 * 4.0)


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
