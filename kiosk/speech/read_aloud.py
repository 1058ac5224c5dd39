"""Reading a page aloud: sentence by sentence, highlight driven by what has been heard.

The whole page's sentences are queued to the synthesizer at once (the worker answers in order,
well ahead of playback), and each is played when the previous one ends. ``tick()`` is called by
the UI's clock; it never waits: if a sentence is not synthesized yet, it simply tries again on
the next tick. The current sentence and word come from the player's position in the audio and
the word timings espeak measured in that audio, so the highlight follows the sound, not the
synthesis burst that precedes it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from kiosk.speech.defaults import DEFAULT_VOICE_KIND
from kiosk.speech.types import (
    DEFAULT_RATE,
    DEFAULT_VOLUME,
    Playback,
    Player,
    SpeechUnavailable,
    Synthesis,
    Synthesizer,
    Utterance,
)

log = logging.getLogger(__name__)

_SENTENCE = re.compile(r"[^.!?。！？؟\n]+(?:[.!?。！？؟]+|$)", re.MULTILINE)

Span = tuple[int, int]  # [start, end) character offsets in the page text


def _discard(future: Future[Synthesis]) -> None:
    """A sentence nobody will hear: withdrawn if not made yet, its audio deleted if it was."""
    future.cancel()
    future.add_done_callback(_delete_audio)


def _delete_audio(future: Future[Synthesis]) -> None:
    """Sentence audio lives in memory (/dev/shm): remove it once it is no longer needed."""
    if future.cancelled() or future.exception() is not None:
        return
    wav = future.result().wav
    if wav.suffix == ".wav":
        wav.unlink(missing_ok=True)


def sentence_spans(text: str) -> list[Span]:
    """Sentences of ``text`` as character ranges (whitespace trimmed)."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


@dataclass(frozen=True)
class Highlight:
    sentence: Span
    word: Span | None


class ReadAloud:
    IDLE, PLAYING, PAUSED = "idle", "playing", "paused"

    def __init__(self, synthesizer: Synthesizer, player: Player,
                 on_finished: Callable[[], None] | None = None):
        self.synthesizer = synthesizer
        self.player = player
        self.on_finished = on_finished
        self.state = self.IDLE
        self.error: str | None = None
        self._text = ""
        self._spans: list[Span] = []
        self._futures: list[Future[Synthesis]] = []
        self._index = 0
        self._playback: Playback | None = None
        self._synthesis: Synthesis | None = None
        self._retried = False
        self._settings = ("en", DEFAULT_RATE, DEFAULT_VOLUME, DEFAULT_VOICE_KIND)
        self._prepared: tuple[Utterance, Future[Synthesis]] | None = None

    # Commands --------------------------------------------------------------------------------
    def start(self, text: str, language: str, rate: float = DEFAULT_RATE,
              volume: float = DEFAULT_VOLUME,
              from_sentence: int = 0, kind: str = DEFAULT_VOICE_KIND) -> None:
        """Read ``text`` from the top (or from a sentence), replacing anything being read."""
        self.stop()
        self.error = None
        self._text = text
        self._spans = sentence_spans(text)
        self._settings = (language, rate, volume, kind)
        self._index = from_sentence
        self._futures = [self._request(i) for i in range(len(self._spans))]
        self.state = self.PLAYING if self._spans else self.IDLE

    def speak(self, text: str, language: str, rate: float = DEFAULT_RATE,
              volume: float = DEFAULT_VOLUME, kind: str = DEFAULT_VOICE_KIND) -> None:
        """Say a short message (an announcement, a button's name) the same way."""
        self.start(text, language, rate, volume, kind=kind)

    def prepare(self, text: str, language: str, rate: float = DEFAULT_RATE,
                volume: float = DEFAULT_VOLUME, kind: str = DEFAULT_VOICE_KIND) -> None:
        """Synthesize the first sentence of ``text`` now, so that reading it starts at once
        (a page calls this when it is shown). Replaces what was prepared before."""
        spans = sentence_spans(text)
        if not spans:
            return
        utterance = Utterance(text[spans[0][0]:spans[0][1]], language, rate, volume, kind)
        if self._prepared is not None and self._prepared[0] == utterance:
            return
        self._forget_prepared()
        self._prepared = (utterance, self.synthesizer.synthesize(utterance))

    def _forget_prepared(self) -> None:
        if self._prepared is not None:
            _discard(self._prepared[1])
            self._prepared = None

    def when_ready(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` (on the synthesizer's thread) once the sentence due to play next
        is synthesized, so the UI can start it then instead of on its next clock tick."""
        if self.state == self.IDLE or self._index >= len(self._futures):
            return
        self._futures[self._index].add_done_callback(lambda _future: callback())

    def _request(self, index: int) -> Future[Synthesis]:
        start, end = self._spans[index]
        language, rate, volume, kind = self._settings
        utterance = Utterance(self._text[start:end], language, rate, volume, kind)
        prepared, self._prepared = self._prepared, None
        if prepared is not None:
            if prepared[0] == utterance and not (prepared[1].done()
                                                 and prepared[1].exception() is not None):
                return prepared[1]  # synthesized when the page was shown
            _discard(prepared[1])
        return self.synthesizer.synthesize(utterance)

    def pause(self) -> None:
        if self.state == self.PLAYING:
            if self._playback is not None:
                self._playback.pause()
            self.state = self.PAUSED

    def resume(self) -> None:
        if self.state == self.PAUSED:
            if self._playback is not None:
                self._playback.resume()
            self.state = self.PLAYING

    def repeat(self) -> None:
        """Say the current (or last) sentence again from its start."""
        if not self._spans or not self._futures:
            return
        index = min(self._index, len(self._spans) - 1)
        self._stop_playback()
        self._index = index
        self.state = self.PLAYING

    def stop(self) -> None:
        self._stop_playback()
        self.state = self.IDLE
        for future in self._futures:  # played or not, its audio is no longer needed
            _discard(future)
        self._futures = []

    def _stop_playback(self) -> None:
        if self._playback is not None:
            self._playback.stop()
        self._playback = None
        self._synthesis = None

    @property
    def active(self) -> bool:
        return self.state != self.IDLE

    @property
    def sounding(self) -> bool:
        """A sentence's audio is with the player (playing or paused), not still awaited."""
        return self._playback is not None

    @property
    def sentence_index(self) -> int:
        return self._index

    def syntheses(self) -> tuple[Future[Synthesis], ...]:
        """Every sentence's synthesis in reading order (for tests and tools)."""
        return tuple(self._futures)

    @property
    def prepared(self) -> Future[Synthesis] | None:
        """The first sentence made ahead for the page shown (for tests and tools)."""
        return self._prepared[1] if self._prepared is not None else None

    @property
    def synthesis(self) -> Synthesis | None:
        """The sentence being heard (its engine, voice and word times), if any."""
        return self._synthesis

    # The clock -------------------------------------------------------------------------------
    def tick(self) -> Highlight | None:
        """Advance playback; return what to highlight now (None when nothing is being read)."""
        if self.state == self.IDLE:
            return None
        if self.state == self.PLAYING and self._playback is not None and self._playback.finished:
            self._playback = None
            self._synthesis = None
            self._index += 1
            self._retried = False
        if self._index >= len(self._spans):
            self.stop()
            if self.on_finished is not None:
                self.on_finished()
            return None
        if self._playback is None and self.state == self.PLAYING:
            self._begin_sentence()
        return self.highlight()

    def _begin_sentence(self) -> None:
        future = self._futures[self._index]
        if not future.done():
            return  # still being synthesized: try again on the next tick
        try:
            synthesis = future.result()
        except SpeechUnavailable as exc:
            if not self._retried:  # e.g. the worker died mid-sentence: it restarts
                self._retried = True
                self._futures[self._index:] = [self._request(i)
                                               for i in range(self._index, len(self._spans))]
                return
            log.warning("read-aloud stopped: %s", exc)
            self.error = str(exc)
            self.state = self.IDLE
            return
        self._synthesis = synthesis
        self._playback = self.player.play(synthesis.wav, synthesis.duration_ms,
                                          synthesis.utterance.volume)

    def highlight(self) -> Highlight | None:
        if not self._spans or self._index >= len(self._spans):
            return None
        start, end = self._spans[self._index]
        word = None
        if self._synthesis is not None and self._playback is not None:
            heard = self._playback.position_ms()
            current = [w for w in self._synthesis.words if w.at_ms <= heard]
            if current:
                w = current[-1]
                word = (start + w.start, min(end, start + w.start + w.length))
        return Highlight((start, end), word)
