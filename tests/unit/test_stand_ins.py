"""The stand-ins headless runs use: the speech spy and the clock moved by hand."""

import pytest

from kiosk.speech.types import SpeechUnavailable, Utterance
from kiosk.stand_ins import ManualClock, SpySynthesizer


def test_the_spy_records_and_times_words():
    synth = SpySynthesizer(ms_per_word=300)
    result = synth.synthesize(Utterance("One two three.", "fr", rate=2.0)).result()
    assert synth.spoken == [Utterance("One two three.", "fr", rate=2.0)]
    assert [(w.start, w.length, w.at_ms) for w in result.words] == [(0, 3, 0), (4, 3, 150),
                                                                     (8, 6, 300)]


def test_the_spy_never_speaks_with_a_wrong_voice():
    synth = SpySynthesizer(languages=frozenset({"en"}))
    assert synth.has_voice("en_GB") and not synth.has_voice("ar")
    with pytest.raises(SpeechUnavailable):
        synth.synthesize(Utterance("مرحبا", "ar")).result()
    assert synth.spoken == []


def test_the_manual_clock_moves_only_when_told():
    clock = ManualClock(now=5.0)
    assert clock() == clock() == 5.0
    clock.advance(1.5)
    assert clock() == 6.5
