"""``ccsvi-kiosk run`` (and ``python -m kiosk``): refusing what it cannot show, in one line."""

import subprocess
import sys
from pathlib import Path


def test_run_without_a_display_says_so_in_one_line(kiosk):
    result = kiosk("run")
    assert result.returncode == 3
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "ccsvi-kiosk snapshot" in lines[0]


def test_run_refuses_a_broken_config_in_one_line(tmp_path, kiosk):
    config = tmp_path / "clinic.yaml"
    config.write_text("languages: [en\n", encoding="utf-8")
    result = kiosk("run", "--config", str(config), env_extra={"SDL_VIDEODRIVER": "offscreen"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ccsvi-kiosk: cannot start: {config}:")


def test_python_dash_m_and_console_script_agree(kiosk):
    script = Path(sys.executable).with_name("ccsvi-kiosk")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("ccsvi-kiosk ")
    assert kiosk("--version").stdout == result.stdout
