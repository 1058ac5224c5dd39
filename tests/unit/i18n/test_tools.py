import json
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog

from kiosk import paths
from kiosk.config import load_config
from kiosk.i18n import pseudo as i18n_pseudo
from kiosk.i18n import tools as i18n_tools
from kiosk.i18n.catalogues import SOURCE_LANGUAGE, po_path


def keys(catalog) -> set:
    return {(m.context, m.id) for m in catalog if m.id}


def test_shipped_template_is_current():
    shipped = i18n_tools.read_catalog(i18n_tools.template_path())
    assert keys(i18n_tools.extract()) == keys(shipped)


def test_plain_pybabel_with_the_project_config_finds_the_same_messages(tmp_path):
    pybabel = Path(sys.executable).with_name("pybabel")
    out = tmp_path / "plain.pot"
    subprocess.run([str(pybabel), "extract", "-F", "babel.cfg", "-k", "N_", "-c", "Translators:",
                    "-o", str(out), "."], cwd=paths.PROJECT_DIR, check=True,
                   capture_output=True)
    plain = i18n_tools.read_catalog(out)
    shipped = i18n_tools.read_catalog(i18n_tools.template_path())
    assert keys(plain) == keys(shipped)
    note = next(m for m in plain if m.id == "Home")
    assert any(c.startswith("Translators:") for c in note.auto_comments)


def test_stats_json_shows_every_language_complete():
    result = subprocess.run([sys.executable, "-m", "kiosk", "i18n", "stats", "--json"],
                            capture_output=True, text=True, check=True)
    stats = json.loads(result.stdout)
    # Read from the locales folder and the shipped config, so a new language needs no edit.
    on_disk = {SOURCE_LANGUAGE} | {path.parent.parent.name
                                   for path in paths.LOCALES_DIR.glob("*/LC_MESSAGES/*.po")}
    assert set(stats) == on_disk and set(load_config(None).languages) <= on_disk
    assert all(entry["percent"] == 100.0 and entry["fuzzy"] == 0 for entry in stats.values())


def test_stats_shows_a_reading_level_for_every_language():
    run = [sys.executable, "-m", "kiosk", "i18n", "stats"]
    levels = {code: entry["reading_level"] for code, entry in json.loads(subprocess.run(
        [*run, "--json"], capture_output=True, text=True, check=True).stdout).items()}
    assert levels["fr"]["scores"].keys() == {"Kandel-Moles"}
    assert levels["de"]["scores"].keys() == {"Amstad", "Wiener Sachtextformel 1"}
    assert levels["zh_Hans"]["sentence_length_unit"] == "characters"
    assert levels["zh_Hans"]["lix"] is None
    for code, level in levels.items():
        assert level["mean_sentence_length"] > 0, code
        assert code == "zh_Hans" or level["lix"] > 0, code
    text = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert text.count("reading level: ") == len(levels)
    assert "Gulpease " in text and "LIX " in text and "characters/sentence" in text


def test_shipped_catalogues_have_no_problems():
    assert [str(p) for p in i18n_tools.check_all(paths.LOCALES_DIR, project_dir=None)] == []


def test_every_string_in_the_shipped_code_has_a_translator_comment():
    assert [str(p) for p in i18n_tools.check_translator_comments()] == []


CODE = """\
from kiosk.i18n.catalogues import N_, _, pgettext

# Translators: a button under a page that stops reading aloud.
STOP = N_("Stop")


def labels(seconds):
    # Translators: shown while the kiosk waits; {seconds} is a whole number.
    wait = _("Wait {seconds} seconds."
             ).format(seconds=seconds)
    # Translators: this comment is too far from its call to count.

    far = _("Far away")
    return [wait, far, _("Stop"), _("Next"), pgettext("speech", "Stop")]
"""


def code_tree(root: Path) -> Path:
    (root / "kiosk" / "ui").mkdir(parents=True)
    (root / "kiosk" / "ui" / "screen.py").write_text(CODE, encoding="utf-8")
    (root / "tests").mkdir()  # not the kiosk's code: never extracted
    (root / "tests" / "test_screen.py").write_text('_("Untested")\n', encoding="utf-8")
    return root


def test_a_code_string_without_a_translator_comment_is_an_error_at_its_file_and_line(tmp_path):
    problems = i18n_tools.check_translator_comments(code_tree(tmp_path), allowed=frozenset())
    assert [(str(p.path), p.line, p.severity) for p in problems] == [
        ("kiosk/ui/screen.py", 13, "error"),  # the comment ends two lines above
        ("kiosk/ui/screen.py", 14, "error"),
        ("kiosk/ui/screen.py", 14, "error"),
    ]
    assert [p.message.split(" has ")[0] for p in problems] == [
        "'Far away'", "'Next'", "'Stop' (msgctxt 'speech')"]
    assert str(problems[1]).startswith("kiosk/ui/screen.py:14: 'Next' has no '# Translators:'")


def test_the_catalogue_check_reports_code_strings_without_a_translator_comment(tmp_path):
    problems = i18n_tools.check_all(tmp_path / "locales", project_dir=code_tree(tmp_path))
    assert [p.line for p in problems] == [13, 14, 14]


def test_an_allow_list_entry_that_has_a_comment_now_or_is_gone_is_a_stale_error(tmp_path):
    allowed = frozenset({(None, "Far away"), (None, "Stop"), (None, "Gone"),
                         ("speech", "Stop"), (None, "Next")})
    problems = i18n_tools.check_translator_comments(code_tree(tmp_path), allowed=allowed)
    assert [(str(p.path), p.message.split(";")[0]) for p in problems] == [
        ("kiosk/i18n/tools.py", "stale allow-list entry: 'Gone' is no longer in the code"),
        ("kiosk/i18n/tools.py", "stale allow-list entry: 'Stop' has a translator comment now"),
    ]
    source = (paths.PROJECT_DIR / problems[0].path).read_text(encoding="utf-8").splitlines()
    assert source[problems[0].line - 1].startswith("EXPECTED_MESSAGES_WITHOUT_COMMENTS")


def write(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body,
                    encoding="utf-8")
    return path


def test_check_reports_each_kind_of_problem_with_its_line(tmp_path):
    path = write(po_path(tmp_path, "fr"),
                 'msgid "Home"\nmsgstr ""\n\n'                             # line 5
                 '#, fuzzy\nmsgid "Back"\nmsgstr "Retour"\n\n'             # line 9
                 'msgid "Page {page} of {pages}"\nmsgstr "Page {page}"\n\n'  # line 12
                 'msgid "Choose your language"\nmsgstr "Choose your language"\n\n'  # line 15
                 'msgid "Help"\nmsgstr "Aide 😀"\n')                      # line 18
    problems = {(p.line, p.severity): p.message for p in i18n_tools.check_catalogue(path, "fr")}
    assert "untranslated" in problems[(5, "error")]
    assert "fuzzy" in problems[(9, "error")]
    assert "placeholders differ" in problems[(12, "error")]
    assert "same as the English" in problems[(15, "warning")]
    assert "no glyph for '😀'" in problems[(18, "error")]


def test_update_adds_new_strings_and_marks_changed_ones_fuzzy(tmp_path):
    template = Catalog()
    template.add("Home", locations=[("x.py", 1)])
    template.add("Go back now", locations=[("x.py", 2)])
    i18n_tools.write_catalog(template, i18n_tools.template_path(tmp_path))
    write(po_path(tmp_path, "fr"), 'msgid "Go back"\nmsgstr "Retour"\n')
    i18n_tools.update(tmp_path, ["de"])
    fr = i18n_tools.read_catalog(po_path(tmp_path, "fr"), "fr")
    assert fr.get("Home").string == ""
    assert fr.get("Go back now").fuzzy
    assert '#| msgid "Go back"\nmsgid "Go back now"' in po_path(tmp_path, "fr").read_text()
    assert po_path(tmp_path, "de").exists()


def test_pseudo_locale_is_longer_accented_bracketed_and_keeps_placeholders(tmp_path):
    text = "Page {page} of {pages}"
    pseudo = i18n_pseudo.pseudo_translate(text)
    assert pseudo.startswith("[") and pseudo.endswith("]")
    assert "{page}" in pseudo and "{pages}" in pseudo
    assert len(pseudo) >= 1.4 * len(text)
    assert "Ƥàĝé" in pseudo
    shutil.copy(i18n_tools.template_path(), i18n_tools.template_path(tmp_path))
    path = i18n_pseudo.pseudo(tmp_path)
    assert len(keys(i18n_tools.read_catalog(path))) == len(keys(i18n_tools.read_catalog(
        i18n_tools.template_path())))


def test_update_says_which_catalogues_it_created_changed_or_left_alone(tmp_path):
    template = Catalog()
    template.add("Home", locations=[("x.py", 1)])
    i18n_tools.write_catalog(template, i18n_tools.template_path(tmp_path))
    write(po_path(tmp_path, "fr"), 'msgid "Home"\nmsgstr "Accueil"\n')
    first = dict(i18n_tools.update(tmp_path, ["nl"]))
    assert first == {po_path(tmp_path, "fr"): "updated", po_path(tmp_path, "nl"): "created"}
    french = po_path(tmp_path, "fr").stat().st_mtime_ns
    again = dict(i18n_tools.update(tmp_path, ["nl"]))
    assert set(again.values()) == {"unchanged"}
    assert po_path(tmp_path, "fr").stat().st_mtime_ns == french  # not even rewritten


def test_a_new_catalogue_carries_the_review_line_and_its_fuzzy_header_is_a_warning(tmp_path):
    template = Catalog()
    template.add("Home", locations=[("x.py", 1)])
    i18n_tools.write_catalog(template, i18n_tools.template_path(tmp_path))
    i18n_tools.update(tmp_path, ["nl"])
    path = po_path(tmp_path, "nl")
    text = path.read_text(encoding="utf-8")
    assert i18n_tools.REVIEW_NOTE in text
    flag = text.splitlines().index("#, fuzzy") + 1
    problems = i18n_tools.check_catalogue(path, "nl")
    assert [(p.line, p.severity) for p in problems if "header" in p.message] == [
        (flag, "warning")]
    path.write_text(text.replace("#, fuzzy\n", "", 1), encoding="utf-8")
    assert not [p for p in i18n_tools.check_catalogue(path, "nl") if "header" in p.message]
