"""Natural voice files on disk: what ``find_voices`` accepts, and what it says of the rest.

Real files: the settings of the installed English voice, copied and edited; models of random
bytes (``find_voices`` reads only the JSON, so their content does not matter here).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiosk.speech.voice_files import VoiceError, find_voices, packaged_models, read_voice, voice_for

PACKAGED = packaged_models()
needs_packaged_voice = pytest.mark.skipif(not PACKAGED, reason="the English voice package is "
                                          "not installed (make setup installs it)")


def settings() -> dict:
    return json.loads(PACKAGED[0].with_name(PACKAGED[0].name + ".json").read_text("utf-8"))


def add_voice(folder: Path, name: str, data: dict | str | None, size: int = 1_100_000) -> Path:
    """``name.onnx`` of ``size`` random bytes and its settings (``None``: none)."""
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / f"{name}.onnx"
    model.write_bytes(os.urandom(size))
    if data is not None:
        text = data if isinstance(data, str) else json.dumps(data, indent=2)
        model.with_name(model.name + ".json").write_text(text, encoding="utf-8")
    return model


def french() -> dict:
    data = settings()
    data["language"] = {"code": "fr_FR", "family": "fr", "region": "FR"}
    data["espeak"] = {"voice": "fr"}
    return data


@needs_packaged_voice
def test_the_packaged_voice_is_found_with_its_language_and_rate():
    voices, problems = find_voices(None)
    assert problems == []
    [joe] = [v for v in voices if v.model == PACKAGED[0]]
    assert (joe.name, joe.language, joe.family, joe.sample_rate, joe.quality) == (
        "en_US-joe-medium", "en_US", "en", 22050, "medium")


@needs_packaged_voice
def test_a_clinics_voice_comes_before_the_packaged_one(tmp_path):
    data = settings()
    data["language"]["code"] = "en_GB"
    mine = add_voice(tmp_path, "en_GB-mine-medium", data)
    voices, problems = find_voices(tmp_path)
    assert problems == []
    assert voices[0].model == mine
    assert voice_for(voices, "en").model == mine
    assert voice_for(voices, "en_US").model == PACKAGED[0]  # the same region first


@needs_packaged_voice
def test_each_broken_file_is_named_with_what_is_wrong(tmp_path):
    add_voice(tmp_path, "fr_FR-good-medium", french())
    add_voice(tmp_path, "de_DE-alone-medium", None)
    data = settings()
    del data["language"]
    del data["espeak"]
    add_voice(tmp_path, "xx_XX-nolang-medium", data)
    add_voice(tmp_path, "es_ES-small-medium", french(), size=5000)
    bad_rate = french()
    bad_rate["audio"]["sample_rate"] = 123
    add_voice(tmp_path, "fr_FR-rate-medium", bad_rate)
    add_voice(tmp_path, "it_IT-json-medium", '{\n  "audio": {\n    "sample_rate": 22050,\n}')
    pinyin = settings()
    pinyin.update(language={"code": "zh_CN"}, phoneme_type="pinyin")
    add_voice(tmp_path, "zh_CN-pinyin-medium", pinyin)
    (tmp_path / "pt_BR-orphan-medium.onnx.json").write_text("{}", encoding="utf-8")

    voices, problems = find_voices(tmp_path)
    assert [v.name for v in voices if v.model.parent == tmp_path] == ["fr_FR-good-medium"]
    found = {(Path(p.path).name, p.line): p.message for p in problems}
    assert all(p.severity == "error" for p in problems)  # check makes them warnings
    assert found[("pt_BR-orphan-medium.onnx.json", None)].startswith(
        "a voice's settings without its model")
    assert "de_DE-alone-medium.onnx.json is missing (copy both files)" \
        in found[("de_DE-alone-medium.onnx", None)]
    assert "does not say which language" in found[("xx_XX-nolang-medium.onnx.json", None)]
    assert "only 5000 bytes" in found[("es_ES-small-medium.onnx", None)]
    assert "sample rate 123" in found[("fr_FR-rate-medium.onnx.json", None)]
    assert found[("it_IT-json-medium.onnx.json", 4)].startswith("not valid JSON")  # its line
    assert "downloads nothing" in found[("zh_CN-pinyin-medium.onnx.json", None)]
    assert len(problems) == 7


def test_read_voice_raises_with_the_file_at_fault(tmp_path):
    with pytest.raises(VoiceError) as raised:
        read_voice(tmp_path / "missing.onnx")
    assert raised.value.path == tmp_path / "missing.onnx"
    model = add_voice(tmp_path, "de_DE-list-medium", "[1, 2]")
    with pytest.raises(VoiceError) as raised:
        read_voice(model)
    problem = raised.value.problem("warning")
    assert (problem.path, problem.severity) == (model.with_name(model.name + ".json"),
                                                "warning")
    assert str(problem).endswith("de_DE-list-medium.onnx.json: warning: not a Piper voice's "
                                 "settings")


def test_a_missing_voices_folder_is_no_problem(tmp_path):
    voices, problems = find_voices(tmp_path / "absent")
    assert problems == []
    assert all(v.model.parent != tmp_path / "absent" for v in voices)
