"""The checked copy of the start's files: used only while every file is unchanged."""

import datetime as dt

import pytest

from kiosk import loading
from kiosk.i18n.catalogues import po_path
from kiosk.loading_cache import has_fresh_copy, load_kiosk_cached
from kiosk.problems import InputError

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def clinic(project_copy, write_config):
    """A clinic's config over a scratch copy of the content and catalogues."""
    return write_config("languages: [en, fr, de]\ncontent_dir: content\nlocales_dir: locales\n")


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "cache"


def load(config, cache, today=TODAY):
    return load_kiosk_cached(config, today, cache_dir=cache)


def test_a_first_start_reads_everything_and_keeps_a_checked_copy(clinic, cache):
    assert not has_fresh_copy(clinic, TODAY, cache)
    first = load(clinic, cache)
    assert has_fresh_copy(clinic, TODAY, cache)
    assert first.content == loading.load_kiosk(clinic, TODAY).content


def test_an_unchanged_start_reads_nothing_again_and_shows_the_same(clinic, cache, monkeypatch):
    fresh = load(clinic, cache)
    monkeypatch.setattr(loading, "load_kiosk", lambda *a, **k: pytest.fail("read again"))
    again = load(clinic, cache)
    assert again.content == fresh.content
    assert again.languages == fresh.languages
    assert again.review_dates == fresh.review_dates
    assert again.fonts == fresh.fonts
    assert again.problems == fresh.problems
    for code in ("fr", "de"):
        assert again.catalogues.translator(code).gettext("Home") == \
            fresh.catalogues.translator(code).gettext("Home") != "Home"


def test_editing_a_catalogue_is_picked_up_on_the_next_start(clinic, project_copy, cache):
    before = load(clinic, cache).catalogues.translator("fr").gettext("Home")
    path = po_path(project_copy / "locales", "fr")
    text = path.read_text(encoding="utf-8")
    assert f'msgstr "{before}"' in text
    path.write_text(text.replace(f'msgstr "{before}"', 'msgstr "Maison"', 1), encoding="utf-8")
    assert not has_fresh_copy(clinic, TODAY, cache)
    assert load(clinic, cache).catalogues.translator("fr").gettext("Home") == "Maison"


def test_editing_the_content_is_picked_up_on_the_next_start(clinic, project_copy, cache):
    title = load(clinic, cache).content.sections[0].title
    path = project_copy / "content" / "explainer.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(title, title + " today", 1),
                    encoding="utf-8")
    assert load(clinic, cache).content.sections[0].title == title + " today"


def test_a_new_catalogue_is_picked_up_on_the_next_start(clinic, project_copy, cache):
    german = po_path(project_copy / "locales", "de")
    kept = german.read_bytes()
    german.unlink()
    assert "de" not in [lang.code for lang in load(clinic, cache).languages]
    german.write_bytes(kept)
    assert "de" in [lang.code for lang in load(clinic, cache).languages]


def test_editing_the_config_is_picked_up_on_the_next_start(clinic, cache):
    assert load(clinic, cache).config.default_language == "en"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "default_language: fr\n",
                      encoding="utf-8")
    assert load(clinic, cache).config.default_language == "fr"


def test_a_new_day_reads_everything_again(clinic, cache):
    load(clinic, cache)
    assert not has_fresh_copy(clinic, TODAY + dt.timedelta(days=1), cache)


@pytest.mark.parametrize("broken", ["config", "content"])
def test_a_broken_file_after_a_warm_start_is_refused_as_without_the_copy(
        broken, clinic, project_copy, cache):
    load(clinic, cache)
    if broken == "config":
        clinic.write_text("languages: [en\n", encoding="utf-8")
        path = clinic
    else:
        path = project_copy / "content" / "explainer.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("sections:", "sectons:", 1),
                        encoding="utf-8")
    with pytest.raises(InputError) as cached:
        load(clinic, cache)
    with pytest.raises(InputError) as direct:
        loading.load_kiosk(clinic, TODAY)
    assert [str(p) for p in cached.value.problems] == [str(p) for p in direct.value.problems]
    assert str(cached.value.problems[0]).startswith(f"{path}:")


def test_a_broken_catalogue_after_a_warm_start_hides_its_language_and_says_where(
        clinic, project_copy, cache):
    load(clinic, cache)
    german = po_path(project_copy / "locales", "de")
    german.write_text('msgid "Home\n', encoding="utf-8")
    data = load(clinic, cache)
    assert [lang.code for lang in data.languages] == ["en", "fr"]
    assert any(str(p).startswith(f"{german}:1:") for p in data.problems)


def test_a_damaged_copy_only_means_reading_everything(clinic, cache):
    load(clinic, cache)
    for kept in cache.glob("start-*.pickle"):
        kept.write_bytes(b"not a pickle")
    assert load(clinic, cache).config.languages == ("en", "fr", "de")
    assert has_fresh_copy(clinic, TODAY, cache)  # and it was written again


def test_a_cache_that_cannot_be_written_does_not_stop_the_start(clinic, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    assert load(clinic, blocked / "cache").config.languages == ("en", "fr", "de")
