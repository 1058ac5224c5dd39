"""Real audio from espeak-ng through pyttsx3, for every shipped language."""

import wave

import pytest

from kiosk.speech.engines.pyttsx3_engine import Pyttsx3Engine

SENTENCES = {
    "en": "The veins in the neck carry blood back to the heart.",
    "fr": "Les veines du cou ramènent le sang vers le cœur.",
    "es": "Las venas del cuello llevan la sangre de vuelta al corazón.",
    "it": "Le vene del collo riportano il sangue al cuore.",
    "de": "Die Venen im Hals bringen das Blut zurück zum Herzen.",
    "pt_BR": "As veias do pescoço levam o sangue de volta ao coração.",
    "ar": "تحمل الأوردة في الرقبة الدم إلى القلب.",
    "zh_Hans": "颈部的静脉把血液送回心脏。",
}
EXPECTED_VOICE = {"en": "en", "fr": "fr", "es": "es", "it": "it", "de": "de", "pt_BR": "pt-br",
                  "ar": "ar", "zh_Hans": "cmn"}


@pytest.fixture(scope="module")
def engine():
    return Pyttsx3Engine("espeak")


def test_a_region_picks_its_own_voice_and_a_script_is_no_region(engine):
    """Brazilian and European Portuguese sound different; "Hans" is a script, not a place."""
    assert engine.voice_for("pt_BR").endswith("pt-br")
    assert engine.voice_for("pt_PT").split("/")[-1] == "pt"
    assert engine.voice_for("zh_Hans").endswith("cmn")


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_every_language_speaks_with_its_own_voice(engine, language, tmp_path):
    voice = engine.voice_for(language)
    assert voice is not None and voice.split("/")[-1].startswith(EXPECTED_VOICE[language])
    text = SENTENCES[language]
    out = tmp_path / "s.wav"
    duration, words, *_ = engine.synthesize(text, language, 1.0, 0.6, out)
    with wave.open(str(out), "rb") as audio:
        assert audio.getnchannels() == 1 and audio.getnframes() > 0
        frames = audio.readframes(audio.getnframes())
    assert any(frames[i] for i in range(0, len(frames), 97))  # not silence
    assert 500 < duration < 15000
    starts = [at for _s, _l, at in words]
    assert words and starts == sorted(starts) and starts[-1] < duration
    for start, length, _at in words:
        assert start >= 0 and start + length <= len(text)


def test_double_speed_takes_about_half_the_time(engine, tmp_path):
    text = SENTENCES["en"] * 2
    normal, _, *_ = engine.synthesize(text, "en", 1.0, 0.6, tmp_path / "a.wav")
    fast, _, *_ = engine.synthesize(text, "en", 2.0, 0.6, tmp_path / "b.wav")
    slow, _, *_ = engine.synthesize(text, "en", 0.5, 0.6, tmp_path / "c.wav")
    assert 0.4 < fast / normal < 0.65, (normal, fast, slow)
    assert slow > 1.6 * normal, (normal, fast, slow)


def test_default_pace_is_about_150_words_per_minute(engine, tmp_path):
    text = " ".join(["This is a plain sentence with eight words."] * 6)
    duration, _, *_ = engine.synthesize(text, "en", 1.0, 0.6, tmp_path / "p.wav")
    words_per_minute = len(text.split()) / (duration / 60000)
    assert 120 <= words_per_minute <= 180


def test_word_timings_point_at_the_right_words(engine, tmp_path):
    text = SENTENCES["fr"]
    _duration, words, *_ = engine.synthesize(text, "fr", 1.0, 0.6, tmp_path / "f.wav")
    spoken = [text[s:s + n] for s, n, _at in words]
    assert spoken[:3] == ["Les", "veines", "du"]
    assert "ramènent" in spoken


def test_unknown_language_has_no_voice(engine):
    assert engine.voice_for("tlh") is None


def after_each_run(engine, monkeypatch, spoil) -> list[int]:
    """Let each real pyttsx3 run happen, then ``spoil(n)`` what the n-th one wrote (as
    pyttsx3 2.99 now and then does itself); returns the runs so far."""
    real = engine.engine.runAndWait
    runs: list[int] = []

    def run():
        real()
        runs.append(len(runs) + 1)
        spoil(runs[-1])

    monkeypatch.setattr(engine.engine, "runAndWait", run)
    return runs


def silence(path) -> None:
    """Overwrite ``path``'s audio with zeros, keeping its length (what a lost run left once)."""
    with wave.open(str(path), "rb") as audio:
        params, frames = audio.getparams(), audio.getnframes()
    with wave.open(str(path), "wb") as audio:
        audio.setparams(params)
        audio.writeframes(b"\0" * frames * params.sampwidth * params.nchannels)


def test_no_audio_from_a_run_is_made_again(engine, tmp_path, monkeypatch):
    """pyttsx3 2.99 now and then returns from a fresh engine's first run with no file."""
    out = tmp_path / "r.wav"
    runs = after_each_run(engine, monkeypatch, lambda n: n == 1 and out.unlink())
    duration, words, *_ = engine.synthesize(SENTENCES["en"], "en", 1.0, 0.6, out)
    assert len(runs) == 2 and duration > 500 and words


def test_an_engine_that_never_writes_audio_is_an_error(engine, tmp_path, monkeypatch):
    out = tmp_path / "n.wav"
    after_each_run(engine, monkeypatch, lambda _n: out.unlink(missing_ok=True))
    with pytest.raises(RuntimeError, match=r"wrote no audio to n\.wav"):
        engine.synthesize(SENTENCES["en"], "en", 1.0, 0.6, out)


def test_a_run_that_wrote_only_silence_is_made_again(engine, tmp_path, monkeypatch):
    out = tmp_path / "q.wav"
    runs = after_each_run(engine, monkeypatch, lambda n: n == 1 and silence(out))
    engine.synthesize(SENTENCES["de"], "de", 1.0, 0.6, out)
    with wave.open(str(out), "rb") as audio:
        assert audio.readframes(audio.getnframes()).strip(b"\0")  # audible
    assert len(runs) == 2


def test_silence_twice_is_what_the_text_sounds_like_and_is_kept(engine, tmp_path,
                                                                monkeypatch):
    out = tmp_path / "z.wav"
    runs = after_each_run(engine, monkeypatch, lambda _n: silence(out))
    duration, _words, *_ = engine.synthesize(SENTENCES["it"], "it", 1.0, 0.6, out)
    assert len(runs) == 2 and duration > 0
