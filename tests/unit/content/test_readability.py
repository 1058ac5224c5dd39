import dataclasses
import subprocess
import sys

import pytest

from kiosk import paths
from kiosk.content.model import load_content
from kiosk.content.readability import Limits, analyse, check_readability, syllables


def test_syllables_come_from_the_bundled_dictionary_and_a_fallback():
    assert syllables("liberation") == 4
    assert syllables("vein") == 1
    assert syllables("venoplasty") == 4  # not in the dictionary: vowel groups
    assert syllables("1") == 1


def test_flesch_kincaid_matches_a_hand_computed_example():
    stats = analyse(["The cat sat. The dog ran away."])
    assert stats.sentences == (3, 4)
    assert stats.syllables == 8
    expected = 0.39 * 7 / 2 + 11.8 * 8 / 7 - 15.59
    assert abs(stats.grade - expected) < 1e-9


def test_shipped_english_text_is_plain_language():
    content = load_content(paths.CONTENT_DIR)
    assert check_readability(content) == []
    grades = [analyse(p.paragraphs).grade for s in content.sections for p in s.pages]
    assert max(grades) <= 8 and sum(grades) / len(grades) <= 6.5


def test_a_harder_page_fails_with_its_line():
    content = load_content(paths.CONTENT_DIR)
    section = content.sections[0]
    hard = ("Percutaneous transluminal venous angioplasty of the internal jugular and azygos "
            "veins was hypothesised to ameliorate the neurological manifestations of "
            "demyelinating pathology by normalising intracranial venous haemodynamics in "
            "individuals diagnosed with relapsing-remitting multiple sclerosis.")
    page = dataclasses.replace(section.pages[0], paragraphs=(hard,))
    harder = dataclasses.replace(content, sections=(
        dataclasses.replace(section, pages=(page, *section.pages[1:])), *content.sections[1:]))
    problems = [str(p) for p in check_readability(harder)]
    assert any(f"{content.path}:{page.line}: section '{section.id}' page 1 reads at grade" in p
               for p in problems)
    assert any("has a sentence of" in p for p in problems)


def test_a_long_page_fails():
    content = load_content(paths.CONTENT_DIR)
    problems = check_readability(content, Limits(max_page_words=20))
    assert any("words (limit 20): split it into two pages" in p.message for p in problems)


# Reading level per language (kiosk.content.reading_level) --------------------------------------
# The expected values are worked by hand from each formula's published constants (written out
# here, not taken from the module), on counts chosen to make the arithmetic checkable.
def test_each_formula_matches_its_published_definition():
    from kiosk.content import reading_level as rl

    text = rl.Counts(sentences=5, words=100, letters=500, syllables=150, long_words=30,
                     polysyllables=20, monosyllables=40)
    assert rl.words_per_sentence(text) == 20
    assert rl.lix(text) == pytest.approx(20 + 30)  # Björnsson 1968
    assert rl.kandel_moles(text) == pytest.approx(207 - 1.015 * 20 - 73.6 * 1.5)  # 76.3
    assert rl.amstad(text) == pytest.approx(180 - 20 - 58.5 * 1.5)  # 72.25
    assert rl.flesch_portuguese(text) == pytest.approx(248.835 - 1.015 * 20 - 84.6 * 1.5)
    assert rl.szigriszt_pazos(text) == pytest.approx(206.835 - 62.3 * 1.5 - 20)  # 93.385
    assert rl.gulpease(text) == pytest.approx(89 + (300 * 5 - 10 * 500) / 100)  # 54
    assert rl.wiener_sachtextformel(text) == pytest.approx(
        0.1935 * 20 + 0.1672 * 20 + 0.1297 * 30 - 0.0327 * 40 - 0.875)  # 8.922
    assert rl.lix(rl.Counts(0, 0)) == rl.gulpease(rl.Counts(0, 0)) == 0.0


def test_counting_sentences_words_letters_and_syllables():
    from kiosk.content import reading_level as rl

    english = rl.count(["The cat sat on the mat. Elephants remember everything."], "en")
    assert (english.sentences, english.words, english.long_words) == (2, 9, 3)
    assert rl.lix(english) == pytest.approx(9 / 2 + 100 * 3 / 9)
    italian = rl.count(["Il gatto dorme. Il cane corre nel prato."], "it")
    assert (italian.sentences, italian.words, italian.letters) == (2, 8, 31)
    assert rl.gulpease(italian) == pytest.approx(89 + (300 * 2 - 10 * 31) / 8)
    assert [rl.syllables(w, "es") for w in ("la", "vena", "legibilidad")] == [1, 2, 5]
    assert rl.syllables("Wissenschaft", "de") == 3
    chinese = rl.count(["CCSVI不是一个公认的诊断。医生们意见不一致。"], "zh_Hans")
    assert (chinese.sentences, chinese.characters) == (2, 17)


def test_every_shipped_language_gets_a_reading_level():
    from kiosk.i18n.tools import stats

    levels = {code: s.reading for code, s in stats(paths.LOCALES_DIR).items()}
    assert set(levels) == {"en", "fr", "es", "it", "de", "pt_BR", "ar", "zh_Hans"}
    own = {"en": {"Flesch-Kincaid grade"}, "fr": {"Kandel-Moles"}, "es": {"Szigriszt-Pazos"},
           "it": {"Gulpease"}, "de": {"Amstad", "Wiener Sachtextformel 1"},
           "pt_BR": {"Flesch (Martins 1996)"}, "ar": set(), "zh_Hans": set()}
    for code, level in levels.items():
        assert {name for name, _v, _how in level.scores} == own[code], code
        assert level.sentence_length > 3, code
        assert (level.lix is None) == (code == "zh_Hans"), code
        assert level.unit == ("characters" if code == "zh_Hans" else "words")


def _translated_pages(code):
    from kiosk.content.reading_level import pages_in
    from kiosk.i18n.catalogues import Catalogues

    content = load_content(paths.CONTENT_DIR)
    catalogues = Catalogues(paths.LOCALES_DIR, [code])
    return pages_in(content), pages_in(content, catalogues.translator(code).pgettext)


def _one_long_sentence(paragraphs, stop, join):
    """The page's sentences run together into one, as a careless translation might."""
    return [join.join(p.rstrip(stop).replace(stop + " ", join).replace(stop, join)
                      for p in paragraphs) + stop]


@pytest.mark.parametrize(("code", "stop", "join"), [("es", ".", ", y "), ("zh_Hans", "。", "，")])
def test_a_much_harder_translated_page_warns_with_its_catalogue(code, stop, join):
    from kiosk.content.reading_level import harder_pages, page_lines
    from kiosk.i18n.catalogues import po_path

    english, translated = _translated_pages(code)
    path = po_path(paths.LOCALES_DIR, code)
    assert harder_pages(english, translated, code, path) == []  # the shipped page is fine
    section, number, paragraphs = translated[0]
    harder = [(section, number, _one_long_sentence(paragraphs, stop, join)), *translated[1:]]
    lines = page_lines(load_content(paths.CONTENT_DIR), path)
    problems = harder_pages(english, harder, code, path, "Tongue", lines)
    assert [(p.path, p.severity) for p in problems] == [(path, "warning")]
    assert f"Tongue: section {section!r} page 1 reads much harder" in problems[0].message
    at = path.read_text(encoding="utf-8").splitlines()[problems[0].line - 2:problems[0].line]
    assert at[0] == f'msgctxt "{section}.text"' and at[1].startswith("msgid")  # its 1st line


def test_shipped_translations_give_warnings_only_and_check_stays_fast_to_start():
    from kiosk.content.reading_level import check_translations
    from kiosk.i18n.catalogues import Catalogues

    codes = ["fr", "es", "it", "de", "pt_BR", "ar", "zh_Hans"]
    problems = check_translations(load_content(paths.CONTENT_DIR),
                                  Catalogues(paths.LOCALES_DIR, codes),
                                  [(c, c) for c in codes], paths.LOCALES_DIR)
    assert all(p.severity == "warning" and "LC_MESSAGES" in str(p.path) for p in problems)
    loaded = subprocess.run([sys.executable, "-c", "import sys, kiosk.loading; print(sorted("
                             "m for m in sys.modules if 'pyphen' in m or 'reading_level' in m))"],
                            capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"  # the hyphenation dictionaries are never read at kiosk start
