"""Every screen at every text size: paginated, nothing clipped, themes applied."""

import pytest
from kivy.core.window import Window
from kivy.uix.label import Label
from PIL import Image

from kiosk.config import load_config
from kiosk.display.sizes import BODY_FONT_MM, whole_px
from kiosk.interaction.session import TEXT_SCALES, Location
from kiosk.ui.headless.snapshot import every_view
from kiosk.ui.widgets import FOCUS_RING_MM, KioskButton
from tests.ui.harness import layout_problems


def test_text_size_change_repaginates(ui):
    ui.tap("language:en")
    section = ui.app.data.content.sections[3].id
    ui.tap(f"topic:{section}")
    pages_at_100 = ui.app.current_screen.page_count()
    ui.tap("display")
    ui.tap("text_scale:2.0")
    ui.tap("done")
    assert ui.app.session.location.section == section
    pages_at_200 = ui.app.current_screen.page_count()
    assert pages_at_200 > pages_at_100
    assert ui.app.current_screen.counter.text == f"Page 1 of {pages_at_200}"
    body_at_100 = BODY_FONT_MM * ui.app.sizer.px_per_mm
    assert ui.app.current_screen.body.font_size == whole_px(2 * body_at_100)
    assert layout_problems(ui) == []


@pytest.mark.parametrize("scale", [TEXT_SCALES[0], TEXT_SCALES[-1]])
def test_no_view_clips_or_overlaps_text(ui, scale):
    ui.app.session.set_text_scale(scale)
    problems = []
    for name, where in list(every_view(ui.app)):
        ui.app.show(where)
        ui.pump(2)
        problems += [f"{name}: {p}" for p in layout_problems(ui)]
    assert problems == []


def test_every_page_of_a_section_together_holds_all_its_text(ui):
    ui.app.session.set_text_scale(2.0)
    section = ui.app.data.content.sections[0]
    ui.app.show(Location("reader", section.id))
    shown = []
    for page in range(ui.app.current_screen.page_count()):
        ui.app.show(Location("reader", section.id, page))
        shown.append(ui.app.current_screen.body.text)
    words = " ".join(shown).split()
    assert words == " ".join(p for page in section.pages for p in page.paragraphs).split()


def test_language_buttons_all_visible_without_scrolling(ui):
    for scale in (1.0, 2.0):
        ui.app.session.set_text_scale(scale)
        ui.app.show(Location("welcome"))
        ui.pump(2)
        offered = {f"language:{lang.code}" for lang in ui.app.data.languages}
        shown = {b.action for b in ui.buttons() if b.action.startswith("language:")}
        assert shown == offered
        for button in ui.buttons():
            x, y = button.to_window(*button.pos)
            assert x >= 0 and x + button.width <= Window.width
            assert y >= 0 and y + button.height <= Window.height


def test_light_theme_repaints_the_screen(ui, tmp_path):
    def corner_pixel(name):
        with Image.open(ui.screenshot(tmp_path / f"{name}.png")) as image:
            return image.convert("RGB").getpixel((5, image.height - 5))

    assert corner_pixel("dark") == (0, 0, 0)
    ui.tap("display")
    ui.tap("theme:light")
    assert corner_pixel("light") == (255, 255, 255)
    assert ui.button("theme:light").selected
    assert ui.button("theme:light").icon == "check"  # not shown by colour alone


def test_sources_show_when_the_information_was_checked(ui):
    from babel.dates import format_date

    meta = ui.app.data.content.metadata
    ui.app.show(Location("sources"))
    text = ui.app.current_screen.body.text
    assert f"Information checked on {format_date(meta.checked_on, 'long', locale='en')}." in text
    assert "November 21, 2026" in text or str(meta.checked_on.year) in text
    pages = ui.app.current_screen.page_count()
    shown = ""
    for page in range(pages):
        ui.app.show(Location("sources", None, page))
        shown += ui.app.current_screen.body.text + "\n"
    for source in ui.app.data.content.sources:
        assert source.citation(with_url=False) in shown


def test_disclaimer_on_welcome_and_help(ui):
    from tests.ui.harness import visible_labels_of

    assert any("not medical advice" in label.text for label in visible_labels_of(ui))
    ui.app.show(Location("help"))
    help_text = ""
    for page in range(ui.app.current_screen.page_count()):
        ui.app.show(Location("help", None, page))
        help_text += ui.app.current_screen.body.text
    assert "not medical advice" in help_text and "MS team" in help_text


@pytest.mark.parametrize("language", load_config().languages)  # one test each: they run apart
def test_every_language_fits_every_view_at_100_and_200_percent(ui, language):
    assert language in {lang.code for lang in ui.app.data.languages}  # offered, not hidden
    problems = []
    for scale in (1.0, 2.0):
        ui.app.reset_visit()
        ui.app.session.language = language
        ui.app.session.set_text_scale(scale)
        for name, where in list(every_view(ui.app)):
            ui.app.show(where)
            ui.pump(1)
            problems += [f"{language} {scale} {name}: {p}" for p in layout_problems(ui)]
    assert problems == []


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_a_short_15_inch_screen_at_200_percent_keeps_the_text_big_and_pages_useful(
        ui, kiosk_data, language):
    """344 x 194 mm (a 15.6-inch panel) in millimetres, as the audit measures it: the labels
    stop growing before the page runs out of room; the body stays at 200%."""
    from dataclasses import replace

    from kiosk.config import ScreenSize
    from kiosk.display.sizes import LINE_HEIGHT
    from kiosk.ui.app import MIN_BODY_LINES

    short = replace(kiosk_data.config, screen=ScreenSize(344, 194))
    ui.app.replace_data(replace(kiosk_data, config=short))
    try:
        ui.app.session.language = language
        ui.app.session.set_text_scale(2.0)
        for screen in ("sources", "glossary", "help"):
            ui.app.show(Location(screen))
            ui.pump(2)
            sizer = ui.app.sizer
            assert sizer.controls < 2.0
            body = ui.app.current_screen.body
            assert body.font_size == whole_px(2 * BODY_FONT_MM * sizer.px_per_mm)
            room = ui.app.current_screen.layout(ui.app.current_screen.document()).body_height
            assert room >= MIN_BODY_LINES * LINE_HEIGHT * body.font_size
            assert layout_problems(ui) == []
    finally:
        ui.app.replace_data(kiosk_data)


def test_the_welcome_screen_fits_a_15_inch_screen_whichever_language_is_chosen(
        ui, kiosk_data):
    """A regional name ("Português (Brasil)") that would cost a row of language buttons gives
    way to the language's name, the same whether or not it is the one chosen; then every
    language and the disclaimer fit at every text size."""
    from dataclasses import replace

    from kiosk.config import ScreenSize

    short = replace(kiosk_data.config, screen=ScreenSize(344, 194))
    ui.app.replace_data(replace(kiosk_data, config=short))
    try:
        problems, names = [], set()
        for language in ("en", "pt_BR", "ar"):
            for scale in (1.0, 1.25, 1.5, 2.0):
                ui.app.session.language = language
                ui.app.session.set_text_scale(scale)
                ui.app.show(Location("welcome"))
                ui.pump(1)
                problems += [f"{language} {scale}: {p}" for p in layout_problems(ui)]
                names |= {b.text for b in ui.buttons() if b.action == "language:pt_BR"}
        assert problems == []
        assert len(names) == 1 and next(iter(names)).startswith("Português")
    finally:
        ui.app.replace_data(kiosk_data)


def test_next_topic_is_laid_out_while_the_last_page_is_read(ui):
    """After a page is drawn, what Next opens is paginated and shaped in the idle time, so the
    turn only builds widgets; the page it then shows starts the next topic, fully shaped."""
    ui.app.session.language = "ar"
    first, second = ui.app.data.content.sections[:2]
    ui.app.show(Location("reader", first.id))
    reader = ui.app.current_screen
    ui.app.show(Location("reader", first.id, reader.page_count() - 1))
    ui.pump(4)  # the frame is drawn, then the idle work runs
    assert second.id in {key[0] for key in reader._layouts}
    ui.tap("next")
    assert ui.app.session.location == Location("reader", second.id, 0)
    body = ui.app.current_screen.body
    from kiosk.content import localized

    start = localized.paragraphs(second, 0)[0].split()[:3]
    assert body.source_text.split()[:3] == start
    assert body.markup and body.text and body.width > 0


def test_the_next_page_is_built_and_drawn_ahead_and_the_turn_shows_it(ui):
    ui.tap("language:zh_Hans")
    ui.tap(f"topic:{ui.app.data.content.sections[0].id}")
    ui.pump(4)  # drawn; then the idle work builds page 2's body
    reader = ui.app.current_screen
    ahead = reader._ahead[1]
    assert ahead.texture is not None and ahead.parent is None  # drawn, not yet shown
    ui.tap("next")
    assert reader.body is ahead and ahead.parent is not None
    assert ahead.width == pytest.approx(reader.layout(reader.document()).body_width)
    assert ahead.texture.size[1] == pytest.approx(ahead.height)  # nothing re-wrapped or cut


def test_a_body_built_ahead_is_not_shown_after_the_theme_or_size_changed(ui):
    ui.tap("language:en")
    ui.tap(f"topic:{ui.app.data.content.sections[0].id}")
    ui.pump(4)
    ahead = ui.app.current_screen._ahead[1]
    ui.app.session.theme = "light"  # as the Display screen would, without leaving the page
    ui.tap("next")  # the turn applies the theme, then builds the page
    assert ui.app.theme.name == "light"
    body = ui.app.current_screen.body
    assert body is not ahead
    assert tuple(body.color[:3]) == pytest.approx(ui.app.theme.text)


# Contrast on rendered pixels -------------------------------------------------------------------
# The theme's colour pairs are checked by arithmetic (tests/unit/display/test_theme.py, the
# audit); these tests confirm them on what the window really shows: a label drawn over the
# wrong fill, with a default colour, or faded by opacity would pass the arithmetic and fail
# here.

def _frame_image(ui) -> Image.Image:
    width, height, pixels = ui.frame()
    return Image.frombytes("RGBA", (width, height), pixels).transpose(
        Image.Transpose.FLIP_TOP_BOTTOM).convert("RGB")


def _box(widget, inset: float, height: int) -> tuple[int, int, int, int]:
    from kiosk.ui.headless.fit_audit import window_rect

    x0, y0, x1, y1 = window_rect(widget)
    return (round(x0 + inset), round(height - y1 + inset), round(x1 - inset),
            round(height - y0 - inset))


def _rgb(colour: tuple[int, int, int]) -> tuple[float, float, float]:
    return tuple(c / 255 for c in colour)


def rendered_text_contrast(image: Image.Image, widget, inset: float) -> float:
    """Contrast between a label's background (its commonest colour) and its ink (the
    commonest of the colours far from the background: the inside of the strokes, not their
    anti-aliased edges)."""
    from kiosk.display.theme import contrast_ratio

    crop = image.crop(_box(widget, inset, image.height))
    colours = sorted(crop.getcolors(crop.width * crop.height), reverse=True)
    background = colours[0][1]
    far = [(count, c) for count, c in colours[1:50]  # ink is among the commonest
           if contrast_ratio(_rgb(c), _rgb(background)) >= 2.0]
    assert far, f"no text drawn in {widget.text[:30]!r}"
    return contrast_ratio(_rgb(max(far)[1]), _rgb(background))


def rendered_edge_contrast(image: Image.Image, widget, outside_px: float,
                           beyond_px: int) -> float:
    """Contrast of a line drawn round ``widget`` (its edge, or the focus ring just outside it)
    against the window background ``beyond_px`` further out, read along the widget's top."""
    from kiosk.display.theme import contrast_ratio

    x0, top, x1, _bottom = _box(widget, 0, image.height)
    mid = (x0 + x1) // 2
    line = image.getpixel((mid, round(top - outside_px)))
    beyond = image.getpixel((mid, round(top - outside_px) - beyond_px))
    return contrast_ratio(_rgb(line), _rgb(beyond))


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_every_label_meets_7_to_1_on_rendered_pixels(ui, theme):
    from kiosk.ui.headless.fit_audit import visible_labels

    ui.app.session.theme = theme
    ui.app.session.set_text_scale(1.0)
    worst = (99.0, "")

    def measure(labels, where: str) -> None:
        nonlocal worst
        image = _frame_image(ui)
        for label in labels:
            inset = label.edge_width * 2 + 2 if isinstance(label, KioskButton) else 0
            ratio = rendered_text_contrast(image, label, inset)
            worst = min(worst, (ratio, f"{where} {label.text[:30]!r}"))

    for language in ("en", "ar", "zh_Hans"):  # three scripts, and the mirrored layout
        ui.app.session.language = language
        for name, where in list(every_view(ui.app)):
            ui.app.show(where)
            measure(visible_labels(ui.app), f"{language} {name}")
    ui.app.show(Location("topics"))
    ui.idle(ui.app.data.config.idle_timeout_seconds + 1)
    ui.app.check_idle()  # "Are you still there?"
    ui.pump(2)
    warning = ui.app.idle_warning
    assert warning is not None
    measure([w for w in warning.walk(restrict=True) if isinstance(w, Label) and w.text],
            "idle warning")
    assert worst[0] >= 7.0, worst


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_control_edges_and_the_focus_ring_meet_3_to_1_on_rendered_pixels(ui, theme):
    ui.app.session.theme = theme
    ui.app.show(Location("settings"))
    ui.key(9)  # Tab: the focus ring appears round the first control
    image = _frame_image(ui)
    focused = ui.app.keys.focused_button()
    ring = max(3.0, ui.app.sizer.px(FOCUS_RING_MM))  # as thick as it is far out
    assert rendered_edge_contrast(image, focused, ring, round(ring) + 2) >= 3.0
    x0, top, x1, _bottom = _box(focused, 0, image.height)
    column = [image.getpixel(((x0 + x1) // 2, top - k)) for k in range(1, round(3 * ring))]
    ring_colour = tuple(round(c * 255) for c in ui.app.theme.focus)
    assert column.count(ring_colour) >= 3  # at least 3 px thick
    for button in ui.buttons():
        if button is not focused:  # the edge's first row inside, the background just outside
            assert rendered_edge_contrast(image, button, -1, 5) >= 3.0, button.action
