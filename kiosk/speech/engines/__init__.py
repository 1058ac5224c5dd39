"""Speech engines: what turns one sentence into a WAV file with word times.

One engine per file (as calibre's read-aloud has one backend per file), each a subclass of
``Engine``; ``create_engine`` is the one place that chooses and imports one, lazily. Engines run
inside the speech worker process (``kiosk.speech.worker``), never in the UI process, and never
import Kivy.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import NamedTuple

Word = tuple[int, int, int]  # (character offset, length, start in the audio in ms)


class EngineOutput(NamedTuple):
    duration_ms: int
    words: list[Word]  # empty when the words could not be timed: the sentence is highlighted
    voice: str = ""  # which of the engine's voices spoke
    aligned: bool = True  # False: no word times for this sentence (counted and logged)


class Engine(ABC):
    """One speech engine, as the speech worker uses it (Orca's ``SpeechServer`` shape)."""

    name: str = "engine"  # short and stable: shown to staff, written to ``speak --timings``

    @classmethod
    @abstractmethod
    def describe(cls) -> str:
        """The engine and its version, for staff, without starting it (cheap, no audio)."""

    @abstractmethod
    def languages(self) -> set[str]:
        """Kiosk language codes ("fr", "zh") this engine speaks with a voice of their own."""

    def voice_names(self) -> dict[str, str]:
        """Language -> the name of the voice that speaks it, for staff (empty if unnamed)."""
        return {}

    def prepare(self, language: str) -> str:
        """Get ready to speak ``language`` (load its voice) before the first sentence."""
        return ""

    @abstractmethod
    def synthesize(self, text: str, language: str, rate: float, volume: float, out: Path
                   ) -> EngineOutput:
        """Write ``text`` spoken in ``language`` to the WAV file ``out``, with word times."""


ENGINES = ("espeak-ng", "piper")  # what ``create_engine`` knows, the default first


def engine_class(name: str | None = None) -> type[Engine]:
    """The class of engine ``name`` (default: the first in ``ENGINES``), imported on demand."""
    name = name or ENGINES[0]
    if name == "espeak-ng":
        from kiosk.speech.engines.pyttsx3_engine import Pyttsx3Engine

        return Pyttsx3Engine
    if name == "piper":
        from kiosk.speech.engines.piper_engine import PiperEngine

        return PiperEngine
    raise LookupError(f"no speech engine called {name!r} (known: {', '.join(ENGINES)})")


def create_engine(name: str | None = None, **options) -> Engine:
    """Start engine ``name``; raises whatever the engine raises when it cannot start."""
    return engine_class(name)(**options)
