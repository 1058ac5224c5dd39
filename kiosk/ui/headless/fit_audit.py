"""Rendered-size checks: is any text clipped, off screen, under the top bar, or overlapping?

Measured on the real widgets after Kivy has laid them out and rendered their text, in any
language and at any text size, so translators learn about a label that is too long for its
button before a patient sees it. Used by ``ccsvi-kiosk i18n check`` and by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from kivy.core.window import Window
from kivy.uix.label import Label

from kiosk.ui.widgets import KioskButton


@dataclass(frozen=True)
class Misfit:
    widget: Label
    message: str

    @property
    def text(self) -> str:
        return getattr(self.widget, "source_text", "") or self.widget.text


def window_rect(widget) -> tuple[float, float, float, float]:
    x, y = widget.to_window(widget.x, widget.y)
    return x, y, x + widget.width, y + widget.height


def visible_labels(app) -> list[Label]:
    labels = []
    for root in app.visible_roots():
        for widget in root.walk(restrict=True):
            if isinstance(widget, Label) and widget.text and widget.opacity > 0:
                labels.append(widget)
    return labels


def misfits(app) -> list[Misfit]:
    """Text that is clipped, off screen, under the top bar, or overlapping other text."""
    found = []
    labels = visible_labels(app)
    # The warning covers the whole window, top bar included.
    covered = app.idle_warning is not None
    below_bar = Window.height if covered else Window.height - app.topbar.height
    bar_widgets = set(app.topbar.walk(restrict=True))
    for label in labels:
        label.texture_update()
        x0, y0, x1, y1 = window_rect(label)
        top = Window.height if label in bar_widgets else below_bar
        if x0 < -1 or y0 < -1 or x1 > Window.width + 1 or y1 > top + 1:
            found.append(Misfit(label, f"off screen or under the top bar at "
                                       f"{tuple(round(v) for v in (x0, y0, x1, y1))}"))
        tw, th = label.texture_size
        if th > label.height + 1 or tw > label.width + 1:
            what = "button" if isinstance(label, KioskButton) else "box"
            found.append(Misfit(label, f"text {tw}x{th} px does not fit its {what} "
                                       f"{round(label.width)}x{round(label.height)} px"))
    rects = [(label, window_rect(label)) for label in labels]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            overlap_w = min(ra[2], rb[2]) - max(ra[0], rb[0])
            overlap_h = min(ra[3], rb[3]) - max(ra[1], rb[1])
            if overlap_w > 1 and overlap_h > 1:
                found.append(Misfit(a, f"overlaps {b.text[:30]!r}"))
    return found
