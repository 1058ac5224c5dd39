"""The ``ccsvi-kiosk`` command as clinic staff and reviewers run it."""

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageChops

from kiosk import paths


def kiosk(*args, env_extra=None, cwd=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "KIOSK_CONFIG")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=300)


def test_check_passes_on_the_shipped_files():
    result = kiosk("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("check: OK")


def test_check_fails_on_a_broken_config_with_file_and_line(tmp_path):
    config = tmp_path / "clinic.yaml"
    config.write_text("fullscreen: true\nscreen:\n  width_mm: -3\n", encoding="utf-8")
    result = kiosk("check", "--config", str(config))
    assert result.returncode == 1
    assert f"{config}:3: screen.width_mm: -3 mm is not a plausible screen size" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_fails_on_broken_content_with_file_and_line(project_copy):
    content = project_copy / "content" / "explainer.yaml"
    text = content.read_text(encoding="utf-8").replace("    title:", "    titel:", 1)
    content.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "titel:" in row)
    config = project_copy / "clinic.yaml"
    config.write_text("content_dir: content\n", encoding="utf-8")
    result = kiosk("check", "--config", str(config))
    assert result.returncode == 1
    assert f"{content}:{line}: unknown key 'titel'" in result.stdout


def test_check_reads_the_config_named_by_the_environment(tmp_path):
    config = tmp_path / "env.yaml"
    config.write_text("default_language: xx\n", encoding="utf-8")
    result = kiosk("check", env_extra={"KIOSK_CONFIG": str(config)})
    assert result.returncode == 1
    assert f"{config}:1: default_language" in result.stdout


def test_run_without_a_display_says_so_in_one_line():
    result = kiosk("run")
    assert result.returncode == 3
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "ccsvi-kiosk snapshot" in lines[0]


def test_run_refuses_a_broken_config_in_one_line(tmp_path):
    config = tmp_path / "clinic.yaml"
    config.write_text("languages: [en\n", encoding="utf-8")
    result = kiosk("run", "--config", str(config), env_extra={"SDL_VIDEODRIVER": "offscreen"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ccsvi-kiosk: cannot start: {config}:")


def test_python_dash_m_and_console_script_agree():
    script = Path(sys.executable).with_name("ccsvi-kiosk")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("ccsvi-kiosk ")
    assert kiosk("--version").stdout == result.stdout


def ink_fraction(path: Path) -> float:
    """Share of pixels that differ from the background colour (the corner pixel)."""
    with Image.open(path) as image:
        rgb = image.convert("RGB").resize((480, 270))
        background = Image.new("RGB", rgb.size, rgb.getpixel((2, rgb.height - 2)))
        changed = ImageChops.difference(rgb, background).convert("L").point(
            lambda v: 255 if v else 0)
        return changed.histogram()[255] / (rgb.width * rgb.height)


def test_snapshot_writes_every_screen_and_page_with_real_text(tmp_path):
    out = tmp_path / "shots"
    result = kiosk("snapshot", "--out", str(out), "--lang", "en", "--text-scale", "1.0", "2.0")
    assert result.returncode == 0, result.stderr
    shots = sorted(out.glob("*.png"))
    names = [p.name for p in shots]
    for scale in ("100", "200"):
        assert any(n.startswith(f"en-dark-{scale}-") and n.endswith("-welcome.png")
                   for n in names)
        assert any(f"-{scale}-" in n and "-settings" in n for n in names)
        assert any(f"-{scale}-" in n and "-sources-p1" in n for n in names)
    from kiosk.content.model import load_content

    sections = load_content(paths.CONTENT_DIR).sections
    for section in sections:
        assert any(f"reader-{section.id}-p1" in n for n in names)
    assert len([n for n in names if "-200-" in n]) > len([n for n in names if "-100-" in n])
    for path in shots:
        with Image.open(path) as image:
            assert image.size == (1920, 1080)
        assert ink_fraction(path) > 0.01, f"{path.name} looks blank"


def test_snapshot_of_arabic_and_chinese_shows_their_scripts(tmp_path):
    out = tmp_path / "shots"
    result = kiosk("snapshot", "--out", str(out), "--lang", "ar", "zh_Hans", "--size", "960x540")
    assert result.returncode == 0, result.stderr
    for language in ("ar", "zh_Hans"):
        shots = sorted(out.glob(f"{language}-*.png"))
        assert any(p.name.endswith("-welcome.png") for p in shots)
        assert all(ink_fraction(p) > 0.01 for p in shots)


def test_snapshot_rejects_unknown_options_clearly(tmp_path):
    result = kiosk("snapshot", "--out", str(tmp_path), "--lang", "tlh")
    assert result.returncode == 2
    assert "not offered" in result.stderr and "Traceback" not in result.stderr


def test_check_reports_missing_speech_without_failing():
    result = kiosk("check", env_extra={"KIOSK_TTS_DRIVER": "no-such-driver"})
    assert result.returncode == 0, result.stdout
    assert "warning: speech: no text-to-speech engine works" in result.stdout


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
