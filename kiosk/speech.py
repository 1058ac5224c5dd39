"""The kiosk's speech interface, apart from any engine and from the UI.

Modelled on Orca's ``SpeechServer`` and NVDA's synth drivers: the UI asks for text to be spoken
in a language and may stop it at any moment; engines (pyttsx3/espeak-ng, or the recording
double used in tests and on machines with no sound card) live behind this interface, so nothing
engine- or platform-specific leaks into the UI.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Utterance:
    text: str
    language: str
    rate: float = 1.0  # 1.0 = the default pace (about 150 words per minute in English)
    volume: float = 0.6  # 0..1


class SpeechBackend(ABC):
    """What the kiosk needs from a speech engine."""

    name: str = "abstract"

    @abstractmethod
    def has_voice(self, language: str) -> bool:
        """True if this language can be spoken with a voice of its own (never a wrong one)."""

    @abstractmethod
    def speak(self, utterance: Utterance) -> None:
        """Start speaking, replacing anything already being said. Must not block."""

    @abstractmethod
    def stop(self) -> None:
        """Silence at once."""

    @property
    @abstractmethod
    def speaking(self) -> bool: ...

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the engine (worker processes, audio devices)."""


@dataclass
class RecordingSpeech(SpeechBackend):
    """A speech "spy": records what would have been spoken, for tests and silent machines."""

    voices: frozenset[str] = frozenset({"en", "fr", "es", "it", "de", "pt", "ar", "zh"})
    spoken: list[Utterance] = field(default_factory=list)
    stops: list[float] = field(default_factory=list)
    name: str = "recording"
    _speaking: bool = False

    def has_voice(self, language: str) -> bool:
        return language in self.voices or language.split("_")[0] in self.voices

    def speak(self, utterance: Utterance) -> None:
        if not self.has_voice(utterance.language):
            raise ValueError(f"no voice for {utterance.language!r}")
        self.spoken.append(utterance)
        self._speaking = True

    def stop(self) -> None:
        self.stops.append(time.monotonic())
        self._speaking = False

    @property
    def speaking(self) -> bool:
        return self._speaking
