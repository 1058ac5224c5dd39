"""Touch rules on real buttons: act on release inside, never on touch-down."""

from dataclasses import replace

import pytest


def centre(button):
    return button.to_window(*button.center)


def test_nothing_happens_on_touch_down(ui):
    x, y = centre(ui.button("language:en"))
    touch = ui.down(x, y)
    assert ui.app.manager.current == "welcome"
    ui.up(touch)
    assert ui.app.manager.current == "topics"


def test_sliding_off_before_lifting_cancels(ui):
    button = ui.button("language:en")
    x, y = centre(button)
    touch = ui.down(x, y)
    ui.move(touch, x, button.to_window(0, button.top)[1] + 200)
    ui.up(touch)
    assert ui.app.manager.current == "welcome"


def test_a_second_finger_is_ignored(ui):
    button = ui.button("language:en")
    palm = ui.down(5, 5)  # resting on the background
    x, y = centre(button)
    ui.tap_at(x, y)
    assert ui.app.manager.current == "welcome"
    ui.up(palm)
    ui.idle(1)
    ui.tap_at(x, y)
    assert ui.app.manager.current == "topics"


def test_a_tremor_double_tap_counts_once(ui):
    ui.tap("language:en")
    longest = max(ui.app.data.content.sections, key=lambda s: len(s.pages)).id
    ui.tap(f"topic:{longest}")
    assert ui.app.current_screen.page_count() >= 3
    x, y = centre(ui.button("next"))
    ui.tap_at(x, y)  # too soon after choosing the topic: a tremor's repeat lands here too
    assert ui.app.session.location.page == 0
    ui.idle(1)
    ui.tap_at(x, y)
    ui.tap_at(x, y)  # immediately again: within the 500 ms guard
    assert ui.app.session.location.page == 1
    ui.idle(0.6)
    ui.tap_at(x, y)
    assert ui.app.session.location.page == 2


@pytest.fixture
def configured(ui, kiosk_data):
    """The running kiosk with some config values changed, restored afterwards. The tap
    policy's clock moves only when the test says so (``ui.idle``), not with real time, so
    the durations below are exact however slow the machine is."""

    def use(**changes):
        ui.app.replace_data(replace(kiosk_data, config=replace(kiosk_data.config, **changes)))
        ui.idle(5)
        ui.pump(2)
        return ui

    yield use
    ui.app.replace_data(kiosk_data)


def test_configured_hold_time_must_pass_before_a_release_counts(configured):
    ui = configured(hold_ms=400)
    x, y = centre(ui.button("language:en"))
    touch = ui.down(x, y)
    ui.idle(0.39)
    ui.up(touch)
    assert ui.app.manager.current == "welcome"  # lifted too soon
    ui.idle(1)
    touch = ui.down(x, y)
    ui.idle(0.41)
    ui.up(touch)
    assert ui.app.manager.current == "topics"


def test_configured_repeat_guard_is_used(configured):
    ui = configured(repeat_ignore_ms=1200)
    ui.tap("language:en")
    ui.tap("display", wait=1.19)  # still within 1.2 s of choosing the language
    assert ui.app.manager.current == "topics"
    ui.tap("display", wait=1.21)
    assert ui.app.manager.current == "settings"


def test_repeat_guard_can_be_turned_off(configured):
    ui = configured(repeat_ignore_ms=0)
    ui.tap("language:en")
    ui.tap("display", wait=0.0)
    assert ui.app.manager.current == "settings"


def test_screens_change_without_movement_unless_animations_are_turned_on(configured):
    from kivy.uix.screenmanager import FadeTransition, NoTransition

    ui = configured()
    assert isinstance(ui.app.manager.transition, NoTransition)
    ui = configured(animations=True)
    assert isinstance(ui.app.manager.transition, FadeTransition)
    ui.tap("language:en")
    for _ in range(30):  # let the fade run its course (0.2 s)
        ui.pump(1)
    assert ui.app.manager.current == "topics"
    assert ui.button("topic:" + ui.app.data.content.sections[0].id)
