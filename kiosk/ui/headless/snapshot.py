"""``ccsvi-kiosk snapshot``: every screen and every reader page as PNG, without a display.

Reviewers and translators see their work without a kiosk or a developer; the README's
screenshots and the tests use the same path.
"""

from __future__ import annotations

from collections.abc import Iterator
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


def take_snapshots(driver: Driver, out: Path, languages: list[str], scales: list[float],
                   themes: list[str]) -> list[Path]:
    app = driver.app
    written: list[Path] = []
    for language in languages:
        for theme in themes:
            for scale in scales:
                app.reset_visit()
                app.session.language = language
                app.session.theme = theme
                app.session.set_text_scale(scale)
                prefix = f"{language}-{theme}-{round(scale * 100)}"
                views = list(every_view(app))
                for number, (name, where) in enumerate(views, 1):
                    app.show(where)
                    written.append(driver.screenshot(out / f"{prefix}-{number:03d}-{name}.png"))
    app.reset_visit()
    return written
