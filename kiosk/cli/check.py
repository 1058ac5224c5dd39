"""``ccsvi-kiosk check``: every problem in config, content and catalogues, as file:line lines.

Used by clinic staff after an edit and by the update timer before it switches to a new release,
so it reports all problems at once and its exit code is the verdict.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
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
    """Speech problems are warnings: the kiosk runs without speech, showing it unavailable,
    and a language whose natural voice is broken is read by espeak-ng instead."""
    from kiosk.speech import create_synthesizer, voice_covers
    from kiosk.speech.players import has_sound_device

    where = data.config.files[-1]
    synthesizer = create_synthesizer("worker", start_timeout=20,
                                     voices_dir=data.config.voices_dir)
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
    return problems + check_voices(data.config.voices_dir,
                                   [(lang.code, lang.english_name) for lang in data.languages],
                                   where)


def check_voices(voices_dir: Path | None, languages: list[tuple[str, str]], where: Path | str,
                 load=None) -> list[Problem]:
    """Every natural voice file, in the voices folder and installed as a package: it must be
    whole (really loaded, and made to say a word), have valid settings, and speak one of the
    kiosk's ``languages`` ((code, English name) pairs). All warnings, like other speech
    problems: a voice that cannot be used is left out and espeak-ng reads its language."""
    from kiosk.speech.factory import natural_engine_installed
    from kiosk.speech.voice_files import find_voices, voice_for

    voices, found = find_voices(voices_dir)
    problems = [replace(p, severity="warning") for p in found]
    if not voices:
        return problems
    if load is None:
        if not natural_engine_installed():
            return [*problems, Problem(where, None, "speech: Piper is not installed, so the "
                                                    "natural voices are not used", "warning")]
        load = try_voice
    usable = []
    for voice in voices:
        failure = load(voice)
        if failure is None:
            usable.append(voice)
        else:
            problems.append(Problem(voice.model, None, "this voice does not work, so espeak-ng "
                                    f"reads its language instead; copy both files again "
                                    f"({failure})", "warning"))
    chosen = {voice_for(usable, code) for code, _ in languages} - {None}
    offered = ", ".join(code for code, _ in languages)
    for voice in usable:
        if voice in chosen or voice.model.parent != voices_dir:
            continue  # an installed voice not needed here is no clinic's mistake
        same = [(code, name) for code, name in languages
                if code.split("_")[0].lower() == voice.family]
        if same:
            code, name = same[0]
            message = (f"not used: {voice_for(usable, code).name} speaks {name} ({code}) "
                       "instead; remove one of the two")
        else:
            message = (f"speaks {voice.language}, which is none of this kiosk's languages "
                       f"({offered}), so it is not used")
        problems.append(Problem(voice.model, None, message, "warning"))
    return problems


def try_voice(voice) -> str | None:
    """Why ``voice`` cannot speak, or None: it is loaded as the speech worker loads it and
    says one word. Nothing is written (no aligned copy is made) and nothing is downloaded."""
    import gc

    try:
        from piper import PiperVoice

        loaded = PiperVoice.load(voice.model, config_path=voice.config)
        for _chunk in loaded.synthesize("a"):
            pass
    except Exception as exc:  # a damaged or truncated model, or settings it does not match
        lines = str(exc).strip().splitlines()
        return f"{type(exc).__name__}: {lines[0][:200] if lines else 'no details'}"
    finally:
        loaded = None  # ~150 MB each: never hold two at once
        gc.collect()
    return None


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
