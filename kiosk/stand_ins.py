"""Stand-ins for runs without a person or a speaker: a clock moved by hand and a speech spy.

Never used in front of a visitor. They ship in the package only because the headless tools
that ship with it (``snapshot``, ``audit`` and the soak) run the real app on them; the tests use
them too. NVDA keeps its speech spy with its tests for the same reason it should stay apart.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.speech.types import SpeechUnavailable, Synthesis, Synthesizer, Utterance, WordTiming

SHIPPED_VOICES = frozenset({"en", "fr", "es", "it", "de", "pt", "ar", "zh"})


@dataclass
class ManualClock:
    """Time that passes only when told to: every clock a headless run hands the app."""

    now: float = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class SpySynthesizer(Synthesizer):
    """A speech spy (NVDA's ``SpeechSpySynthDriver``): records utterances and answers at once
    with plausible timings (a word every ``ms_per_word`` at rate 1.0), and no audio."""

    languages: frozenset[str] = SHIPPED_VOICES
    spoken: list[Utterance] = field(default_factory=list)
    ms_per_word: int = 400

    def voices(self) -> set[str]:
        return set(self.languages)

    def description(self) -> str:
        return f"{type(self).__name__}: a stand-in, nothing is spoken aloud"

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
