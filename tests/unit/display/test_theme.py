import pytest

from kiosk.display.theme import THEMES, contrast_ratio, hex_rgb


def test_contrast_formula_matches_wcag_reference_values():
    assert contrast_ratio(hex_rgb("#000000"), hex_rgb("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(hex_rgb("#777777"), hex_rgb("#FFFFFF")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_all_text_meets_aaa_contrast(name):
    for pair, (fg, bg) in THEMES[name].text_pairs().items():
        assert contrast_ratio(fg, bg) >= 7.0, pair


@pytest.mark.parametrize("name", sorted(THEMES))
def test_edges_and_focus_are_visible(name):
    for pair, (fg, bg) in THEMES[name].edge_pairs().items():
        assert contrast_ratio(fg, bg) >= 3.0, pair


def test_there_is_a_dark_default_and_a_light_theme():
    dark, light = THEMES["dark"], THEMES["light"]
    assert sum(dark.background) < sum(light.background)
