"""``ccsvi-kiosk snapshot``: every screen and every reader page as PNG, without a display.

Reviewers and translators see their work without a kiosk or a developer; the README's
screenshots and the tests use the same path.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.interaction.session import Location
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


@dataclass(frozen=True)
class Shown:
    """A view on screen now, and how it was reached."""

    language: str
    scale: float
    theme: str | None
    number: int  # from 1, in ``every_view`` order
    name: str


def show_every_view(driver: Driver, languages: list[str], scales: list[float],
                    themes: Sequence[str | None] = (None,)) -> Iterator[Shown]:
    """Show every view in every language, text size and theme (``None``: the visit's own), each
    combination from a fresh visit, laid out before it is yielded; a fresh visit at the end.
    The one walk ``snapshot``, ``audit`` and ``i18n check`` share."""
    app = driver.app
    try:
        for language in languages:
            for theme in themes:
                for scale in scales:
                    app.reset_visit()
                    app.session.language = language
                    if theme is not None:
                        app.session.theme = theme
                    app.session.set_text_scale(scale)
                    for number, (name, where) in enumerate(list(every_view(app)), 1):
                        app.show(where)
                        driver.pump(1)
                        yield Shown(language, scale, theme, number, name)
    finally:
        app.reset_visit()


def take_snapshots(driver: Driver, out: Path, languages: list[str], scales: list[float],
                   themes: list[str]) -> list[Path]:
    return [driver.screenshot(out / f"{v.language}-{v.theme}-{round(v.scale * 100)}-"
                                    f"{v.number:03d}-{v.name}.png")
            for v in show_every_view(driver, languages, scales, themes)]
