"""``ccsvi-kiosk``: run the kiosk, check its files, or render its screens to PNG.

Whatever goes wrong, a person in front of the kiosk or at the terminal gets one clear line and
an exit code, never a traceback: 1 for problems found by ``check``, 2 for input the kiosk
refuses to start with, 3 for no display.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk import __version__
from kiosk.i18n import PSEUDO_LANGUAGE
from kiosk.problems import InputError

EXIT_PROBLEMS, EXIT_BAD_INPUT, EXIT_NO_DISPLAY = 1, 2, 3


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1920x1080") from None
    if not (320 <= width <= 8192 and 240 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"{text!r} is out of range")
    return width, height


def _screen_mm(text: str) -> tuple[float, float]:
    try:
        width, height = (float(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT in mm, e.g. 527x296"
                                         ) from None
    if not (50 <= width <= 3000 and 50 <= height <= 3000):
        raise argparse.ArgumentTypeError(f"{text!r} is not a plausible screen (50 to 3000 mm)")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ccsvi-kiosk",
                                     description="Accessible information kiosk about CCSVI and MS.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument("--config", metavar="PATH",
                        help="settings file (default: $KIOSK_CONFIG, else the built-in defaults)")
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", parents=[config], help="start the kiosk (the default)")
    run.add_argument("--windowed", action="store_true", help="in a window, not full screen")
    commands.add_parser("check", parents=[config],
                        help="check config, content and catalogues; exit 1 on errors")
    snap = commands.add_parser("snapshot", parents=[config],
                               help="render every screen and page to PNG without a display")
    snap.add_argument("--out", required=True, type=Path, metavar="DIR")
    snap.add_argument("--lang", nargs="+", metavar="L", help="languages (default: all offered)")
    snap.add_argument("--text-scale", nargs="+", type=float, metavar="S", default=None,
                      help="text sizes, 1.0 to 2.0 (default: the configured one)")
    snap.add_argument("--theme", nargs="+", metavar="T", default=None,
                      help="dark and/or light (default: the configured one)")
    snap.add_argument("--size", type=_size, default=(1920, 1080), metavar="WxH")

    audit = commands.add_parser("audit", parents=[config],
                                help="measure every screen against the accessibility limits")
    audit.add_argument("--json", action="store_true")
    audit.add_argument("--size", type=_size, default=(1920, 1080), metavar="WxH",
                       help="the screen's resolution (its size in mm comes from the config)")
    audit.add_argument("--screen-mm", type=_screen_mm, metavar="WxH",
                       help="audit as if the screen were this size in mm, e.g. 344x194 for a "
                            "15.6-inch panel (default: the config's screen)")
    audit.add_argument("--lang", nargs="+", metavar="L", help="(default: all offered)")
    audit.add_argument("--text-scale", nargs="+", type=float, metavar="S",
                       help="(default: every step, 100%% to 200%%)")

    speak = commands.add_parser("speak", parents=[config],
                                help="render what read-aloud says for a page to a WAV file")
    speak.add_argument("--lang", required=True, metavar="L")
    speak.add_argument("--section", metavar="ID", help="(default: the first section)")
    speak.add_argument("--page", type=int, default=1, metavar="N", help="content page, from 1")
    speak.add_argument("--wav", required=True, type=Path, metavar="OUT.wav")
    speak.add_argument("--timings", type=Path, metavar="OUT.json",
                       help="start time of each sentence and word")
    speak.add_argument("--rate", type=float, default=1.0, help="0.5 to 2.0 (default 1.0)")
    speak.add_argument("--volume", type=float, default=0.6, help="0 to 1 (default 0.6)")

    pin = commands.add_parser("set-pin", help="set the staff PIN (stored as a salted hash) in "
                                              "a settings file")
    pin.add_argument("--config", metavar="PATH", required=True, type=Path,
                     help="the settings file to write it into (created if missing)")
    pin.add_argument("--pin-stdin", action="store_true",
                     help="read the PIN from the first line of standard input (for scripts)")

    i18n = commands.add_parser("i18n", help="translator tools (see docs/TRANSLATING.md)")
    steps = i18n.add_subparsers(dest="step", required=True)
    steps.add_parser("extract", parents=[config], help="write locales/kiosk.pot from code "
                                                       "and content")
    up = steps.add_parser("update", parents=[config], help="merge the .pot into every .po")
    up.add_argument("--init", nargs="+", default=[], metavar="LANG",
                    help="also start catalogues for these new languages")
    steps.add_parser("compile", parents=[config], help="write .mo files for gettext tools")
    chk = steps.add_parser("check", parents=[config],
                           help="untranslated, fuzzy, placeholders, glyphs, label fit")
    chk.add_argument("--no-render", action="store_true",
                     help="skip measuring labels on rendered screens (faster)")
    chk.add_argument("--lang", nargs="+", metavar="L", help="only these languages")
    st = steps.add_parser("stats", parents=[config], help="percent translated per language")
    st.add_argument("--json", action="store_true")
    steps.add_parser("pseudo", parents=[config],
                     help=f"build the {PSEUDO_LANGUAGE} pseudo-locale for layout tests")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="ccsvi-kiosk: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)  # Kivy logs its start-up at INFO through propagation
    command = args.command or "run"
    config_arg = getattr(args, "config", None)
    if command == "check":
        return cmd_check(config_arg)
    if command == "snapshot":
        return cmd_snapshot(args)
    if command == "audit":
        return cmd_audit(args)
    if command == "set-pin":
        return cmd_set_pin(args.config, from_stdin=args.pin_stdin)
    if command == "speak":
        from kiosk.speak_cli import run

        return run(args)
    if command == "i18n":
        from kiosk.i18n_cli import run_step

        return run_step(args)
    return cmd_run(config_arg, windowed=getattr(args, "windowed", False))


def _load(config_arg: str | None):
    """Load everything, or print one line and return None (the kiosk refuses to start)."""
    from kiosk.config import config_path_from
    from kiosk.loading import load_kiosk

    try:
        data = load_kiosk(config_path_from(config_arg))
    except InputError as exc:
        first = exc.problems[0] if exc.problems else "cannot start"
        more = len(exc.problems) - 1
        suffix = f" (and {more} more problem(s); run 'ccsvi-kiosk check')" if more > 0 else ""
        print(f"ccsvi-kiosk: cannot start: {first}{suffix}", file=sys.stderr)
        return None
    for problem in data.problems:
        logging.warning("%s", problem)
    return data


def cmd_check(config_arg: str | None) -> int:
    from kiosk.check import report, run_checks
    from kiosk.config import config_path_from

    return report(run_checks(config_path_from(config_arg)), sys.stdout)


def cmd_set_pin(path: Path, from_stdin: bool) -> int:
    """Ask for the PIN twice without echo (or read it from stdin), then store only its hash.

    The PIN itself is never printed or logged, not even in an error message.
    """
    import getpass

    from kiosk.admin_pin import hash_pin, pin_problem, set_pin_in_file

    if from_stdin:
        pin = sys.stdin.readline().strip()
    else:
        try:
            pin = getpass.getpass("New staff PIN (4 to 12 digits): ").strip()
            again = getpass.getpass("The same PIN again: ").strip()
        except (EOFError, KeyboardInterrupt):
            print("\nccsvi-kiosk: set-pin: cancelled; nothing changed", file=sys.stderr)
            return EXIT_BAD_INPUT
        if again != pin:
            print("ccsvi-kiosk: set-pin: the two PINs differ; nothing changed", file=sys.stderr)
            return EXIT_BAD_INPUT
    problem = pin_problem(pin)
    if problem:
        print(f"ccsvi-kiosk: set-pin: {problem}; nothing changed", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        set_pin_in_file(path, hash_pin(pin))
    except InputError as exc:
        print(f"ccsvi-kiosk: set-pin: nothing changed: {exc.problems[0]}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"ccsvi-kiosk: set-pin: cannot write {path}: {exc.strerror}; nothing changed",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"ccsvi-kiosk: staff PIN set in {path} (stored as a salted hash); it takes effect "
          "when the kiosk restarts")
    return 0


def cmd_run(config_arg: str | None, windowed: bool) -> int:
    from kiosk.ui import env

    if not env.has_display():
        print("ccsvi-kiosk: no display found (DISPLAY and WAYLAND_DISPLAY are not set); "
              "to see the screens without one, run: ccsvi-kiosk snapshot --out shots",
              file=sys.stderr)
        return EXIT_NO_DISPLAY
    data = _load(config_arg)
    if data is None:
        return EXIT_BAD_INPUT
    fullscreen = data.config.fullscreen and not windowed
    _stop_on_sigterm()  # before SDL starts: it takes SIGTERM over only if nobody else has
    env.prepare(headless=False, fullscreen=fullscreen, size=(1920, 1080) if fullscreen
                else (1280, 720))
    from kiosk.admin_status import StartupCheck
    from kiosk.config import config_path_from
    from kiosk.ui.app import KioskApp

    app = KioskApp(data)
    # What `check` says, for the staff screen; in the background, after the first screen.
    app.admin_gate.startup_check = StartupCheck(config_path_from(config_arg)).start()
    app.run()
    return 0


def _stop_on_sigterm() -> None:
    """End the kiosk cleanly when its service manager says so.

    systemd stops the kiosk (and the nightly update restarts it) with SIGTERM. Left alone, SDL
    turns SIGTERM into a window-close request, which the kiosk refuses (a visitor must never
    close it), so every stop would hang until systemd gives up and sends SIGKILL, leaving the
    speech worker and any sentence being played to be killed too. Stopping the app from the
    next frame lets it close both, and the process exits 0.
    """
    import signal

    def stop(_signum, _frame) -> None:
        from kivy.app import App

        app = App.get_running_app()
        if app is None:  # still starting: nothing to close yet
            raise SystemExit(0)
        from kivy.clock import Clock

        Clock.schedule_once(lambda _dt: app.stop(), 0)

    signal.signal(signal.SIGTERM, stop)


def cmd_audit(args) -> int:
    import json

    from kiosk.session import TEXT_SCALES

    data = _load(args.config)
    if data is None:
        return EXIT_BAD_INPUT
    if args.screen_mm:
        from dataclasses import replace

        from kiosk.config import ScreenSize

        data = replace(data, config=replace(data.config, screen=ScreenSize(*args.screen_mm)))
    from kiosk.ui import env

    env.prepare(headless=True, size=args.size)
    from kiosk.ui.audit import run_audit
    from kiosk.ui.driver import Driver

    driver = Driver.start(data)
    report = run_audit(driver, args.lang or [lang.code for lang in data.languages],
                       args.text_scale or list(TEXT_SCALES))
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


def cmd_snapshot(args) -> int:
    data = _load(args.config)
    if data is None:
        return EXIT_BAD_INPUT
    offered = [lang.code for lang in data.languages]
    languages = args.lang or offered
    unknown = [code for code in languages if code not in offered]
    if unknown:
        print(f"ccsvi-kiosk: language(s) not offered: {', '.join(unknown)} "
              f"(offered: {', '.join(offered)})", file=sys.stderr)
        return EXIT_BAD_INPUT
    from kiosk.session import TEXT_SCALES
    from kiosk.theme import THEMES

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
    from kiosk.ui.driver import Driver
    from kiosk.ui.snapshot import take_snapshots

    driver = Driver.start(data)
    written = take_snapshots(driver, args.out, languages, scales, themes)
    print(f"ccsvi-kiosk: wrote {len(written)} screenshots to {args.out}")
    return 0
