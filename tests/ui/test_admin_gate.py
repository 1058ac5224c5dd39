"""The staff exit on the real kiosk: corner hold, PIN pad, lockout and the staff screen."""

import logging
from dataclasses import replace

import pytest
from kivy.core.window import Window
from kivy.uix.label import Label

from kiosk.admin.pin import hash_pin
from kiosk.interaction.session import Location
from kiosk.ui.widgets import TextBlock

PIN = "2468"
PIN_HASH = hash_pin(PIN)


@pytest.fixture
def staff(ui, kiosk_data):
    """The kiosk with a staff PIN set, an exit that only records, and a tap clock that moves
    only when the test says (``ui.idle``), so 4.9 s and 5 s are exact on any machine."""
    app = ui.app
    gate = app.admin_gate
    gate.lockout.clear()  # wrong tries are counted across visits
    exits = []
    gate.on_exit = lambda: exits.append(True)
    ui.exits = exits
    app.replace_data(replace(kiosk_data, config=replace(kiosk_data.config,
                                                        admin_pin_hash=PIN_HASH)))
    ui.idle(5)
    ui.pump(2)
    yield ui
    gate.on_exit = app.stop
    app.replace_data(kiosk_data)


def screen(ui) -> str:
    return ui.app.manager.current


def corner(ui, inset_mm=4.0):
    inset = ui.app.sizer.px(inset_mm)
    return inset, Window.height - inset


def hold(ui, seconds, at=None):
    """A finger down at ``at`` (the corner), resting for ``seconds``; returns the touch."""
    touch = ui.down(*(at or corner(ui)))
    ui.idle(seconds)
    ui.pump(2)
    return touch


def type_pin(ui, pin):
    for digit in pin:
        ui.tap(f"pin:{digit}")
    ui.tap("pin:ok")


def status(ui) -> str:
    return ui.app.current_screen.status.source_text


def test_holding_the_corner_5_seconds_opens_the_pin_pad(staff):
    touch = hold(staff, 4.9)
    assert screen(staff) == "welcome"
    staff.idle(0.11)
    staff.pump(2)
    assert screen(staff) == "pin"
    staff.up(touch)
    assert screen(staff) == "pin"
    assert staff.app.current_screen.dots.count == 0


def test_a_shorter_hold_then_another_does_not_add_up(staff):
    staff.up(hold(staff, 4.9))
    staff.idle(1)
    staff.up(hold(staff, 4.9))
    assert screen(staff) == "welcome"


def test_sliding_out_of_the_corner_cancels_the_hold(staff):
    x, y = corner(staff)
    touch = staff.down(x, y)
    staff.move(touch, x + staff.app.sizer.px(30), y)
    staff.move(touch, x, y)  # back in: the hold does not resume
    staff.idle(6)
    staff.pump(2)
    staff.up(touch)
    assert screen(staff) == "welcome"


def test_a_second_finger_cancels_the_hold(staff):
    touch = staff.down(*corner(staff))
    palm = staff.down(Window.width / 2, Window.height / 2)
    staff.idle(6)
    staff.pump(2)
    staff.up(palm)
    staff.up(touch)
    assert screen(staff) == "welcome"


def test_the_hold_never_presses_the_control_under_the_corner(staff):
    staff.tap("language:en")
    staff.app.show(Location("sources"))
    staff.pump(2)
    home = staff.button("home")  # the top bar's first button reaches into the corner
    x0, y0 = home.to_window(home.x, home.y)
    inside = (x0 + staff.app.sizer.px(1), y0 + home.height - staff.app.sizer.px(1))
    assert staff.app.admin_gate.in_corner(*inside)
    touch = hold(staff, 5.0, at=inside)
    assert screen(staff) == "pin"
    staff.up(touch)
    assert screen(staff) == "pin"  # lifting did not press Home
    staff.tap("pin:cancel")
    assert screen(staff) == "sources"


def test_without_a_pin_the_corner_does_nothing_but_log(staff, kiosk_data, caplog):
    staff.app.replace_data(kiosk_data)  # the shipped config: no PIN set
    with caplog.at_level(logging.INFO, logger="kiosk.ui.admin_gate"):
        staff.up(hold(staff, 6))
    assert screen(staff) == "welcome"
    assert "no admin PIN set" in caplog.text


def test_a_wrong_pin_is_refused_and_shows_no_digits(staff):
    staff.up(hold(staff, 5))
    pad = staff.app.current_screen
    for digit in "1357":
        staff.tap(f"pin:{digit}")
    assert pad.dots.count == 4
    staff.tap("pin:delete")
    assert pad.dots.count == 3
    staff.tap("pin:ok")
    assert screen(staff) == "pin"
    assert status(staff) == "Wrong PIN. Try again."
    assert pad.dots.count == 0
    assert pad.digits == ""  # kept only until OK
    assert not any("135" in w.text for w in staff.widgets() if isinstance(w, Label))


def test_five_wrong_pins_lock_the_pad_for_60_seconds(staff):
    staff.up(hold(staff, 5))
    for _ in range(4):
        type_pin(staff, "0000")
        assert status(staff) == "Wrong PIN. Try again."
    type_pin(staff, "0000")
    assert status(staff) == "Too many wrong tries. Wait 60 seconds, then try again."
    type_pin(staff, PIN)  # even the right PIN, while locked
    assert screen(staff) == "pin"
    assert status(staff).startswith("Too many wrong tries. Wait ")
    staff.tap("pin:cancel")
    staff.up(hold(staff, 5))  # coming back does not lift the lock
    assert status(staff).startswith("Too many wrong tries")
    staff.idle(61)
    type_pin(staff, PIN)
    assert screen(staff) == "admin"


def test_the_right_pin_shows_the_staff_screen_with_its_facts(staff):
    staff.up(hold(staff, 5))
    type_pin(staff, PIN)
    assert screen(staff) == "admin"
    shown = "\n".join(w.source_text for w in staff.widgets() if isinstance(w, TextBlock))
    meta = staff.app.data.content.metadata
    assert f"version {meta.content_version}" in shown
    assert f"facts checked {meta.checked_on.isoformat()}" in shown
    assert "fr: offered; 100% translated, 0 fuzzy, 0 problem(s)" in shown
    assert "ar: offered;" in shown and "zh_Hans: offered;" in shown
    assert "SpySynthesizer: a stand-in" in shown and "voices for en, fr" in shown
    assert "476 x 268 mm (from the config), 1920 x 1080 pixels" in shown
    assert "Last check\nnot run in this session" in shown
    assert {b.action for b in staff.buttons()} >= {"admin:exit", "admin:leave"}


def test_the_staff_screen_shows_the_startup_check(staff):
    from kiosk.admin.status import StartupCheck

    staff.app.admin_gate.startup_check = check = StartupCheck(None)
    try:
        check.run_now()  # the real check, as the kiosk runs it after starting
        staff.up(hold(staff, 5))
        type_pin(staff, PIN)
        shown = "\n".join(w.source_text for w in staff.widgets() if isinstance(w, TextBlock))
        assert f"Last check\n{check.result.summary()}" in shown
        assert " warning(s), at " in check.result.summary()
    finally:
        staff.app.admin_gate.startup_check = None


def test_exit_kiosk_requests_the_stop(staff):
    staff.up(hold(staff, 5))
    type_pin(staff, PIN)
    staff.tap("admin:exit")
    assert staff.exits == [True]


def test_back_to_visitor_mode_starts_a_fresh_visit(staff):
    staff.tap("language:fr")
    staff.up(hold(staff, 5))
    type_pin(staff, PIN)
    staff.tap("admin:leave")
    assert screen(staff) == "welcome"
    assert staff.app.session.language == "en"
    assert staff.exits == []


def test_leaving_the_staff_screen_locks_it(staff):
    staff.up(hold(staff, 5))
    type_pin(staff, PIN)
    staff.tap("help")
    staff.tap("back")
    assert screen(staff) == "admin"
    actions = {b.action for b in staff.buttons()}
    assert "admin:exit" not in actions and "admin:leave" in actions
    staff.app.admin_gate.exit_kiosk()
    assert staff.exits == []


def test_the_idle_reset_leaves_the_pin_pad_as_usual(staff):
    staff.up(hold(staff, 5))
    staff.tap("pin:1")
    staff.idle(staff.app.data.config.idle_timeout_seconds + 1)
    staff.app.check_idle()
    assert staff.app.idle_warning is not None
    staff.idle(staff.app.data.config.idle_warning_seconds + 1)
    staff.app.check_idle()
    assert screen(staff) == "welcome"
    staff.up(hold(staff, 5))
    assert staff.app.current_screen.dots.count == 0  # nothing typed survives


def test_the_pin_pad_works_from_the_keyboard(staff):
    staff.up(hold(staff, 5))
    for digit in PIN:
        while staff.app.keys.focused_button() is None or \
                staff.app.keys.focused_button().action != f"pin:{digit}":
            staff.key(9)  # Tab
        staff.key(13)  # Enter
    assert staff.app.current_screen.dots.count == 4
    while staff.app.keys.focused_button().action != "pin:ok":
        staff.key(9)
    staff.key(13)
    assert screen(staff) == "admin"


def test_the_pin_pad_speaks_the_visitors_language(staff):
    staff.tap("language:fr")
    staff.up(hold(staff, 5))
    pad = staff.app.current_screen
    assert pad.title_text != "Staff PIN"
    assert staff.button("pin:cancel").source_text != "Cancel"


def test_with_the_audio_guide_on_pin_keys_act_at_once_and_are_never_read_out(staff):
    staff.tap("audio_guide")
    staff.tap("audio_guide")  # the guide's first tap speaks, the second switches it on
    assert staff.app.session.speech.audio_guide
    staff.up(hold(staff, 5))
    pad = staff.app.current_screen
    said = staff.app.speech.synthesizer.spoken
    before = len(said)
    for digit in "2468":
        staff.tap(f"pin:{digit}")
        staff.app.keys.move_focus(+1)  # keyboard or switch focus on a key says nothing either
    assert pad.dots.count == 4
    assert not any(ch in u.text for u in said[before:] for ch in "2468")


def test_escape_alt_f4_and_close_requests_never_exit(staff):
    closed = []
    Window.bind(on_close=lambda *_: closed.append(True))
    for key, modifiers in ((27, []), (285, ["alt"])):
        Window.dispatch("on_key_down", key, 0, None, modifiers)
        Window.dispatch("on_keyboard", key, 0, None, modifiers)
        Window.dispatch("on_key_up", key, 0)
    assert Window.dispatch("on_request_close", source="keyboard") is True
    staff.pump(2)
    assert not closed and staff.exits == []
    assert screen(staff) == "welcome"
