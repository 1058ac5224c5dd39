"""``ccsvi-kiosk run`` (and ``python -m kiosk``): refusing what it cannot show, in one line."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.i18n.catalogues import po_path
from kiosk.loading_cache import has_fresh_copy, load_kiosk_cached


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


def _break(which: str, config: Path, project: Path) -> Path:
    """Break one file the start reads; returns the file the message must name."""
    if which == "config":
        config.write_text("languages: [fr\n", encoding="utf-8")
        return config
    if which == "content":
        path = project / "content" / "explainer.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("sections:", "sectons:", 1),
                        encoding="utf-8")
        return path
    path = po_path(project / "locales", "fr")  # the only language: nothing left to show
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "Home\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm-cache"])
@pytest.mark.parametrize("which", ["config", "content", "catalogue"])
def test_a_broken_file_stops_run_in_one_line_with_or_without_a_warm_cache(
        which, warm, tmp_path, project_copy, kiosk):
    config = tmp_path / "clinic.yaml"
    config.write_text("languages: [fr]\ndefault_language: fr\ncontent_dir: content\n"
                      "locales_dir: locales\n", encoding="utf-8")
    xdg = tmp_path / "xdg"
    if warm:  # the start before this one found every file good and kept its checked copy
        load_kiosk_cached(config, cache_dir=xdg / "ccsvi-kiosk")
        assert has_fresh_copy(config, cache_dir=xdg / "ccsvi-kiosk")
    broken = _break(which, config, project_copy)
    result = kiosk("run", "--config", str(config),
                   env_extra={"SDL_VIDEODRIVER": "offscreen", "XDG_CACHE_HOME": str(xdg)})
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert re.match(rf"ccsvi-kiosk: cannot start: {re.escape(str(broken))}:\d+: ", lines[0])
