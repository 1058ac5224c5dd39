"""Colour themes, and the WCAG contrast arithmetic that proves they are readable.

People with MS often have optic neuritis and lose contrast sensitivity, so both themes aim for
WCAG AAA (7:1) for all text and at least 3:1 for control edges and focus. Plain Python, so the
numbers are tested without a display; the UI only reads the colours.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[float, float, float]


def hex_rgb(value: str) -> RGB:
    value = value.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2.x relative luminance of an sRGB colour with channels in 0..1."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Theme:
    name: str
    background: RGB
    text: RGB
    muted_text: RGB  # secondary lines (summaries, page counters): still AAA
    button: RGB  # control fill
    button_text: RGB
    button_edge: RGB  # control outline; 3:1 against the background at least
    selected: RGB  # fill of a selected option (also marked by a thicker edge and a word)
    selected_text: RGB
    focus: RGB  # focus ring and scan highlight
    disabled_text: RGB  # still readable (4.5:1): disabled is shown by words and shape too

    def text_pairs(self) -> dict[str, tuple[RGB, RGB]]:
        """Every foreground/background pair used for text, for contrast checks."""
        return {
            "text": (self.text, self.background),
            "muted_text": (self.muted_text, self.background),
            "button_text": (self.button_text, self.button),
            "selected_text": (self.selected_text, self.selected),
        }

    def edge_pairs(self) -> dict[str, tuple[RGB, RGB]]:
        return {
            "button_edge": (self.button_edge, self.background),
            "focus": (self.focus, self.background),
            "focus_on_button": (self.focus, self.button),
            "selected_edge": (self.selected, self.background),
        }


DARK = Theme(
    name="dark",
    background=hex_rgb("#000000"),
    text=hex_rgb("#FFFFFF"),
    muted_text=hex_rgb("#E0E0E0"),
    button=hex_rgb("#1C1C1C"),
    button_text=hex_rgb("#FFFFFF"),
    button_edge=hex_rgb("#FFFFFF"),
    selected=hex_rgb("#FFE14D"),
    selected_text=hex_rgb("#000000"),
    focus=hex_rgb("#4DD2FF"),
    disabled_text=hex_rgb("#A0A0A0"),
)

LIGHT = Theme(
    name="light",
    background=hex_rgb("#FFFFFF"),
    text=hex_rgb("#000000"),
    muted_text=hex_rgb("#262626"),
    button=hex_rgb("#F0F0F0"),
    button_text=hex_rgb("#000000"),
    button_edge=hex_rgb("#000000"),
    selected=hex_rgb("#002B80"),
    selected_text=hex_rgb("#FFFFFF"),
    focus=hex_rgb("#B30059"),
    disabled_text=hex_rgb("#595959"),
)

THEMES: dict[str, Theme] = {t.name: t for t in (DARK, LIGHT)}
DEFAULT_THEME = DARK.name
