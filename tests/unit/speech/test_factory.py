"""Choosing what speaks and what plays: the real speech worker or the spy; the sound card
when there is one, else a recording. A stand-in ``aplay`` takes the place of the sound card
this machine lacks, and notes each file it is asked to play."""

import logging
import time
from pathlib import Path

import pytest

from kiosk.speech import create_player, create_synthesizer
from kiosk.speech.choice import ChoosingSynthesizer
from kiosk.speech.players import AplayPlayer, has_sound_device
from kiosk.speech.recording import RecordingPlayer
from kiosk.speech.types import SpeechUnavailable, Utterance
from kiosk.stand_ins import SHIPPED_VOICES, SpySynthesizer


def played_by(script: Path) -> list[str]:
    """The arguments each run of the stand-in ``aplay`` was given (it starts at once)."""
    log = script.with_name("aplay.played")
    for _ in range(100):
        if log.exists():
            break
        time.sleep(0.02)
    return log.read_text().splitlines() if log.exists() else []


@pytest.fixture
def worker_synthesizer():
    made = []

    def create(**options):
        made.append(create_synthesizer("worker", **options))
        return made[-1]

    yield create
    for synthesizer in made:
        synthesizer.close()


def test_a_sound_card_is_used_when_there_is_one(fake_aplay):
    assert has_sound_device() and isinstance(create_player(), AplayPlayer)


def test_without_a_sound_card_speech_is_recorded(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no aplay at all
    assert not has_sound_device() and isinstance(create_player(), RecordingPlayer)


def test_recording_without_a_sound_card_is_logged_for_staff(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("PATH", str(tmp_path))
    with caplog.at_level(logging.WARNING, logger="kiosk.speech.factory"):
        create_player()
    assert "no sound device found: speech is recorded, not played" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="kiosk.speech.factory"):
        create_player("recording")  # asked for outright: nothing to warn about
    assert caplog.text == ""


def test_the_recording_player_never_plays_even_with_a_sound_card(fake_aplay, tmp_path):
    wav = tmp_path / "sentence.wav"
    card = create_player("sound-card").play(wav, 2000, 0.6)  # the stand-in card does play
    try:
        assert played_by(fake_aplay) == [f"-q {wav}"]
    finally:
        card.stop()
    recorder = create_player("recording")
    assert isinstance(recorder, RecordingPlayer)
    playback = recorder.play(tmp_path / "other.wav", 1500, 0.4)
    assert recorder.played == [(tmp_path / "other.wav", 1500, 0.4)]
    assert not playback.finished  # it follows the clock as if it were heard...
    time.sleep(0.2)
    assert played_by(fake_aplay) == [f"-q {wav}"]  # ...but nothing more reached the card
    assert "recorded, not played" in recorder.description()


def test_the_sound_card_can_be_chosen_outright(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # not detected
    assert isinstance(create_player("sound-card"), AplayPlayer)


def test_an_unknown_player_kind_is_refused_naming_the_known_ones():
    with pytest.raises(ValueError, match=r"'speakers'.*known: auto, sound-card, recording"):
        create_player("speakers")


def test_the_worker_synthesizer_chooses_between_the_natural_and_the_clear_engine(
        worker_synthesizer):
    synthesizer = worker_synthesizer()
    assert isinstance(synthesizer, ChoosingSynthesizer)
    assert synthesizer.clear.engine_name == "espeak-ng"
    assert synthesizer.natural.engine_name == "piper"
    voices = synthesizer.voices()
    assert {"en", "fr", "ar", "zh"} <= voices and "tlh" not in voices
    assert synthesizer.natural_voices() == {"en"}  # the voice make setup installs
    assert synthesizer.clear.pid is not None and synthesizer.natural.pid is not None
    assert synthesizer.description().startswith("Piper ")
    assert "espeak-ng " in synthesizer.description()
    natural = synthesizer.synthesize(Utterance("Hello there.", "en")).result(timeout=60)
    assert natural.engine == "piper" and natural.voice == "en_US-joe-medium"
    assert natural.duration_ms > 300 and natural.wav.is_file()
    clear = synthesizer.synthesize(Utterance("Hello there.", "en", kind="clear")).result(
        timeout=30)
    assert clear.engine == "espeak-ng" and clear.duration_ms > 300


def test_the_engine_asked_for_is_the_one_the_worker_starts(worker_synthesizer):
    synthesizer = worker_synthesizer(engine="nonexistent", start_timeout=20)
    assert synthesizer.voices() == set()  # no such engine: speech is unavailable, no crash
    with pytest.raises(SpeechUnavailable, match="no speech engine called 'nonexistent'"):
        synthesizer.synthesize(Utterance("Hello.", "en")).result(timeout=30)


def test_the_spy_speaks_nothing_and_says_it_is_a_stand_in():
    spy = create_synthesizer("spy")
    assert isinstance(spy, SpySynthesizer)
    assert "stand-in" in spy.description() and "nothing is spoken" in spy.description()
    result = spy.synthesize(Utterance("Two words.", "fr")).result(timeout=1)
    assert result.wav == Path("/dev/null")  # no audio at all
    assert spy.spoken == [Utterance("Two words.", "fr")]


def test_an_unknown_synthesizer_kind_is_refused_naming_the_known_ones():
    with pytest.raises(ValueError, match=r"'espeak'.*known: worker, spy"):
        create_synthesizer("espeak")


def test_a_preview_spy_knows_every_language_the_real_engine_speaks_and_speaks_nothing():
    spy = create_synthesizer("spy", voices="engine")
    assert isinstance(spy, SpySynthesizer)
    assert {"nl", "pl", "en", "zh"} <= spy.voices()  # Dutch and Polish are not shipped
    assert "tlh" not in spy.voices()
    assert create_synthesizer("spy").voices() == set(SHIPPED_VOICES)  # the tests' fixed list
    heard = spy.synthesize(Utterance("Goedemorgen allemaal.", "nl")).result(timeout=1)
    assert heard.wav == Path("/dev/null")


def test_without_an_engine_a_preview_spy_keeps_the_shipped_voices_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.speech.factory"):
        spy = create_synthesizer("spy", voices="engine", engine="nonexistent")
    assert spy.voices() == set(SHIPPED_VOICES)
    assert "previews assume the shipped voices" in caplog.text
    with pytest.raises(ValueError, match=r"'some'.*known: fixed, engine"):
        create_synthesizer("spy", voices="some")
