import datetime as dt

import pytest

from kiosk import loading
from kiosk.cli.check import run_checks
from kiosk.config import load_config
from kiosk.fonts import faces as fonts
from kiosk.fonts.glyphs import missing
from kiosk.i18n.catalogues import po_path
from kiosk.loading import load_kiosk
from kiosk.problems import InputError

LANGS = list(load_config(None).languages)  # the shipped config's, in its order
TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def translated(project_copy, write_config):
    """A copy of the kiosk where every language has a (one-string) catalogue."""
    for code in LANGS[1:]:
        path = po_path(project_copy / "locales", code)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'msgid ""\nmsgstr ""\n"Language: {code}\\n"\n\n'
                        'msgid "Home"\nmsgstr "x"\n', encoding="utf-8")
    return write_config("content_dir: content\nlocales_dir: locales\n")


def test_every_language_with_a_catalogue_is_offered_with_a_font_for_its_script(translated):
    data = load_kiosk(translated, TODAY)
    assert [lang.code for lang in data.languages] == LANGS
    arabic = data.font_for("ar")
    assert not missing("ﻣﺮﺣﺒﺎ CCSVI (FDA) 2019", arabic.files())  # joined forms and Latin
    assert "CJK" in data.font_for("zh_Hans").regular.name
    assert data.font_for("fr").regular.name == "NotoSans-Regular.ttf"
    assert data.problems == []


def test_a_broken_catalogue_hides_only_its_language(translated, project_copy):
    po_path(project_copy / "locales", "de").write_text('msgid "Home\n', encoding="utf-8")
    data = load_kiosk(translated, TODAY)
    assert "de" not in [lang.code for lang in data.languages]
    assert "fr" in [lang.code for lang in data.languages]
    assert any(str(po_path(project_copy / "locales", "de")) in str(p) for p in data.problems)
    assert any(p.severity == "error" for p in run_checks(translated, TODAY))


def test_a_missing_font_hides_that_language(translated, monkeypatch):
    real = fonts.find_font
    monkeypatch.setattr(loading, "find_font",
                        lambda script: None if script == "Arab" else real(script))
    data = load_kiosk(translated, TODAY)
    assert "ar" not in [lang.code for lang in data.languages]
    assert any("Arab" in p.message and p.severity == "error" for p in data.problems)


def test_a_language_with_a_catalogue_can_be_previewed_before_the_config_lists_it(translated,
                                                                                   project_copy):
    path = po_path(project_copy / "locales", "nl")
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Language: nl\\n"\n\nmsgid "Home"\nmsgstr "Start"\n',
                    encoding="utf-8")
    assert "nl" not in [lang.code for lang in load_kiosk(translated, TODAY).languages]
    data = load_kiosk(translated, TODAY, preview=["nl", "pl", "fr"])  # pl has no catalogue
    assert [lang.code for lang in data.languages] == [*LANGS, "nl"]
    assert data.language("nl").endonym == "Nederlands"
    assert data.catalogues.translator("nl").gettext("Home") == "Start"


def test_unavailable_default_language_falls_back_to_english(write_config):
    data = load_kiosk(write_config("languages: [en, sv]\ndefault_language: sv\n"), TODAY)
    assert data.config.default_language == "en"
    assert any("default language 'sv' is not available" in p.message for p in data.problems)


def test_broken_content_stops_the_start(project_copy, write_config):
    (project_copy / "content" / "explainer.yaml").write_text("sections: [\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_kiosk(write_config("content_dir: content\n"), TODAY)


def test_dates_are_written_out_in_each_language_at_start(kiosk_data):
    meta = kiosk_data.content.metadata
    checked = meta.checked_on
    assert kiosk_data.review_dates["en"][0] == f"{checked:%B} {checked.day}, {checked.year}"
    assert str(checked.year) in kiosk_data.review_dates["fr"][0]
    assert kiosk_data.review_dates["fr"][0] != kiosk_data.review_dates["en"][0]
    assert set(kiosk_data.review_dates) == {lang.code for lang in kiosk_data.languages}


def test_the_start_keeps_none_of_the_cldr_tables_it_read(tmp_path):
    # In a fresh process: Babel would otherwise keep about 11 MB for eight languages.
    import subprocess
    import sys

    script = (
        "import tracemalloc\n"
        "tracemalloc.start()\n"
        "from kiosk.loading import load_kiosk\n"
        "data = load_kiosk(None)\n"
        "held = sum(stat.size for stat in tracemalloc.take_snapshot().statistics('filename')\n"
        "           if 'babel' in stat.traceback[0].filename\n"
        "           and 'messages' not in stat.traceback[0].filename)\n"
        "print(len(data.languages), held)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=tmp_path)
    languages, held = map(int, done.stdout.split())
    assert languages >= 8
    assert held < 1_000_000, f"Babel still holds {held / 1e6:.1f} MB after the start"


def test_a_character_the_chinese_subset_lacks_brings_in_the_full_face(project_copy,
                                                                      write_config):
    shipped = load_kiosk(None, TODAY)
    assert shipped.font_for("zh_Hans").subset  # made by make setup (kiosk.fonts.cjk_faces)
    assert not [p for p in shipped.problems if "subset" in p.message]
    po = po_path(project_copy / "locales", "zh_Hans")
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "A dragon"\nmsgstr "龘"\n',
                  encoding="utf-8")
    data = load_kiosk(write_config("content_dir: content\nlocales_dir: locales\n"), TODAY)
    font = data.font_for("zh_Hans")
    assert not font.subset and "CJK" in font.regular.name
    assert [p for p in data.problems if p.path == po and "龘" in p.message
            and p.severity == "warning"]


def test_a_subset_without_its_character_list_is_checked_on_its_own_character_map(tmp_path):
    import shutil

    from kiosk.fonts.faces import find_font

    shipped = find_font("Hans")
    copies = [shutil.copy(face, tmp_path / face.name) for face in (shipped.regular, shipped.bold)]
    font = fonts.FontChoice("Hans", *map(type(tmp_path), copies))
    assert font.subset and not list(tmp_path.glob("*.chars"))
    problems = []
    assert loading._full_face_if_needed(font, "静脉", tmp_path / "x.po", problems) is font
    assert not loading._full_face_if_needed(font, "龘", tmp_path / "x.po", problems).subset
    assert len(problems) == 1
