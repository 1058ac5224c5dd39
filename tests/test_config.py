from pathlib import Path

import pytest

from kiosk import paths
from kiosk.config import config_path_from, load_config
from kiosk.problems import InputError


def test_shipped_defaults_load():
    config = load_config(None)
    assert config.default_language == "en"
    assert config.languages[0] == "en"
    assert config.idle_timeout_seconds == 90
    assert config.screen.width_mm > config.screen.height_mm > 0
    assert config.theme == "dark"
    assert config.content_dir == paths.CONTENT_DIR


def test_clinic_file_overrides_only_what_it_sets(write_config):
    config = load_config(write_config("idle_timeout_seconds: 120\nscreen:\n  width_mm: 344\n"))
    assert config.idle_timeout_seconds == 120
    assert config.screen.width_mm == 344
    assert config.screen.height_mm == 268  # kept from the defaults
    assert config.default_language == "en"


def test_unknown_key_names_file_line_and_key(write_config):
    path = write_config("fullscreen: false\nidle_timout_seconds: 60\n")
    with pytest.raises(InputError) as error:
        load_config(path)
    assert str(error.value).startswith(f"{path}:2: unknown key 'idle_timout_seconds'")


def test_bad_values_name_file_line_and_key(write_config):
    path = write_config("languages: [en, fr]\ndefault_language: de\n"
                        "display:\n  theme: pink\n  text_scale: 3\n")
    with pytest.raises(InputError) as error:
        load_config(path)
    lines = str(error.value).splitlines()
    assert f"{path}:2: default_language: 'de' is not one of the languages ['en', 'fr']" in lines
    assert any(line.startswith(f"{path}:4: display.theme: 'pink'") for line in lines)
    assert any(line.startswith(f"{path}:5: display.text_scale: 3") for line in lines)


def test_wrong_kind_of_value(write_config):
    path = write_config("fullscreen: sometimes\n")
    with pytest.raises(InputError) as error:
        load_config(path)
    assert str(error.value) == (f"{path}:1: the config: 'fullscreen' must be true or false, "
                                "not 'sometimes'")


def test_unknown_language_code(write_config):
    path = write_config("languages: [en, xx_QQ]\n")
    with pytest.raises(InputError) as error:
        load_config(path)
    assert "xx_QQ" in str(error.value)
    assert f"{path}:1:" in str(error.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError) as error:
        load_config(tmp_path / "nope.yaml")
    assert str(error.value) == f"{tmp_path / 'nope.yaml'}: config file not found"


def test_relative_content_dir_is_taken_from_the_config_folder(write_config, project_copy):
    config = load_config(write_config("content_dir: content\nlocales_dir: locales\n"))
    assert config.content_dir == project_copy / "content"


def test_config_arg_wins_over_environment(monkeypatch):
    monkeypatch.setenv("KIOSK_CONFIG", "/etc/from-env.yaml")
    assert config_path_from("/tmp/arg.yaml") == Path("/tmp/arg.yaml")
    assert config_path_from(None) == Path("/etc/from-env.yaml")
    monkeypatch.delenv("KIOSK_CONFIG")
    assert config_path_from(None) is None


def test_the_idle_warning_gives_at_least_20_seconds(write_config):
    path = write_config("idle_warning_seconds: 5\n")
    with pytest.raises(InputError) as error:
        load_config(path)
    assert str(error.value).startswith(f"{path}:1: idle_warning_seconds: 5 is out of range")
