"""Choosing the engine per sentence: natural where wanted and available, espeak-ng otherwise
and whenever the natural engine fails; the pronunciation list heard, the written words
highlighted. Real engines in their real worker processes."""

from __future__ import annotations

import logging
import os
import shutil
import wave

import pytest

from kiosk.speech.choice import ChoosingSynthesizer
from kiosk.speech.pronunciation import Pronunciation
from kiosk.speech.types import Utterance
from kiosk.speech.voice_files import packaged_models
from kiosk.speech.worker_client import WorkerSynthesizer
from kiosk.stand_ins import ManualClock

pytestmark = pytest.mark.xdist_group("natural-voice")


def pair(voices_dir=None, **options) -> ChoosingSynthesizer:
    return ChoosingSynthesizer(WorkerSynthesizer(start_timeout=60, engine="espeak-ng"),
                               WorkerSynthesizer(start_timeout=60, engine="piper",
                                                 voices_dir=voices_dir), **options)


@pytest.fixture(scope="module")
def engines():
    synthesizer = pair()
    yield synthesizer
    synthesizer.close()


def frames(synthesis) -> bytes:
    with wave.open(str(synthesis.wav), "rb") as audio:
        return audio.readframes(audio.getnframes())


def test_each_language_is_spoken_by_the_engine_it_has(engines):
    assert engines.has_both("en") and not engines.has_natural("fr")
    english = engines.synthesize(Utterance("Hello there.", "en")).result(timeout=60)
    french = engines.synthesize(Utterance("Bonjour à tous.", "fr")).result(timeout=60)
    clear = engines.synthesize(Utterance("Hello there.", "en", kind="clear")).result(60)
    assert (english.engine, french.engine, clear.engine) == ("piper", "espeak-ng", "espeak-ng")
    rows = {row.language: row for row in engines.table(["en", "fr"])}
    assert rows["en"].natural == "en_US-joe-medium" and rows["en"].engine == "natural"
    assert rows["fr"].natural is None and rows["fr"].engine == "clear" and rows["fr"].clear


@pytest.mark.parametrize("kind", ["natural", "clear"])
def test_the_pronunciation_list_changes_what_is_heard_not_what_is_highlighted(kind):
    text = "MS and CCSVI are not linked."
    plain = pair()
    spelled = pair(pronunciations=lambda _language: Pronunciation.from_list(
        "MS = multiple sclerosis\nCCSVI = C C S V I"))
    try:
        before = plain.synthesize(Utterance(text, "en", kind=kind)).result(timeout=60)
        after = spelled.synthesize(Utterance(text, "en", kind=kind)).result(timeout=60)
        heard_before, heard_after = frames(before), frames(after)
    finally:
        plain.close()
        spelled.close()
    assert before.engine == after.engine == ("piper" if kind == "natural" else "espeak-ng")
    # "multiple sclerosis" and five letters take longer to say than "MS" and "CCSVI".
    assert after.duration_ms > before.duration_ms + 500 and heard_after != heard_before
    written = [text[w.start:w.start + w.length] for w in after.words]
    assert written == ["MS", "and", "CCSVI", "are", "not", "linked"]
    times = [w.at_ms for w in after.words]
    assert times == sorted(set(times)) and times[-1] < after.duration_ms


def test_a_failed_natural_voice_hands_over_to_espeak_and_is_tried_again_later(tmp_path,
                                                                              caplog):
    voices = tmp_path / "voices"
    voices.mkdir()
    packaged = packaged_models()[0]
    broken = voices / "en_US-broken-medium.onnx"
    broken.write_bytes(os.urandom(1_500_000))
    shutil.copy(packaged.with_name(packaged.name + ".json"), voices / (broken.name + ".json"))
    clock = ManualClock()
    synthesizer = pair(voices, clock=clock, retry_after=60)
    try:
        with caplog.at_level(logging.WARNING):
            first = synthesizer.synthesize(Utterance("First sentence.", "en")).result(60)
            second = synthesizer.synthesize(Utterance("Second sentence.", "en")).result(60)
        assert first.engine == second.engine == "espeak-ng"
        assert synthesizer.failures == 1 and str(broken) in synthesizer.last_failure
        assert sum("natural voice failed" in r.getMessage() for r in caplog.records) == 1
        assert synthesizer.natural_held
        assert synthesizer.table(["en"])[0].engine == "clear"
        clock.advance(61)  # a minute on: the natural engine is asked again, and its
        again = synthesizer.synthesize(Utterance("Third sentence.", "en")).result(60)
        assert not synthesizer.natural_held
        assert again.engine == "piper" and again.voice == "en_US-joe-medium"  # built-in voice
    finally:
        synthesizer.close()


def test_a_language_no_engine_speaks_fails_at_once(engines):
    future = engines.synthesize(Utterance("tlhIngan Hol", "tlh"))
    with pytest.raises(Exception, match="no voice for tlh"):
        future.result(timeout=5)
