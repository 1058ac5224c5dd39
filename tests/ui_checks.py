"""Geometry checks on what the kiosk shows, shared by the UI tests."""

from __future__ import annotations

from kivy.core.window import Window
from kivy.uix.label import Label


def window_rect(widget) -> tuple[float, float, float, float]:
    x, y = widget.to_window(widget.x, widget.y)
    return x, y, x + widget.width, y + widget.height


def visible_labels(driver) -> list[Label]:
    labels = []
    for root in (driver.app.topbar, driver.app.current_screen):
        for widget in root.walk(restrict=True):
            if isinstance(widget, Label) and widget.text and widget.opacity > 0:
                labels.append(widget)
    return labels


def layout_problems(driver) -> list[str]:
    """Text that is clipped, off screen, or overlapping other text."""
    problems = []
    labels = visible_labels(driver)
    below_bar = Window.height - driver.app.topbar.height
    bar_labels = set(driver.app.topbar.walk(restrict=True))
    for label in labels:
        label.texture_update()
        name = f"{type(label).__name__}({label.text[:30]!r})"
        x0, y0, x1, y1 = window_rect(label)
        top = Window.height if label in bar_labels else below_bar
        if x0 < -1 or y0 < -1 or x1 > Window.width + 1 or y1 > top + 1:
            problems.append(f"{name} is off screen or under the top bar at {(x0, y0, x1, y1)}")
        tw, th = label.texture_size
        if th > label.height + 1 or tw > label.width + 1:
            problems.append(f"{name} text {tw}x{th} does not fit in {label.width}x{label.height}")
    rects = [(label, window_rect(label)) for label in labels]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            if a in b.walk() or b in a.walk():
                continue
            overlap_w = min(ra[2], rb[2]) - max(ra[0], rb[0])
            overlap_h = min(ra[3], rb[3]) - max(ra[1], rb[1])
            if overlap_w > 1 and overlap_h > 1:
                problems.append(f"{a.text[:20]!r} overlaps {b.text[:20]!r}")
    return problems
