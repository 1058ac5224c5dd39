"""``ccsvi-kiosk check``: every problem in config, content and catalogues, by file and line."""

import json
import os
import shutil
from pathlib import Path

import pytest

from kiosk.cli.check import check_voices, try_voice
from kiosk.speech.voice_files import packaged_models, read_voice


def test_check_passes_on_the_shipped_files(kiosk):
    result = kiosk("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("check: OK")


def test_check_fails_on_a_broken_config_with_file_and_line(tmp_path, kiosk):
    config = tmp_path / "clinic.yaml"
    config.write_text("fullscreen: true\nscreen:\n  width_mm: -3\n", encoding="utf-8")
    result = kiosk("check", "--config", str(config))
    assert result.returncode == 1
    assert f"{config}:3: screen.width_mm: -3 mm is not a plausible screen size" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_fails_on_broken_content_with_file_and_line(project_copy, kiosk):
    content = project_copy / "content" / "explainer.yaml"
    text = content.read_text(encoding="utf-8").replace("    title:", "    titel:", 1)
    content.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "titel:" in row)
    config = project_copy / "clinic.yaml"
    config.write_text("content_dir: content\n", encoding="utf-8")
    result = kiosk("check", "--config", str(config))
    assert result.returncode == 1
    assert f"{content}:{line}: unknown key 'titel'" in result.stdout


def test_check_reads_the_config_named_by_the_environment(tmp_path, kiosk):
    config = tmp_path / "env.yaml"
    config.write_text("default_language: xx\n", encoding="utf-8")
    result = kiosk("check", env_extra={"KIOSK_CONFIG": str(config)})
    assert result.returncode == 1
    assert f"{config}:1: default_language" in result.stdout


def test_check_reports_missing_speech_without_failing(kiosk, tmp_path):
    # espeak-ng broken: only the languages with a natural voice can still be read aloud.
    result = kiosk("check", env_extra={"KIOSK_TTS_DRIVER": "no-such-driver"})
    assert result.returncode == 0, result.stdout
    assert "warning: speech: no voice for French (fr); it will say audio is not available" \
        in result.stdout
    if packaged_models():
        assert "no voice for English" not in result.stdout
    # And Piper too (a stand-in that cannot be imported): no engine at all.
    (tmp_path / "piper.py").write_text("raise ImportError('piper is broken')\n",
                                       encoding="utf-8")
    result = kiosk("check", env_extra={"KIOSK_TTS_DRIVER": "no-such-driver",
                                       "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 0, result.stdout
    assert "warning: speech: no text-to-speech engine works" in result.stdout


# --- natural voice files ------------------------------------------------------------------
# Real files: the installed English voice's model and settings, copied and edited; a corrupt
# model of random bytes. Every voice problem is a warning: the kiosk never stops for one, it
# reads that language with espeak-ng instead.

PACKAGED = packaged_models()
needs_packaged_voice = pytest.mark.skipif(not PACKAGED, reason="the English voice package is "
                                          "not installed (make setup installs it)")
LANGUAGES = [("en", "English"), ("fr", "French"), ("de", "German"), ("zh_Hans", "Chinese")]


def voice_settings(code: str, espeak: str) -> dict:
    data = json.loads(PACKAGED[0].with_name(PACKAGED[0].name + ".json").read_text("utf-8"))
    data["language"] = {"code": code, "family": code.split("_")[0], "region": code[-2:]}
    data["espeak"] = {"voice": espeak}
    return data


def add_voice(folder: Path, name: str, settings: dict | None, model: bytes | Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.onnx"
    if isinstance(model, Path):
        shutil.copyfile(model, target)
    else:
        target.write_bytes(model)
    if settings is not None:
        target.with_name(target.name + ".json").write_text(json.dumps(settings, indent=2),
                                                           encoding="utf-8")
    return target


@pytest.fixture
def voices(tmp_path) -> Path:
    """A voices folder with one of each mistake a clinic can make."""
    folder = tmp_path / "voices"
    add_voice(folder, "fr_FR-corrupt-medium", voice_settings("fr_FR", "fr"),
              os.urandom(1_500_000))
    add_voice(folder, "de_DE-alone-medium", None, os.urandom(1_100_000))
    no_language = voice_settings("it_IT", "it")
    del no_language["language"], no_language["espeak"]
    add_voice(folder, "it_IT-nolanguage-medium", no_language, os.urandom(1_100_000))
    add_voice(folder, "sv_SE-elsewhere-medium", voice_settings("sv_SE", "sv"), PACKAGED[0])
    (folder / "es_ES-orphan-medium.onnx.json").write_text("{}", encoding="utf-8")
    return folder


@needs_packaged_voice
def test_check_names_each_broken_voice_file_as_a_warning(voices, kiosk):
    config = voices.parent / "clinic.yaml"
    config.write_text(f"voices_dir: {voices}\n", encoding="utf-8")
    result = kiosk("check", "--config", str(config))
    assert "Traceback" not in result.stdout + result.stderr
    lines = {line.split(": ", 1)[0]: line for line in result.stdout.splitlines()}
    corrupt = lines[str(voices / "fr_FR-corrupt-medium.onnx")]
    assert "warning: this voice does not work, so espeak-ng reads its language instead; " \
           "copy both files again (InvalidProtobuf" in corrupt
    assert "de_DE-alone-medium.onnx.json is missing (copy both files)" \
        in lines[str(voices / "de_DE-alone-medium.onnx")]
    assert "warning: does not say which language the voice speaks" \
        in lines[str(voices / "it_IT-nolanguage-medium.onnx.json")]
    assert "warning: speaks sv_SE, which is none of this kiosk's languages (en, fr, " \
        in lines[str(voices / "sv_SE-elsewhere-medium.onnx")]
    assert "warning: a voice's settings without its model (es_ES-orphan-medium.onnx is " \
           "missing)" in lines[str(voices / "es_ES-orphan-medium.onnx.json")]
    named = [line for line in result.stdout.splitlines() if line.startswith(str(voices))]
    assert len(named) == 5
    assert not any(str(PACKAGED[0]) in line for line in result.stdout.splitlines())


@needs_packaged_voice
def test_the_packaged_voice_loads_and_speaks_a_word():
    assert try_voice(read_voice(PACKAGED[0])) is None
    assert check_voices(None, LANGUAGES, "kiosk.yaml") == []


@needs_packaged_voice
def test_a_corrupt_or_truncated_model_is_caught_by_loading_it(tmp_path):
    corrupt = read_voice(add_voice(tmp_path, "fr_FR-random-medium",
                                   voice_settings("fr_FR", "fr"), os.urandom(1_200_000)))
    assert try_voice(corrupt).startswith("InvalidProtobuf: ")
    whole = PACKAGED[0].read_bytes()
    truncated = read_voice(add_voice(tmp_path, "de_DE-cut-medium",
                                     voice_settings("de_DE", "de"), whole[:len(whole) // 2]))
    assert try_voice(truncated) is not None
    problems = check_voices(tmp_path, LANGUAGES, "kiosk.yaml")
    assert [(Path(p.path).name, p.severity) for p in problems] == [
        ("de_DE-cut-medium.onnx", "warning"), ("fr_FR-random-medium.onnx", "warning")]


@needs_packaged_voice
def test_a_second_voice_for_a_language_is_named_as_unused(tmp_path):
    for name in ("fr_FR-first-medium", "fr_FR-second-medium"):
        add_voice(tmp_path, name, voice_settings("fr_FR", "fr"), os.urandom(1_100_000))
    english = add_voice(tmp_path, "en_GB-mine-medium", voice_settings("en_GB", "en-gb"),
                        os.urandom(1_100_000))
    problems = check_voices(tmp_path, LANGUAGES, "kiosk.yaml", load=lambda voice: None)
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'fr_FR-second-medium.onnx'}: warning: not used: fr_FR-first-medium "
        "speaks French (fr) instead; remove one of the two"]
    # The clinic's English voice replaces the installed one, as intended: no warning.
    assert english.exists()


@needs_packaged_voice
def test_check_loads_voices_without_a_cache_or_a_home(tmp_path, kiosk):
    """update.sh runs check as the kiosk's account, which has no home folder: loading the
    voices must not need the aligned copies' cache (only the speech worker makes those)."""
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    unwritable = tmp_path / "a-file" / "cache"  # its parent is a file: nothing can be made
    result = kiosk("check", env_extra={"HOME": str(unwritable),
                                       "XDG_CACHE_HOME": str(unwritable)})
    assert "Traceback" not in result.stdout + result.stderr
    assert str(PACKAGED[0]) not in result.stdout
    assert "cache" not in result.stdout
    assert not (tmp_path / "a-file").is_dir()
