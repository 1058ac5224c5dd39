"""Which engine speaks each sentence: the natural voice where the visitor wants it and the
language has one, espeak-ng ("clear") otherwise, and espeak-ng at once when the natural
engine fails.

Each engine runs in its own worker process, so a natural voice that crashes, runs out of
memory or finds its model corrupt takes nothing else down: the sentences it was asked for are
asked of espeak-ng instead (already running, so within a few hundred milliseconds), one
warning is logged and kept for the staff screen, and the natural engine is left alone for a
while before it is tried again. The pronunciation list is applied here, for both engines, so
the engines hear the list's spoken forms while word times still point at the written words.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kiosk.speech.defaults import CLEAR, NATURAL, voice_covers
from kiosk.speech.types import SpeechUnavailable, Synthesis, Synthesizer, Utterance, WordTiming

if TYPE_CHECKING:
    from kiosk.speech.pronunciation import Pronunciation

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60.0  # how long a failed natural engine is left alone


@dataclass(frozen=True)
class LanguageVoices:
    """What can speak one language, for the staff screen and ``check``."""

    language: str
    natural: str | None  # the natural voice's name, if the language has one
    clear: str | None  # espeak-ng's voice, if it has one
    engine: str  # what speaks it now by default: "natural", "clear" or "none"


class ChoosingSynthesizer(Synthesizer):
    def __init__(self, clear: Synthesizer, natural: Synthesizer | None = None, *,
                 pronunciations: Callable[[str], Pronunciation] | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 retry_after: float = RETRY_AFTER_SECONDS):
        self.clear = clear
        self.natural = natural
        self.pronunciations = pronunciations
        self._clock = clock
        self._retry_after = retry_after
        self._held_until: float | None = None
        self.failures = 0  # times the natural engine failed and espeak-ng took over
        self.last_failure: str | None = None  # for the staff screen

    # What can speak what ---------------------------------------------------------------------
    def voices(self) -> set[str]:
        return self.clear.voices() | self.natural_voices()

    def natural_voices(self) -> set[str]:
        return self.natural.voices() if self.natural is not None else set()

    def has_natural(self, language: str) -> bool:
        return voice_covers(self.natural_voices(), language)

    def has_both(self, language: str) -> bool:
        """Whether the visitor can choose between a natural and a clear voice."""
        return self.has_natural(language) and self.clear.has_voice(language)

    @property
    def natural_held(self) -> bool:
        return self._held_until is not None and self._clock() < self._held_until

    def engine_for(self, language: str, kind: str = NATURAL) -> Synthesizer | None:
        natural_ok = self.has_natural(language) and not self.natural_held
        if (kind == NATURAL or not self.clear.has_voice(language)) and natural_ok:
            return self.natural
        if self.clear.has_voice(language):
            return self.clear
        return None

    def table(self, languages: list[str] | tuple[str, ...]) -> list[LanguageVoices]:
        natural_names = self._names(self.natural)
        clear_names = self._names(self.clear)
        rows = []
        for language in languages:
            engine = self.engine_for(language)
            rows.append(LanguageVoices(
                language,
                _name_for(natural_names, language) if self.has_natural(language) else None,
                _name_for(clear_names, language) if self.clear.has_voice(language) else None,
                "none" if engine is None else NATURAL if engine is self.natural else CLEAR))
        return rows

    @staticmethod
    def _names(synthesizer: Synthesizer | None) -> dict[str, str]:
        return synthesizer.voice_names() if synthesizer is not None else {}

    def description(self) -> str:
        clear = self.clear.description()
        if self.natural is None:
            return clear
        return f"{self.natural.description()}; otherwise {clear}"

    def prepare(self, language: str, kind: str = NATURAL) -> None:
        """Load the voice ``language`` will be read in, before anyone asks (a few hundred
        milliseconds for a natural voice)."""
        engine = self.engine_for(language, kind)
        if engine is self.natural:
            ready = engine.prepare(language)
            if ready is not None:
                ready.add_done_callback(self._noticed)

    def _noticed(self, future: Future) -> None:
        if future.exception() is not None:
            self._hold(future.exception())

    # Speaking --------------------------------------------------------------------------------
    def synthesize(self, utterance: Utterance) -> Future[Synthesis]:
        from kiosk.speech.pronunciation import Pronunciation, written_words  # after start-up

        result: Future[Synthesis] = Future()
        pronunciation = (self.pronunciations(utterance.language) if self.pronunciations
                         else Pronunciation())
        spoken, pieces = pronunciation.apply(utterance.text)
        engine = self.engine_for(utterance.language, utterance.kind)
        if engine is None:
            result.set_exception(SpeechUnavailable(f"no voice for {utterance.language}"))
            return result

        def finish(future: Future[Synthesis], engine: Synthesizer) -> None:
            if result.cancelled() or future.cancelled():
                if not future.cancelled() and future.exception() is None:
                    future.result().wav.unlink(missing_ok=True)  # nobody will play it
                return
            error = future.exception()
            if error is None:
                synthesis = future.result()
                words = written_words([(w.start, w.length, w.at_ms) for w in synthesis.words],
                                      pieces)
                with contextlib.suppress(InvalidStateError):  # cancelled meanwhile
                    result.set_result(replace(
                        synthesis, utterance=utterance,
                        words=tuple(WordTiming(*word) for word in words)))
            elif engine is self.natural and self.clear.has_voice(utterance.language):
                self._hold(error)
                again = self.clear.synthesize(replace(utterance, text=spoken))
                again.add_done_callback(lambda done: finish(done, self.clear))
                result.add_done_callback(lambda done: again.cancel() if done.cancelled()
                                         else None)
            else:
                with contextlib.suppress(InvalidStateError):
                    result.set_exception(error)

        inner = engine.synthesize(replace(utterance, text=spoken))
        inner.add_done_callback(lambda future: finish(future, engine))
        # A sentence nobody will hear (the visitor stopped, or turned the page) is withdrawn
        # from the worker's queue, so the next page's first sentence does not wait behind it.
        result.add_done_callback(lambda done: inner.cancel() if done.cancelled() else None)
        return result

    def _hold(self, error: BaseException) -> None:
        message = str(error) or type(error).__name__
        if not self.natural_held:
            self.failures += 1
            log.warning("the natural voice failed (%s): espeak-ng speaks instead; the natural "
                        "voice is tried again in %d s", message, self._retry_after)
        self.last_failure = message
        self._held_until = self._clock() + self._retry_after

    def close(self) -> None:
        self.clear.close()
        if self.natural is not None:
            self.natural.close()


def _name_for(names: dict[str, str], language: str) -> str:
    return names.get(language) or names.get(language.split("_")[0]) or "?"
