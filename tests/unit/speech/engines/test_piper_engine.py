"""Real audio from the packaged Piper voice: files, speed, loudness, word times, broken voices
and the cached copy of the model that reports phoneme durations."""

from __future__ import annotations

import os
import wave

import numpy as np
import pytest

from kiosk.speech.engines.piper_engine import PiperEngine
from kiosk.speech.voice_files import packaged_models

SENTENCE = "The veins in the neck carry blood back to the heart."


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("voice-cache")


@pytest.fixture(scope="module")
def engine(cache):
    return PiperEngine(cache_dir=cache)


def samples(path) -> tuple[np.ndarray, int, int]:
    with wave.open(str(path), "rb") as audio:
        assert audio.getnchannels() == 1 and audio.getsampwidth() == 2
        data = np.frombuffer(audio.readframes(audio.getnframes()), dtype="<i2")
        return data.astype(np.float64), audio.getframerate(), audio.getnframes()


def test_a_sentence_becomes_a_wav_at_the_voices_rate_as_long_as_it_says(engine, tmp_path):
    out = tmp_path / "s.wav"
    result = engine.synthesize(SENTENCE, "en", 1.0, 0.6, out)
    audio, rate, frames = samples(out)
    assert rate == engine.voice_file("en").sample_rate
    assert abs(result.duration_ms - frames * 1000 / rate) <= 1
    assert 1500 < result.duration_ms < 6000
    assert np.abs(audio).max() > 1000  # not silence
    assert result.voice == "en_US-joe-medium"


def test_double_speed_takes_about_half_the_time(engine, tmp_path):
    text = f"{SENTENCE} {SENTENCE}"  # Piper's durations vary a little from run to run
    normal = engine.synthesize(text, "en", 1.0, 0.6, tmp_path / "a.wav").duration_ms
    fast = engine.synthesize(text, "en", 2.0, 0.6, tmp_path / "b.wav").duration_ms
    assert 0.4 < fast / normal < 0.65, (normal, fast)


def test_volume_scales_loudness(engine, tmp_path):
    loud = engine.synthesize(SENTENCE, "en", 1.0, 1.0, tmp_path / "loud.wav")
    soft = engine.synthesize(SENTENCE, "en", 1.0, 0.25, tmp_path / "soft.wav")
    assert loud.duration_ms and soft.duration_ms
    loud_audio = samples(tmp_path / "loud.wav")[0].astype(float)
    soft_audio = samples(tmp_path / "soft.wav")[0].astype(float)
    rms = lambda audio: np.sqrt(np.mean(audio ** 2))  # noqa: E731
    assert 0.15 < rms(soft_audio) / rms(loud_audio) < 0.35
    # Full loudness bends the highest peaks rather than clipping them.
    assert np.abs(loud_audio).max() < 32767
    silent = engine.synthesize(SENTENCE, "en", 1.0, 0.0, tmp_path / "silent.wav")
    assert silent.duration_ms and np.abs(samples(tmp_path / "silent.wav")[0]).max() < 50


def test_an_aligned_sentence_has_a_time_for_every_word(engine, tmp_path):
    text = "In 2009, Doctor Zamboni's team did not agree."
    result = engine.synthesize(text, "en", 1.0, 0.6, tmp_path / "w.wav")
    assert result.aligned
    assert [text[o:o + n] for o, n, _at in result.words] == [
        "In", "2009", "Doctor", "Zamboni's", "team", "did", "not", "agree"]
    times = [at for _o, _n, at in result.words]
    assert times == sorted(set(times)) and times[0] >= 0 and times[-1] < result.duration_ms


def test_an_unknown_language_has_no_voice(engine, tmp_path):
    with pytest.raises(LookupError, match="tlh"):
        engine.synthesize("nuqneH", "tlh", 1.0, 0.6, tmp_path / "x.wav")
    assert "en" in engine.languages() and "tlh" not in engine.languages()


def test_a_corrupt_model_fails_naming_its_file_and_is_not_offered_again(tmp_path):
    real = packaged_models()[0]
    voices = tmp_path / "voices"
    voices.mkdir()
    model = voices / "fr_FR-broken-medium.onnx"
    config = voices / "fr_FR-broken-medium.onnx.json"
    text = real.with_name(real.name + ".json").read_text(encoding="utf-8")
    config.write_text(text.replace('"en_US"', '"fr_FR"'), encoding="utf-8")
    model.write_bytes(os.urandom(1_200_000))
    engine = PiperEngine(voices_dir=voices, cache_dir=tmp_path / "cache")
    assert "fr" in engine.languages()
    with pytest.raises(RuntimeError, match=r"fr_FR-broken-medium\.onnx"):
        engine.synthesize("Bonjour.", "fr", 1.0, 0.6, tmp_path / "b.wav")
    assert "fr_FR-broken-medium" in engine.broken
    assert "fr" not in engine.languages() and "en" in engine.languages()
    with pytest.raises(LookupError):
        engine.synthesize("Bonjour.", "fr", 1.0, 0.6, tmp_path / "b.wav")


def test_the_aligned_copy_is_made_once_and_reused(tmp_path, monkeypatch):
    first = PiperEngine(cache_dir=tmp_path)
    first.prepare("en")
    [copy] = tmp_path.glob("en_US-joe-medium-*.onnx")
    made = copy.stat().st_mtime_ns

    def no_patching(*_args, **_kwargs):
        raise AssertionError("the model was patched again")

    import piper.patch_voice_with_alignment as patching

    monkeypatch.setattr(patching, "add_alignment_output", no_patching)
    second = PiperEngine(cache_dir=tmp_path)
    assert second.prepare("en") == "en_US-joe-medium"
    assert copy.stat().st_mtime_ns == made and list(tmp_path.glob("*.onnx")) == [copy]
    result = second.synthesize("Yes, it works.", "en", 1.0, 0.6, tmp_path / "y.wav")
    assert result.aligned and len(result.words) == 3
