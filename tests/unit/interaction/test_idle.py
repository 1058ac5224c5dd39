"""The idle timer: a quiet spell warns, an unanswered warning ends the visit, any touch answers."""

from kiosk.interaction.idle import IdleTimer, IdleVerdict
from kiosk.stand_ins import ManualClock


def timer() -> tuple[IdleTimer, ManualClock]:
    clock = ManualClock()
    return IdleTimer(timeout_seconds=90, warning_seconds=20, clock=clock), clock


def test_quiet_time_warns_then_ends_the_visit():
    idle, clock = timer()
    clock.advance(89)
    assert idle.check(fresh_visit=False) is IdleVerdict.NOTHING
    clock.advance(1)
    assert idle.check(fresh_visit=False) is IdleVerdict.WARN and idle.warning
    clock.advance(19)
    assert idle.check(fresh_visit=False) is IdleVerdict.NOTHING  # the warning counts down
    clock.advance(1)
    assert idle.check(fresh_visit=False) is IdleVerdict.END_VISIT and not idle.warning


def test_a_touch_answers_the_warning_and_starts_the_quiet_time_again():
    idle, clock = timer()
    clock.advance(95)
    assert idle.check(fresh_visit=False) is IdleVerdict.WARN
    assert idle.activity() is True  # it answered the warning
    assert idle.activity() is False  # a second touch is just a touch
    clock.advance(60)
    assert idle.check(fresh_visit=False) is IdleVerdict.NOTHING and idle.seconds_quiet() == 60


def test_a_visit_nobody_has_changed_is_never_warned():
    idle, clock = timer()
    clock.advance(1000)
    assert idle.check(fresh_visit=True) is IdleVerdict.NOTHING and not idle.warning


def test_a_new_visit_starts_its_own_quiet_time():
    idle, clock = timer()
    clock.advance(95)
    idle.check(fresh_visit=False)
    idle.restart()
    assert not idle.warning
    clock.advance(89)
    assert idle.check(fresh_visit=False) is IdleVerdict.NOTHING
