"""The headless driver: real touches through Kivy's input queue, the buttons a visitor can see,
keys, time that passes only when told, and what the window shows. (A touch that slides off a
button before lifting is ``tests/ui/test_widgets.py``'s subject.)"""

import time

from kivy.core.window import Window
from PIL import Image

from kiosk.ui.widgets import KioskButton


def test_a_tap_on_a_named_button_goes_where_that_button_leads(ui):
    ui.tap("help")
    assert ui.app.manager.current == "help"
    ui.tap("back")
    assert ui.app.manager.current == "welcome"
    ui.tap("language:de")
    assert ui.app.manager.current == "topics" and ui.app.session.language == "de"


def test_a_tap_reaches_the_window_as_a_real_touch_at_the_buttons_centre(ui):
    seen = []

    def on_motion(_window, kind, event):
        seen.append((kind, event))  # its window position is filled in after this handler

    button = ui.button("display")
    centre = button.to_window(*button.center)
    Window.bind(on_motion=on_motion)
    try:
        ui.tap("display")
    finally:
        Window.unbind(on_motion=on_motion)
    assert [kind for kind, _event in seen] == ["begin", "end"]
    [touch] = {event for _kind, event in seen}  # one finger, down then up
    assert touch.device == "kiosk-driver" and touch.is_touch
    assert abs(touch.x - centre[0]) <= 1 and abs(touch.y - centre[1]) <= 1
    assert ui.app.manager.current == "settings"


def test_buttons_are_only_those_a_visitor_can_see_and_use(ui):
    in_bar = {w.action: w for w in ui.app.topbar.walk(restrict=True)
              if isinstance(w, KioskButton)}
    hidden = {a for a, w in in_bar.items() if w.disabled or w.opacity == 0}
    assert {"home", "back"} <= hidden  # there on the welcome screen, but not shown
    actions = {b.action for b in ui.buttons()}
    assert not actions & hidden
    assert {"display", "help"} <= actions
    assert {f"language:{lang.code}" for lang in ui.app.data.languages} <= actions
    ui.tap("language:en")
    actions = {b.action for b in ui.buttons()}
    assert "back" in actions  # shown once there is somewhere to go back to
    assert not any(a.startswith("language:") for a in actions)  # the welcome screen's are gone


def test_asking_for_a_button_that_is_not_shown_names_the_ones_that_are(ui):
    try:
        ui.button("next")
    except LookupError as error:
        message = str(error)
    else:
        raise AssertionError("a button that is not on the welcome screen was found")
    assert message.startswith("no visible button 'next'; visible: ")
    assert "display" in message and "language:en" in message and "home" not in message


def test_time_passes_for_the_app_only_when_the_driver_says_so(ui):
    before = ui.app.clock()
    time.sleep(0.05)
    ui.pump(2)
    assert ui.app.clock() == before  # a slow machine does not age the visit
    ui.idle(2.5)
    assert ui.app.clock() == before + 2.5


def test_keys_go_to_the_app_and_say_whether_they_were_used(ui):
    assert not any(b.focused for b in ui.buttons())
    assert ui.key(9) is True  # Tab: the focus ring appears
    assert [b.focused for b in ui.buttons()].count(True) == 1
    assert ui.key(113, "q") is False  # "q" means nothing to the kiosk
    assert ui.app.manager.current == "welcome"


def test_the_frame_is_the_whole_window_and_the_screenshot_is_it_the_right_way_up(ui, tmp_path):
    width, height, pixels = ui.frame()
    assert (width, height) == tuple(Window.size)
    assert len(pixels) == width * height * 4
    frame = Image.frombytes("RGBA", (width, height), bytes(pixels))
    path = ui.screenshot(tmp_path / "deep" / "welcome.png")  # folders are made
    assert path == tmp_path / "deep" / "welcome.png"
    with Image.open(path) as shot:
        assert shot.format == "PNG" and shot.size == (width, height)
        rgb = shot.convert("RGB")
    assert rgb.tobytes() == frame.transpose(Image.Transpose.FLIP_TOP_BOTTOM).convert(
        "RGB").tobytes()  # the frame is bottom row first; the PNG is top row first
    background = tuple(round(c * 255) for c in ui.app.theme.background)
    top, bottom = (rgb.crop((0, y, width, y + height // 10)) for y in (0, height - height // 10))
    assert len(top.getcolors(1 << 20)) > 1  # the top bar's buttons are at the top
    assert [colour for _n, colour in bottom.getcolors(1 << 20)] == [background]
