"""What the staff screen shows: the facts a technician needs at the kiosk, in plain Python.

Someone who has just held the corner and typed the PIN wants to know, without a keyboard or a
terminal: which content is on screen and when its facts were checked, which languages work and
how complete they are, whether speech works and in which languages, which screen size the
layout assumes, and whether ``ccsvi-kiosk check`` was happy when the kiosk started. Gathering
it here (no Kivy) keeps it testable without a display; ``kiosk.ui.screens.admin`` only shows it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.problems import Problem
from kiosk.speech.defaults import NATURAL, voice_covers

log = logging.getLogger(__name__)

CHECK_DELAY_SECONDS = 20.0  # after start, so the check never slows the first screen
CHECK_LINES_SHOWN = 4  # the rest: run `ccsvi-kiosk check`
FAILURE_CHARS_SHOWN = 100  # of the natural voice's last error; the log has it whole


@dataclass(frozen=True)
class Fact:
    label: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class CheckResult:
    finished_at: dt.datetime
    exit_code: int  # as ``ccsvi-kiosk check`` exits: 0 OK, 1 errors, anything else: no verdict
    lines: tuple[str, ...]  # its problem lines, ``file:line: [warning: ]message``

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.lines if WARNING_MARK in line)

    @property
    def errors(self) -> int:
        return len(self.lines) - self.warnings

    def summary(self) -> str:
        when = self.finished_at.strftime("%Y-%m-%d %H:%M")
        if self.exit_code not in (0, 1):
            return f"could not run (exit code {self.exit_code}), at {when}"
        verdict = "OK" if self.exit_code == 0 else f"FAILED, {self.errors} error(s)"
        return f"{verdict}, {self.warnings} warning(s), at {when}"


WARNING_MARK = str(Problem("", None, "", "warning"))  # ": warning: ", as any warning prints it


def run_check_command(config_path: Path | None) -> tuple[int, list[str]]:
    """``ccsvi-kiosk check`` in a child process at low priority: it loads a pronouncing
    dictionary and starts its own speech worker, none of which should stay in the kiosk's
    memory or slow its screen."""
    command = [sys.executable, "-m", "kiosk", "check"]
    if config_path is not None:
        command += ["--config", str(config_path)]
    if shutil.which("nice"):
        command = ["nice", "-n", "10", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    lines = [line for line in done.stdout.splitlines() if line and not line.startswith("check: ")]
    if done.returncode not in (0, 1) and done.stderr.strip():
        lines.append(done.stderr.strip().splitlines()[-1])
    return done.returncode, lines


class StartupCheck:
    """``ccsvi-kiosk check`` run once by the kiosk, in the background, after it starts.

    Its result is what the staff screen reports as "last check". It waits a little so that it
    never competes with the first screen, and runs off the UI thread.
    """

    def __init__(self, config_path: Path | None,
                 run: Callable[[Path | None], tuple[int, list[str]]] = run_check_command,
                 now: Callable[[], dt.datetime] = dt.datetime.now):
        self.config_path = config_path
        self._run = run
        self._now = now
        self.started_at: dt.datetime | None = None
        self.result: CheckResult | None = None

    def start(self, delay: float = CHECK_DELAY_SECONDS) -> StartupCheck:
        timer = threading.Timer(delay, self.run_now)
        timer.daemon = True
        timer.name = "startup-check"
        timer.start()
        return self

    def run_now(self) -> CheckResult:
        self.started_at = self._now()
        try:
            code, lines = self._run(self.config_path)
        except (OSError, subprocess.SubprocessError) as exc:
            code, lines = -1, [f"the check could not run: {exc}"]
        self.result = CheckResult(self._now(), code, tuple(lines))
        log.info("startup check: %s", self.result.summary())
        return self.result

    def lines(self) -> tuple[str, ...]:
        if self.result is None:
            if self.started_at is None:
                return ("not run yet (it runs a little after the kiosk starts)",)
            return (f"running since {self.started_at:%H:%M:%S}",)
        shown = list(self.result.lines[:CHECK_LINES_SHOWN])
        more = len(self.result.lines) - len(shown)
        return (self.result.summary(), *shown,
                *([f"... and {more} more (run: ccsvi-kiosk check)"] if more else []))


def headphones_description(watched: bool, plugged: bool | None) -> str:
    """What the staff need to know about starting the audio guide by plugging headphones in."""
    if not watched:
        return "headphone jack: not watched (audio_guide_with_headphones is off)"
    if plugged is None:
        return ("headphone jack: this sound card does not report it, so plugging headphones "
                "in cannot start the audio guide")
    return f"headphone jack: {'headphones in' if plugged else 'empty'} (watched)"


def _voices_fact(languages: Iterable, voices: set[str] | None, engine: str,
                 player: str, headphones: str, table: Sequence | None = None,
                 natural_failure: str | None = None) -> Fact:
    if voices is None:
        found = ("voices: still being looked up",)
    elif not voices:
        found = ("voices: none found; read-aloud shows as unavailable",)
    elif table is not None:
        found = tuple(_voice_line(row) for row in table)
    else:
        codes = [lang.code for lang in languages]
        have = [c for c in codes if voice_covers(voices, c)]
        lacking = [c for c in codes if c not in have]
        found = (f"voices for {', '.join(have) or 'no offered language'}"
                 + (f"; none for {', '.join(lacking)}" if lacking else "")
                 + f" ({len(voices)} languages in all)",)
    warning = (f"WARNING: the natural voice failed ({_short(natural_failure)}); espeak-ng "
               "took over",) if natural_failure else ()
    return Fact("Speech", (engine, *warning, *found, player, headphones))


def _short(error: str, limit: int = FAILURE_CHARS_SHOWN) -> str:
    """An engine's error for one line of the staff screen: file names without their folders,
    and cut short (the log has it whole)."""
    error = re.sub(r"(?:/[^/\s]+)+/([^/\s]+)", r"\1", error)
    return error if len(error) <= limit else error[:limit - 3] + "..."


def _voice_line(row) -> str:
    """One language's voices (a ``kiosk.speech.choice.LanguageVoices``) and which speaks it."""
    if row.engine == "none":
        return f"{row.language}: no voice; read-aloud unavailable"
    natural = f"natural {row.natural}" if row.natural else "no natural voice"
    clear = f"clear {row.clear}" if row.clear else "no clear voice"
    speaks = "the natural voice (Piper)" if row.engine == NATURAL else "the clear voice (espeak-ng)"
    return f"{row.language}: {natural}, {clear}; speaks with {speaks}"


def _languages_fact(data) -> Fact:
    from kiosk.i18n.catalogues import SOURCE_LANGUAGE, po_path
    from kiosk.i18n.tools import check_catalogue, read_catalog, stats, template_path

    locales = data.config.locales_dir
    numbers = stats(locales)
    template_file = template_path(locales)
    template = read_catalog(template_file) if template_file.exists() else None
    offered = {lang.code for lang in data.languages}
    lines = []
    for code in data.config.languages:
        state = "offered" if code in offered else "NOT offered"
        if code == SOURCE_LANGUAGE:
            lines.append(f"{code}: {state}; the source language")
            continue
        figures = numbers.get(code)
        if figures is None:
            lines.append(f"{code}: {state}; no catalogue")
            continue
        found = check_catalogue(po_path(locales, code), code, template)
        errors = sum(1 for p in found if p.severity == "error")
        # Rounded down: "100%" must mean complete.
        lines.append(f"{code}: {state}; {int(figures.percent)}% translated, {figures.fuzzy} "
                     f"fuzzy, {errors} problem(s), {len(found) - errors} warning(s)")
    return Fact("Languages", tuple(lines))


def gather(data, *, screen_px: tuple[int, int], voices: set[str] | None,
           engine: str, player: str, check: StartupCheck | None,
           headphones: str = "headphone jack: not known", today: dt.date | None = None,
           voice_table: Sequence | None = None, natural_failure: str | None = None
           ) -> list[Fact]:
    """Every fact for the staff screen, from the loaded kiosk data and what the UI knows.

    ``voices`` is None while the speech worker is still being asked; ``check`` is None when
    the kiosk was started without a startup check (headless tools, tests). ``voice_table``
    (``ChoosingSynthesizer.table``: each configured language's natural and clear voice and
    which speaks it) replaces the one-line voice summary; ``natural_failure`` is the last
    error of the natural voice, if it failed and espeak-ng took over.
    """
    today = today or dt.date.today()
    meta = data.content.metadata
    overdue = " (OVERDUE)" if meta.next_review < today else ""
    content = Fact("Content", (f"version {meta.content_version}",
                               f"facts checked {meta.checked_on.isoformat()}, next review "
                               f"{meta.next_review.isoformat()}{overdue}"))
    screen = data.config.screen
    width, height = screen_px
    size = Fact("Screen", (f"{screen.width_mm:g} x {screen.height_mm:g} mm (from the config), "
                           f"{width} x {height} pixels, {width / screen.width_mm:.1f} px/mm",))
    checked = Fact("Last check", check.lines() if check is not None
                   else ("not run in this session",))
    files = Fact("Config", tuple(str(path) for path in data.config.files))
    return [content, _languages_fact(data),
            _voices_fact(data.languages, voices, engine, player, headphones, voice_table,
                         natural_failure), size, checked,
            files]
