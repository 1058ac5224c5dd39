"""A stand-in ``aplay`` for the speech tests: this machine (and CI) has no sound card. It
answers ``aplay -l`` with one card, notes each file it is asked to play (in ``aplay.played``
beside it), and plays for two seconds, so stopping and pausing can be seen."""

import os

import pytest

FAKE_APLAY = """#!/bin/sh
case "$1" in -l) echo "card 0: Fake [Fake], device 0"; exit 0;; esac
echo "$@" >> "$0.played"
exec sleep 2
"""


@pytest.fixture
def fake_aplay(tmp_path, monkeypatch):
    script = tmp_path / "aplay"
    script.write_text(FAKE_APLAY)
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    return script
