"""The speech interface's recording doubles: what tests and sound-card-less machines use."""

from pathlib import Path

import pytest

from kiosk.speech import (
    FakeClock,
    RecordingPlayer,
    RecordingSynthesizer,
    SpeechUnavailable,
    Utterance,
)


def test_recording_synthesizer_records_and_times_words():
    synth = RecordingSynthesizer(ms_per_word=300)
    result = synth.synthesize(Utterance("One two three.", "fr", rate=2.0)).result()
    assert synth.spoken == [Utterance("One two three.", "fr", rate=2.0)]
    assert [(w.start, w.length, w.at_ms) for w in result.words] == [(0, 3, 0), (4, 3, 150),
                                                                     (8, 6, 300)]


def test_never_speaks_with_a_wrong_voice():
    synth = RecordingSynthesizer(languages=frozenset({"en"}))
    assert synth.has_voice("en_GB") and not synth.has_voice("ar")
    with pytest.raises(SpeechUnavailable):
        synth.synthesize(Utterance("مرحبا", "ar")).result()


def test_recorded_playback_follows_the_clock_and_pauses():
    clock = FakeClock()
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
