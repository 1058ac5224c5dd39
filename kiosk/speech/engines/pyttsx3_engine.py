"""pyttsx3 as a "synthesize this sentence to a WAV" engine, with word timings.

pyttsx3 2.99 on Linux blocks while it works, cannot be interrupted, drops queued utterances
(nateshmbhat/pyttsx3#419) and reports words before the audio plays (thevickypedia/py3-tts#6).
Used one sentence per ``runAndWait`` and only to write files, it is reliable; playing and
stopping are the kiosk's job. On the espeak driver the word events carry their position in the audio
(``audio_position``), which pyttsx3 drops: this backend reads them from espeak's callback.
Other drivers (SAPI5, NSSpeechSynthesizer) still work, with word times estimated from the
audio's length.

espeak's word events are not one per written word: it says some pairs as one word ("did not",
"No one", "the United": one event), a number as several ("2008": four events inside it), and
now and then points an event at the wrong word ("such as"). So the events are mapped onto the
words the kiosk highlights (``phoneme_words.written_words``): the first event inside a word
times it, and a word espeak joined to the one before starts at its first phoneme, found from
espeak's phoneme events (enabled when this engine starts espeak) and the word's own phonemes.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import re
import shutil
import subprocess
import wave
from pathlib import Path

from kiosk.speech.defaults import WORDS_PER_MINUTE
from kiosk.speech.engines import Engine, EngineOutput, Word
from kiosk.speech.engines.phoneme_words import written_words

# Kiosk language -> engine language tag, where they differ or a variant is preferred.
_PREFERRED = {"zh": "cmn", "pt": "pt-br", "en": "en-gb", "fr": "fr-fr"}
_RATE_LIMITS = (80, 450)  # espeak-ng's usable words-per-minute range
_PHONEME_EVENTS = 1  # espeak_Initialize option: also report each phoneme (espeakEVENT_PHONEME)
_EVENT_PHONEME = 7
_STRESS = re.compile(r"[',;%=]")  # stress and syllable marks in espeak's phoneme names


class Pyttsx3Engine(Engine):
    """espeak-ng (or the platform's engine) through pyttsx3. ``driver`` picks pyttsx3's
    driver; the worker passes ``KIOSK_TTS_DRIVER`` from the environment."""

    name = "espeak-ng"

    def __init__(self, driver: str | None = None):
        import pyttsx3

        self._phoneme_events = _start_espeak_with_phoneme_events(driver)
        self.engine = pyttsx3.init(driver) if driver else pyttsx3.init()
        self._driver = self.engine.proxy._driver
        self._espeak = type(self._driver).__module__.endswith(".espeak")
        self._events: list[tuple[int, int, int]] = []
        self._phonemes: list[tuple[str, int]] = []  # (espeak's phoneme name, start in ms)
        self._phoneme_counts: dict[tuple[str, str], int] = {}
        self._voices = self._list_voices()
        if self._espeak:
            self._hook_espeak_events()

    @classmethod
    def describe(cls) -> str:
        if shutil.which("espeak-ng") is None:
            return "espeak-ng is not installed: no speech"
        try:
            out = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True,
                                 timeout=5).stdout
        except (OSError, subprocess.TimeoutExpired):
            return "espeak-ng (does not answer)"
        version = out.split(":", 1)[-1].split("Data at")[0].strip() if ":" in out else "?"
        return f"espeak-ng {version} through pyttsx3, in a separate process"

    # Voices ----------------------------------------------------------------------------------
    def _list_voices(self) -> dict[str, str]:
        """Engine language tag (lowercase) -> voice id, skipping romanised variants."""
        voices: dict[str, str] = {}
        for voice in self.engine.getProperty("voices"):
            for tag in voice.languages or []:
                tag = (tag.decode() if isinstance(tag, bytes) else str(tag)).lower()
                if "-latn" not in tag:
                    voices.setdefault(tag, voice.id)
        return voices

    def voice_for(self, language: str) -> str | None:
        """The voice for a kiosk language. A region ("pt_BR", "pt_PT") picks that region's
        voice when there is one, then the language's own; a script ("zh_Hans") is no region."""
        parts = language.split("_")
        base = parts[0].lower()
        wanted = _PREFERRED.get(base, base)
        region = parts[1] if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isupper() else ""
        tags = (f"{base}-{region.lower()}", base, wanted) if region else (wanted, base)
        for tag in tags:
            if tag in self._voices:
                return self._voices[tag]
        for tag, voice in sorted(self._voices.items()):
            if tag.split("-")[0] == wanted.split("-")[0]:
                return voice
        return None

    def languages(self) -> set[str]:
        """Kiosk language codes this engine can speak with a voice of their own."""
        found = set()
        for tag in self._voices:
            primary = tag.split("-")[0]
            found.add("zh" if primary == "cmn" else primary)
        return found

    def voice_names(self) -> dict[str, str]:
        return {language: name for language in self.languages()
                if (name := self.voice_for(language))}

    # Synthesis -------------------------------------------------------------------------------
    def _hook_espeak_events(self) -> None:
        from pyttsx3.drivers import _espeak

        original = self._driver._onSynth
        id_offset = _espeak.EVENT.id.offset

        def on_synth(wav, numsamples, events):
            index = 0
            while events[index].type != _espeak.EVENT_LIST_TERMINATED:
                event = events[index]
                if event.type == _espeak.EVENT_WORD:
                    self._events.append((event.text_position, event.length,
                                         event.audio_position))
                elif event.type == _EVENT_PHONEME:  # its name: up to 8 bytes in the union
                    name = ctypes.string_at(ctypes.addressof(event) + id_offset, 8)
                    self._phonemes.append((name.split(b"\0")[0].decode("ascii", "replace"),
                                           event.audio_position))
                index += 1
            return original(wav, numsamples, events)

        self._on_synth = on_synth  # keep a reference: ctypes must not lose the callback
        self._driver._onSynth = on_synth
        _espeak.SetSynthCallback(on_synth)

    def synthesize(self, text: str, language: str, rate: float, volume: float, out: Path
                   ) -> EngineOutput:
        voice = self.voice_for(language)
        if voice is None:
            raise LookupError(f"no voice for {language}")
        wpm = max(_RATE_LIMITS[0], min(_RATE_LIMITS[1], round(WORDS_PER_MINUTE * rate)))
        prefix = ""
        if self._espeak:
            # Speed and loudness as espeak embedded commands (Ctrl-A, value, letter) at the
            # start of the text: they apply exactly to this text. Set as parameters instead,
            # espeak-ng (in the asynchronous mode pyttsx3 uses) applied them one utterance
            # late after a voice change.
            amplitude = round(200 * max(0.0, min(1.0, volume)))
            prefix = f"\x01{wpm}S\x01{amplitude}A"
        else:
            self.engine.setProperty("rate", wpm)
            self.engine.setProperty("volume", max(0.0, min(1.0, volume)))
        self.engine.setProperty("voice", voice)
        for attempt in range(3):
            self._events, self._phonemes = [], []
            with contextlib.redirect_stdout(io.StringIO()):  # pyttsx3 prints "Audio saved to"
                self.engine.save_to_file(prefix + text, str(out))
                self.engine.runAndWait()
            duration_ms, audible = _audio(out)
            if duration_ms and (audible or attempt):
                break
            # Now and then, under load, pyttsx3 2.99 returns from runAndWait with no file, an
            # empty one, or one of pure silence: again, with the same text and file (a worker
            # just restarted on a busy machine once failed twice). Silence twice is what the
            # text sounds like (punctuation alone, say) and is kept.
        else:
            raise RuntimeError(f"the speech engine wrote no audio to {out.name}")
        if self._espeak:
            # espeak counts from 1 and includes our prefix, merged into the first word.
            events = []
            for position, length, at in self._events:
                start = max(0, position - 1 - len(prefix))
                end = position - 1 + length - len(prefix)
                if end > start:
                    events.append((start, end - start, at))
            count = (lambda word: self._phoneme_count(voice, word)) \
                if self._phoneme_events else None
            words = _word_times(text, events, self._phonemes, duration_ms, count)
        else:
            words = _estimated_words(text, duration_ms)
        return EngineOutput(duration_ms, words, voice=voice)

    def _phoneme_count(self, voice: str, word: str) -> int:
        """How many phonemes espeak says for ``word`` alone (0 if it cannot tell)."""
        key = (voice, word)
        if key not in self._phoneme_counts:
            if len(self._phoneme_counts) > 20_000:
                self._phoneme_counts.clear()
            self._phoneme_counts[key] = sum(1 for name in _phoneme_names(word)
                                            if _STRESS.sub("", name))
        return self._phoneme_counts[key]


def _start_espeak_with_phoneme_events(driver: str | None) -> bool:
    """Start espeak-ng for pyttsx3 as pyttsx3 itself does, but with phoneme events on (they
    place the words espeak joins). False if pyttsx3 started it already, or will not use it."""
    import sys

    if driver not in (None, "espeak") or (driver is None and not sys.platform.startswith("linux")):
        return False
    try:
        from pyttsx3.drivers import _espeak
        from pyttsx3.drivers.espeak import EspeakDriver
    except (ImportError, OSError):  # no espeak library: pyttsx3 says so when it starts
        return False
    if EspeakDriver._moduleInitialized:  # started (without them) earlier in this process
        return getattr(EspeakDriver, "_kiosk_phoneme_events", False)
    if _espeak.Initialize(_espeak.AUDIO_OUTPUT_RETRIEVAL, 1000, None, _PHONEME_EVENTS) == -1:
        return False
    current = _espeak.GetCurrentVoice()
    if current and current.contents.name:
        EspeakDriver._defaultVoice = current.contents.name.decode("utf-8")
    else:
        EspeakDriver._defaultVoice = "gmw/en"  # as pyttsx3 does
    EspeakDriver._moduleInitialized = True  # pyttsx3 must not start espeak a second time
    EspeakDriver._kiosk_phoneme_events = True
    return True


def _phoneme_names(word: str) -> list[str]:
    """espeak's phoneme names for ``word`` in the current voice (the one that just spoke)."""
    from pyttsx3.drivers import _espeak

    convert = _espeak.dll.espeak_TextToPhonemes
    convert.restype = ctypes.c_char_p
    convert.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
    buffer = ctypes.create_string_buffer(word.encode("utf-8"))
    pointer = ctypes.c_void_p(ctypes.addressof(buffer))
    names: list[str] = []
    for _ in range(64):  # one clause per call; a word has one or two
        if not pointer.value:
            break
        # Text mode 1: UTF-8; phoneme mode: espeak's names, "|" between them (bits 8-23).
        result = convert(ctypes.byref(pointer), 1, ord("|") << 8)
        if result:
            names.extend(name for name in result.decode("utf-8", "replace")
                         .replace(" ", "|").split("|") if name)
    return names


def _word_times(text: str, events: list[Word], phonemes: list[tuple[str, int]],
                duration_ms: int, count=None) -> list[Word]:
    """One time for every written word of ``text``, from espeak's word events (offset,
    length, ms) and phoneme events (name, ms); ``count(word)`` is how many phonemes espeak
    says for a word alone (None: no phoneme events, words espeak joined are estimated)."""
    words = written_words(text)
    times: list[int | None] = [None] * len(words)
    for start, length, at in events:
        for index, (offset, size) in enumerate(words):
            if offset + size > start:
                # The first event inside a word times it (a number has one per spoken word).
                if offset < start + length and times[index] is None:
                    times[index] = at
                break
    sounds = [(name, at) for name, at in phonemes if not name.startswith("_")]  # not pauses
    index = 0
    while index < len(words):
        if times[index] is not None:
            index += 1
            continue
        # Words index..last have no event: espeak said them joined to the word before.
        last = index
        while last + 1 < len(words) and times[last + 1] is None:
            last += 1
        first = index - 1
        begin = times[first] if first >= 0 else 0
        end = times[last + 1] if last + 1 < len(words) else duration_ms
        group = [at for _name, at in sounds if begin <= at < end]
        position = 0
        for k in range(max(0, first), last + 1):
            if k > first:
                at = None
                if count is not None and position < len(group):
                    at = group[position]
                if at is None or at <= (times[k - 1] if k > 0 else -1):
                    # No phoneme to place it: share the time left by characters.
                    before = times[k - 1] if k > 0 else 0
                    left = sum(words[j][1] for j in range(k, last + 1)) + 1
                    at = before + max(1, (end - before) * words[k - 1][1] // (
                        left + words[k - 1][1])) if k > 0 else 0
                times[k] = at
            if count is not None and k >= 0:
                position += count(text[words[k][0]:words[k][0] + words[k][1]])
        index = last + 1
    result = []
    previous = -1
    for (offset, length), at in zip(words, times, strict=True):
        at = max(int(at or 0), previous + 1)  # strictly increasing, always
        result.append((offset, length, at))
        previous = at
    return result


def _audio(wav: Path) -> tuple[int, bool]:
    """Length of the audio in ``wav`` (0 if it is missing, empty or not a WAV file), and
    whether any of it is not silence."""
    try:
        with wave.open(str(wav), "rb") as audio:
            frames = audio.readframes(audio.getnframes())
            return (round(audio.getnframes() * 1000 / audio.getframerate()),
                    bool(frames.strip(b"\0")))
    except (OSError, EOFError, wave.Error):
        return 0, False


def _estimated_words(text: str, duration_ms: int) -> list[tuple[int, int, int]]:
    """Word starts spread over the audio by character count (drivers without word times)."""
    words, position = [], 0
    for word in text.split():
        start = text.index(word, position)
        words.append((start, len(word), round(duration_ms * start / max(1, len(text)))))
        position = start + len(word)
    return words
