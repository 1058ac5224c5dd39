"""Geometry checks on what the kiosk shows, shared by the UI tests."""

from __future__ import annotations

from kiosk.ui.fit_audit import misfits, visible_labels

__all__ = ["layout_problems", "visible_labels_of"]


def layout_problems(driver) -> list[str]:
    return [f"{type(m.widget).__name__}({m.text[:30]!r}): {m.message}"
            for m in misfits(driver.app)]


def visible_labels_of(driver):
    return visible_labels(driver.app)
