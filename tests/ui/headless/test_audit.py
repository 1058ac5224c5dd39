"""The self-audit and keyboard access, on the real UI."""

import subprocess
import sys

import pytest

from kiosk.display import sizes
from kiosk.ui.headless.audit import run_audit


@pytest.mark.parametrize("size, screen_mm, scales", [
    ("1920x1080", (527, 296), ["1.0", "2.0"]),  # 24-inch
    ("1366x768", (344, 194), ["2.0"]),  # 15.6-inch: 200% is the hard case on a short screen
])
def test_audit_passes_on_the_reference_screens(size, screen_mm, scales):
    """Three languages (Latin, the longest labels, right to left); ``make audit`` runs all."""
    result = subprocess.run([sys.executable, "-m", "kiosk", "audit", "--size", size,
                             "--screen-mm", f"{screen_mm[0]}x{screen_mm[1]}",
                             "--lang", "en", "de", "ar", "--text-scale", *scales],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"on a {screen_mm[0]} x {screen_mm[1]} mm screen" in result.stdout
    assert result.stdout.strip().endswith("audit: OK")


def test_audit_refuses_an_implausible_screen_size():
    result = subprocess.run([sys.executable, "-m", "kiosk", "audit", "--screen-mm", "3x194"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "'3x194' is not a plausible screen (50 to 3000 mm)" in result.stderr


def test_audit_fails_when_a_target_is_made_smaller(ui, monkeypatch):
    monkeypatch.setattr(sizes, "PRIMARY_TARGET_MM", 18.0)
    monkeypatch.setattr(sizes, "MIN_TARGET_MM", 15.0)
    report = run_audit(ui, ["en"], [1.0])
    failures = report.failures()
    assert any(f.startswith("smallest_primary_mm") for f in failures), failures
    assert report.smallest_primary_mm.value < 25


def test_keys_reach_every_control_and_enter_activates(ui):
    ui.key(9)  # Tab
    first = ui.app.keys.focused_button()
    assert first is not None and first.focused
    seen = {first.action}
    for _ in range(len(ui.buttons())):
        ui.key(274)  # Down arrow moves on too
        seen.add(ui.app.keys.focused_button().action)
    assert seen == {b.action for b in ui.buttons()}
    while ui.app.keys.focused_button().action != "language:en":
        ui.key(9)
    ui.key(13)  # Enter
    assert ui.app.manager.current == "topics"


def test_focus_ring_is_drawn_outside_the_control(ui):
    ui.key(9)
    button = ui.app.keys.focused_button()
    lines = [i for i in button.canvas.before.children if type(i).__name__ == "Line"]
    assert len(lines) >= 2  # the edge and the focus ring
    ring = lines[-1].rectangle
    assert ring[0] < button.x and ring[2] > button.width  # around the button, not inside


def test_right_to_left_lines_are_counted_too(ui):
    report = run_audit(ui, ["ar"], [1.0])
    assert report.longest_line_chars.where.startswith("ar 100% reader-")
    assert 30 < report.longest_line_chars.value <= 70
