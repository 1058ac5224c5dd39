"""``ccsvi-kiosk snapshot``: every screen and page rendered to PNG, headless."""

from __future__ import annotations

import sys

from kiosk.cli import EXIT_BAD_INPUT, load_or_explain


def cmd_snapshot(args) -> int:
    data = load_or_explain(args.config, preview=args.lang)
    if data is None:
        return EXIT_BAD_INPUT
    offered = [lang.code for lang in data.languages]
    languages = args.lang or offered
    unknown = [code for code in languages if code not in offered]
    if unknown:
        print(f"ccsvi-kiosk: language(s) not offered and without a usable catalogue in "
              f"{data.config.locales_dir}: {', '.join(unknown)} "
              f"(offered: {', '.join(offered)})", file=sys.stderr)
        return EXIT_BAD_INPUT
    from kiosk.display.theme import THEMES
    from kiosk.interaction.session import TEXT_SCALES

    scales = args.text_scale or [data.config.text_scale]
    themes = args.theme or [data.config.theme]
    bad = [str(s) for s in scales if s not in TEXT_SCALES] + [t for t in themes
                                                              if t not in THEMES]
    if bad:
        print(f"ccsvi-kiosk: not a text scale or theme: {', '.join(bad)} (text scales: "
              f"{', '.join(map(str, TEXT_SCALES))}; themes: {', '.join(THEMES)})",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    from kiosk.ui import env

    env.prepare(headless=True, size=args.size)
    from kiosk.progress import progress
    from kiosk.ui.headless.driver import Driver
    from kiosk.ui.headless.snapshot import take_snapshots

    driver = Driver.start(data)  # speaks nothing, but knows the engine's real languages
    with progress(None, "snapshot", unit="image") as bar:  # on a terminal only
        written = take_snapshots(driver, args.out, languages, scales, themes, progress=bar)
    print(f"ccsvi-kiosk: wrote {len(written)} screenshots to {args.out}")
    return 0
