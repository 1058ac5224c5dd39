"""Content strings in the visitor's language, from the shipped catalogues, with English for any
string that has no translation."""

import re
from dataclasses import replace

import pytest

from kiosk.content import localized
from kiosk.i18n.catalogues import activate, active_language

ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
CHINESE_CHARACTER = re.compile(r"[\u4E00-\u9FFF]")


@pytest.fixture
def use(kiosk_data):
    """Make a language the active one; English again afterwards, for the tests that follow."""

    def activate_language(code: str) -> None:
        activate(kiosk_data.catalogues.translator(code))
        assert active_language() == code

    yield activate_language
    activate(kiosk_data.catalogues.translator("en"))


@pytest.fixture
def first(kiosk_data):
    return kiosk_data.content.sections[0]


def test_english_is_the_content_as_written(kiosk_data, use, first):
    use("en")
    assert localized.title(first) == first.title
    assert localized.summary(first) == first.summary
    assert localized.paragraphs(first, 0) == list(first.pages[0].paragraphs)
    entry = kiosk_data.content.glossary[0]
    assert localized.term(entry) == (entry.term, entry.definition)


def test_a_section_comes_back_in_the_active_language(use, first):
    use("fr")
    assert localized.title(first) == "Qu'est-ce que la CCSVI\u00a0?"  # French spacing
    use("de")  # the same call, another language: nothing is fixed at import or first use
    assert localized.title(first) == "Was ist CCSVI?"
    use("ar")
    assert ARABIC_LETTER.search(localized.title(first)) and "CCSVI" in localized.title(first)


@pytest.mark.parametrize("code, script", [("ar", ARABIC_LETTER), ("zh_Hans", CHINESE_CHARACTER)])
def test_every_title_summary_and_paragraph_is_shown_in_the_visitors_script(
        kiosk_data, use, code, script):
    use(code)
    untranslated = []
    for section in kiosk_data.content.sections:
        texts = [localized.title(section), localized.summary(section)]
        for page in range(len(section.pages)):
            texts += localized.paragraphs(section, page)
        untranslated += [t for t in texts if not script.search(t)]
    assert untranslated == []


def test_paragraphs_are_those_of_the_page_asked_for_in_order(kiosk_data, use):
    section = next(s for s in kiosk_data.content.sections if len(s.pages) >= 2)
    use("en")
    english = [localized.paragraphs(section, page) for page in (0, 1)]
    use("es")
    spanish = [localized.paragraphs(section, page) for page in (0, 1)]
    assert [len(p) for p in spanish] == [len(p) for p in english]
    assert spanish[0] != spanish[1]
    assert all(s != e for page_s, page_e in zip(spanish, english, strict=True)
               for s, e in zip(page_s, page_e, strict=True))


def test_a_glossary_term_and_its_definition_are_both_translated(kiosk_data, use):
    entry = next(e for e in kiosk_data.content.glossary if e.term == "multiple sclerosis (MS)")
    use("fr")
    assert localized.term(entry) == (
        "sclérose en plaques (SEP)",
        "Une maladie de longue durée dans laquelle le système de défense du corps abîme le "
        "cerveau et la moelle épinière.")
    use("zh_Hans")
    term, definition = localized.term(entry)
    assert term.startswith("多发性硬化") and CHINESE_CHARACTER.search(definition)


def test_a_paragraph_with_no_translation_is_shown_in_english_beside_translated_ones(use, first):
    added = "A paragraph added after the translators finished."
    page = replace(first.pages[0], paragraphs=(*first.pages[0].paragraphs, added))
    edited = replace(first, pages=(page, *first.pages[1:]))
    use("it")
    shown = localized.paragraphs(edited, 0)
    assert shown[-1] == added  # in English rather than missing
    assert shown[:-1] == localized.paragraphs(first, 0)  # the others still in Italian
    assert shown[0] != first.pages[0].paragraphs[0]


def test_a_translation_belongs_to_its_section_not_just_to_its_english_words(use, first):
    """Contexts name the section: the same words under a new section id are not yet translated
    (two sections may need the same English translated differently)."""
    renamed = replace(first, id="a_new_section")
    use("pt_BR")
    assert localized.title(first) != first.title
    assert localized.title(renamed) == first.title
    assert localized.summary(renamed) == first.summary
    assert localized.paragraphs(renamed, 0) == list(first.pages[0].paragraphs)


def test_a_glossary_entry_under_a_new_id_falls_back_to_english(kiosk_data, use):
    entry = kiosk_data.content.glossary[0]
    use("de")
    assert localized.term(entry) != (entry.term, entry.definition)
    moved = replace(entry, id="not_yet_translated")
    assert localized.term(moved) == (entry.term, entry.definition)
