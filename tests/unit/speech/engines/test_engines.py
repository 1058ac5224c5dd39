"""Choosing a speech engine by name, and describing it for staff without starting it."""

import re
import subprocess
import sys

import pytest

from kiosk import paths
from kiosk.speech.engines import ENGINES, Engine, create_engine, engine_class


def test_the_default_engine_is_espeak_ng():
    default = engine_class()
    assert ENGINES[0] == "espeak-ng"
    assert default is engine_class("espeak-ng")
    assert default.name == "espeak-ng"
    assert default.__name__ == "Pyttsx3Engine"


def test_an_unknown_engine_is_refused_naming_the_known_ones():
    known = r"no speech engine called 'festival' \(known: espeak-ng, piper\)"
    with pytest.raises(LookupError, match=known):
        engine_class("festival")
    with pytest.raises(LookupError, match="festival"):
        create_engine("festival")


def test_the_pyttsx3_engine_is_an_engine_the_worker_can_use():
    cls = engine_class("espeak-ng")
    assert issubclass(cls, Engine)
    assert not cls.__abstractmethods__  # every method the worker calls is there


def test_an_engine_missing_a_method_the_worker_needs_cannot_be_made():
    class Silent(Engine):
        name = "silent"

        @classmethod
        def describe(cls):
            return "silent"

        def languages(self):
            return set()

    with pytest.raises(TypeError, match="synthesize"):
        Silent()


def test_options_reach_the_engine_it_starts():
    with pytest.raises(ImportError, match="no_such_driver"):
        create_engine("espeak-ng", driver="no_such_driver")  # pyttsx3 looks the driver up


DESCRIBE_WITHOUT_STARTING = """
import sys
from kiosk.speech.engines import engine_class
assert "kiosk.speech.engines.pyttsx3_engine" not in sys.modules  # imported on demand only
print(engine_class().describe())
print("pyttsx3 loaded" if any(m.split(".")[0] == "pyttsx3" for m in sys.modules)
      else "pyttsx3 not loaded")
"""


def test_the_engine_describes_itself_with_its_version_without_starting_pyttsx3():
    result = subprocess.run([sys.executable, "-c", DESCRIBE_WITHOUT_STARTING],
                            capture_output=True, text=True, timeout=60, cwd=paths.PROJECT_DIR)
    assert result.returncode == 0, result.stderr
    description, loaded = result.stdout.splitlines()
    version = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True,
                             timeout=10).stdout
    number = re.search(r"\d+\.\d+(\.\d+)?", version).group()
    assert description.startswith(f"espeak-ng {number}")
    assert "through pyttsx3, in a separate process" in description
    assert loaded == "pyttsx3 not loaded"


def test_without_espeak_ng_installed_the_description_says_there_is_no_speech(
        monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # espeak-ng is nowhere to be found
    assert engine_class().describe() == "espeak-ng is not installed: no speech"
