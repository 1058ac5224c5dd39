"""The speech worker: a child process that synthesizes sentences, so the UI never waits.

Started by ``kiosk.speech.worker_client`` as ``python -m kiosk.speech.worker``; it never imports
Kivy (importing Kivy in a child opens another window). It reads one JSON request per line on
stdin and answers one JSON line each, in order:

    {"id": 7, "op": "speak", "text": "...", "lang": "fr", "rate": 1.0, "volume": 0.6,
     "out": "/dev/shm/x.wav"}
    -> {"id": 7, "ok": true, "duration_ms": 2196, "words": [[0, 5, 0], [6, 5, 378]],
        "voice": "fr-fr", "aligned": true}
    {"id": 1, "op": "voices"} -> {"id": 1, "ok": true, "languages": ["ar", "de", ...],
                                  "engine": "espeak-ng", "names": {"en": "..."}}
    {"id": 2, "op": "prepare", "lang": "en"} -> {"id": 2, "ok": true, "voice": "..."}
    {"op": "cancel", "ids": [8, 9]}  (no reply of its own: those requests, if still waiting,
                                      are answered {"id": 8, "ok": false, "error": "cancelled"})

A reader thread takes requests off stdin as they come, so a cancel reaches requests queued
behind the sentence being synthesized: a visitor who stops a page does not wait for its
remaining sentences before the next page can speak.

``--engine NAME`` chooses the engine; ``--voices-dir DIR`` is where the natural voices are.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
from pathlib import Path

from kiosk.speech.defaults import DEFAULT_RATE, DEFAULT_VOLUME
from kiosk.speech.engines import create_engine


def main() -> int:
    # Our replies go to the real stdout; anything the engine prints goes to stderr.
    replies = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    try:
        name = _option("--engine")
        if name == "piper":
            engine = create_engine(name, voices_dir=_option("--voices-dir"))
        else:
            engine = create_engine(name, driver=os.environ.get("KIOSK_TTS_DRIVER") or None)
    except Exception as exc:  # no engine at all: say so for every request
        engine, failure = None, f"speech engine unavailable: {exc}"
    requests: queue.Queue[dict | None] = queue.Queue()
    cancelled: set = set()
    threading.Thread(target=_read_requests, args=(requests, cancelled), daemon=True).start()
    while (request := requests.get()) is not None:
        reply: dict = {"id": request.get("id")}
        if request.get("id") in cancelled:
            cancelled.discard(request.get("id"))
            replies.write(json.dumps({**reply, "ok": False, "error": "cancelled"}) + "\n")
            continue
        try:
            if engine is None:
                raise RuntimeError(failure)
            if request.get("op") == "voices":
                reply.update(ok=True, languages=sorted(engine.languages()), engine=engine.name,
                             names=engine.voice_names())
            elif request.get("op") == "prepare":
                reply.update(ok=True, voice=engine.prepare(request["lang"]))
            else:
                output = engine.synthesize(request["text"], request["lang"],
                                           float(request.get("rate", DEFAULT_RATE)),
                                           float(request.get("volume", DEFAULT_VOLUME)),
                                           Path(request["out"]))
                reply.update(ok=True, duration_ms=output.duration_ms, words=output.words,
                             voice=output.voice, aligned=output.aligned)
        except Exception as exc:
            reply.update(ok=False, error=f"{type(exc).__name__}: {exc}")
        replies.write(json.dumps(reply) + "\n")
        if cancelled and isinstance(reply["id"], int):  # cancels that came too late
            cancelled.difference_update([i for i in list(cancelled)
                                         if isinstance(i, int) and i <= reply["id"]])
    return 0


def _read_requests(requests: queue.Queue, cancelled: set) -> None:
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except ValueError:
            continue
        if not isinstance(request, dict):
            continue  # valid JSON but not a request: skipped like a malformed line
        if request.get("op") == "cancel":
            cancelled.update(request.get("ids") or [])
        else:
            requests.put(request)
    requests.put(None)  # stdin closed: finish what is queued, then stop


def _option(flag: str) -> str | None:
    return sys.argv[sys.argv.index(flag) + 1] if flag in sys.argv[:-1] else None


if __name__ == "__main__":
    sys.exit(main())
