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


def test_cancelled_sentences_are_skipped_so_the_next_page_does_not_wait_behind_them():
    synth = WorkerSynthesizer(start_timeout=60)
    try:
        assert synth.voices()
        long = "A long sentence that the worker takes a while to say aloud. " * 6
        first = synth.synthesize(Utterance(long, "en", 0.5))
        queued = [synth.synthesize(Utterance(long, "en", 0.5)) for _ in range(5)]
        for future in queued:
            assert future.cancel()  # the visitor stopped: nobody will hear these
        after = synth.synthesize(Utterance("The next page.", "en")).result(timeout=60)
        heard = first.result(timeout=60)
        # The worker wrote audio only for the two sentences still wanted.
        assert sorted(heard.wav.parent.glob("*.wav")) == sorted([heard.wav, after.wav])
        assert after.duration_ms > 300 and all(f.cancelled() for f in queued)
    finally:
        synth.close()


def test_after_close_a_late_request_fails_quietly_and_starts_no_worker(synthesizer):
    """A thread that outlives the app (the voice loader) may ask after ``close``: it gets a
    failed future, not an exception on its thread, and no worker is left running."""
    synthesizer.synthesize(Utterance("Hello.", "en")).result(timeout=30)
    first = synthesizer.pid
    synthesizer.close()
    late = synthesizer.prepare("en")
    with pytest.raises(SpeechUnavailable):
        late.result(timeout=5)
    with pytest.raises(SpeechUnavailable):
        synthesizer.synthesize(Utterance("Too late.", "en")).result(timeout=5)
    assert synthesizer.pid == first and synthesizer.restarts == 0
