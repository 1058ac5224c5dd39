"""Piper's natural voices as a "synthesize this sentence to a WAV" engine, with exact word times.

Stock Piper voices do not report durations, but the model computes one per phoneme: a copy of
the model with that tensor exposed (``piper.patch_voice_with_alignment``) gives them at no
cost. The copy is made once per voice file and kept in a cache folder, because patching at
every start costs a second and a second copy of the model in memory. Word times then come
from ``phoneme_words``. At most two voices stay loaded (a visit rarely uses more), so a kiosk
with a voice for every language does not hold them all in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import wave
from collections import OrderedDict
from pathlib import Path

from kiosk import paths
from kiosk.speech.engines import Engine, EngineOutput
from kiosk.speech.engines.phoneme_words import PAUSE_MARKS, Phone, word_starts
from kiosk.speech.voice_files import VoiceFile, find_voices, voice_for

log = logging.getLogger(__name__)

# Piper's voices speak faster than the kiosk's pace at rate 1.0 (about 150 words a minute):
# stretch them to it, so "Normal" speed means the same on both engines.
PACE = 1.3
# Piper scales every sentence to full scale at its peaks; speech that peaky is quieter than
# espeak-ng's at the same setting. This gain, with a soft limit on the few peaks it pushes
# past 70 % of full scale, makes the two about equally loud at every loudness setting.
LOUDNESS = 1.6
_KNEE = 0.7
KEEP_LOADED = 2
HEARD_DB = -45.0  # a 10 ms frame this far below the sentence's loud level is silence


def default_cache_dir() -> Path:
    return paths.cache_dir() / "voices"


class PiperEngine(Engine):
    name = "piper"

    def __init__(self, voices_dir: Path | str | None = None, cache_dir: Path | None = None):
        import piper  # noqa: F401 - fail now, in the worker's start, if Piper is missing

        self.voices_dir = Path(voices_dir) if voices_dir else None
        self.cache_dir = cache_dir or default_cache_dir()
        self.voices, self.problems = find_voices(self.voices_dir)
        self.broken: dict[str, str] = {}  # voice name -> why it cannot be loaded
        self._loaded: OrderedDict[str, object] = OrderedDict()
        self._words: dict[tuple[str, str], str] = {}

    @classmethod
    def describe(cls) -> str:
        try:
            from importlib.metadata import version

            return f"Piper {version('piper-tts')} natural voices, in a separate process"
        except Exception:
            return "Piper is not installed: no natural voices"

    def languages(self) -> set[str]:
        return {voice.family for voice in self.voices if voice.name not in self.broken}

    def voice_names(self) -> dict[str, str]:
        """Language family -> the voice that speaks it (for the staff screen)."""
        chosen: dict[str, str] = {}
        for voice in self.voices:
            if voice.name not in self.broken:
                chosen.setdefault(voice.family, voice.name)
        return chosen

    # Loading ---------------------------------------------------------------------------------
    def voice_file(self, language: str) -> VoiceFile:
        usable = [voice for voice in self.voices if voice.name not in self.broken]
        voice = voice_for(usable, language)
        if voice is None:
            raise LookupError(f"no natural voice for {language}")
        return voice

    def prepare(self, language: str) -> str:
        """Load the voice for ``language`` now (it takes a few hundred milliseconds)."""
        voice = self.voice_file(language)
        self.load_voice(voice)
        return voice.name

    def load_voice(self, voice: VoiceFile):
        """The loaded Piper voice for ``voice`` (loaded now if it is not)."""
        if voice.name in self._loaded:
            self._loaded.move_to_end(voice.name)
            return self._loaded[voice.name]
        from piper import PiperVoice

        try:
            model, patched = self._aligned_model(voice)
            loaded = PiperVoice.load(model, config_path=voice.config,
                                     include_alignments=not patched,
                                     download_dir=self.cache_dir)
        except Exception as exc:  # a corrupt or truncated model: never try it again
            self.broken[voice.name] = f"{type(exc).__name__}: {exc}"
            raise RuntimeError(f"natural voice {voice.model} cannot be loaded: {exc}") from exc
        self._loaded[voice.name] = loaded
        while len(self._loaded) > KEEP_LOADED:
            self._loaded.popitem(last=False)
        return loaded

    def _aligned_model(self, voice: VoiceFile) -> tuple[Path, bool]:
        """A copy of the model that reports phoneme durations, made once and cached; the
        model itself (patched on loading) when the cache cannot be written."""
        stat = voice.model.stat()
        key = hashlib.sha256(f"{voice.model.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
                             .encode()).hexdigest()[:16]
        cached = self.cache_dir / f"{voice.name}-{key}.onnx"
        if cached.is_file():
            return cached, True
        try:
            import onnx
            from piper.patch_voice_with_alignment import add_alignment_output

            model = onnx.load(str(voice.model))
            try:
                add_alignment_output(model)
            except ValueError:  # already reports them
                return voice.model, True
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.cache_dir, suffix=".part",
                                             delete=False) as part:
                part.write(model.SerializeToString())
            os.replace(part.name, cached)
            return cached, True
        except OSError as exc:
            log.warning("cannot cache an aligned copy of %s (%s): patching it on loading",
                        voice.model, exc)
            return voice.model, False

    # Synthesis -------------------------------------------------------------------------------
    def synthesize(self, text: str, language: str, rate: float, volume: float, out: Path
                   ) -> EngineOutput:
        from piper import SynthesisConfig

        voice_file = self.voice_file(language)
        voice = self.load_voice(voice_file)
        config = SynthesisConfig(length_scale=PACE / max(0.25, rate))
        gain = LOUDNESS * max(0.0, min(1.0, volume))
        audio, phones, aligned = [], [], True
        offset = 0
        for chunk in voice.synthesize(text, syn_config=config, include_alignments=True):
            samples = _louder(chunk.audio_float_array, gain)
            count = len(samples) // 2
            if chunk.phoneme_alignments is None:
                aligned = False
            else:
                position = offset
                for alignment in chunk.phoneme_alignments:
                    phones.append(Phone(alignment.phoneme, position, alignment.num_samples))
                    position += alignment.num_samples
                aligned = aligned and position - offset == count
            audio.append(samples)
            offset += count
        rate_hz = voice_file.sample_rate
        with wave.open(str(out), "wb") as target:
            target.setnchannels(1)
            target.setsampwidth(2)
            target.setframerate(rate_hz)
            target.writeframes(b"".join(audio))
        duration_ms = round(offset * 1000 / rate_hz)
        phonemize = lambda word: self._phonemes(voice, voice_file.name, word)  # noqa: E731
        starts = word_starts(text, phones, phonemize) if aligned and phones else None
        if starts is None:
            return EngineOutput(duration_ms, [], voice=voice_file.name, aligned=False)
        starts = _heard_after_pauses(text, starts, b"".join(audio), rate_hz)
        words = [(start, length, round(sample * 1000 / rate_hz)) for start, length, sample
                 in starts]
        return EngineOutput(duration_ms, words, voice=voice_file.name, aligned=True)

    def _phonemes(self, voice, name: str, word: str) -> str:
        key = (name, word)
        if key not in self._words:
            with contextlib.suppress(Exception):
                self._words[key] = " ".join("".join(s) for s in voice.phonemize(word))
            self._words.setdefault(key, "")
            if len(self._words) > 20_000:
                self._words.clear()
        return self._words[key]


def _louder(audio, gain: float) -> bytes:
    """``audio`` (floats, peaks at 1) times ``gain`` as 16-bit samples, peaks above the knee
    bent smoothly towards full scale instead of clipped."""
    import numpy as np

    scaled = np.asarray(audio, dtype=np.float64) * gain
    size = np.abs(scaled)
    over = size > _KNEE
    size[over] = _KNEE + (1 - _KNEE) * np.tanh((size[over] - _KNEE) / (1 - _KNEE))
    return (np.sign(scaled) * size * 32767).astype("<i2").tobytes()


def _heard_after_pauses(text: str, starts: list[tuple[int, int, int]], pcm: bytes,
                        rate_hz: int) -> list[tuple[int, int, int]]:
    """Word starts after a pause moved to where the word is heard. Piper's phoneme times put
    such a word at the start of its first phoneme, but after a pause that phoneme may be a
    stop's silent closure (/b/ in "common, but") or a breathy /h/ too faint to hear ("2009,
    he"): the highlight led the sound by up to 170 ms. So the word starts at the first 10 ms
    of the audio just made, from its first phoneme on, that is within 45 dB of the sentence's
    loud level; never later than 250 ms or the next word, so words still strictly increase."""
    import numpy as np

    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    frame, hop = rate_hz // 100, rate_hz // 200
    if len(samples) < frame:
        return starts
    frames = np.lib.stride_tricks.sliding_window_view(samples, frame)[::hop]
    rms = np.sqrt(np.mean(frames ** 2, axis=1))
    heard = rms >= np.percentile(rms, 95) * 10 ** (HEARD_DB / 20)
    moved = list(starts)
    for index in range(1, len(starts)):
        before_end = starts[index - 1][0] + starts[index - 1][1]
        offset, length, sample = starts[index]
        if not PAUSE_MARKS & set(text[before_end:offset]):
            continue
        limit = min(sample + rate_hz // 4,
                    starts[index + 1][2] - 1 if index + 1 < len(starts) else len(samples))
        first = -(-sample // hop)  # the first frame that starts inside the word
        while first < len(heard) and first * hop < limit and not heard[first]:
            first += 1
        if first < len(heard) and sample < first * hop < limit:
            moved[index] = (offset, length, first * hop)
    return moved

