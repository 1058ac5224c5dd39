"""How far a long command is: a progress bar on a terminal, silence everywhere else.

``audit`` takes minutes on a clinic's PC and far longer on a Raspberry Pi, and ``snapshot``,
``i18n check``, the benchmarks and the soak are not much quicker; printing nothing for that long
looks like a hang. On a terminal they show a bar (tqdm's) with the steps done, the steps in all
and the time left. A pipe, a CI log or ``--json`` gets exactly what it got before the bar
existed: the bar goes to standard error and only when that is a terminal, ``CI`` is not set and
the caller did not ask for quiet. No Kivy here: the commands, the headless UI and the benchmarks
all use it.
"""

from __future__ import annotations

import logging
import os
import sys
from contextlib import ExitStack
from typing import TextIO

# What CI services set ``CI`` to when they mean it; "false" and "0" are someone turning it off.
_NOT_CI = ("", "0", "false", "no")


def wanted(quiet: bool = False, stream: TextIO | None = None) -> bool:
    """Whether a bar would be shown: not ``quiet`` (e.g. ``--json``), ``CI`` not set, and
    ``stream`` (standard error by default) a terminal a person is watching."""
    if quiet or os.environ.get("CI", "").strip().lower() not in _NOT_CI:
        return False
    stream = sys.stderr if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False


class Progress:
    """Steps done (``n``) out of ``total``, counted always and drawn only on a terminal.

    Use it as a context manager, so the bar is closed (and logging put back) however the
    command ends.
    """

    def __init__(self, total: int | None, description: str, unit: str, show: bool,
                 stream: TextIO | None = None):
        self.n = 0
        self.total = total
        self._bar = None
        self._undo = ExitStack()
        self._show = show
        self._args = {"desc": description, "unit": unit, "dynamic_ncols": True,
                      "file": sys.stderr if stream is None else stream}
        if not show:
            return
        from tqdm.contrib.logging import logging_redirect_tqdm

        # Warnings logged meanwhile (the commands log to standard error) go above the bar
        # instead of through it, at the level the console handler had.
        levels = [h.level for h in logging.root.handlers if isinstance(h, logging.StreamHandler)
                  and h.stream in (sys.stdout, sys.stderr)]
        self._undo.enter_context(logging_redirect_tqdm())
        logging.root.handlers[-1].setLevel(max(levels, default=logging.NOTSET))
        if total is not None:
            self._start()

    def _start(self) -> None:
        """Draw the bar, once the total is known (a bar without one shows no time left)."""
        from tqdm import tqdm

        # tqdm's own format: description, percent, bar, "n/total [elapsed<remaining, rate]".
        self._bar = tqdm(total=self.total, initial=self.n, **self._args)
        self._undo.callback(self._bar.close)

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def set_total(self, total: int) -> None:
        """The total, when it is only known (or better estimated) along the way."""
        self.total = total
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()
        elif self._show:
            self._start()

    def update(self, n: int = 1) -> None:
        self.n += n
        if self._bar is not None:
            self._bar.update(n)
        elif self._show:
            self._start()

    def describe(self, text: str) -> None:
        """What is being done now, shown before the bar."""
        if self._bar is not None:
            self._bar.set_description_str(text)

    def write(self, line: str) -> None:
        """Print ``line`` to standard output, above the bar if one is shown."""
        if self._bar is None:
            print(line, flush=True)
        else:
            from tqdm import tqdm

            tqdm.write(line, file=sys.stdout)
            sys.stdout.flush()

    def close(self) -> None:
        self._undo.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def progress(total: int | None, description: str, unit: str = "view", quiet: bool = False,
             stream: TextIO | None = None) -> Progress:
    """A bar on ``stream`` (standard error) if ``wanted``, else one that only counts.
    ``total``: ``None`` if not known yet (``Progress.set_total`` gives it later)."""
    return Progress(total, description, unit, wanted(quiet, stream), stream)


def silent() -> Progress:
    """Counts, never draws: the default for callers that were given no bar."""
    return Progress(None, "", "", show=False)
