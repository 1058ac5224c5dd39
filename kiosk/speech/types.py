"""The speech types every layer shares: utterances, syntheses, and the ``Synthesizer``,
``Playback`` and ``Player`` interfaces, with the defaults and the voice-coverage rule.

Kept apart from the engines, the worker and the UI (as NVDA's ``speech/types.py`` is) so any of
them can import it without cycles. Nothing here is engine- or platform-specific.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from kiosk.speech.defaults import DEFAULT_RATE, DEFAULT_VOICE_KIND, DEFAULT_VOLUME, voice_covers


@dataclass(frozen=True)
class Utterance:
    text: str
    language: str
    rate: float = DEFAULT_RATE
    volume: float = DEFAULT_VOLUME
    kind: str = DEFAULT_VOICE_KIND  # "natural" where the language has such a voice, or "clear"


@dataclass(frozen=True)
class WordTiming:
    start: int  # character offset in the utterance text
    length: int
    at_ms: int  # when the word starts in the audio


@dataclass(frozen=True)
class Synthesis:
    utterance: Utterance
    wav: Path
    duration_ms: int
    words: tuple[WordTiming, ...]  # empty: the sentence is highlighted, not its words
    engine: str = ""  # which engine spoke ("piper", "espeak-ng"), for tests and reviewers
    voice: str = ""  # and which of its voices


class SpeechUnavailable(Exception):
    """No engine, no voice for a language, or the worker cannot start."""


class Synthesizer(ABC):
    """Turns an utterance into audio and word timings, without blocking the caller."""

    @abstractmethod
    def voices(self) -> set[str]:
        """Language codes ("fr", "zh") that have a voice of their own."""

    def has_voice(self, language: str) -> bool:
        return voice_covers(self.voices(), language)

    @abstractmethod
    def description(self) -> str:
        """What speaks, in a few words for staff (the staff screen and ``check`` show it)."""

    @abstractmethod
    def synthesize(self, utterance: Utterance) -> Future[Synthesis]:
        """Start synthesis; the future fails with ``SpeechUnavailable`` if it cannot be done."""

    def prepare(self, language: str, kind: str = DEFAULT_VOICE_KIND) -> Future | None:
        """Get the voice for ``language`` ready before the first sentence (loading a natural
        voice takes a few hundred milliseconds); None when there is nothing to do."""
        return None

    def voice_names(self) -> dict[str, str]:
        """Language -> the voice that speaks it, for staff (empty when unnamed)."""
        return {}

    def close(self) -> None:  # noqa: B027 - optional
        pass


class Playback(ABC):
    """One sound being played."""

    @abstractmethod
    def position_ms(self) -> int:
        """How far into the audio playback is (what the listener has heard)."""

    @property
    @abstractmethod
    def finished(self) -> bool: ...

    @abstractmethod
    def pause(self) -> None: ...

    @abstractmethod
    def resume(self) -> None: ...

    @abstractmethod
    def stop(self) -> None:
        """Silence at once."""


class Player(ABC):
    """Plays sentence audio so that it can be paused and stopped at once."""

    @abstractmethod
    def play(self, wav: Path, duration_ms: int, volume: float) -> Playback: ...

    @abstractmethod
    def description(self) -> str:
        """Where the sound goes, in a few words for staff."""


class ClockedPlayback(Playback):
    """A playback whose position is the time it has been running on ``clock`` (less pauses),
    which is what a listener has heard."""

    def __init__(self, duration_ms: int, clock: Callable[[], float]):
        self.duration_ms = duration_ms
        self._clock = clock
        self._started = clock()
        self._paused_at: float | None = None

    def position_ms(self) -> int:
        now = self._paused_at if self._paused_at is not None else self._clock()
        return min(self.duration_ms, int((now - self._started) * 1000))

    def _hold(self) -> None:
        if self._paused_at is None:
            self._paused_at = self._clock()

    def _release(self) -> None:
        if self._paused_at is not None:
            self._started += self._clock() - self._paused_at
            self._paused_at = None
