import dataclasses

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
