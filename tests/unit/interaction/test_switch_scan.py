"""Single-switch scanning timing, on a clock the test moves."""

from kiosk.interaction.switch_scan import ROUNDS_BEFORE_STOPPING, SwitchScan


def test_first_press_starts_then_presses_select():
    scan = SwitchScan(interval=1.5)
    assert scan.press(0.0) == "start"
    assert scan.active
    assert scan.press(0.4) == "select"


def test_the_highlight_moves_once_per_interval_and_not_before():
    scan = SwitchScan(interval=1.5)
    scan.press(10.0)
    assert scan.steps_due(11.4, controls=5) == 0
    assert scan.steps_due(11.5, controls=5) == 1
    assert scan.steps_due(12.9, controls=5) == 0
    assert scan.steps_due(13.0, controls=5) == 1
    assert scan.steps_due(16.1, controls=5) == 2  # a stalled frame catches up, in order


def test_a_selection_restarts_the_interval():
    scan = SwitchScan(interval=2.0)
    scan.press(0.0)
    scan.press(1.9)  # selects
    assert scan.steps_due(3.0, controls=5) == 0
    assert scan.steps_due(3.9, controls=5) == 1


def test_it_stops_after_a_few_untouched_rounds():
    scan = SwitchScan(interval=1.0)
    scan.press(0.0)
    moves = sum(scan.steps_due(t + 1.0, controls=4) for t in range(ROUNDS_BEFORE_STOPPING * 4))
    assert moves == ROUNDS_BEFORE_STOPPING * 4
    assert not scan.active
    assert scan.steps_due(100.0, controls=4) == 0
    assert scan.press(101.0) == "start"  # the switch starts it again


def test_nothing_moves_when_not_scanning():
    scan = SwitchScan(interval=1.0)
    assert scan.steps_due(50.0, controls=3) == 0
    scan.restart(50.0)
    assert not scan.active
