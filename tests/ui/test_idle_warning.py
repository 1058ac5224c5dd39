""""Are you still there?": the warning itself, made as the app makes it, on the real window.
When it is shown is the idle timer's business (``kiosk.interaction.idle``), not tested here."""

import contextlib

from kivy.core.window import Window
from PIL import Image, ImageChops

from kiosk.ui.idle_warning import IdleWarning
from kiosk.ui.widgets import KioskButton, TextBlock


def texts(warning) -> list[str]:
    return [w.source_text for w in warning.walk(restrict=True)
            if isinstance(w, TextBlock) and w.source_text]


def buttons(warning) -> list[KioskButton]:
    return [w for w in warning.walk(restrict=True) if isinstance(w, KioskButton)]


@contextlib.contextmanager
def shown(ui, warning):
    """Over the current screen, as the app shows it; taken away again afterwards."""
    ui.app.root.add_widget(warning)
    ui.pump(3)
    try:
        yield warning
    finally:
        ui.app.root.remove_widget(warning)
        ui.pump(2)


def test_it_asks_and_says_how_many_seconds_are_left(ui):
    short, long = IdleWarning(20), IdleWarning(45)
    assert short.question == "Are you still there?"
    assert short.spoken().startswith("Are you still there? Touch the screen to carry on.")
    assert short.spoken().endswith("in 20 seconds.") and long.spoken().endswith("in 45 seconds.")
    assert short.spoken().replace("20", "45") == long.spoken()  # only the number differs


def test_what_it_says_is_what_it_shows(ui):
    warning = IdleWarning(30)
    assert texts(warning) == [warning.question, warning.detail]
    assert warning.spoken() == " ".join(texts(warning))
    [carry_on] = buttons(warning)
    assert carry_on.action == "carry_on" and carry_on.text == "Carry on" and carry_on.primary


def test_it_is_in_the_visitors_language(ui):
    ui.tap("language:fr")
    warning = IdleWarning(25)
    assert warning.question.startswith("Êtes-vous toujours là")
    assert warning.spoken().endswith("dans 25\u00a0secondes.")  # French spacing
    assert [b.text for b in buttons(warning)] == ["Continuer"]
    ui.app.go_welcome()
    ui.tap("language:ar")
    arabic = IdleWarning(25)
    assert arabic.question.startswith("هل ما زال")  # addresses every reader, not only men
    assert "25 ثانية" in arabic.spoken()
    assert [b.source_text for b in buttons(arabic)] == ["متابعة"]


def test_right_to_left_text_is_right_aligned(ui, tmp_path):
    english = IdleWarning(30)
    assert {w.halign for w in english.walk(restrict=True) if isinstance(w, TextBlock)} == {"left"}
    ui.tap("language:ar")
    arabic = IdleWarning(30)
    blocks = [w for w in arabic.walk(restrict=True) if isinstance(w, TextBlock)]
    assert blocks and all(b.halign == "right" and b.rtl for b in blocks)
    assert all(b.rtl for b in buttons(arabic))
    background = tuple(round(c * 255) for c in ui.app.theme.background)
    with shown(ui, arabic):
        question = next(b for b in blocks if b.source_text == arabic.question)
        x0, y0 = question.to_window(*question.pos)
        with Image.open(ui.screenshot(tmp_path / "ar.png")) as image:
            rgb = image.convert("RGB")
        row = rgb.crop((0, round(rgb.height - y0 - question.height), rgb.width,
                        round(rgb.height - y0)))
        ink = Image.new("RGB", row.size, background)
        left, _top, right, _bottom = ImageChops.difference(row, ink).getbbox()
    assert left > Window.width / 2  # the short question sits at the right...
    assert abs(right - (x0 + question.width)) < 10  # ...against the right margin


def test_it_covers_the_whole_screen_hiding_what_lies_beneath(ui, tmp_path):
    background = tuple(round(c * 255) for c in ui.app.theme.background)
    display = ui.button("display")  # on the top bar, where the warning has no text
    english = ui.button("language:en")  # chosen: a colour nothing else on the screen has

    def look(name):
        """(colours where the Display button is, the English button's fill, all colours)."""
        with Image.open(ui.screenshot(tmp_path / f"{name}.png")) as image:
            rgb = image.convert("RGB")

            def box(widget):
                x0, y0 = widget.to_window(*widget.pos)
                return (round(x0), round(rgb.height - y0 - widget.height),
                        round(x0 + widget.width), round(rgb.height - y0))

            colours = {c for _n, c in rgb.getcolors(maxcolors=1 << 21)}
            x0, top, _x1, bottom = box(english)
            fill = rgb.getpixel((x0 + 20, (top + bottom) // 2))
            return {c for _n, c in rgb.crop(box(display)).getcolors(maxcolors=1 << 21)}, \
                fill, colours

    where_display_was, chosen, _colours = look("welcome")
    assert where_display_was != {background} and chosen != background
    with shown(ui, IdleWarning(30)) as warning:
        assert tuple(warning.to_window(*warning.pos)) == (0, 0)
        assert tuple(warning.size) == tuple(Window.size)
        assert tuple(warning._bg.size) == tuple(Window.size)  # its background follows it
        where_display_was, _fill, colours = look("warning")
        assert where_display_was == {background}  # the top bar is hidden too
        assert chosen not in colours  # and nothing of the screen beneath shows through
        [carry_on] = buttons(warning)
        assert carry_on.to_window(*carry_on.pos)[1] > Window.height / 2  # near the question
    assert look("after")[1] == chosen
