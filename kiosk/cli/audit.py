"""``ccsvi-kiosk audit``: every view measured against the accessibility limits, headless."""

from __future__ import annotations

from kiosk.cli import EXIT_BAD_INPUT, EXIT_PROBLEMS, load_or_explain


def cmd_audit(args) -> int:
    import json

    from kiosk.interaction.session import TEXT_SCALES

    data = load_or_explain(args.config, preview=args.lang)
    if data is None:
        return EXIT_BAD_INPUT
    offered = [lang.code for lang in data.languages]
    unknown = [code for code in args.lang or () if code not in offered]
    if unknown:
        import sys

        print(f"ccsvi-kiosk: language(s) not offered and without a usable catalogue: "
              f"{', '.join(unknown)} (offered: {', '.join(offered)})", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.screen_mm:
        from dataclasses import replace

        from kiosk.config import ScreenSize

        data = replace(data, config=replace(data.config, screen=ScreenSize(*args.screen_mm)))
    from kiosk.ui import env

    env.prepare(headless=True, size=args.size)
    from kiosk.progress import progress
    from kiosk.ui.headless.audit import run_audit
    from kiosk.ui.headless.driver import Driver

    driver = Driver.start(data)  # speaks nothing, but knows the engine's real languages
    # A bar on a terminal only: --json, a pipe and CI get just the report (kiosk.progress).
    with progress(None, "audit", quiet=args.json) as bar:
        report = run_audit(driver, args.lang or [lang.code for lang in data.languages],
                           args.text_scale or list(TEXT_SCALES), progress=bar)
    failures = report.failures()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        screen = data.config.screen
        print(f"audit: {report.views} views at {args.size[0]}x{args.size[1]} px on a "
              f"{screen.width_mm:g} x {screen.height_mm:g} mm screen")
        for name in ("smallest_target_mm", "smallest_primary_mm", "smallest_gap_mm",
                     "smallest_cap_height_mm", "longest_line_chars", "lowest_text_contrast",
                     "lowest_edge_contrast"):
            worst = getattr(report, name)
            if not worst.where:  # nothing measured, e.g. cap height is taken at 100% only
                print(f"  {name:24} {'-':>7}   not measured at these text sizes")
                continue
            print(f"  {name:24} {worst.value:7.1f}   {worst.where}")
        print(f"  overflows: {len(report.overflows)}   not reachable by keys: "
              f"{len(report.unreachable)}")
        for failure in failures:
            print(f"FAIL {failure}")
        print("audit: " + ("FAILED" if failures else "OK"))
    return EXIT_PROBLEMS if failures else 0
