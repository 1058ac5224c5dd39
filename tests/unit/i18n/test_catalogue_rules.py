"""The previous English of a fuzzy entry survives updates, a stale '# | msgid' is reported,
and a wrong plural rule is caught before any ngettext string relies on it."""

from babel.messages.catalog import Catalog

from kiosk.i18n import tools as i18n_tools
from kiosk.i18n.catalogue_rules import plural_rule_problem, stale_previous_markers
from kiosk.i18n.catalogues import po_path

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def catalogue(tmp_path, code: str, plural_forms: str):
    path = po_path(tmp_path, code)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + f'"Plural-Forms: {plural_forms}\\n"\n\nmsgid "Home"\nmsgstr "x"\n',
                    encoding="utf-8")
    return path


def test_the_arabic_rule_that_swapped_two_forms_is_caught_and_the_cldr_rule_passes(tmp_path):
    old = ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
           "n%100>=0 && n%100<=2 ? 4 : 5);")
    fixed = old.replace("n%100>=0 && n%100<=2 ? 4", "n%100>=11 ? 4")
    read = i18n_tools.read_catalog
    problem = plural_rule_problem(read(catalogue(tmp_path, "ar", old), "ar"), "ar")
    assert problem and "wrong form for 11" in problem
    assert plural_rule_problem(read(catalogue(tmp_path, "ar", fixed), "ar"), "ar") is None
    path = catalogue(tmp_path, "ar", old)
    found = [p for p in i18n_tools.check_catalogue(path, "ar") if "Plural-Forms" in p.message]
    assert [p.line for p in found] == [4]  # the header line, so the translator finds it


def test_a_rule_written_before_cldr_added_a_form_is_checked_by_which_numbers_share_a_form(
        tmp_path):
    """French and Brazilian catalogues say two forms; CLDR now adds a third for millions. Zero
    takes the singular in both languages, so the English-style rule is wrong for them."""
    read = i18n_tools.read_catalog
    for code in ("fr", "pt_BR"):
        path = catalogue(tmp_path, code, "nplurals=2; plural=(n > 1);")
        assert plural_rule_problem(read(path, code), code) is None
        path = catalogue(tmp_path, code, "nplurals=2; plural=(n != 1);")
        assert "wrong form for 1" in plural_rule_problem(read(path, code), code)


def test_a_stale_previous_msgid_comment_is_reported_at_its_line(tmp_path):
    path = po_path(tmp_path, "fr")
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + '\n# | msgid "NICE"\nmsgid "Voice"\nmsgstr "Voix"\n', "utf-8")
    assert stale_previous_markers(path.read_text("utf-8")) == [5]
    assert [p.line for p in i18n_tools.check_catalogue(path, "fr") if "# |" in p.message] == [5]


def test_two_updates_keep_the_previous_english_and_write_no_stale_comment(tmp_path):
    """Babel reads '#| msgid' as a comment and writes it back as '# | msgid': the update must
    keep the previous English where it belongs, however often the translator runs it."""
    template = Catalog()
    template.add("Go back now, please", locations=[("x.py", 2)])
    i18n_tools.write_catalog(template, i18n_tools.template_path(tmp_path))
    path = po_path(tmp_path, "fr")
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + '\nmsgid "Go back now"\nmsgstr "Retour"\n', "utf-8")
    i18n_tools.update(tmp_path)
    first = path.read_text("utf-8")
    assert '#| msgid "Go back now"\nmsgid "Go back now, please"' in first
    assert dict(i18n_tools.update(tmp_path)) == {path: "unchanged"}
    assert "# |" not in path.read_text("utf-8")
    assert i18n_tools.read_catalog(path, "fr").get("Go back now, please").fuzzy
