"""The command as clinic staff and reviewers run it: a fresh process, no display."""

import os
import subprocess
import sys

import pytest


def run_kiosk(*args, env_extra=None, cwd=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "KIOSK_CONFIG")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=300)


@pytest.fixture
def kiosk():
    """``kiosk("check", ...)`` runs ``python -m kiosk check ...`` as staff would."""
    return run_kiosk
