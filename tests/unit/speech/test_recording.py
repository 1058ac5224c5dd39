"""The no-sound-card player: it records what would have been played, on the clock."""

from pathlib import Path

from kiosk.speech.recording import RecordingPlayer
from kiosk.stand_ins import ManualClock


def test_recorded_playback_follows_the_clock_and_pauses():
    clock = ManualClock()
    player = RecordingPlayer(clock=clock)
    playback = player.play(Path("a.wav"), 1000, 0.6)
    clock.advance(0.3)
    assert playback.position_ms() == 300
    playback.pause()
    clock.advance(5)
    assert playback.position_ms() == 300
    playback.resume()
    clock.advance(0.8)
    assert playback.finished and playback.position_ms() == 1000
    assert player.played == [(Path("a.wav"), 1000, 0.6)]


def test_a_stopped_recording_is_finished_at_once():
    clock = ManualClock()
    playback = RecordingPlayer(clock=clock).play(Path("a.wav"), 1000, 0.6)
    playback.stop()
    assert playback.finished
