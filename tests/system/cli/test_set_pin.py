"""``ccsvi-kiosk set-pin``: the staff PIN, asked twice, stored only as a salted hash."""

import os
import subprocess
import sys


def set_pin(config, typed, *options):
    """``set-pin`` with ``typed`` on stdin; a new session has no terminal, so getpass reads
    stdin too (as when a script pipes it in)."""
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_CONFIG"}
    return subprocess.run([sys.executable, "-m", "kiosk", "set-pin", "--config", str(config),
                           *options], input=typed, capture_output=True, text=True, env=env,
                          timeout=60, start_new_session=True)


def test_set_pin_asks_twice_and_stores_only_a_hash(tmp_path):
    from kiosk.admin.pin import verify_pin
    from kiosk.config import load_config

    config = tmp_path / "clinic.yaml"
    config.write_text("# waiting room\nfullscreen: true\n", encoding="utf-8")
    result = set_pin(config, "730561\n730561\n")
    assert result.returncode == 0, result.stderr
    assert "730561" not in result.stdout + result.stderr + config.read_text(encoding="utf-8")
    assert config.read_text(encoding="utf-8").startswith("# waiting room\nfullscreen: true\n")
    assert verify_pin("730561", load_config(config).admin_pin_hash)


def test_set_pin_refuses_two_different_pins_or_a_short_one(tmp_path):
    config = tmp_path / "clinic.yaml"
    config.write_text("fullscreen: true\n", encoding="utf-8")
    for typed, options, message in (("730561\n730562\n", (), "the two PINs differ"),
                                    ("12\n", ("--pin-stdin",), "4 to 12 digits")):
        result = set_pin(config, typed, *options)
        assert result.returncode == 2
        assert message in result.stderr and "nothing changed" in result.stderr
        assert "73056" not in result.stdout + result.stderr
        assert config.read_text(encoding="utf-8") == "fullscreen: true\n"


def test_set_pin_from_stdin_for_scripts(tmp_path):
    from kiosk.admin.pin import verify_pin
    from kiosk.config import load_config

    config = tmp_path / "new.yaml"
    result = set_pin(config, "4444\n", "--pin-stdin")
    assert result.returncode == 0, result.stderr
    assert verify_pin("4444", load_config(config).admin_pin_hash)


def test_set_pin_names_the_line_of_a_broken_config(tmp_path):
    config = tmp_path / "clinic.yaml"
    config.write_text("fullscreen: true\nscreen:\n  width_mm: -3\n", encoding="utf-8")
    result = set_pin(config, "4444\n", "--pin-stdin")
    assert result.returncode == 2
    assert result.stderr.startswith(f"ccsvi-kiosk: set-pin: nothing changed: {config}:3: ")
    assert "Traceback" not in result.stderr
