"""The aplay player: started, paused, stopped at once. A stand-in ``aplay`` that sleeps for
the sound's length takes the place of the sound card this machine lacks. Which player is
chosen is ``test_factory``'s subject."""

import time

from kiosk.speech.players import AplayPlayer


def test_stop_silences_at_once(fake_aplay, tmp_path):
    playback = AplayPlayer().play(tmp_path / "x.wav", 2000, 0.6)
    time.sleep(0.2)
    assert not playback.finished and 100 <= playback.position_ms() < 1000
    started = time.monotonic()
    playback.stop()
    assert playback.finished and time.monotonic() - started < 0.1


def test_pause_holds_the_position(fake_aplay, tmp_path):
    playback = AplayPlayer().play(tmp_path / "x.wav", 2000, 0.6)
    time.sleep(0.1)
    playback.pause()
    held = playback.position_ms()
    time.sleep(0.3)
    assert playback.position_ms() == held
    playback.resume()
    time.sleep(0.1)
    assert playback.position_ms() > held
    playback.stop()
