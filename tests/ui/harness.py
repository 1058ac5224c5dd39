"""The kiosk the UI and system tests share, and the geometry checks they share.

Tests drive the kiosk through its public methods (``driver.idle`` then ``app.check_idle`` for
idle time, ``speech.use_synthesizer`` and ``wait_for_voices`` for voices, ``admin_gate.lockout``
for wrong PINs); if a test ever has to set something private, it belongs here, in one place, as
NVDA keeps such reaches in one test harness."""

from __future__ import annotations

from kiosk.ui.headless.fit_audit import misfits, visible_labels

__all__ = ["layout_problems", "start_shared_driver", "visible_labels_of"]


def start_shared_driver(kiosk_data):
    """The kiosk the UI tests share: the speech spy, a player on a clock the tests move by hand
    (``driver.speech_clock``), and voices known before the first test. Idle time passes only
    when a test says so (``driver.idle`` then ``app.check_idle``)."""
    from kiosk.speech.recording import RecordingPlayer
    from kiosk.stand_ins import ManualClock, SpySynthesizer
    from kiosk.ui.headless.driver import Driver

    clock = ManualClock()
    driver = Driver.start(kiosk_data, synthesizer=SpySynthesizer(),
                          player=RecordingPlayer(clock=clock))
    driver.speech_clock = clock  # tests move the sound along by hand
    # The voices are looked up in a thread, as in the kiosk; on a busy machine that can take
    # longer than the first test needs to reach a screen that shows them.
    driver.app.speech.wait_for_voices(30)
    return driver


def layout_problems(driver) -> list[str]:
    return [f"{type(m.widget).__name__}({m.text[:30]!r}): {m.message}"
            for m in misfits(driver.app)]


def visible_labels_of(driver):
    return visible_labels(driver.app)
