"""Keys on the real window: focus in reading order, Enter presses, Backspace goes back, the
Help key speaks, a held key acts once, and Escape never closes the kiosk."""

from kivy.core.window import Window

from kiosk.ui.keys import KEY_BACKSPACE, KEY_ENTER, KEY_ESCAPE, KEY_TAB


def screen(ui) -> str:
    return ui.app.manager.current


def test_escape_and_close_requests_do_not_exit(ui):
    closed = []
    Window.bind(on_close=lambda *_: closed.append(True))
    assert ui.key(KEY_ESCAPE) is True  # Escape is swallowed
    assert Window.dispatch("on_request_close") is True  # a handler refused to close
    ui.pump(2)
    assert not closed
    assert screen(ui) == "welcome"


def test_backspace_goes_back_and_h_opens_help(ui):
    ui.tap("language:en")
    ui.key(104, "h")
    assert screen(ui) == "help"
    ui.key(KEY_BACKSPACE)
    assert screen(ui) == "topics"


def test_a_held_key_acts_once_however_long_it_is_held(ui):
    def key_down(key):
        Window.dispatch("on_key_down", key, 0, None, [])
        ui.pump(1)

    key_down(KEY_TAB)  # Tab, then the keyboard's auto-repeat while it stays down
    first = ui.app.keys.focused_button()
    assert first is not None
    for _ in range(30):
        ui.idle(0.05)
        key_down(KEY_TAB)
    assert ui.app.keys.focused_button() is first
    Window.dispatch("on_key_up", KEY_TAB, 0)
    ui.idle(0.2)
    ui.key(KEY_TAB)  # pressed again: moves on
    assert ui.app.keys.focused_button() is not first




def test_tab_follows_reading_order_and_shift_tab_goes_back(ui):
    order = ui.app.keys.focus_order()
    tops = [round(b.to_window(b.x, b.top)[1]) for b in order]
    assert tops == sorted(tops, reverse=True)  # top of the screen first
    ui.key(KEY_TAB)
    ui.key(KEY_TAB)
    assert ui.app.keys.focused_button() is order[1]
    Window.dispatch("on_key_down", KEY_TAB, 0, None, ["shift"])
    Window.dispatch("on_key_up", KEY_TAB, 0)
    ui.pump(2)
    assert ui.app.keys.focused_button() is order[0]


def test_enter_presses_the_focused_control(ui):
    ui.app.keys.move_focus(+1)
    while not ui.app.keys.focused_button().action.startswith("language:"):
        ui.app.keys.move_focus(+1)
    ui.idle(1)
    ui.key(KEY_ENTER)
    assert screen(ui) == "topics"


def test_h_turns_the_audio_guide_on_and_announces_help(ui):
    spoken = ui.app.speech.synthesizer.spoken
    before = len(spoken)
    ui.key(ord("h"), "h")
    assert screen(ui) == "help" and ui.app.session.speech.audio_guide
    assert any(u.text.startswith(ui.app.current_screen.title_text.rstrip(".")) for u in
               spoken[before:])
