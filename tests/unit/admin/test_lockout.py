"""The PIN lockout: five wrong PINs in a row lock the pad for a minute; a right one resets."""

from kiosk.admin.lockout import LOCKOUT_SECONDS, MAX_WRONG, PinLockout
from kiosk.stand_ins import ManualClock


def test_five_wrong_pins_lock_the_pad_for_a_minute():
    clock = ManualClock()
    lockout = PinLockout(clock=clock)
    assert [lockout.wrong() for _ in range(MAX_WRONG)] == [False] * (MAX_WRONG - 1) + [True]
    assert lockout.seconds_locked() == LOCKOUT_SECONDS
    clock.advance(LOCKOUT_SECONDS - 0.5)
    assert lockout.seconds_locked() == 1  # rounded up: never "0 seconds" while locked
    clock.advance(0.5)
    assert lockout.seconds_locked() == 0


def test_a_right_pin_starts_the_count_again():
    lockout = PinLockout(clock=ManualClock())
    for _ in range(MAX_WRONG - 1):
        lockout.wrong()
    lockout.right()
    assert not any(lockout.wrong() for _ in range(MAX_WRONG - 1))
    assert lockout.seconds_locked() == 0


def test_clearing_forgets_wrong_tries_and_the_lock():
    lockout = PinLockout(clock=ManualClock())
    for _ in range(MAX_WRONG):
        lockout.wrong()
    lockout.clear()
    assert lockout.seconds_locked() == 0 and lockout.wrong_in_a_row == 0
