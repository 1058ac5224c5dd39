"""Single-switch scanning on the real UI: the switch key (F8 by default) sent as a real key
event, time moved on the driver's virtual clock."""

from dataclasses import replace

import pytest
from kivy.core.window import Keyboard

F8 = Keyboard.keycodes["f8"]


def wait(ui, seconds: float) -> None:
    ui.idle(seconds)
    ui.app.scanner.tick(0)
    ui.pump(1)


def highlighted(ui) -> str | None:
    focused = ui.app.keys.focused_button()
    return focused.action if focused is not None else None


@pytest.fixture
def scanning(ui):
    yield ui
    ui.app.scanner.stop()


def test_the_switch_starts_a_scan_that_moves_every_interval(scanning):
    ui = scanning
    order = [b.action for b in ui.app.keys.focus_order()]
    ui.key(F8)
    assert highlighted(ui) == order[0]
    wait(ui, 1.4)
    assert highlighted(ui) == order[0]
    wait(ui, 0.1)
    assert highlighted(ui) == order[1]
    wait(ui, 1.5)
    assert highlighted(ui) == order[2]


def test_the_scan_moves_on_by_itself_on_kivys_clock(scanning):
    ui = scanning
    ui.key(F8)
    first = highlighted(ui)
    ui.idle(1.5)
    ui.pump(10)  # the scanner's own clock event runs within these frames
    assert highlighted(ui) not in (None, first)


def test_a_press_activates_the_highlighted_control(scanning):
    ui = scanning
    ui.key(F8)
    while highlighted(ui) != "language:fr":
        wait(ui, 1.5)
    ui.key(F8)
    assert ui.app.session.language == "fr"
    assert ui.app.manager.current == "topics"


def test_every_control_is_reached_in_one_round(scanning):
    ui = scanning
    ui.app.show(ui.app.session.location.__class__("sources"))
    expected = {b.action for b in ui.buttons()}
    ui.key(F8)
    seen = {highlighted(ui)}
    for _ in range(len(expected) - 1):
        wait(ui, 1.5)
        seen.add(highlighted(ui))
    assert seen == expected


def test_after_next_the_highlight_stays_on_next(scanning):
    ui = scanning
    ui.tap("language:en")
    ui.app.show(ui.app.session.location.__class__("sources"))  # several pages
    ui.key(F8)
    while highlighted(ui) != "next":
        wait(ui, 1.5)
    ui.key(F8)
    assert ui.app.session.location.page == 1
    assert highlighted(ui) == "next"
    ui.key(F8)
    assert ui.app.session.location.page == 2


def test_untouched_the_scan_stops_and_a_touch_ends_it(scanning):
    ui = scanning
    ui.key(F8)
    controls = len(ui.app.keys.focus_order())
    wait(ui, 1.5 * 3 * controls)
    assert not ui.app.scanner.active and highlighted(ui) is None
    ui.key(F8)
    assert ui.app.scanner.active
    ui.tap_at(5, 5)
    assert not ui.app.scanner.active and highlighted(ui) is None


def test_the_switch_key_and_interval_come_from_the_config(ui, kiosk_data):
    config = replace(kiosk_data.config, scan_key="spacebar", scan_interval_seconds=3.0)
    ui.app.replace_data(replace(kiosk_data, config=config))
    try:
        ui.key(F8)
        assert not ui.app.scanner.active  # F8 is now an ordinary key
        ui.key(Keyboard.keycodes["spacebar"])
        first = highlighted(ui)
        wait(ui, 1.5)
        assert highlighted(ui) == first
        wait(ui, 1.5)
        assert highlighted(ui) != first
    finally:
        ui.app.scanner.stop()
        ui.app.replace_data(kiosk_data)


def test_a_reset_ends_the_scan(scanning):
    ui = scanning
    ui.key(F8)
    ui.app.reset_visit()
    assert not ui.app.scanner.active and highlighted(ui) is None
