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


def test_touch_scanning_animation_and_admin_defaults():
    config = load_config(None)
    assert (config.repeat_ignore_ms, config.hold_ms) == (500, 0)
    assert (config.scan_key, config.scan_interval_seconds) == ("f8", 1.5)
    assert config.animations is False
    assert config.audio_guide_with_headphones is True
    assert config.admin_pin_hash == ""


def test_touch_scanning_and_animations_can_be_set(write_config):
    config = load_config(write_config(
        "touch:\n  repeat_ignore_ms: 1200\n  hold_ms: 300\n"
        "switch_scanning:\n  key: Space\n  interval_seconds: 3\nanimations: true\n"
        "audio_guide_with_headphones: false\n"))
    assert (config.repeat_ignore_ms, config.hold_ms) == (1200, 300)
    assert (config.scan_key, config.scan_interval_seconds) == ("spacebar", 3.0)
    assert config.animations is True
    assert config.audio_guide_with_headphones is False


@pytest.mark.parametrize("text, expected", [
    ("touch:\n  repeat_ignore_ms: 2000\n",
     ":2: touch.repeat_ignore_ms: 2000 is out of range (0 to 1500 ms)"),
    ("touch:\n  hold_ms: -5\n", ":2: touch.hold_ms: -5 is out of range (0 to 1000 ms)"),
    ("touch:\n  hold_ms: 1500\n", ":2: touch.hold_ms: 1500 is out of range (0 to 1000 ms)"),
    ("switch_scanning:\n  interval_seconds: 0.2\n",
     ":2: switch_scanning.interval_seconds: 0.2 is out of range (0.5 to 10 seconds)"),
    ("switch_scanning:\n  interval_seconds: 11\n",
     ":2: switch_scanning.interval_seconds: 11 is out of range (0.5 to 10 seconds)"),
    ("\nswitch_scanning:\n  key: ctrl-q\n",
     ":3: switch_scanning.key: 'ctrl-q' is not a key name the kiosk knows"),
    ("switch_scanning:\n  key: escape\n",
     ":2: switch_scanning.key: 'escape' is not a key name the kiosk knows"),
    ("animations: maybe\n", ":1: the config: 'animations' must be true or false"),
    ("audio_guide_with_headphones: 1\n",
     ":1: the config: 'audio_guide_with_headphones' must be true or false"),
    ("touch:\n  hold_time: 100\n", ":2: unknown key 'hold_time' in touch"),
])
def test_bad_touch_scanning_and_animation_values(write_config, text, expected):
    path = write_config(text)
    with pytest.raises(InputError) as error:
        load_config(path)
    assert str(error.value).startswith(f"{path}{expected}")


@pytest.mark.parametrize("written, name", [
    ("", ""), ("''", ""), ("F8", "f8"), ("1", "1"), ("enter", "enter"), ("Return", "enter"),
    ("f12", "f12"), ("numpadenter", "numpadenter"), ("q", "q"),
])
def test_switch_key_names(write_config, written, name):
    config = load_config(write_config(f"switch_scanning:\n  key: {written}\n"))
    assert config.scan_key == name
