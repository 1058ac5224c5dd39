"""Fixtures for every level. Nothing here imports Kivy: ``pytest tests/unit`` never loads it.

UI and system tests share one real Kivy window per process (SDL offscreen: no display needed),
because SDL allows one window per process; their folders' conftest files set Kivy up before
any of their modules import it, and each test starts from a fresh visit.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kiosk import paths

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
    """The one running kiosk of this test process (UI and system tests only)."""
    from tests.ui.harness import start_shared_driver

    driver = start_shared_driver(kiosk_data)
    yield driver
    driver.stop()


@pytest.fixture
def ui(ui_driver):
    """The running kiosk, at the start of a fresh visit."""
    ui_driver.app.reset_visit()
    ui_driver.idle(1.0)
    ui_driver.pump(2)
    return ui_driver
