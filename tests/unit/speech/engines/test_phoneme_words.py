"""Which written words a reader sees, and when a real Piper voice starts saying each of them."""

from __future__ import annotations

import pytest

from kiosk.speech.engines.phoneme_words import Phone, word_starts, written_words


def words(text: str) -> list[str]:
    return [text[start:start + length] for start, length in written_words(text)]


def test_punctuation_around_a_word_is_not_part_of_it():
    assert words('He said: "No, (never)!" Really?') == ["He", "said", "No", "never", "Really"]
    text = "Yes, it is."
    assert written_words(text) == [(0, 3), (5, 2), (8, 2)]


def test_numbers_abbreviations_and_apostrophes_stay_whole():
    assert words("In 2008 and 2009, 3.5 cm of MS-related CCSVI.") == [
        "In", "2008", "and", "2009", "3.5", "cm", "of", "MS-related", "CCSVI"]
    assert words("Doctor Zamboni's team, e.g. FDA.") == ["Doctor", "Zamboni's", "team", "e.g",
                                                        "FDA"]


def test_a_token_of_punctuation_alone_is_no_word():
    assert words("Yes - no ... (maybe) — “ok”") == ["Yes", "no", "maybe", "ok"]
    assert written_words("  ") == [] and written_words("...") == []


def test_chinese_characters_are_words_one_by_one():
    text = "颈部的静脉，把血液送回心脏。"
    assert words(text) == list("颈部的静脉把血液送回心脏")
    assert written_words(text)[5] == (6, 1)  # after the full-width comma


@pytest.fixture(scope="module")
def piper(tmp_path_factory):
    """The packaged English voice (its aligned copy cached in a scratch folder)."""
    from kiosk.speech.engines.piper_engine import PiperEngine

    engine = PiperEngine(cache_dir=tmp_path_factory.mktemp("voices"))
    engine.prepare("en")
    return engine


def timeline(piper, text: str) -> tuple[list[Phone], object]:
    """A real phoneme timeline (samples) of ``text`` and a phonemizer for single words."""
    from piper import SynthesisConfig

    voice = piper.load_voice(piper.voice_file("en"))
    phones = []
    position = 0
    for chunk in voice.synthesize(text, syn_config=SynthesisConfig(), include_alignments=True):
        assert chunk.phoneme_alignments is not None
        for alignment in chunk.phoneme_alignments:
            phones.append(Phone(alignment.phoneme, position, alignment.num_samples))
            position += alignment.num_samples
    return phones, lambda word: " ".join("".join(s) for s in voice.phonemize(word))


def test_every_word_of_a_real_sentence_gets_a_start_in_order(piper):
    """espeak says "did not" as one group and spells out "2009" and "FDA": still one start
    per written word, in order, inside the audio."""
    text = "In 2009, the FDA did not agree with Doctor Zamboni's team."
    phones, phonemize = timeline(piper, text)
    starts = word_starts(text, phones, phonemize)
    assert starts is not None
    assert [(offset, length) for offset, length, _s in starts] == written_words(text)
    samples = [sample for _o, _n, sample in starts]
    assert samples == sorted(set(samples))
    end = phones[-1].start + phones[-1].length
    assert samples[0] >= 0 and samples[-1] < end
    spoken = {text[o:o + n]: s for o, n, s in starts}
    # "not" starts after "did" has been said: at least two phonemes (d, ɪ, d) later.
    assert spoken["not"] - spoken["did"] >= 2 * min(p.length for p in phones if p.length)


def test_the_wrong_text_for_the_sounds_gives_no_times(piper):
    phones, phonemize = timeline(piper, "In 2009, the FDA did not agree with Doctor Zamboni.")
    wrong = "Bright yellow submarines sing quietly underwater tonight, mostly."
    assert word_starts(wrong, phones, phonemize) is None


def test_a_word_without_any_sound_cannot_be_timed():
    phones = [Phone("h", 0, 100), Phone("a", 100, 100)]
    assert word_starts("ha x", phones, lambda word: "" if word == "x" else word) is None
    assert word_starts("", phones, lambda word: word) == []
