"""pyttsx3 as a "synthesize this sentence to a WAV" engine, with word timings.

pyttsx3 2.99 on Linux blocks while it works, cannot be interrupted, drops queued utterances
(nateshmbhat/pyttsx3#419) and reports words before the audio plays (thevickypedia/py3-tts#6).
Used one sentence per ``runAndWait`` and only to write files, it is reliable; playing and
stopping are the kiosk's job. On the espeak driver the word events carry their position in the audio
(``audio_position``), which pyttsx3 drops: this backend reads them from espeak's callback.
Other drivers (SAPI5, NSSpeechSynthesizer) still work, with word times estimated from the
audio's length.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import wave
from pathlib import Path

from kiosk.speech.defaults import WORDS_PER_MINUTE
from kiosk.speech.engines import Engine, EngineOutput

# Kiosk language -> engine language tag, where they differ or a variant is preferred.
_PREFERRED = {"zh": "cmn", "pt": "pt-br", "en": "en-gb", "fr": "fr-fr"}
_RATE_LIMITS = (80, 450)  # espeak-ng's usable words-per-minute range


class Pyttsx3Engine(Engine):
    """espeak-ng (or the platform's engine) through pyttsx3. ``driver`` picks pyttsx3's
    driver; the worker passes ``KIOSK_TTS_DRIVER`` from the environment."""

    name = "espeak-ng"

    def __init__(self, driver: str | None = None):
        import pyttsx3

        self.engine = pyttsx3.init(driver) if driver else pyttsx3.init()
        self._driver = self.engine.proxy._driver
        self._espeak = type(self._driver).__module__.endswith(".espeak")
        self._events: list[tuple[int, int, int]] = []
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

    # Synthesis -------------------------------------------------------------------------------
    def _hook_espeak_events(self) -> None:
        from pyttsx3.drivers import _espeak

        original = self._driver._onSynth

        def on_synth(wav, numsamples, events):
            index = 0
            while events[index].type != _espeak.EVENT_LIST_TERMINATED:
                event = events[index]
                if event.type == _espeak.EVENT_WORD:
                    self._events.append((event.text_position, event.length,
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
            self._events = []
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
            words = []
            for position, length, at in self._events:
                start = max(0, position - 1 - len(prefix))
                end = position - 1 + length - len(prefix)
                if end > start:
                    words.append((start, end - start, at))
        else:
            words = _estimated_words(text, duration_ms)
        return EngineOutput(duration_ms, words, voice=voice)


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
