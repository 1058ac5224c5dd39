"""The one place that decides what speaks and what plays (calibre's ``create_tts_backend``).

The kiosk, ``check``, ``speak`` and the headless tools all build their speech here, so a new
engine or player is added once. Everything is imported on demand: choosing costs nothing
until speech is used.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.speech.types import Player, Synthesizer

log = logging.getLogger(__name__)

SYNTHESIZERS = ("worker", "spy")  # the engine in its worker process; the stand-in spy
PLAYERS = ("auto", "sound-card", "recording")


def create_synthesizer(kind: str = "worker", *, engine: str | None = None,
                       start_timeout: float = 10.0, voices: str = "fixed",
                       voices_dir: Path | None = None, pronunciations=None) -> Synthesizer:
    """``worker``: espeak-ng and, where Piper is installed, the natural voices (in
    ``voices_dir`` and the installed voice packages), each in its own worker process, with
    the choice between them made per sentence (``kiosk.speech.choice``); ``pronunciations``
    gives a language's pronunciation list. With ``engine``, that engine alone.
    ``spy``: answers at once and speaks nothing (headless tools and tests). Its languages are
    the shipped ones (``voices="fixed"``), or, with ``voices="engine"``, the ones the real
    engine can speak, asked once, so a preview of a new language draws its speech buttons."""
    if kind == "worker":
        from kiosk.speech.worker_client import WorkerSynthesizer

        if engine is not None:
            return WorkerSynthesizer(start_timeout=start_timeout, engine=engine,
                                     voices_dir=voices_dir)
        from kiosk.speech.choice import ChoosingSynthesizer

        natural = None
        if natural_engine_installed():
            natural = WorkerSynthesizer(start_timeout=start_timeout, engine="piper",
                                        voices_dir=voices_dir)
        return ChoosingSynthesizer(
            WorkerSynthesizer(start_timeout=start_timeout, engine="espeak-ng"), natural,
            pronunciations=pronunciations)
    if kind == "spy":
        from kiosk.stand_ins import SpySynthesizer

        if voices == "fixed":
            return SpySynthesizer()
        if voices != "engine":
            raise ValueError(f"no voices option {voices!r} (known: fixed, engine)")
        spoken = _engine_voices(engine, start_timeout)
        return SpySynthesizer(languages=spoken) if spoken else SpySynthesizer()
    raise ValueError(f"no synthesizer kind {kind!r} (known: {', '.join(SYNTHESIZERS)})")


def natural_engine_installed() -> bool:
    """Whether Piper can be imported (without importing it: that takes a third of a second)."""
    return importlib.util.find_spec("piper") is not None


def _engine_voices(engine: str | None, start_timeout: float) -> frozenset[str]:
    """The languages the real engine speaks, from one short-lived worker; empty (with one
    warning) if it cannot start, and the caller keeps the spy's shipped list."""
    from kiosk.speech.worker_client import WorkerSynthesizer

    worker = WorkerSynthesizer(start_timeout=start_timeout, engine=engine)
    try:
        spoken = frozenset(worker.voices())
    finally:
        worker.close()
    if not spoken:
        log.warning("the speech engine did not answer; previews assume the shipped voices")
    return spoken


def create_player(kind: str = "auto", *, clock: Callable[[], float] = time.monotonic) -> Player:
    """``auto``: the sound card if there is one, else the recording player (with a warning).
    ``sound-card`` and ``recording`` choose one outright."""
    from kiosk.speech.players import AplayPlayer, has_sound_device
    from kiosk.speech.recording import RecordingPlayer

    if kind == "sound-card" or (kind == "auto" and has_sound_device()):
        return AplayPlayer()
    if kind == "auto":
        log.warning("no sound device found: speech is recorded, not played")
    elif kind != "recording":
        raise ValueError(f"no player kind {kind!r} (known: {', '.join(PLAYERS)})")
    return RecordingPlayer(clock=clock)
