"""The kiosk's speech interface, apart from any engine and from the UI.

Modelled on Orca's ``SpeechServer``, NVDA's synth drivers and Calibre's read-aloud: text is
synthesized sentence by sentence into audio plus word timings (by a ``Synthesizer``, normally a
worker process around pyttsx3), and played by an interruptible ``Player``. Highlighting follows
the player's position in the audio, never the synthesis, which on Linux finishes long before
the audio plays. Nothing here is engine- or platform-specific.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

WORDS_PER_MINUTE = 150  # the default pace at rate 1.0, for English (about 150 wpm)


@dataclass(frozen=True)
class Utterance:
    text: str
    language: str
    rate: float = 1.0  # 1.0 = the default pace; 0.5 to 2.0
    volume: float = 0.6  # 0..1


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
    words: tuple[WordTiming, ...]


class SpeechUnavailable(Exception):
    """No engine, no voice for a language, or the worker cannot start."""


class Synthesizer(ABC):
    """Turns an utterance into audio and word timings, without blocking the caller."""

    @abstractmethod
    def voices(self) -> set[str]:
        """Language codes ("fr", "zh") that have a voice of their own."""

    def has_voice(self, language: str) -> bool:
        voices = self.voices()
        return language in voices or language.split("_")[0] in voices

    @abstractmethod
    def synthesize(self, utterance: Utterance) -> Future[Synthesis]:
        """Start synthesis; the future fails with ``SpeechUnavailable`` if it cannot be done."""

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
    name: str = "player"

    @abstractmethod
    def play(self, wav: Path, duration_ms: int, volume: float) -> Playback: ...


# The recording doubles: what tests use, and what runs where there is no sound card -----------
@dataclass
class FakeClock:
    """A clock tests can move by hand."""

    now: float = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class RecordedPlayback(Playback):
    """Plays nothing; its position follows a clock, as audio on a device would."""

    def __init__(self, duration_ms: int, clock: Callable[[], float]):
        self.duration_ms = duration_ms
        self._clock = clock
        self._started = clock()
        self._paused_at: float | None = None
        self._stopped = False

    def position_ms(self) -> int:
        now = self._paused_at if self._paused_at is not None else self._clock()
        return min(self.duration_ms, int((now - self._started) * 1000))

    @property
    def finished(self) -> bool:
        return self._stopped or self.position_ms() >= self.duration_ms

    def pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = self._clock()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._started += self._clock() - self._paused_at
            self._paused_at = None

    def stop(self) -> None:
        self._stopped = True


@dataclass
class RecordingPlayer(Player):
    """Records what would have been played (for machines without a sound card, and tests)."""

    clock: Callable[[], float] = time.monotonic
    played: list[tuple[Path, int, float]] = field(default_factory=list)
    name: str = "recording"

    def play(self, wav: Path, duration_ms: int, volume: float) -> Playback:
        self.played.append((wav, duration_ms, volume))
        return RecordedPlayback(duration_ms, self.clock)


@dataclass
class RecordingSynthesizer(Synthesizer):
    """A speech "spy" (NVDA's SpeechSpySynthDriver): records utterances and answers at once
    with plausible timings (a word every 400 ms at rate 1.0), for UI tests."""

    languages: frozenset[str] = frozenset({"en", "fr", "es", "it", "de", "pt", "ar", "zh"})
    spoken: list[Utterance] = field(default_factory=list)
    ms_per_word: int = 400

    def voices(self) -> set[str]:
        return set(self.languages)

    def synthesize(self, utterance: Utterance) -> Future[Synthesis]:
        future: Future[Synthesis] = Future()
        if not self.has_voice(utterance.language):
            future.set_exception(SpeechUnavailable(f"no voice for {utterance.language}"))
            return future
        self.spoken.append(utterance)
        words, position = [], 0
        step = int(self.ms_per_word / utterance.rate)
        for index, word in enumerate(utterance.text.split()):
            start = utterance.text.index(word, position)
            words.append(WordTiming(start, len(word), index * step))
            position = start + len(word)
        future.set_result(Synthesis(utterance, Path("/dev/null"), max(step, len(words) * step),
                                    tuple(words)))
        return future
