"""The UI process's side of the speech worker: requests in, futures out, restarts on death.

Requests are answered strictly in order by one worker, so sentences are never lost or
reordered. If the worker dies (killed, crashed mid-sentence), every pending future fails with
``SpeechUnavailable`` and the next request starts a fresh worker; the UI never blocks on it.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import Future
from pathlib import Path

from kiosk.speech.defaults import DEFAULT_VOICE_KIND
from kiosk.speech.types import SpeechUnavailable, Synthesis, Synthesizer, Utterance, WordTiming

log = logging.getLogger(__name__)


def _audio_dir() -> Path:
    """Sentences are short-lived files: in memory where possible, never in the install."""
    shm = Path("/dev/shm")
    base = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="ccsvi-kiosk-speech-", dir=base))


class WorkerSynthesizer(Synthesizer):
    """Synthesis in the speech worker process, with the engine ``engine`` (default: the first
    that ``kiosk.speech.engines`` knows); ``voices_dir`` is where natural voices are."""

    def __init__(self, start_timeout: float = 10.0, engine: str | None = None,
                 voices_dir: Path | None = None):
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()  # one line at a time to the worker, from any thread
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Future, Utterance | None, Path | None]] = {}
        self._process: subprocess.Popen | None = None
        self._closed = False  # after close(), nothing starts a worker again
        self._languages: set[str] | None = None
        self._names: dict[str, str] = {}
        self._start_timeout = start_timeout
        self.engine = engine
        self.voices_dir = voices_dir
        self._dir = _audio_dir()
        self.restarts = 0
        self.unaligned = 0  # sentences spoken without word times (the sentence is highlighted)
        atexit.register(self.close)

    # Worker lifetime -------------------------------------------------------------------------
    def _ensure_worker(self) -> subprocess.Popen:
        with self._lock:
            if self._closed:  # a request from a thread that outlived the app's end
                raise OSError("the speech worker was closed")
            if self._process is not None and self._process.poll() is None:
                return self._process
            if self._process is not None:
                self.restarts += 1
                log.warning("speech worker stopped (exit %s); starting a new one",
                            self._process.returncode)
            self._process = subprocess.Popen(
                [sys.executable, "-m", "kiosk.speech.worker",
                 *(["--engine", self.engine] if self.engine else []),
                 *(["--voices-dir", str(self.voices_dir)] if self.voices_dir else [])],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
            threading.Thread(target=self._read, args=(self._process,), daemon=True,
                             name="speech-worker-reader").start()
            return self._process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:
            try:
                reply = json.loads(line)
            except ValueError:
                continue
            with self._lock:
                entry = self._pending.pop(reply.get("id"), None)
            if entry is not None:
                self._resolve(entry, reply)
        process.wait()
        with self._lock:  # the worker is gone: fail what it was doing
            lost = [key for key, (_f, _u, _p) in self._pending.items()
                    if self._process is process]
            entries = [self._pending.pop(key) for key in lost]
        for future, _utterance, _path in entries:
            if not future.done():
                future.set_exception(SpeechUnavailable("the speech worker stopped"))

    def _resolve(self, entry, reply: dict) -> None:
        future, utterance, path = entry
        if future.done():  # cancelled by the caller: its audio, if any, is not wanted
            if path is not None:
                path.unlink(missing_ok=True)
            return
        if not reply.get("ok"):
            future.set_exception(SpeechUnavailable(reply.get("error", "speech failed")))
        elif utterance is None:
            future.set_result(reply)
        else:
            words = tuple(WordTiming(start, length, at) for start, length, at in reply["words"])
            if not reply.get("aligned", True):
                self.unaligned += 1
                log.warning("no word times for %r (%s): the sentence is highlighted instead",
                            utterance.text[:60], reply.get("voice", "?"))
            future.set_result(Synthesis(utterance, path, reply["duration_ms"], words,
                                        self.engine_name, reply.get("voice", "")))

    def _send(self, request: dict, utterance: Utterance | None, path: Path | None) -> Future:
        future: Future = Future()
        try:
            process = self._ensure_worker()
            with self._lock:
                request_id = next(self._ids)
                self._pending[request_id] = (future, utterance, path)
            with self._write_lock:
                process.stdin.write(json.dumps({"id": request_id, **request}) + "\n")
                process.stdin.flush()
            future.add_done_callback(lambda done: self._cancel(done, request_id, process))
        except (OSError, ValueError) as exc:  # ValueError: the pipe closed (``close()`` ran)
            with self._lock:
                self._pending = {k: v for k, v in self._pending.items() if v[0] is not future}
            future.set_exception(SpeechUnavailable(f"speech worker cannot run: {exc}"))
        return future

    def _cancel(self, future: Future, request_id: int, process: subprocess.Popen) -> None:
        """A request the caller cancelled: the worker skips it if it has not begun it."""
        if not future.cancelled() or process.poll() is not None:
            return
        try:
            with self._write_lock:
                process.stdin.write(json.dumps({"op": "cancel", "ids": [request_id]}) + "\n")
                process.stdin.flush()
        except (OSError, ValueError):
            pass  # the worker is gone: nothing to skip

    # Synthesizer -----------------------------------------------------------------------------
    def voices(self) -> set[str]:
        if self._languages is None:
            try:
                reply = self._send({"op": "voices"}, None, None).result(
                    timeout=self._start_timeout)
                self._names = dict(reply.get("names") or {})
                self._languages = set(reply["languages"])
            except Exception as exc:  # no engine, or it hangs: speech is unavailable
                log.warning("speech is unavailable (%s): %s", self.engine_name, exc)
                self._languages = set()
        return self._languages

    def voice_names(self) -> dict[str, str]:
        self.voices()
        return dict(self._names)

    @property
    def engine_name(self) -> str:
        from kiosk.speech.engines import ENGINES

        return self.engine or ENGINES[0]

    def prepare(self, language: str, kind: str = DEFAULT_VOICE_KIND) -> Future:
        """Have the worker load ``language``'s voice now; the future says when it is ready.
        (``kind`` is for a choosing synthesizer: one worker has one engine.)"""
        return self._send({"op": "prepare", "lang": language}, None, None)

    def description(self) -> str:
        from kiosk.speech.engines import engine_class  # the engine runs in the worker, not here

        return engine_class(self.engine).describe()

    def synthesize(self, utterance: Utterance) -> Future[Synthesis]:
        path = self._dir / f"{next(self._ids)}.wav"
        return self._send({"op": "speak", "text": utterance.text, "lang": utterance.language,
                           "rate": utterance.rate, "volume": utterance.volume,
                           "out": str(path)}, utterance, path)

    def close(self) -> None:
        with self._lock:
            self._closed = True
        process = self._process
        if process is not None and process.poll() is None:
            process.stdin.close()
            try:
                process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                process.kill()
        for leftover in self._dir.glob("*.wav"):
            leftover.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self._dir.rmdir()
