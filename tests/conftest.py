"""Shared fixtures. UI tests share one real Kivy window (SDL offscreen: no display needed),
because SDL allows one window per process; each test starts from a fresh visit."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.ui import env

# Before any test module imports Kivy: the real kiosk settings, a 1920x1080 offscreen window.
env.prepare(headless=True, size=(1920, 1080))

ROOT = paths.PROJECT_DIR


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A scratch copy of the shipped content and catalogues that a test may break."""
    shutil.copytree(paths.CONTENT_DIR, tmp_path / "content")
    shutil.copytree(paths.LOCALES_DIR, tmp_path / "locales")
    return tmp_path


@pytest.fixture
def write_config(tmp_path: Path):
    def write(text: str, name: str = "clinic.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def kiosk_data():
    from kiosk.loading import load_kiosk

    return load_kiosk(None, today=dt.date(2026, 11, 21))


@pytest.fixture(scope="session")
def ui_driver(kiosk_data):
    from kiosk.speech import FakeClock, RecordingPlayer, RecordingSynthesizer
    from kiosk.ui.driver import Driver

    clock = FakeClock()
    driver = Driver.start(kiosk_data, synthesizer=RecordingSynthesizer(),
                          player=RecordingPlayer(clock=clock))
    driver.speech_clock = clock  # tests move the sound along by hand
    # The voices are looked up in a thread, as in the kiosk; on a busy machine that can take
    # longer than the first test needs to reach a screen that shows them.
    deadline = time.monotonic() + 30
    while driver.app.speech._voices is None and time.monotonic() < deadline:
        time.sleep(0.01)
    from kivy.clock import Clock

    Clock.unschedule(driver.app._check_idle)  # idle time is what the idle tests say it is
    yield driver
    driver.stop()


@pytest.fixture
def ui(ui_driver):
    """The running kiosk, at the start of a fresh visit."""
    ui_driver.app.reset_visit()
    ui_driver.idle(1.0)
    ui_driver.pump(2)
    return ui_driver
