"""`i18n check` reads each language's pronunciation list: a line that is not a rule and a term
given twice are errors, a term the language never writes and a rule that changes nothing are
warnings, each at the catalogue line of the list's entry and naming the line of the list."""

from babel.messages.catalog import Catalog

from kiosk import paths
from kiosk.i18n import tools as i18n_tools
from kiosk.i18n.catalogues import po_path
from kiosk.i18n.pronunciation_check import check_english_list
from kiosk.speech.pronunciation import english_listing

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def po_lines(text: str) -> str:
    lines = text.split("\n")
    return "".join(f'"{line}\\n"\n' for line in lines[:-1]) + f'"{lines[-1]}"\n'


def catalogue(tmp_path, listing: str):
    """A French catalogue whose list is ``listing``; its msgid line is line 6."""
    path = po_path(tmp_path, "fr")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + 'msgctxt "pronunciation"\nmsgid ""\n' + po_lines(english_listing())
                    + 'msgstr ""\n' + po_lines(listing) + "\n"
                    + 'msgid "What is MS?"\nmsgstr "Qu\'est-ce que la SEP (CCSVI) ?"\n',
                    encoding="utf-8")
    return path


def list_problems(path):
    return [p for p in i18n_tools.check_catalogue(path, "fr") if "pronunciation list" in p.message]


def test_a_broken_list_is_reported_at_the_entry_line_with_the_line_of_the_list(tmp_path):
    path = catalogue(tmp_path, "CCSVI = C C S V I\nSEP S E P\nCCSVI = c c s v i\n"
                               "# a note\nSPE = S P E\nSEP = SEP")
    found = list_problems(path)
    assert [(p.line, p.severity) for p in found] == [(6, "error")] * 2 + [(6, "warning")] * 2
    text = [str(p) for p in found]
    assert text[0].startswith(f"{path}:6: pronunciation list, line 2: 'SEP S E P' is not a rule")
    assert text[1].startswith(f"{path}:6: pronunciation list, line 3: 'CCSVI' is already given "
                              f"on line 1")
    assert text[2].startswith(f"{path}:6: warning: pronunciation list, line 5: 'SPE' is written "
                              f"nowhere")
    assert text[3].startswith(f"{path}:6: warning: pronunciation list, line 6: 'SEP' is said "
                              f"as it is written")


def test_a_good_list_has_no_problems_and_terms_are_found_as_whole_words_only(tmp_path):
    assert list_problems(catalogue(tmp_path, "CCSVI = C C S V I\nSEP = S E P")) == []
    found = list_problems(catalogue(tmp_path, "SE = S E\nCCSVI = C C S V I"))
    assert [p.message.split(":")[0] for p in found] == ["pronunciation list, line 1"]
    assert "'SE' is written nowhere" in found[0].message  # "SE" only inside "SEP"


def test_the_english_list_copied_into_another_language_is_reported_not_used(tmp_path):
    found = list_problems(catalogue(tmp_path, english_listing()))
    assert [(p.line, p.severity) for p in found] == [(6, "warning")]
    assert "the English list, which is not used for this language" in found[0].message
    assert not [p for p in i18n_tools.check_catalogue(catalogue(tmp_path, english_listing()),
                                                       "fr") if "same as the English" in p.message]


def test_the_english_list_is_checked_against_the_english_text_at_its_place_in_the_code():
    template = Catalog()
    template.add("CCSVI = C C S V I\nCCSVI = again\nTVAM = TVAM", context="pronunciation",
                 locations=[("kiosk/speech/pronunciation.py", 36)])
    template.add("What is CCSVI?")
    found = [str(p) for p in check_english_list(list(template)[1:])]
    assert found == [
        "kiosk/speech/pronunciation.py:36: pronunciation list, line 2: 'CCSVI' is already given "
        "on line 1",
        "kiosk/speech/pronunciation.py:36: warning: pronunciation list, line 3: 'TVAM' is said "
        "as it is written, so the rule changes nothing"]


def test_the_shipped_lists_have_no_problems():
    """Every shipped language's list, and the English one in the code."""
    template = i18n_tools.read_catalog(i18n_tools.template_path())
    assert [str(p) for p in check_english_list(i18n_tools.entries(template))] == []
    for path in i18n_tools.catalogue_paths(paths.LOCALES_DIR).values():
        assert [str(p) for p in list_problems(path)] == []
