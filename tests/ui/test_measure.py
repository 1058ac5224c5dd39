"""Measuring text as the screen draws it: line spacing is counted in font sizes, as WCAG
1.4.12 and CSS count it, whatever the font's own line height."""

import pytest

from kiosk.display import sizes
from kiosk.ui.measure import kivy_line_height, natural_line_em, text_height


@pytest.mark.parametrize("language", ["en", "ar", "zh_Hans"])
def test_body_lines_are_one_and_a_half_font_sizes_apart(ui, language):
    font = ui.app.data.font_for(language)
    style = {"font_name": str(font.regular), "font_size": 40.0}
    line_height = kivy_line_height(style, sizes.LINE_HEIGHT)
    one = text_height("Ag", 2000, style, line_height)
    three = text_height("Ag\nAg\nAg", 2000, style, line_height)
    assert (three - one) / 2 == pytest.approx(1.5 * 40.0, rel=0.04)


def test_never_tighter_than_the_font_itself():
    # A heading at 1.2 font sizes is below Noto Sans's own 1.36: Kivy gets 1.0, not less.
    from kivy.core.text import LabelBase  # noqa: F401  (Kivy is set up by conftest)

    font = "Roboto"
    assert natural_line_em(font) > 1.0
    assert kivy_line_height({"font_name": font}, 0.5) == 1.0


def test_remembered_measurements_match_fresh_ones(ui):
    """Shaped text and heights are kept between rebuilds; what is kept is what a fresh
    measurement gives, for each width and font size (not the first answer for any of them)."""
    from kiosk.ui.measure import _height, _prepared, display_text

    font = ui.app.data.font_for("ar")
    text = "يمكن أن يسبب التصلب المتعدد مشاكل في الرؤية والحركة والتعب. " * 3
    for width, size in ((600.0, 40.0), (300.0, 40.0), (600.0, 60.0)):
        style = {"font_name": str(font.regular), "font_size": size}
        kept_text = display_text(text, width, style, True)
        kept_height = text_height(text, width, style, 1.2, True)
        assert kept_text == _prepared.__wrapped__(text, width, style["font_name"], size)
        assert kept_height == _height.__wrapped__(text, width, tuple(sorted(style.items())),
                                                  1.2, True)
    narrow = {"font_name": str(font.regular), "font_size": 40.0}
    assert text_height(text, 300.0, narrow, 1.2, True) > text_height(text, 600.0, narrow,
                                                                     1.2, True)


def kept_measurements() -> dict[str, int]:
    from kiosk.display import bidi_text
    from kiosk.ui import measure

    return {name: cache.cache_info().currsize for name, cache in (
        ("prepared", measure._prepared), ("heights", measure._height),
        ("measurers", measure._measurer), ("shaped", bidi_text.visual))}


def test_the_end_of_a_visit_forgets_what_it_measured(ui):
    """The next visitor finds the same kept measurements whatever the last one read, so the
    kiosk's memory between visitors does not creep up over a day with earlier visitors'
    texts, sizes and widths."""
    from kiosk.interaction.session import Location

    ui.app.reset_visit()
    ui.pump(2)
    fresh = kept_measurements()
    for language in ("ar", "de"):
        ui.app.session.language = language
        for scale in (1.0, 1.5):
            ui.app.session.set_text_scale(scale)
            for screen in ("topics", "help", "glossary"):
                ui.app.show(Location(screen))
                ui.pump(2)
    during = kept_measurements()
    assert all(during[name] > fresh[name] for name in ("prepared", "heights", "shaped")), \
        (fresh, during)
    ui.app.reset_visit()
    ui.pump(2)
    assert kept_measurements() == fresh
