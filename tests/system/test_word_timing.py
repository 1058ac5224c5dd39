"""Word times against the sound, for every sentence of the English content, on both engines.

Each page's text is split into sentences exactly as read-aloud splits it, and each sentence is
synthesized by the engine at the kiosk's default speed. Then, for every sentence:

* every written word (as read-aloud highlights them: ``phoneme_words.written_words``) has
  exactly one time, the times strictly increase, and all lie inside the audio;
* after every pause the next word's time lies within 80 ms of where the sound resumes, as
  measured in the waveform alone (never from the engine's alignment). The pauses are each
  comma, colon, semicolon or full stop inside the sentence that a word follows, and the full
  stop before the sentence: read-aloud plays sentence after sentence, so the word after a full
  stop is the first word of the next sentence's audio, heard where its sound begins.

What "the sound resumes" means here. The waveform is cut into 10 ms frames (every 5 ms); a
frame is quiet when its RMS level is more than 45 dB below the sentence's loud level (the 95th
percentile of its frames, so one peak does not decide it). Sound resumes at the first frame
after the pause that is not quiet. That threshold is low on purpose: an unvoiced onset (/h/,
/s/, /f/) is quiet, 20 to 40 dB below the vowels, but it is sound, and a listener hears the
word begin with it. A stop consonant (/b/, /p/, /t/) starts with a closure that is silent in
the waveform and to the ear: the pause lasts until its burst, which is where the word is
heard to begin, so a word time at the start of the closure counts as early. A pause is a
quiet run of at least 100 ms inside the sentence (a stop's closure is shorter than a spoken
pause); the sentence's pauses are matched to its punctuation in order, the longest ones first
when a long closure makes more runs than marks.

Every sentence of one section is synthesized once per test process (a module-scoped cache)
and the tests of one section and engine run in one xdist group. ``python -m
tests.system.test_word_timing`` prints the figures: offsets at commas and full stops, and any
sentence whose alignment fell back.
"""

from __future__ import annotations

import itertools
import re
import statistics
import tempfile
import wave
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from kiosk import paths
from kiosk.content.model import load_content
from kiosk.speech.engines import EngineOutput
from kiosk.speech.engines.phoneme_words import written_words
from kiosk.speech.read_aloud import sentence_spans
from kiosk.speech.types import DEFAULT_RATE, DEFAULT_VOLUME

ENGINES = ("espeak-ng", "piper")
TOLERANCE_MS = 80
FRAME_MS, HOP_MS = 10, 5
QUIET_DB = -45.0  # below the sentence's loud level: silence, not a quiet consonant
LOUD_PERCENTILE = 95
MIN_PAUSE_MS = 100
PAUSE_MARK = re.compile(r"[,;:.](?=\s)")  # followed by a word: checked in pause_marks


@cache
def section_ids() -> tuple[str, ...]:
    return tuple(section.id for section in load_content(paths.CONTENT_DIR).sections)


def english_sentences(data) -> dict[str, list[str]]:
    """Section id -> its sentences, page by page, as read-aloud says them."""
    from kiosk.content import localized
    from kiosk.i18n import catalogues

    previous = catalogues.active_language()
    catalogues.activate(data.catalogues.translator("en"))
    try:
        sentences: dict[str, list[str]] = {}
        for section in data.content.sections:
            found = sentences.setdefault(section.id, [])
            for page in range(len(section.pages)):
                text = "\n\n".join(localized.paragraphs(section, page))  # as the reader joins
                found.extend(text[start:end] for start, end in sentence_spans(text))
        return sentences
    finally:
        catalogues.activate(data.catalogues.translator(previous))


# The waveform ------------------------------------------------------------------------------
def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as audio:
        assert audio.getsampwidth() == 2 and audio.getnchannels() == 1
        samples = np.frombuffer(audio.readframes(audio.getnframes()), dtype="<i2")
        return samples.astype(np.float64), audio.getframerate()


def quiet_frames(samples: np.ndarray, rate: int) -> np.ndarray:
    """For each 10 ms frame (one every 5 ms), whether it is silence."""
    frame, hop = rate * FRAME_MS // 1000, rate * HOP_MS // 1000
    count = max(1, (len(samples) - frame) // hop + 1)
    padded = np.pad(samples, (0, max(0, frame - len(samples))))
    windows = np.lib.stride_tricks.sliding_window_view(padded, frame)[::hop][:count]
    rms = np.sqrt(np.mean(windows ** 2, axis=1))
    loud = np.percentile(rms, LOUD_PERCENTILE)
    return rms < loud * 10 ** (QUIET_DB / 20)


def quiet_runs(quiet: np.ndarray) -> list[tuple[int, int]]:
    """[first, end) frame indexes of each run of quiet frames."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], quiet.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


@dataclass
class Sound:
    onset_ms: int  # where the sentence's sound begins
    pauses: list[tuple[int, int]]  # (start, where the sound resumes) in ms, in time order


def listen(path: Path, marks: int) -> Sound:
    """The sentence's onset, and its ``marks`` pauses (fewer if the audio has fewer)."""
    samples, rate = read_wav(path)
    quiet = quiet_frames(samples, rate)
    runs = quiet_runs(quiet)
    onset = runs[0][1] if runs and runs[0][0] == 0 else 0
    inside = [(a, b) for a, b in runs if a > 0 and b < len(quiet)
              and (b - a) * HOP_MS + FRAME_MS - HOP_MS >= MIN_PAUSE_MS]
    longest = sorted(sorted(inside, key=lambda run: run[1] - run[0], reverse=True)[:marks])
    return Sound(onset * HOP_MS, [(a * HOP_MS, b * HOP_MS) for a, b in longest])


# The text ----------------------------------------------------------------------------------
def pause_marks(text: str) -> list[tuple[int, int]]:
    """(offset of the mark, index of the word after it) for each mark a word follows."""
    words = written_words(text)
    found = []
    for mark in PAUSE_MARK.finditer(text):
        after = next((i for i, (offset, _n) in enumerate(words) if offset > mark.start()), None)
        if after is not None:
            found.append((mark.start(), after))
    return found


# Measuring ---------------------------------------------------------------------------------
@dataclass
class Measured:
    text: str
    output: EngineOutput
    sound: Sound
    marks: list[tuple[int, int]]
    # (kind, label, word time - where the sound resumes) for every pause
    offsets: list[tuple[str, str, int]] = field(default_factory=list)


def measure(engine, text: str, out: Path) -> Measured:
    output = engine.synthesize(text, "en", DEFAULT_RATE, DEFAULT_VOLUME, out)
    marks = pause_marks(text)
    sound = listen(out, len(marks))
    result = Measured(text, output, sound, marks)
    times = {(offset, length): at for offset, length, at in output.words}
    words = written_words(text)
    if words and words[0] in times:
        result.offsets.append(("full stop", f"(start) {word(text, words[0])}",
                               times[words[0]] - sound.onset_ms))
    if len(sound.pauses) == len(marks):
        for (mark, after), (_start, resumes) in zip(marks, sound.pauses, strict=True):
            if words[after] in times:
                kind = "full stop" if text[mark] == "." else "comma"
                label = f"{word(text, words[after - 1])}{text[mark]} {word(text, words[after])}"
                result.offsets.append((kind, label, times[words[after]] - resumes))
    return result


def word(text: str, span: tuple[int, int]) -> str:
    return text[span[0]:span[0] + span[1]]


@cache
def engine_named(name: str):
    if name == "piper":
        from kiosk.speech.engines.piper_engine import PiperEngine

        return PiperEngine()
    from kiosk.speech.engines.pyttsx3_engine import Pyttsx3Engine

    return Pyttsx3Engine("espeak")


_spoken: dict[tuple[str, str], list[Measured]] = {}


def spoken_section(engine_name: str, section: str, data) -> list[Measured]:
    """Every sentence of ``section`` spoken by the engine and measured, once per process."""
    key = (engine_name, section)
    if key not in _spoken:
        engine = engine_named(engine_name)
        with tempfile.TemporaryDirectory(prefix="word-timing-") as folder:
            _spoken[key] = [measure(engine, text, Path(folder) / f"{index}.wav")
                            for index, text in enumerate(english_sentences(data)[section])]
    return _spoken[key]


# The tests ---------------------------------------------------------------------------------
CASES = [pytest.param(engine, section, id=f"{engine}-{section}",
                      marks=pytest.mark.xdist_group(f"word-timing-{engine}-{section}"))
         for engine in ENGINES for section in section_ids()]


@pytest.fixture(scope="module")
def spoken(kiosk_data):
    return lambda engine, section: spoken_section(engine, section, kiosk_data)


@pytest.mark.parametrize(("engine", "section"), CASES)
def test_every_word_has_one_time_in_order_inside_the_audio(spoken, engine, section):
    problems = []
    for sentence in spoken(engine, section):
        output, text = sentence.output, sentence.text
        expected = written_words(text)
        timed = [(offset, length) for offset, length, _at in output.words]
        times = [at for _o, _n, at in output.words]
        if not output.aligned:
            problems.append(f"alignment fell back: {text!r}")
        elif timed != expected:
            problems.append(f"words {[word(text, w) for w in timed]} are not "
                            f"{[word(text, w) for w in expected]}: {text!r}")
        elif any(b <= a for a, b in itertools.pairwise(times)):
            problems.append(f"times do not increase {times}: {text!r}")
        elif times and not 0 <= times[0] <= times[-1] <= output.duration_ms:
            problems.append(f"times {times} outside 0..{output.duration_ms} ms: {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("engine", "section"), CASES)
def test_after_each_pause_the_next_word_starts_where_the_sound_resumes(spoken, engine,
                                                                       section):
    problems, offsets = [], []
    for sentence in spoken(engine, section):
        if len(sentence.sound.pauses) < len(sentence.marks):
            problems.append(f"{len(sentence.marks)} marks but {len(sentence.sound.pauses)}"
                            f" pauses in the audio: {sentence.text!r}")
        expected = len(sentence.marks) + 1
        if len(sentence.offsets) < expected and sentence.output.aligned:
            problems.append(f"{expected - len(sentence.offsets)} pauses without a word time:"
                            f" {sentence.text!r}")
        for kind, label, offset in sentence.offsets:
            offsets.append(abs(offset))
            if abs(offset) > TOLERANCE_MS:
                problems.append(f"{kind} {label!r}: the word is {offset:+d} ms from where the"
                                f" sound resumes: {sentence.text!r}")
    assert offsets
    assert not problems, "\n".join(problems) + f"\n(worst {max(offsets)} ms)"


def test_pauses_are_found_in_a_waveform_of_known_shape():
    """The detector on a made-up sentence: a quiet /h/-like hiss is sound, a 60 ms closure is
    not a pause, a 250 ms silence is, and sound resumes where the hiss starts."""
    rate = 22050
    rng = np.random.default_rng(1)

    def tone(ms, level):
        t = np.arange(rate * ms // 1000) / rate
        return level * np.sin(2 * np.pi * 150 * t)

    def hiss(ms, level):
        return level * rng.standard_normal(rate * ms // 1000)

    silence = lambda ms: np.zeros(rate * ms // 1000)  # noqa: E731
    parts = [silence(50), tone(400, 10000), silence(60), tone(300, 10000),  # closure: no pause
             silence(250), hiss(80, 100), tone(400, 10000), silence(100)]
    samples = np.concatenate(parts).astype(np.int16)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "made.wav"
        with wave.open(str(path), "wb") as audio:
            audio.setnchannels(1)
            audio.setsampwidth(2)
            audio.setframerate(rate)
            audio.writeframes(samples.tobytes())
        sound = listen(path, 1)
    assert abs(sound.onset_ms - 50) <= HOP_MS
    [(start, resumes)] = sound.pauses
    assert abs(start - 810) <= FRAME_MS and abs(resumes - 1060) <= FRAME_MS


def test_marks_are_the_pauses_a_word_follows():
    text = "In 2008 and 2009, he wrote: it is 3.5 cm; so far, so good."
    found = [(text[mark], word(text, written_words(text)[after]))
             for mark, after in pause_marks(text)]
    assert found == [(",", "he"), (":", "it"), (";", "so"), (",", "so")]


def report() -> None:
    """Figures for each engine: offsets at commas and full stops, fallbacks."""
    import datetime as dt

    from kiosk.loading import load_kiosk

    data = load_kiosk(None, today=dt.date(2026, 11, 21))
    for engine in ENGINES:
        measured = [m for section in section_ids()
                    for m in spoken_section(engine, section, data)]
        print(f"{engine}: {len(measured)} sentences, "
              f"{sum(len(m.output.words) for m in measured)} words timed of "
              f"{sum(len(written_words(m.text)) for m in measured)}")
        for kind in ("comma", "full stop"):
            found = [(abs(o), o, label) for m in measured for k, label, o in m.offsets
                     if k == kind]
            sizes = [size for size, _o, _l in found]
            worst = sorted(found, reverse=True)[:3]
            print(f"  {kind}: {len(found)} pauses, median {statistics.median(sizes):.0f} ms, "
                  f"max {max(sizes)} ms, over {TOLERANCE_MS} ms: "
                  f"{sum(s > TOLERANCE_MS for s in sizes)}; worst "
                  + ", ".join(f"{label!r} {o:+d}" for _s, o, label in worst))
        fell_back = [m.text for m in measured if not m.output.aligned]
        print(f"  fell back: {fell_back or 'none'}")
        missing = [m.text for m in measured if len(m.sound.pauses) < len(m.marks)]
        if missing:
            print(f"  marks without a pause in the audio: {missing}")


if __name__ == "__main__":
    report()
