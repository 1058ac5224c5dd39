"""The explainer says what careful evidence shows (the trials, Cochrane review CD009903, the
FDA's and NICE's advice, all cited in content/explainer.yaml) and leaves out claims that
evidence rules out."""

import re

import pytest

from kiosk import paths
from kiosk.content.model import load_content

CONTENT = load_content(paths.CONTENT_DIR)
TEXT = " ".join(p for s in CONTENT.sections for page in s.pages for p in page.paragraphs)
SOURCES = {s.id: s for s in CONTENT.sources}


def section_text(section_id: str) -> str:
    section = CONTENT.section(section_id)
    return " ".join(p for page in section.pages for p in page.paragraphs)


@pytest.mark.parametrize("section_id, facts", [
    ("what_is_ccsvi", ["chronic cerebrospinal venous insufficiency", "idea",
                       "not an agreed diagnosis", "test"]),
    ("where_the_idea_came_from", ["Zamboni", "2008", "2009", "65 people", "no comparison group",
                                  "hope"]),
    ("do_narrow_veins_cause_ms", ["do not cause MS", "blinded", "3 in 4", "2 in 3"]),
    ("does_opening_veins_help", ["does not help", "Three clinical trials", "sham", "104",
                                 "115", "narrow again"]),
    ("the_procedure_can_harm", ["blood clots", "stroke", "died", "private clinics"]),
    ("what_experts_advise_now", ["FDA", "2012", "2017", "NICE", "should not be used",
                                 "Cochrane", "MS societies"]),
    ("why_some_felt_better", ["placebo", "change over time", "sham", "did not last"]),
    ("if_you_have_had_it", ["Tell your MS team", "Keep taking your MS treatment",
                            "warning signs", "report side effects"]),
    ("talk_to_your_healthcare_team", ["proven", "Which treatments are right for me?",
                                      "neurologist"]),
])
def test_key_facts_are_present(section_id, facts):
    text = section_text(section_id)
    for fact in facts:
        assert fact.lower() in text.lower(), f"{section_id} lacks {fact!r}"


def test_sections_tell_the_story_in_order():
    assert [s.id for s in CONTENT.sections] == [
        "what_is_ccsvi", "where_the_idea_came_from", "do_narrow_veins_cause_ms",
        "does_opening_veins_help", "the_procedure_can_harm", "what_experts_advise_now",
        "why_some_felt_better", "if_you_have_had_it", "talk_to_your_healthcare_team"]


@pytest.mark.parametrize("pattern, why", [
    (r"\b9[01]\s*(%|percent|per cent)|\b86\s*(%|percent|per cent)", "unconfirmed 91%/86%"),
    (r"\bseven\b|\b7 (completed )?stud", "the 'seven completed studies'"),
    (r"\brestrict", "'FDA restricted'"),
    (r"odds ratio", "odds ratios"),
    (r"died (in|during) (the|a) trial|deaths? in (the )?trials?", "deaths in trials"),
    (r"\b(rare|rarely|not widely used)\b", "'it was rare'"),
    (r"\bLancet\b", "the Canadian trial was not in the Lancet"),
    (r"June 2008", "the wrong date for Zamboni's study"),
    (r"\b\d+\.\d+\s*%", "decimal percentages"),
])
def test_excluded_claims_are_absent(pattern, why):
    assert not re.search(pattern, TEXT, re.IGNORECASE), why


def test_the_main_sources_are_cited_correctly():
    assert SOURCES["traboulsee-2018"].publisher.startswith("Neurology")
    assert SOURCES["traboulsee-2018"].year == 2018
    assert SOURCES["zamboni-2018"].publisher.startswith("JAMA Neurology")
    assert "IPG640" in SOURCES["nice-ipg640"].publisher
    assert SOURCES["fda-2012"].year == 2012 and SOURCES["fda-2017"].year == 2017
    assert SOURCES["cochrane-2019"].identifier == "doi:10.1002/14651858.CD009903.pub3"
    assert not any("IPG440" in s.citation() for s in CONTENT.sources)


def test_the_glossary_explains_the_medical_words():
    terms = {g.term.lower() for g in CONTENT.glossary}
    for word in ("vein", "stent", "balloon", "sham procedure", "clinical trial", "neurologist"):
        assert word in terms
