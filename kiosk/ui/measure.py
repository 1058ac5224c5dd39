"""Text measuring with the same renderer the screen uses, for pagination and fit checks."""

from __future__ import annotations

from kivy.core.text import Label as CoreLabel


def text_height(text: str, width: float, style: dict, line_height: float = 1.0) -> float:
    """Height in pixels of ``text`` wrapped to ``width`` in ``style`` (font, size, script)."""
    if not text:
        return 0.0
    label = CoreLabel(text=text, text_size=(width, None), line_height=line_height,
                      halign="left", **style)
    label.refresh()
    return float(label.texture.size[1]) if label.texture else 0.0


def text_width(text: str, style: dict) -> float:
    """Width in pixels of ``text`` on one line."""
    if not text:
        return 0.0
    label = CoreLabel(text=text, **style)
    label.refresh()
    return float(label.texture.size[0]) if label.texture else 0.0
