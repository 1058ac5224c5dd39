"""Text measuring with the same renderer the screen uses, for pagination and fit checks.

Right-to-left text is prepared here (broken into lines, shaped, ordered, with fallback-font
runs) because Kivy mis-measures shaped Arabic; see ``kiosk.display.bidi_text``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kivy.core.text import Label as CoreLabel
from kivy.core.text.markup import MarkupLabel

from kiosk.display import bidi_text
from kiosk.fonts.faces import FontChoice
from kiosk.fonts.glyphs import coverage

# font file -> (what it covers, the font to use for the rest)
_FALLBACKS: dict[str, tuple[frozenset[int], str]] = {}


def register_fonts(choice: FontChoice) -> None:
    """Remember which fallback face goes with each face of ``choice``."""
    if choice.fallback is None:
        return
    for face, fallback in ((choice.regular, choice.fallback.regular),
                           (choice.bold, choice.fallback.bold)):
        if _FALLBACKS.get(str(face), (None, ""))[1] == str(fallback):
            continue  # known (a reload): its coverage and the measurements stand
        _FALLBACKS[str(face)] = (coverage(Path(face)), str(fallback))
        _prepared.cache_clear()
        _height.cache_clear()


@lru_cache(maxsize=64)
def _measurer(font_name: str, font_size: float) -> CoreLabel:
    # 41.0 and 41 are one cache entry here but two FreeType faces to Kivy (it tells sizes
    # apart by their text): measure with the whole-pixel size the widgets use.
    if float(font_size).is_integer():
        font_size = int(font_size)
    label = CoreLabel(font_name=font_name, font_size=font_size)
    label.resolve_font_name()
    return label


def _run_width(text: str, font_name: str, font_size: float) -> float:
    return float(_measurer(font_name, font_size).get_extents(text)[0]) if text else 0.0


@lru_cache(maxsize=16)
def natural_line_em(font_name: str) -> float:
    """A font's own line height (ascent + descent) in ems: 1.36 for Noto Sans, 1.16 for
    DejaVu Sans, 1.45 for Noto Sans CJK."""
    return _measurer(font_name, 100.0).get_extents("ÁgÅy")[1] / 100.0


def kivy_line_height(style: dict, spacing_em: float) -> float:
    """Kivy's ``line_height`` that puts baselines ``spacing_em`` font sizes apart (as CSS's
    line-height does, and as WCAG 1.4.12 counts it). Kivy multiplies the font's own line
    height instead, so 1.5 there meant about 2 ems in Noto Sans: a third of every page wasted.
    Never below 1: tighter than the font's own height would clip accents."""
    return max(1.0, spacing_em / natural_line_em(style["font_name"]))


def text_width(text: str, style: dict) -> float:
    """Width in pixels of plain ``text`` on one line, with fallback runs where needed."""
    font, size = style["font_name"], style["font_size"]
    covered, fallback = _FALLBACKS.get(font, (None, font))
    if covered is None:
        return _run_width(text, font, size)
    width, run, run_font = 0.0, "", font
    for ch in text:
        ch_font = font if ord(ch) in covered or ch.isspace() else fallback
        if ch_font != run_font and not ch.isspace():
            width += _run_width(run, run_font, size)
            run, run_font = "", ch_font
        run += ch
    return width + _run_width(run, run_font, size)


def display_text(text: str, width: float, style: dict, rtl: bool) -> str:
    """What to hand Kivy: the text itself, or for RTL, Kivy markup of shaped visual lines."""
    if not rtl or not text:
        return text
    return _prepared(text, float(width), style["font_name"], style["font_size"])


# Every screen is rebuilt on every change (a page turn, a language switch), and the same texts
# are measured and shaped again each time: the page text by pagination and again by its
# label, the heading and buttons by the height rules. The results depend only on the text,
# the width and the font, so they are kept (a few hundred kilobytes at most), which saves an
# Arabic page turn most of its shaping time (docs/PERFORMANCE.md).
@lru_cache(maxsize=1024)
def _prepared(text: str, width: float, font_name: str, font_size: float) -> str:
    style = {"font_name": font_name, "font_size": font_size}
    lines = bidi_text.wrap(text, width, lambda line: text_width(line, style))
    covered, fallback = _FALLBACKS.get(style["font_name"], (None, ""))
    if covered is None:
        return "\n".join(bidi_text.escape_markup(line) for line in lines)
    return "\n".join(bidi_text.font_runs(line, covered, fallback) for line in lines)


def forget_measurements() -> None:
    """Drop every kept measurement, shaped line and measuring label: called when a visit ends.

    The caches are bounded far above one visit's needs, so over a day they would fill with
    earlier visitors' texts and the kiosk's memory would depend on its history. Cleared, each
    visit starts from the same state (docs/PERFORMANCE.md).
    """
    _prepared.cache_clear()
    _height.cache_clear()
    _measurer.cache_clear()
    bidi_text.visual.cache_clear()


def text_height(text: str, width: float, style: dict, line_height: float = 1.0,
                rtl: bool = False) -> float:
    """Height in pixels of ``text`` wrapped to ``width`` in ``style`` (font and size)."""
    if not text:
        return 0.0
    return _height(text, float(width), tuple(sorted(style.items())), float(line_height), rtl)


@lru_cache(maxsize=2048)
def _height(text: str, width: float, style: tuple, line_height: float, rtl: bool) -> float:
    styled = dict(style)
    cls = MarkupLabel if rtl else CoreLabel
    label = cls(text=display_text(text, width, styled, rtl), text_size=(width, None),
                line_height=line_height, halign="left", **styled)
    label.refresh()
    return float(label.texture.size[1]) if label.texture else 0.0
