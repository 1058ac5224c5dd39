"""The long commands' progress bar: on a real terminal (a pseudo-terminal here) it shows the
steps done, the steps in all and the time left; a pipe, CI or ``quiet`` get nothing at all."""

import fcntl
import logging
import os
import re
import select
import struct
import termios

import pytest

from kiosk.progress import progress, silent, wanted

# tqdm's "n/total [elapsed<remaining": the time left is a time, or "?" before the first step.
BAR = re.compile(r"(\d+)/(\d+) \[\d\d:\d\d<(?:\d\d:\d\d|\?)")


class Terminal:
    """A pseudo-terminal, 100 columns wide: ``stream`` is what a program writes to (a tty),
    ``read`` what a person would see on the screen."""

    def __init__(self):
        self._master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
        self.stream = os.fdopen(slave, "w", encoding="utf-8")

    def read(self) -> str:
        self.stream.flush()
        seen = b""
        while select.select([self._master], [], [], 0.2)[0]:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:  # the other end is closed and everything has been read
                break
            if not chunk:
                break
            seen += chunk
        return seen.decode("utf-8", "replace")

    def close(self):
        self.stream.close()
        os.close(self._master)


@pytest.fixture
def terminal():
    screen = Terminal()
    yield screen
    screen.close()


@pytest.fixture
def not_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)


def count_to(bar, steps: int) -> None:
    with bar:
        for _ in range(steps):
            bar.update()


def test_a_terminal_shows_steps_done_steps_in_all_and_time_left(terminal, not_ci):
    assert wanted(stream=terminal.stream)
    bar = progress(5, "audit", stream=terminal.stream)
    assert bar.shown
    count_to(bar, 5)
    screen = terminal.read()
    assert "audit:" in screen
    assert BAR.search(screen), screen
    assert BAR.findall(screen)[-1] == ("5", "5"), screen  # it ends full, on its last count
    assert "5/5 [00:00<00:00" in screen, screen  # and nothing left to wait for
    assert "view/s" in screen or "s/view" in screen


def test_a_total_found_along_the_way_is_shown_when_it_is_known(terminal, not_ci):
    with progress(None, "snapshot", unit="image", stream=terminal.stream) as bar:
        assert terminal.read() == ""  # no bar without a total: it could not say the time left
        bar.set_total(4)
        bar.update(2)
        bar.set_total(6)  # a better estimate
        bar.update(4)
    counts = BAR.findall(terminal.read())
    assert counts[0] == ("0", "4") and counts[-1] == ("6", "6"), counts


@pytest.mark.parametrize("why", ["a pipe", "CI", "quiet"])
def test_nothing_is_drawn_for_a_pipe_under_ci_or_when_asked_for_quiet(why, terminal,
                                                                      monkeypatch, not_ci):
    read_end, write_end = os.pipe()
    stream = os.fdopen(write_end, "w") if why == "a pipe" else terminal.stream
    if why == "CI":
        monkeypatch.setenv("CI", "true")
    assert not wanted(quiet=why == "quiet", stream=stream)
    bar = progress(3, "audit", quiet=why == "quiet", stream=stream)
    count_to(bar, 3)
    assert (bar.shown, bar.n, bar.total) == (False, 3, 3)  # counted all the same
    if why == "a pipe":
        stream.close()
        assert os.read(read_end, 1000) == b""
    else:
        assert terminal.read() == ""
    os.close(read_end)
    if why != "a pipe":
        os.close(write_end)


def test_ci_set_to_false_is_not_ci(terminal, monkeypatch):
    monkeypatch.setenv("CI", "false")
    assert wanted(stream=terminal.stream)
    monkeypatch.setenv("CI", "1")
    assert not wanted(stream=terminal.stream)


def test_standard_error_is_the_default_stream(not_ci):
    # Under pytest standard error is captured, not a terminal: the commands' case when piped.
    assert not wanted()
    assert not progress(10, "soak", unit="action").shown


def test_lines_printed_meanwhile_are_the_same_as_without_a_bar(terminal, not_ci, capsys):
    with silent() as quiet:
        quiet.write("soak: 1000 actions")
    with progress(3, "soak", unit="action", stream=terminal.stream) as bar:
        bar.update()
        bar.write("soak: 1000 actions")
        bar.update(2)
    assert capsys.readouterr().out == "soak: 1000 actions\n" * 2
    assert BAR.findall(terminal.read())[-1] == ("3", "3")


def test_a_warning_logged_under_a_bar_keeps_its_handler_level_and_is_restored(terminal, not_ci,
                                                                             capsys):
    root = logging.getLogger()
    console = logging.StreamHandler()  # to standard error, as the commands' basicConfig
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter("ccsvi-kiosk: %(message)s"))
    before = list(root.handlers)
    root.addHandler(console)
    try:
        with progress(2, "audit", stream=terminal.stream) as bar:
            logging.getLogger("kiosk.test").warning("a font is missing")
            logging.getLogger("kiosk.test").info("chatter")  # below the console's level
            bar.update(2)
        assert root.handlers == [*before, console]
    finally:
        root.removeHandler(console)
    logged = capsys.readouterr().err
    assert "ccsvi-kiosk: a font is missing\n" in logged and "chatter" not in logged


def test_the_step_under_way_is_named_before_the_bar(terminal, not_ci):
    """``make bench`` names what it measures now instead of printing a line per step."""
    with progress(3, "bench", unit="process", stream=terminal.stream) as bar:
        bar.describe("bench (one core): cold start")
        bar.update()
    assert "bench (one core): cold start" in terminal.read()
