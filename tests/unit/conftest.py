"""Unit tests: plain Python, no window. A unit test that loads Kivy fails (whatever ran
before it in the same process, which under ``make test`` may be a UI test)."""

import sys

import pytest


def loaded_kivy() -> bool:
    return any(name == "kivy" or name.startswith("kivy.") for name in sys.modules)


@pytest.fixture(autouse=True)
def _no_kivy_in_unit_tests():
    before = loaded_kivy()
    yield
    if not before:
        assert not loaded_kivy(), "a unit test loaded Kivy: it belongs in tests/ui"
