"""The staff PIN: salted hashes, and editing one line of a hand-written config file."""

import os
import stat

import pytest

from kiosk.admin.pin import hash_pin, hash_problem, pin_problem, set_pin_in_file, verify_pin
from kiosk.config import load_config
from kiosk.problems import InputError


def test_a_hash_verifies_its_pin_and_nothing_else():
    stored = hash_pin("482916")
    assert verify_pin("482916", stored)
    assert not verify_pin("482917", stored)
    assert not verify_pin("48291", stored)
    assert not verify_pin("", stored)
    assert "482916" not in stored


def test_each_hash_has_its_own_salt_and_describes_itself():
    first, second = hash_pin("1234"), hash_pin("1234")
    assert first != second
    scheme, n, r, p, salt, digest = first.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**15, 8, 1)
    assert len(salt) >= 22 and len(digest) >= 43  # 16 and 32 bytes in base64
    assert hash_problem(first) is None


def test_no_pin_or_a_broken_hash_lets_nobody_in():
    assert not verify_pin("1234", "")
    stored = hash_pin("1234")
    assert not verify_pin("1234", stored[:-8] + "AAAAAAA=")
    assert not verify_pin("1234", stored.replace("scrypt$32768", "scrypt$3"))


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", "12 34", "", "١٢٣٤"])
def test_what_is_not_a_pin(pin):
    assert pin_problem(pin) == "a PIN is 4 to 12 digits (0-9), nothing else"
    with pytest.raises(ValueError):
        hash_pin(pin)


@pytest.mark.parametrize("stored", [
    "1234", "scrypt$16384$8$1$c2FsdA==", "bcrypt$16384$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==",
    "scrypt$1048577$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==",  # not a power of two
    "scrypt$1048576$32$16$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==",  # would need gigabytes
    "scrypt$16384$8$1$not base64!$aGFzaGhhc2hoYXNoaGFzaA==",
])
def test_unusable_hashes_are_named(stored):
    assert "set-pin" in hash_problem(stored)
    assert not verify_pin("1234", stored)


def test_the_config_refuses_an_unusable_hash_with_file_and_line(write_config):
    path = write_config("fullscreen: false\nadmin:\n  pin_hash: '1234'\n")
    with pytest.raises(InputError) as error:
        load_config(path)
    assert str(error.value).startswith(f"{path}:3: admin.pin_hash: is not a PIN hash made by")


CLINIC = """\
# Clinic B, waiting room 2
idle_timeout_seconds: 120   # longer: people read slowly here

admin:
  # ask the practice manager for the PIN
  pin_hash: ""   # set with set-pin
screen:
  width_mm: 344
  height_mm: 194
"""


def test_set_pin_changes_only_the_pin_line(write_config):
    path = write_config(CLINIC)
    os.chmod(path, 0o640)
    stored = hash_pin("2468")
    set_pin_in_file(path, stored)
    text = path.read_text(encoding="utf-8")
    assert text == CLINIC.replace('pin_hash: ""', f'pin_hash: "{stored}"')
    assert load_config(path).admin_pin_hash == stored
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in path.parent.iterdir() if "set-pin" in p.name] == []

    newer = hash_pin("13579")  # and again, over a hash already set
    set_pin_in_file(path, newer)
    assert path.read_text(encoding="utf-8") == CLINIC.replace('pin_hash: ""',
                                                              f'pin_hash: "{newer}"')


def test_set_pin_appends_the_block_to_a_file_without_one(write_config):
    original = "# our kiosk\nfullscreen: false"  # no newline at the end
    path = write_config(original)
    stored = hash_pin("97531")
    set_pin_in_file(path, stored)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original + "\n")
    assert text.endswith(f'admin:\n  pin_hash: "{stored}"\n')
    config = load_config(path)
    assert (config.admin_pin_hash, config.fullscreen) == (stored, False)


def test_set_pin_creates_a_missing_file(tmp_path):
    path = tmp_path / "new.yaml"
    stored = hash_pin("5555")
    set_pin_in_file(path, stored)
    assert load_config(path).admin_pin_hash == stored


def test_set_pin_leaves_a_broken_file_alone(write_config):
    original = "fullscreen: false\nidle_timout_seconds: 60\n"
    path = write_config(original)
    with pytest.raises(InputError) as error:
        set_pin_in_file(path, hash_pin("1234"))
    assert str(error.value).startswith(f"{path}:2: unknown key 'idle_timout_seconds'")
    assert path.read_text(encoding="utf-8") == original


@pytest.mark.parametrize("original, message", [
    ('admin: {pin_hash: ""}\n', ":1: admin: write 'pin_hash:' on a line of its own"),
    ("fullscreen: false\nadmin: {}\n", ":2: admin: write it as 'admin:' with 'pin_hash:'"),
])
def test_set_pin_refuses_a_one_line_admin_block_it_cannot_edit_safely(write_config, original,
                                                                        message):
    path = write_config(original)
    with pytest.raises(InputError) as error:
        set_pin_in_file(path, hash_pin("1234"))
    assert str(error.value).startswith(f"{path}{message}")
    assert path.read_text(encoding="utf-8") == original
