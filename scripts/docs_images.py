"""Regenerate the README's screenshots (``make docs-images``) from the current code.

Each image is one view that ``ccsvi-kiosk snapshot`` also draws (the same view names, the same
``Driver`` on the real window), picked so the README shows a few languages, both themes, 200 %
text and the 15.6-inch screen without committing hundreds of files. SDL gives a process one
window of one size, so each window size is drawn by a child process of this script.

    python scripts/docs_images.py            # writes docs/images/*.png
    python scripts/docs_images.py --list     # the file names, one per line (for the tests)

The list below is the single source: ``tests/system/test_docs.py`` checks that the README shows
exactly these files and that they exist.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"


@dataclass(frozen=True)
class Shot:
    name: str  # file name under docs/images/
    view: str  # a view from kiosk.ui.headless.snapshot.every_view, e.g. "reader-what_is_ccsvi-p1"
    language: str = "en"
    theme: str = "dark"
    text_scale: float = 1.0
    size: tuple[int, int] = (1920, 1080)  # window, in pixels
    screen_mm: tuple[int, int] | None = None  # visible screen size; None: the shipped default
    reading: bool = False  # start read-aloud first, to show the sentence and word highlight


FIRST_PAGE = "reader-what_is_ccsvi-p1"
TRIALS_PAGE = "reader-does_opening_veins_help-p2"
SMALL = {"size": (1366, 768), "screen_mm": (344, 194)}  # a 15.6-inch panel

IMAGES: tuple[Shot, ...] = (
    Shot("welcome-dark.png", "welcome"),
    Shot("topics-dark.png", "topics-p1"),
    Shot("reader-dark.png", TRIALS_PAGE),
    Shot("reader-reading-dark.png", TRIALS_PAGE, reading=True),
    Shot("reader-light-200.png", TRIALS_PAGE, theme="light", text_scale=2.0),
    Shot("display-light.png", "settings", theme="light"),
    Shot("reader-arabic.png", FIRST_PAGE, language="ar"),
    Shot("reader-chinese-light.png", FIRST_PAGE, language="zh_Hans", theme="light"),
    Shot("sources-spanish.png", "sources-p1", language="es"),
    Shot("reader-15in-dark.png", TRIALS_PAGE, **SMALL),
    Shot("reader-15in-light-200.png", TRIALS_PAGE, theme="light", text_scale=2.0, **SMALL),
)


def groups() -> dict[tuple, list[Shot]]:
    """Shots by (window size, screen mm): one child process each."""
    found: dict[tuple, list[Shot]] = {}
    for shot in IMAGES:
        found.setdefault((shot.size, shot.screen_mm), []).append(shot)
    return found


def draw(shots: list[Shot], out: Path) -> None:
    """Draw ``shots`` (all of one window size) in this process."""
    size, screen_mm = shots[0].size, shots[0].screen_mm
    from kiosk.ui import env

    env.prepare(headless=True, size=size)
    from kiosk.loading import load_kiosk
    from kiosk.ui.headless.driver import Driver
    from kiosk.ui.headless.snapshot import every_view

    with tempfile.TemporaryDirectory() as scratch:
        config = None
        if screen_mm is not None:
            config = Path(scratch) / "screen.yaml"
            config.write_text(f"screen:\n  width_mm: {screen_mm[0]}\n"
                              f"  height_mm: {screen_mm[1]}\n", encoding="utf-8")
        data = load_kiosk(config)
    driver = Driver.start(data)
    app = driver.app
    for shot in shots:
        app.reset_visit()
        app.session.language = shot.language
        app.session.theme = shot.theme
        app.session.set_text_scale(shot.text_scale)
        views = dict(every_view(app))
        if shot.view not in views:
            raise SystemExit(f"docs_images: {shot.name}: no view {shot.view!r} "
                             f"(views: {', '.join(views)})")
        app.show(views[shot.view])
        driver.pump(2)
        if shot.reading:
            driver.tap("read_aloud")
            driver.pump(4)
        driver.screenshot(out / shot.name)
        print(f"wrote {out / shot.name}")
    app.reset_visit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the file names and stop")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--group", type=int, help=argparse.SUPPRESS)  # used by the children
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(shot.name for shot in IMAGES))
        return 0
    batches = list(groups().values())
    if args.group is not None:
        draw(batches[args.group], args.out)
        return 0
    for number in range(len(batches)):
        done = subprocess.run([sys.executable, __file__, "--group", str(number),
                               "--out", str(args.out)], cwd=ROOT)
        if done.returncode:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
