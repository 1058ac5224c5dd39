"""``ccsvi-kiosk i18n ...``: the translator commands, printing file:line problems."""

from __future__ import annotations

import json
import sys

from kiosk.config import config_path_from, load_config
from kiosk.i18n import pseudo as i18n_pseudo
from kiosk.i18n import tools as i18n_tools
from kiosk.problems import InputError, Problem


def run_step(args) -> int:
    try:
        config = load_config(config_path_from(args.config))
    except InputError as exc:
        print(f"ccsvi-kiosk: {exc.problems[0]}", file=sys.stderr)
        return 2
    locales = config.locales_dir
    if args.step == "extract":
        catalog = i18n_tools.extract()
        path = i18n_tools.template_path(locales)
        i18n_tools.write_catalog(catalog, path)
        print(f"wrote {len([m for m in catalog if m.id])} messages to {path}")
        return 0
    if args.step == "update":
        for path, change in i18n_tools.update(locales, args.init):
            print(f"{change} {path}")
        return 0
    if args.step == "compile":
        written, problems = i18n_tools.compile_all(locales)
        for problem in problems:
            print(problem)
        print(f"wrote {len(written)} .mo file(s)")
        return 1 if problems else 0
    if args.step == "stats":
        stats = i18n_tools.stats(locales)
        if args.json:
            print(json.dumps({code: {"percent": round(s.percent, 1), "translated": s.translated,
                                     "fuzzy": s.fuzzy, "total": s.total,
                                     "reading_level": s.reading and s.reading.as_json()}
                              for code, s in stats.items()}, indent=2))
        else:
            for code, s in stats.items():
                print(f"{code:8} {s.percent:5.1f}%  {s.translated}/{s.total} translated, "
                      f"{s.fuzzy} fuzzy")
                if s.reading:
                    print(f"{'':8} reading level: {s.reading.summary()}")
        return 0
    if args.step == "pseudo":
        print(f"wrote {i18n_pseudo.pseudo(locales)}")
        return 0
    return check(args, config)


def check(args, config) -> int:
    problems = i18n_tools.check_all(config.locales_dir)
    languages = args.lang
    if languages:
        wanted = {str(i18n_tools.po_path(config.locales_dir, code)) for code in languages}
        problems = [p for p in problems if str(p.path) in wanted]
    if not args.no_render:
        problems += render_problems(args, languages)
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.severity == "error")
    print(f"i18n check: {errors} error(s), {len(problems) - errors} warning(s)")
    return 1 if errors else 0


def render_problems(args, languages: list[str] | None) -> list[Problem]:
    """Render every view at 200% in each language and report buttons their text overflows."""
    from kiosk.loading import load_kiosk
    from kiosk.progress import progress
    from kiosk.ui import env

    data = load_kiosk(config_path_from(args.config), preview=languages or ())
    env.prepare(headless=True)
    from kiosk.ui.headless.driver import Driver
    from kiosk.ui.headless.fit_audit import misfits
    from kiosk.ui.headless.snapshot import show_every_view

    driver = Driver.start(data)  # speaks nothing, but knows the engine's real languages
    app = driver.app
    offered = [lang.code for lang in data.languages]
    codes = languages or offered
    shown = list(dict.fromkeys(code for code in codes if code in offered))
    paths = {code: i18n_tools.po_path(data.config.locales_dir, code) for code in shown}
    lines = {code: _line_index(path) if path.exists() else {} for code, path in paths.items()}
    found: dict[str, list[Problem]] = {code: [] for code in shown}
    seen: dict[str, set[str]] = {code: set() for code in shown}
    # One walk over every language, so that a terminal shows one bar for all of it.
    with progress(None, "i18n check at 200%") as bar:
        for view in show_every_view(driver, shown, [2.0], progress=bar):
            code = view.language
            for misfit in misfits(app):
                key = f"{misfit.text}|{misfit.message.split(' at ')[0]}"
                if key in seen[code]:
                    continue
                seen[code].add(key)
                found[code].append(Problem(paths[code], lines[code].get(misfit.text),
                                           f"at 200% on {view.name}: {misfit.text[:40]!r} "
                                           f"{misfit.message}"))
    problems: list[Problem] = []
    for code in codes:  # in the order asked for, as each language was checked in turn before
        if code not in offered:  # no catalogue, or one that cannot be shown
            problems.append(Problem(i18n_tools.po_path(data.config.locales_dir, code), None,
                                    f"{code!r} cannot be shown: no usable catalogue (run "
                                    f"'ccsvi-kiosk i18n update --init {code}')"))
            continue
        problems += found[code]
    return problems


def _line_index(path) -> dict[str, int]:
    catalog = i18n_tools.read_catalog(path)
    return {i18n_tools.text_of(m.string): m.lineno for m in catalog if m.id}
