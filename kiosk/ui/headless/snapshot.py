"""``ccsvi-kiosk snapshot``: every screen and every reader page as PNG, without a display.

Reviewers and translators see their work without a kiosk or a developer; the README's
screenshots and the tests use the same path.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from kiosk.interaction.session import Location
from kiosk.progress import Progress, silent
from kiosk.ui.headless.driver import Driver


def every_view(app) -> Iterator[tuple[str, Location]]:
    """(name, location) of every screen and every page a visitor can reach."""
    yield "welcome", Location("welcome")
    for screen in ("topics", "sources", "glossary", "help"):
        app.show(Location(screen))
        for page in range(app.current_screen.page_count()):
            yield f"{screen}-p{page + 1}", Location(screen, None, page)
    for section in app.data.content.sections:
        app.show(Location("reader", section.id))
        for page in range(app.current_screen.page_count()):
            yield f"reader-{section.id}-p{page + 1}", Location("reader", section.id, page)
    yield "settings", Location("settings")
    yield "pin", Location("pin")  # staff only, but a visitor may land on it by accident
    # Appended, so the views above keep their names and numbers (the README's images use
    # them): the voice settings, then the first page while it is read aloud, paused, and under
    # the "Are you still there?" warning, which ``show_every_view`` sets up (``STAGED``).
    yield "voice", Location("voice")
    first_page = Location("reader", app.data.content.sections[0].id, 0)
    for name in STAGED:
        yield name, first_page


STAGED = ("reading", "reading-paused", "idle-warning")


def _stage(driver: Driver, name: str) -> None:
    """Bring a view that is a state rather than a place on screen, the way a visit does."""
    app = driver.app
    if name.startswith("reading"):
        if any(b.action == "read_aloud" for b in app.visible_buttons()):  # a voice speaks it
            app.current_screen.read_aloud()
            if name == "reading-paused":
                app.speech.command("pause")
    elif name == "idle-warning":
        driver.idle(app.idle.timeout_seconds + 1)
        app.check_idle()


def _unstage(driver: Driver) -> None:
    app = driver.app
    app.speech.stop()
    app.note_activity()  # answers the warning, if it is shown


@dataclass(frozen=True)
class Shown:
    """A view on screen now, and how it was reached."""

    language: str
    scale: float
    theme: str | None
    number: int  # from 1, in ``every_view`` order
    name: str


def show_every_view(driver: Driver, languages: list[str], scales: list[float],
                    themes: Sequence[str | None] = (None,),
                    progress: Progress | None = None) -> Iterator[Shown]:
    """Show every view in every language, text size and theme (``None``: the visit's own), each
    combination from a fresh visit, laid out before it is yielded; a fresh visit at the end.
    The one walk ``snapshot``, ``audit`` and ``i18n check`` share.

    ``progress`` counts a view when the caller is done with it. How many pages a combination
    has is known only once it is set up, so the total is estimated (the next language's pages
    at a size from the last language's at that size) and exact from the last one on."""
    app = driver.app
    progress = silent() if progress is None else progress
    combinations = list(product(languages, themes, scales))
    listed = 0  # views in the combinations set up so far
    by_size: dict[tuple[str | None, float], int] = {}  # views at a theme and text size
    app.speech.wait_for_voices(30)  # so the speech buttons are drawn as in the kiosk
    try:
        for index, (language, theme, scale) in enumerate(combinations):
            app.reset_visit()
            app.session.language = language
            if theme is not None:
                app.session.theme = theme
            app.session.set_text_scale(scale)
            views = list(every_view(app))
            listed += len(views)
            by_size[theme, scale] = len(views)
            average = listed / (index + 1)
            progress.set_total(listed + round(sum(by_size.get((t, s), average)
                                                  for _l, t, s in combinations[index + 1:])))
            for number, (name, where) in enumerate(views, 1):
                app.show(where)
                if name in STAGED:
                    _stage(driver, name)
                driver.pump(1)
                yield Shown(language, scale, theme, number, name)
                if name in STAGED:
                    _unstage(driver)
                progress.update()
    finally:
        app.reset_visit()


def take_snapshots(driver: Driver, out: Path, languages: list[str], scales: list[float],
                   themes: list[str], progress: Progress | None = None) -> list[Path]:
    return [driver.screenshot(out / f"{v.language}-{v.theme}-{round(v.scale * 100)}-"
                                    f"{v.number:03d}-{v.name}.png")
            for v in show_every_view(driver, languages, scales, themes, progress)]
