"""``python -m kiosk.ui.headless.monkey`` (``make soak``): the soak on the real kiosk."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import random
import sys
from pathlib import Path

from kiosk.progress import progress
from kiosk.ui.headless.monkey.result import HISTORY

PIN = "2468"  # the staff PIN the monkey's kiosk is given, so it can reach the staff screen


def start_kiosk(speech: str, config: Path | None = None):
    """Start the real kiosk headless, with a staff PIN so the staff screens can be reached.

    ``speech="worker"`` uses the real espeak-ng worker process (audio is recorded, not played:
    a soak must not depend on, or blare from, a sound card); ``"recording"`` the test double.
    """
    from kiosk.ui import env

    env.prepare(headless=True, size=(1920, 1080))
    from kiosk.admin.pin import hash_pin
    from kiosk.loading import load_kiosk
    from kiosk.speech import create_player, create_synthesizer
    from kiosk.ui.headless.driver import Driver

    data = load_kiosk(config)
    data = dataclasses.replace(data, config=dataclasses.replace(
        data.config, admin_pin_hash=hash_pin(PIN)))
    synthesizer = create_synthesizer("worker" if speech == "worker" else "spy")
    return Driver.start(data, synthesizer=synthesizer, player=create_player("recording"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.ui.headless.monkey",
                                     description="Soak test: a seeded random visitor.")
    parser.add_argument("--actions", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=None, help="(default: a random one)")
    parser.add_argument("--speech", choices=("worker", "recording"), default="worker")
    parser.add_argument("--warmup", type=int, default=None,
                        help="actions before memory is measured (default: a fifth, at least "
                             "300)")
    parser.add_argument("--max-growth-mb", type=float, default=5.0,
                        help="allowed VmRSS growth after the warm-up; negative: report only")
    parser.add_argument("--json", type=Path, metavar="OUT.json", help="write a summary")
    parser.add_argument("--config", type=Path, default=None)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**9)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    print(f"soak: seed {seed}, {args.actions} actions, speech: {args.speech} "
          f"(replay: python -m kiosk.ui.headless.monkey --seed {seed} --actions {args.actions} "
          f"--speech {args.speech})", flush=True)
    driver = start_kiosk(args.speech, args.config)
    from kiosk.ui.headless.monkey.actions import Monkey  # Kivy is set up by now

    monkey = Monkey(driver, seed, pin=PIN)
    # A bar on a terminal only (kiosk.progress); the lines echoed meanwhile print above it.
    with progress(args.actions, "soak", unit="action") as bar:
        result = monkey.run(args.actions, args.warmup, echo=bar.write, progress=bar)
    driver.app.speech.synthesizer.close()
    limit = args.max_growth_mb if args.max_growth_mb >= 0 else None
    failures = result.failures(limit)
    print(f"soak: {result.done} actions in {result.cpu_seconds:.0f} s CPU; screens visited: "
          f"{len(result.visited)}/{len(result.screens)}; VmRSS {result.rss_warm_kb / 1024:.1f}"
          f" MB after warm-up, {result.rss_end_kb / 1024:.1f} MB at the end "
          f"({result.growth_mb:+.1f} MB; trend {result.rss_trend_mb:+.1f} MB)", flush=True)
    if args.json:
        args.json.write_text(json.dumps(result.summary(), indent=1), encoding="utf-8")
    if failures:
        print(f"soak: FAILED (seed {seed}):", flush=True)
        for failure in failures:
            print(f"  {failure}")
        print(f"last {HISTORY} actions:")
        for line in result.history:
            print(f"  {line}")
        print(f"replay: python -m kiosk.ui.headless.monkey --seed {seed} --actions {args.actions} "
              f"--speech {args.speech}", flush=True)
        return 1
    print(f"soak: OK (seed {seed})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
