"""``ccsvi-kiosk``: run the kiosk, check its files, or render its screens to PNG.

This module parses the command line and hands each verb to its own module (``run``, ``check``,
``snapshot``, ``audit``, ``set_pin``, ``speak``, ``i18n``), which does only the printing and
calls the core.

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
from kiosk.i18n.catalogues import PSEUDO_LANGUAGE
from kiosk.problems import InputError
from kiosk.speech.defaults import DEFAULT_RATE, DEFAULT_VOLUME

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
    speak.add_argument("--rate", type=float, default=DEFAULT_RATE,
                       help=f"0.5 to 2.0 (default {DEFAULT_RATE:g})")
    speak.add_argument("--volume", type=float, default=DEFAULT_VOLUME,
                       help=f"0 to 1 (default {DEFAULT_VOLUME:g})")
    speak.add_argument("--engine", choices=("natural", "clear"),
                       help="natural: the language's natural voice (an error if it has "
                            "none); clear: espeak-ng (default: what the kiosk uses, natural "
                            "where the language has a natural voice)")

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
    # One module per command, imported only when it runs.
    if command == "check":
        from kiosk.cli.check import cmd_check

        return cmd_check(config_arg)
    if command == "snapshot":
        from kiosk.cli.snapshot import cmd_snapshot

        return cmd_snapshot(args)
    if command == "audit":
        from kiosk.cli.audit import cmd_audit

        return cmd_audit(args)
    if command == "set-pin":
        from kiosk.cli.set_pin import cmd_set_pin

        return cmd_set_pin(args.config, from_stdin=args.pin_stdin)
    if command == "speak":
        from kiosk.cli.speak import run

        return run(args)
    if command == "i18n":
        from kiosk.cli.i18n import run_step

        return run_step(args)
    from kiosk.cli.run import cmd_run

    return cmd_run(config_arg, windowed=getattr(args, "windowed", False))


def load_or_explain(config_arg: str | None, preview: list[str] | None = None,
                    cached: bool = False):
    """Load everything, or print one line and return None (the kiosk refuses to start).
    ``preview``: languages with a catalogue to show even if the config does not list them;
    ``cached``: from the checked copy while no file has changed (``kiosk.loading_cache``)."""
    from kiosk.config import config_path_from

    try:
        if cached and not preview:
            from kiosk.loading_cache import load_kiosk_cached

            data = load_kiosk_cached(config_path_from(config_arg))
        else:
            from kiosk.loading import load_kiosk

            data = load_kiosk(config_path_from(config_arg), preview=preview or ())
    except InputError as exc:
        first = exc.problems[0] if exc.problems else "cannot start"
        more = len(exc.problems) - 1
        suffix = f" (and {more} more problem(s); run 'ccsvi-kiosk check')" if more > 0 else ""
        print(f"ccsvi-kiosk: cannot start: {first}{suffix}", file=sys.stderr)
        return None
    for problem in data.problems:
        logging.warning("%s", problem)
    return data
