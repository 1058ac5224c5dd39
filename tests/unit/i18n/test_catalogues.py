from pathlib import Path

from kiosk import paths
from kiosk.i18n import catalogues as i18n
from kiosk.i18n import tools as i18n_tools
from kiosk.i18n.catalogues import Catalogues, fallback_chain, language_info, po_path

PO_HEADER = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {lang}\\n"

'''


def write_po(root: Path, lang: str, body: str) -> Path:
    path = po_path(root, lang)
    path.parent.mkdir(parents=True)
    path.write_text(PO_HEADER.format(lang=lang) + body, encoding="utf-8")
    return path


def test_endonyms_are_capitalised_in_their_own_script():
    names = {code: language_info(code).endonym for code in
             ("en", "fr", "es", "it", "de", "pt_BR", "ar", "zh_Hans")}
    assert names == {"en": "English", "fr": "Français", "es": "Español", "it": "Italiano",
                     "de": "Deutsch", "pt_BR": "Português (Brasil)", "ar": "العربية",
                     "zh_Hans": "中文"}
    assert language_info("ar").rtl and language_info("ar").script == "Arab"
    assert language_info("zh_Hans").script == "Hans"
    assert language_info("de").script == "Latn" and not language_info("de").rtl


def test_fallback_chain():
    assert fallback_chain("fr_CA") == ["fr_CA", "fr"]
    assert fallback_chain("en") == []


def test_po_is_read_directly_with_per_string_fallback(tmp_path):
    write_po(tmp_path, "fr", 'msgid "Home"\nmsgstr "Accueil"\n\n'
                             'msgid "Back"\nmsgstr "Retour"\n\n'
                             '#, fuzzy\nmsgid "Help"\nmsgstr "Aidez"\n\n'
                             'msgctxt "a.title"\nmsgid "Title"\nmsgstr "Titre"\n')
    write_po(tmp_path, "fr_CA", 'msgid "Home"\nmsgstr "Accueil (CA)"\n')
    catalogues = Catalogues(tmp_path, ["en", "fr_CA"])
    tr = catalogues.translator("fr_CA")
    assert tr.gettext("Home") == "Accueil (CA)"  # the regional catalogue
    assert tr.gettext("Back") == "Retour"  # falls back to French
    assert tr.gettext("Help") == "Help"  # fuzzy counts as untranslated
    assert tr.gettext("Missing") == "Missing"  # falls back to the English source
    assert tr.pgettext("a.title", "Title") == "Titre"
    assert tr.gettext("Title") == "Title"  # context matters
    assert catalogues.is_available("fr_CA")


def test_a_broken_catalogue_disables_only_its_language(tmp_path):
    write_po(tmp_path, "fr", 'msgid "Home"\nmsgstr "Accueil"\n')
    path = write_po(tmp_path, "de", 'msgid "Home"\nmsgstr "Start"\n\nmsgid "Back\n')
    catalogues = Catalogues(tmp_path, ["en", "fr", "de"])
    assert catalogues.is_available("fr") and catalogues.is_available("en")
    assert not catalogues.is_available("de")
    [problem] = catalogues.problems
    assert problem.path == path
    assert problem.line == 9
    assert "switched off" in problem.message


def test_a_missing_quote_is_refused_not_read_with_a_letter_missing(tmp_path):
    """Babel alone reads ``msgstr "Start`` as "Star"; gettext's msgfmt refuses it, and so do we."""
    for body, line in (('msgid "Home"\nmsgstr "Start\n', 7),
                       ('msgid "Home\nmsgstr "Start"\n', 6),
                       ('msgid "Home"\nmsgstr "Start" x\n', 7),
                       ('msgid "Home"\nmsgstr ""\n"Sta"rt"\n', 8)):
        root = tmp_path / str(line) / str(len(body))
        path = write_po(root, "de", body)
        catalogues = Catalogues(root, ["en", "de"])
        assert not catalogues.is_available("de"), body
        [problem] = catalogues.problems
        assert (problem.path, problem.line) == (path, line), body
        assert "quoted string is not closed" in problem.message
    write_po(tmp_path / "ok", "de", 'msgid "Say \\"hi\\""\nmsgstr[0] "Sag \\"hallo\\" \\\\"\n')
    assert Catalogues(tmp_path / "ok", ["en", "de"]).problems == []


def test_active_translator_serves_ui_strings(tmp_path):
    write_po(tmp_path, "fr", 'msgid "Home"\nmsgstr "Accueil"\n')
    catalogues = Catalogues(tmp_path, ["fr"])
    try:
        i18n.activate(catalogues.translator("fr"))
        assert i18n._("Home") == "Accueil"
        assert i18n.active_language() == "fr"
    finally:
        i18n.activate(catalogues.translator("en"))
    assert i18n._("Home") == "Home"


def test_long_dates_follow_the_language_and_pseudo_reads_as_english():
    import datetime as dt

    day = dt.date(2026, 11, 21)
    assert i18n.long_date(day, "en") == "November 21, 2026"
    assert i18n.long_date(day, "fr") == "21 novembre 2026"
    assert i18n.long_date(day, i18n.PSEUDO_LANGUAGE) == "November 21, 2026"


def test_released_locale_data_is_read_again_when_asked_for():
    language_info("de")
    i18n.release_locale_data()
    assert language_info("de").endonym == "Deutsch"


LOCKED_ONE = "Too many wrong tries. Wait {seconds} second, then try again."
LOCKED_MANY = "Too many wrong tries. Wait {seconds} seconds, then try again."


def test_a_countdown_takes_each_languages_own_plural_form():
    """The PIN lockout counts down from 60 to 1: "1 second" in English, the singular for 0 and
    1 in French, and Arabic's forms for 2, for 3 to 10, and for 11 and up."""
    catalogues = Catalogues(paths.LOCALES_DIR, ["en", "fr", "ar"])

    def wait(code: str, n: int) -> str:
        return catalogues.translator(code).ngettext(LOCKED_ONE, LOCKED_MANY, n).format(seconds=n)

    assert wait("en", 1) == "Too many wrong tries. Wait 1 second, then try again."
    assert wait("en", 60) == "Too many wrong tries. Wait 60 seconds, then try again."
    assert "1 seconde," in wait("fr", 1) and "0 seconde," in wait("fr", 0)
    assert "2 secondes," in wait("fr", 2)
    assert "ثانيتين" in wait("ar", 2)
    assert "5 ثوانٍ" in wait("ar", 5) and "10 ثوانٍ" in wait("ar", 10)
    assert "11 ثانية" in wait("ar", 11) and "60 ثانية" in wait("ar", 60)


def test_a_plural_entry_with_a_form_missing_is_not_used_and_is_reported(tmp_path):
    path = write_po(tmp_path, "fr",
                    f'msgid "{LOCKED_ONE}"\nmsgid_plural "{LOCKED_MANY}"\n'
                    'msgstr[0] "Attendez {seconds} seconde."\nmsgstr[1] ""\n')
    translator = Catalogues(tmp_path, ["fr"]).translator("fr")
    assert translator.ngettext(LOCKED_ONE, LOCKED_MANY, 1) == LOCKED_ONE  # English, not half
    problems = [p.message for p in i18n_tools.check_catalogue(path, "fr")]
    assert any("a plural form is missing" in m for m in problems)
