"""``ccsvi-kiosk check``: every problem in config, content and catalogues, as file:line lines.

Used by clinic staff after an edit and by the update timer before it switches to a new release,
so it reports all problems at once and its exit code is the verdict.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kiosk.loading import load_kiosk
from kiosk.problems import InputError, Problem


def run_checks(config_path: Path | None, today: dt.date | None = None) -> list[Problem]:
    try:
        data = load_kiosk(config_path, today)
    except InputError as exc:
        return exc.problems
    from kiosk.content.readability import check_readability  # loads a dictionary: only for `check`
    from kiosk.i18n.tools import check_all

    broken = {str(p.path) for p in data.problems}  # already reported as not parsing
    catalogue_problems = [p for p in check_all(data.config.locales_dir)
                          if str(p.path) not in broken]
    from kiosk.content.reading_level import check_translations  # pyphen: only for `check`

    harder = check_translations(data.content, data.catalogues,
                                [(lang.code, lang.english_name) for lang in data.languages],
                                data.config.locales_dir)
    return (data.problems + check_readability(data.content) + harder + catalogue_problems
            + check_speech(data))


def check_speech(data) -> list[Problem]:
    """Speech problems are warnings: the kiosk runs without speech, showing it unavailable."""
    from kiosk.speech import create_synthesizer, voice_covers
    from kiosk.speech.players import has_sound_device

    where = data.config.files[-1]
    synthesizer = create_synthesizer("worker", start_timeout=20)
    try:
        voices = synthesizer.voices()
    finally:
        synthesizer.close()
    if not voices:
        return [Problem(where, None, "speech: no text-to-speech engine works (install "
                                     "espeak-ng); read-aloud will show as unavailable",
                        "warning")]
    problems = [Problem(where, None, f"speech: no voice for {lang.english_name} "
                                     f"({lang.code}); it will say audio is not available",
                        "warning")
                for lang in data.languages
                if not voice_covers(voices, lang.code)]
    if not has_sound_device():
        problems.append(Problem(where, None, "speech: no sound device found; speech will be "
                                             "recorded, not played", "warning"))
    return problems


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


def cmd_check(config_arg: str | None) -> int:
    from kiosk.config import config_path_from

    return report(run_checks(config_path_from(config_arg)), sys.stdout)
