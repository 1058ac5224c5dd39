"""The speech worker process itself, spoken to over its JSON-lines protocol as the kiosk's
``worker_client`` speaks to it: real espeak-ng, real WAV files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import wave

import pytest

from kiosk import paths

SENTENCE = "The veins in the neck carry blood back to the heart."


class Worker:
    """``python -m kiosk.speech.worker``, one request and one answer per line."""

    def __init__(self, *args: str, env: dict | None = None):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.speech.worker", *args], cwd=paths.PROJECT_DIR,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            bufsize=1, env={**os.environ, **(env or {})})

    def send(self, *requests: dict | str) -> None:
        for request in requests:
            line = request if isinstance(request, str) else json.dumps(request)
            self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def answer(self) -> dict:
        line = self.process.stdout.readline()
        assert line, f"the worker stopped: {self.process.stderr.read()[-2000:]}"
        return json.loads(line)

    def ask(self, request: dict) -> dict:
        self.send(request)
        return self.answer()

    def finish(self) -> int:
        """Close its input, as the kiosk does on exit; returns its exit status."""
        self.process.stdin.close()
        try:
            return self.process.wait(timeout=30)
        finally:
            self.process.stdout.close()
            self.process.stderr.close()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def start():
    started: list[Worker] = []

    def start_worker(*args: str, env: dict | None = None) -> Worker:
        started.append(Worker(*args, env=env))
        return started[-1]

    yield start_worker
    for worker in started:
        worker.kill()


@pytest.fixture
def worker(start):
    return start()


def speak(request_id: int, text: str, lang: str, out, **extra) -> dict:
    return {"id": request_id, "op": "speak", "text": text, "lang": lang, "out": str(out),
            **extra}


def wav_ms(path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() * 1000 / audio.getframerate()


def test_voices_names_the_engine_and_the_languages_it_speaks(worker):
    reply = worker.ask({"id": 1, "op": "voices"})
    assert reply["id"] == 1 and reply["ok"] is True
    assert reply["engine"] == "espeak-ng"
    languages = reply["languages"]
    assert {"en", "fr", "es", "it", "de", "pt", "ar", "zh"} <= set(languages)
    assert languages == sorted(set(languages))
    assert worker.finish() == 0


def test_speak_writes_a_wav_as_long_as_it_says_with_word_times_in_order(worker, tmp_path):
    out = tmp_path / "sentence.wav"
    reply = worker.ask(speak(7, SENTENCE, "en", out, rate=1.0, volume=0.6))
    assert reply["id"] == 7 and reply["ok"] is True
    with wave.open(str(out), "rb") as audio:
        frames = audio.readframes(audio.getnframes())
    assert frames.strip(b"\0")  # audible, not silence
    assert abs(wav_ms(out) - reply["duration_ms"]) <= 1
    assert 1500 < reply["duration_ms"] < 8000
    words = reply["words"]
    starts = [at for _start, _length, at in words]
    offsets = [start for start, _length, _at in words]
    assert starts == sorted(starts) and starts[-1] < reply["duration_ms"]
    assert offsets == sorted(offsets)
    said = [SENTENCE[start:start + length] for start, length, _at in words]
    assert all(re.fullmatch(r"[A-Za-z]+", word) for word in said), said  # whole words only
    assert set(said) <= set(re.findall(r"[A-Za-z]+", SENTENCE))
    assert said[:2] == ["The", "veins"] and said[-1] == "heart"
    assert len(said) >= len(SENTENCE.split()) // 2
    assert worker.finish() == 0


def test_the_rate_and_the_language_asked_for_are_used(worker, tmp_path):
    normal = worker.ask(speak(1, SENTENCE, "en", tmp_path / "a.wav", rate=1.0))
    fast = worker.ask(speak(2, SENTENCE, "en", tmp_path / "b.wav", rate=2.0))
    assert fast["duration_ms"] < 0.7 * normal["duration_ms"]
    text = "Les veines du cou ramènent le sang vers le cœur."
    french = worker.ask(speak(3, text, "fr", tmp_path / "c.wav"))
    assert french["ok"] and [text[s:s + n] for s, n, _at in french["words"]][:2] == ["Les",
                                                                                     "veines"]
    assert worker.finish() == 0


def test_answers_come_back_in_the_order_the_requests_were_sent(worker, tmp_path):
    requests = [speak(i, f"Sentence number {i}.", "en", tmp_path / f"{i}.wav")
                for i in (5, 3, 9, 1, 4)]
    requests.insert(2, {"id": 8, "op": "voices"})
    worker.send(*requests)  # all at once, before reading any answer
    answers = [worker.answer() for _ in requests]
    assert [a["id"] for a in answers] == [5, 3, 8, 9, 1, 4]
    assert all(a["ok"] for a in answers)
    assert all((tmp_path / f"{i}.wav").stat().st_size > 1000 for i in (5, 3, 9, 1, 4))
    assert worker.finish() == 0


def test_a_language_with_no_voice_is_refused_and_the_worker_carries_on(worker, tmp_path):
    refused = worker.ask(speak(1, "nuqneH.", "tlh", tmp_path / "k.wav"))
    assert refused["id"] == 1 and refused["ok"] is False
    assert "tlh" in refused["error"]
    assert not (tmp_path / "k.wav").exists()
    after = worker.ask(speak(2, "Still here.", "en", tmp_path / "e.wav"))
    assert after["id"] == 2 and after["ok"] is True and after["duration_ms"] > 0
    assert worker.finish() == 0


def test_a_line_that_is_not_json_is_skipped_without_an_answer(worker, tmp_path):
    worker.send("this is not json", '{"id": 3, "op": "speak", "text": "trunc')
    reply = worker.ask(speak(4, "Next one.", "en", tmp_path / "n.wav"))
    assert reply["id"] == 4 and reply["ok"] is True  # the first answer is to the next request
    assert worker.finish() == 0


def test_a_line_that_is_json_but_not_a_request_is_skipped_too(worker, tmp_path):
    """The docstring promises one answer per request; a stray JSON value (a number, a list)
    is not a request and must not stop the worker, which would lose the sentences queued
    behind it."""
    worker.send("42", "[1, 2]", "null")
    reply = worker.ask(speak(5, "Next one.", "en", tmp_path / "n.wav"))
    assert reply["id"] == 5 and reply["ok"] is True
    assert worker.finish() == 0


def test_a_request_missing_its_text_is_answered_as_a_failure(worker):
    reply = worker.ask({"id": 6, "op": "speak", "lang": "en"})
    assert reply["id"] == 6 and reply["ok"] is False and reply["error"]
    assert worker.ask({"id": 7, "op": "voices"})["ok"] is True
    assert worker.finish() == 0


@pytest.mark.parametrize("args, env", [
    ((), {"KIOSK_TTS_DRIVER": "no-such-driver"}),
    (("--engine", "nonexistent"), {}),
], ids=["missing pyttsx3 driver", "unknown engine"])
def test_without_an_engine_every_request_is_refused_but_answered(start, tmp_path, args, env):
    worker = start(*args, env=env)
    worker.send({"id": 1, "op": "voices"}, speak(2, "Hello.", "en", tmp_path / "h.wav"),
                {"id": 3, "op": "voices"})
    answers = [worker.answer() for _ in range(3)]
    assert [a["id"] for a in answers] == [1, 2, 3]
    for answer in answers:
        assert answer["ok"] is False and "speech engine unavailable" in answer["error"]
    assert "nonexistent" in answers[0]["error"] or "no-such-driver" in answers[0]["error"]
    assert not (tmp_path / "h.wav").exists()
    assert worker.finish() == 0

