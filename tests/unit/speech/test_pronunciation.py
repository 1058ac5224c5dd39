"""The pronunciation list: parsed line by line, applied to whole words only (longest term
first), and the engine's word times for the spoken text mapped back to the written words, so
the highlight stays on the term as written while its letters are heard."""

from kiosk.i18n.catalogues import Catalogues, po_path
from kiosk.speech.pronunciation import (
    Pronunciation,
    Rule,
    english_listing,
    parse,
    pronunciations_from,
    written_words,
)

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def said(listing: str, text: str) -> str:
    return Pronunciation.from_list(listing).apply(text)[0]


def spoken_words(text: str) -> list[tuple[int, int, int]]:
    """Word times as an engine reports them: each word of ``text``, 100 ms apart."""
    words, start = [], None
    for index, char in enumerate(text + " "):
        if char != " " and start is None:
            start = index
        elif char == " " and start is not None:
            words.append((start, index - start, 100 * len(words)))
            start = None
    return words


def highlighted(listing: str, text: str) -> list[tuple[str, int]]:
    spoken, pieces = Pronunciation.from_list(listing).apply(text)
    return [(text[start:start + length], at)
            for start, length, at in written_words(spoken_words(spoken), pieces)]


# Parsing ---------------------------------------------------------------------------------------
def test_rules_are_read_with_their_line_and_spaces_around_them_trimmed():
    rules, problems = parse("  CCSVI =  C C S V I \n\n# a note\nSEP = S E P")
    assert rules == [Rule("CCSVI", "C C S V I", 1), Rule("SEP", "S E P", 4)]
    assert problems == []


def test_every_line_that_is_not_a_rule_is_reported_with_its_number():
    rules, problems = parse("CCSVI C C S V I\nMS =\n= M S\nA = B = C\nMS = M S\nMS = em es")
    assert rules == [Rule("MS", "M S", 5)]
    assert [number for number, _message in problems] == [1, 2, 3, 4, 6]
    assert "not a rule" in problems[0][1]
    assert "both sides" in problems[1][1] and "both sides" in problems[2][1]
    assert "one '='" in problems[3][1]
    assert "already given on line 5" in problems[4][1]


def test_a_list_of_notes_only_has_no_rules_and_no_problems():
    assert parse("# none") == ([], [])
    assert Pronunciation.from_list("# none").apply("la SEP") == (
        "la SEP", Pronunciation().apply("la SEP")[1])


# Matching --------------------------------------------------------------------------------------
def test_a_term_is_replaced_only_as_a_whole_word():
    assert said("MS = M S", "MS, MSc and SMS (MS). MS-Team; MS2 MS") == \
        "M S, MSc and SMS (M S). M S-Team; MS2 M S"


def test_a_term_is_found_next_to_chinese_text_and_full_width_punctuation():
    listing = "CCSVI = C C S V I\nTVAM = T V A M"
    assert said(listing, "CCSVI是一种想法。叫TVAM。") == "C C S V I是一种想法。叫T V A M。"
    assert said(listing, "（CCSVI）") == "（C C S V I）"


def test_case_matters_so_a_word_that_looks_like_a_term_is_left_alone():
    assert said("EM = é eme", "Pessoas com EM em casa.") == "Pessoas com é eme em casa."


def test_the_longest_term_is_tried_first():
    listing = "MS = M S\nMS Society = em es society"
    assert said(listing, "The MS Society helps with MS.") == "The em es society helps with M S."


# Word times ------------------------------------------------------------------------------------
def test_the_letters_of_a_spelled_out_term_highlight_the_term_at_its_first_letter():
    assert highlighted("CCSVI = C C S V I", "la CCSVI est une idée") == [
        ("la", 0), ("CCSVI", 100), ("est", 600), ("une", 700), ("idée", 800)]


def test_words_after_a_replacement_keep_their_offsets_whatever_its_length():
    listing = "SEP = S E P\nFDA = F D A\nNICE = nais"
    text = "La SEP, la FDA et le NICE disent non."
    spoken, pieces = Pronunciation.from_list(listing).apply(text)
    words = written_words(spoken_words(spoken), pieces)
    assert [text[start:start + length] for start, length, _at in words] == [
        "La", "SEP,", "la", "FDA", "et", "le", "NICE", "disent", "non."]
    assert [at for *_place, at in words] == [0, 100, 400, 500, 800, 900, 1000, 1100, 1200]


def test_a_term_that_is_said_longer_in_one_word_still_maps_to_the_term():
    assert highlighted("Cochrane = Cócran", "una revisión Cochrane.") == [
        ("una", 0), ("revisión", 100), ("Cochrane.", 200)]


def test_with_no_rules_the_text_and_the_word_times_are_unchanged():
    text = "la SEP est"
    spoken, pieces = Pronunciation().apply(text)
    assert spoken == text
    assert written_words(spoken_words(text), pieces) == spoken_words(text)


# Whose list ------------------------------------------------------------------------------------
def catalogues(tmp_path, entries: dict[str, str]) -> Catalogues:
    """A catalogue per language, each holding ``entries[code]`` as its whole body."""
    for code, body in entries.items():
        path = po_path(tmp_path, code)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER + body, encoding="utf-8")
    return Catalogues(tmp_path, list(entries))


def po_lines(text: str) -> str:
    lines = text.split("\n")
    return "".join(f'"{line}\\n"\n' for line in lines[:-1]) + f'"{lines[-1]}"\n'


def entry(listing: str) -> str:
    return (f'msgctxt "pronunciation"\nmsgid ""\n{po_lines(english_listing())}'
            f'msgstr ""\n{po_lines(listing)}\n')


def test_english_uses_the_english_list_from_the_code(tmp_path):
    # An English catalogue, if a clinic made one, is not asked: the list in the code is English's.
    found = catalogues(tmp_path, {"en": entry("CCSVI = see see ess vee eye")})
    for code in ("en", "en_GB"):
        rules = pronunciations_from(found)(code).rules
        assert rules == Pronunciation.from_list(english_listing()).rules
        assert ("CCSVI", "C C S V I") in [(rule.written, rule.spoken) for rule in rules]


def test_a_translated_list_is_used_and_a_catalogue_without_one_gets_no_rules(tmp_path):
    found = catalogues(tmp_path, {
        "fr": entry("SEP = S E P\nCCSVI = C C S V I") + 'msgid "Home"\nmsgstr "Accueil"\n',
        "de": 'msgid "Home"\nmsgstr "Start"\n',
        "it": entry(english_listing()),  # the English copied: not this language's list
    })
    lookup = pronunciations_from(found)
    assert [(r.written, r.spoken) for r in lookup("fr").rules] == [
        ("SEP", "S E P"), ("CCSVI", "C C S V I")]
    assert lookup("fr").apply("la SEP")[0] == "la S E P"
    assert lookup("de").rules == ()
    assert lookup("it").rules == ()
    assert lookup("nl").rules == ()  # no catalogue at all
