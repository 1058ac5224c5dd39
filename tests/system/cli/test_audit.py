"""``ccsvi-kiosk audit`` as staff run it: on a terminal it shows how far it is and the time
left; with ``--json``, or piped, it prints the report and nothing else, as before the bar.

The smallest audit the command allows (one language, one text size) keeps these quick."""

import fcntl
import json
import os
import re
import struct
import subprocess
import sys
import termios

ARGS = ("audit", "--lang", "en", "--text-scale", "1.0")
# tqdm's "n/total [elapsed<remaining": the time left is a time, or "?" before the first view.
BAR = re.compile(r"(\d+)/(\d+) \[\d\d:\d\d<(?:\d\d:\d\d|\?)")
WORSTS = ("smallest_target_mm", "smallest_primary_mm", "smallest_gap_mm",
          "smallest_cap_height_mm", "longest_line_chars", "lowest_text_contrast",
          "lowest_edge_contrast")


def environment() -> dict[str, str]:
    """As ``run_kiosk`` runs the command (no display), and not under CI: a person watching."""
    return {k: v for k, v in os.environ.items()
            if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "KIOSK_CONFIG", "CI")}


def on_a_terminal(*args: str) -> tuple[int, str]:
    """Run ``python -m kiosk ARGS`` with standard output and error on a pseudo-terminal, 100
    columns wide; return its exit code and everything the terminal received."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        process = subprocess.Popen([sys.executable, "-m", "kiosk", *args],
                                   stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
                                   env=environment())
    finally:
        os.close(slave)
    seen = b""
    try:
        while True:  # read as it comes, so a full terminal never stops the command
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the command has ended and everything has been read
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
    return process.wait(timeout=120), seen.decode("utf-8", "replace").replace("\r\n", "\n")


def test_audit_on_a_terminal_shows_views_done_views_in_all_and_time_left():
    code, screen = on_a_terminal(*ARGS)
    assert code == 0, screen[-3000:]
    views = int(re.search(r"^audit: (\d+) views at 1920x1080 px", screen, re.M).group(1))
    counts = BAR.findall(screen)
    assert counts, screen[-3000:]
    assert counts[-1] == (str(views), str(views))  # ends with every view done, of all of them
    assert all(int(done) <= int(total) for done, total in counts)
    assert re.search(r"audit: +\d+%\|", screen)  # the bar, named after the command
    report = screen[screen.index(f"audit: {views} views"):]
    assert report.rstrip().endswith("audit: OK")
    assert "\r" not in report and "%|" not in report  # the report is printed below the bar


def test_audit_json_is_only_the_report_on_a_terminal_or_a_pipe(kiosk, monkeypatch):
    monkeypatch.delenv("CI", raising=False)  # quiet because it is piped, not because of CI
    piped = kiosk(*ARGS, "--json")
    code, screen = on_a_terminal(*ARGS, "--json")
    assert piped.returncode == code == 0, piped.stderr
    report = json.loads(piped.stdout)
    # Exactly the JSON document, as before: nothing before or after it, no bar anywhere.
    assert piped.stdout == json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    assert "\r" not in piped.stderr and not BAR.search(piped.stderr)
    # On a terminal too: the same document, and no bar (its "\r" would show).
    assert screen.endswith(piped.stdout) and "\r" not in screen and not BAR.search(screen)
    assert set(report) == {*WORSTS, "overflows", "unreachable", "views", "failures"}
    assert report["views"] > 20 and report["failures"] == []
    for name in WORSTS:
        assert set(report[name]) == {"value", "where"}
