"""``ccsvi-kiosk check``: every problem in config, content and catalogues, as file:line lines.

Used by clinic staff after an edit and by the update timer before it switches to a new release,
so it reports all problems at once and its exit code is the verdict.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.loading import load_kiosk
from kiosk.problems import InputError, Problem


def run_checks(config_path: Path | None, today: dt.date | None = None) -> list[Problem]:
    try:
        data = load_kiosk(config_path, today)
    except InputError as exc:
        return exc.problems
    from kiosk.i18n_tools import check_all
    from kiosk.readability import check_readability  # loads a dictionary: only for `check`

    broken = {str(p.path) for p in data.problems}  # already reported as not parsing
    catalogue_problems = [p for p in check_all(data.config.locales_dir)
                          if str(p.path) not in broken]
    return data.problems + check_readability(data.content) + catalogue_problems


def report(problems: list[Problem], out) -> int:
    """Print problems; return the exit status (1 if any is an error)."""
    for problem in problems:
        print(problem, file=out)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if errors:
        print(f"check: {errors} error(s), {warnings} warning(s)", file=out)
        return 1
    print(f"check: OK ({warnings} warning(s))", file=out)
    return 0
