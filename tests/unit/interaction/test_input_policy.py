from kiosk.interaction.input_policy import KeyRepeatFilter, TapPolicy, TapSettings


def test_release_inside_activates_once():
    policy = TapPolicy()
    assert policy.down(1, now=0.0)
    assert policy.up(1, 0.0, now=0.1)


def test_sliding_off_cancels_but_a_small_slip_counts():
    policy = TapPolicy()
    policy.down(1, now=0.0)
    assert not policy.up(1, 5.0, now=0.1)
    policy.down(2, now=1.0)
    assert policy.up(2, 1.5, now=1.1)


def test_repeats_within_the_guard_time_are_ignored():
    policy = TapPolicy(TapSettings(repeat_ignore_ms=500))
    policy.down(1, now=0.0)
    assert policy.up(1, 0, now=0.05)
    policy.down(2, now=0.2)
    assert not policy.up(2, 0, now=0.3)
    policy.down(3, now=0.6)
    assert policy.up(3, 0, now=0.65)


def test_a_second_simultaneous_contact_is_ignored():
    policy = TapPolicy()
    assert policy.down("palm", now=0.0)
    assert not policy.down("finger", now=0.1)
    assert not policy.up("finger", 0, now=0.2)
    assert policy.up("palm", 0, now=0.3)


def test_hold_time_requires_a_resting_finger():
    policy = TapPolicy(TapSettings(hold_ms=400))
    policy.down(1, now=0.0)
    assert not policy.up(1, 0, now=0.2)
    policy.down(2, now=1.0)
    assert policy.up(2, 0, now=1.5)


def test_cancel_frees_the_contact():
    policy = TapPolicy()
    policy.down(1, now=0.0)
    policy.cancel(1)
    assert policy.down(2, now=0.1)


def test_a_held_key_acts_once_and_its_repeats_are_ignored():
    now = [0.0]
    keys = KeyRepeatFilter(clock=lambda: now[0])
    assert keys.down(9)
    for _ in range(40):  # two seconds of auto-repeat at 20 a second
        now[0] += 0.05
        assert not keys.down(9)
    assert keys.down(13)  # another key meanwhile is its own press
    keys.up(9)
    now[0] += 0.05
    assert keys.down(9)  # pressed again after lifting


def test_a_lost_key_up_does_not_block_the_key_for_good():
    now = [0.0]
    keys = KeyRepeatFilter(clock=lambda: now[0])
    assert keys.down(9)  # its key-up never arrives
    now[0] += 3.0
    assert keys.down(9)
    keys.reset()
    assert keys.down(9)
