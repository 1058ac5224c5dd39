"""The real worker process: order, volume of requests, and recovery from a crash."""

import contextlib
import os
import signal
import time

import pytest

from kiosk.speech.types import SpeechUnavailable, Utterance
from kiosk.speech.worker_client import WorkerSynthesizer


@pytest.fixture
def synthesizer():
    synth = WorkerSynthesizer()
    yield synth
    synth.close()


def test_voices_cover_every_shipped_language(synthesizer):
    for code in ("en", "fr", "es", "it", "de", "pt_BR", "ar", "zh_Hans"):
        assert synthesizer.has_voice(code), code
    assert not synthesizer.has_voice("tlh")


def test_a_thousand_utterances_none_lost_or_reordered(synthesizer):
    futures = [synthesizer.synthesize(Utterance(f"Number {i}.", "en", 2.0))
               for i in range(1000)]
    results = [f.result(timeout=120) for f in futures]
    assert [r.utterance.text for r in results] == [f"Number {i}." for i in range(1000)]
    assert all(r.duration_ms > 200 and r.words for r in results)
    assert len({r.wav for r in results}) == 1000


def test_a_killed_worker_is_replaced_and_pending_work_fails_cleanly(synthesizer):
    synthesizer.synthesize(Utterance("Warm up.", "en")).result(timeout=30)
    pending = [synthesizer.synthesize(Utterance("A long sentence " * 40, "en", 0.5))
               for _ in range(5)]
    os.kill(synthesizer.pid, signal.SIGKILL)
    for future in pending:  # lost with the worker: the read-aloud controller asks again
        with contextlib.suppress(SpeechUnavailable):
            future.result(timeout=30)
    started = time.monotonic()
    again = synthesizer.synthesize(Utterance("After the crash.", "fr")).result(timeout=30)
    assert again.duration_ms > 0 and synthesizer.restarts == 1
    assert time.monotonic() - started < 10


def test_a_missing_engine_makes_speech_unavailable_not_a_crash(monkeypatch):
    monkeypatch.setenv("KIOSK_TTS_DRIVER", "no-such-driver")
    synth = WorkerSynthesizer()
    try:
        assert synth.voices() == set()
        with pytest.raises(SpeechUnavailable):
            synth.synthesize(Utterance("Hello.", "en")).result(timeout=30)
    finally:
        synth.close()
