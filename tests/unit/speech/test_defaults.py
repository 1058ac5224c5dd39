"""The defaults a visit and an utterance share, and the one voice-coverage rule."""

from kiosk.interaction.session import SpeechSettings
from kiosk.speech.defaults import DEFAULT_RATE, DEFAULT_VOLUME, voice_covers
from kiosk.speech.types import Utterance


def test_a_voice_covers_its_language_with_any_region_or_script():
    voices = {"en", "zh", "pt"}
    assert voice_covers(voices, "en") and voice_covers(voices, "zh_Hans")
    assert voice_covers(voices, "pt_PT")
    assert not voice_covers(voices, "ar") and not voice_covers(set(), "en")


def test_an_utterance_and_a_new_visit_start_from_the_same_defaults():
    settings = SpeechSettings()
    utterance = Utterance("Hello.", "en")
    assert (settings.rate, settings.volume) == (utterance.rate, utterance.volume)
    assert (utterance.rate, utterance.volume) == (DEFAULT_RATE, DEFAULT_VOLUME)
