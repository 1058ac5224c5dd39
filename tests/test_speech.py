import pytest

from kiosk.speech import RecordingSpeech, Utterance


def test_recording_speech_records_and_stops():
    speech = RecordingSpeech()
    speech.speak(Utterance("Hello", "en"))
    assert speech.speaking
    speech.stop()
    assert not speech.speaking
    assert speech.spoken == [Utterance("Hello", "en")]


def test_never_speaks_with_a_wrong_voice():
    speech = RecordingSpeech(voices=frozenset({"en"}))
    assert speech.has_voice("en_GB")
    assert not speech.has_voice("ar")
    with pytest.raises(ValueError):
        speech.speak(Utterance("مرحبا", "ar"))
