"""Right-to-left text, shaped and broken into lines before Kivy sees it.

Kivy 2.3 measures text before HarfBuzz shapes it, so wrapped Arabic comes out mis-measured,
badly broken and not right-aligned (seen in our own probes of the 2.3.1 wheel; Arabic support
is an open upstream issue, kivy/kivy#7704). Instead the kiosk does what the Kivy community does
for Arabic: break lines itself on the logical text, then shape each line (``arabic_reshaper``)
and put it in visual order (``python-bidi``, the Unicode Bidirectional Algorithm). Kivy then
draws plain left-to-right glyphs it measures correctly, right-aligned. Plain Python: the
measuring function comes from the UI.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

import arabic_reshaper
from bidi.algorithm import get_display

Measure = Callable[[str], float]


LRM, RLM = "\u200e", "\u200f"  # strong left-to-right and right-to-left marks; draw nothing
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {closer: opener for opener, closer in _OPENERS.items()}


@lru_cache(maxsize=4096)
def visual(line: str) -> str:
    """One logical line in display order, with joined Arabic letter forms."""
    marked = line
    for index, mark in sorted(_bracket_marks(line), reverse=True):
        marked = marked[:index] + mark + marked[index:]
    shown = get_display(arabic_reshaper.reshape(marked), base_dir="R")
    return shown.replace(LRM, "").replace(RLM, "") if marked != line else shown


def _bracket_marks(line: str) -> list[tuple[int, str]]:
    """Where to put a directional mark, so that python-bidi orders bracket pairs as the
    bidirectional algorithm's rule N0 does (Unicode Standard Annex #9, paired brackets).

    python-bidi's algorithm predates N0: it sent the ")" of "(PREMiSe)." or "Neurology 80(4)"
    to the far end of the line, away from its "(". A mark on each side of a pair, of the
    direction N0 gives the pair, makes the older rules reach the same order; the marks are taken
    out of the result again.
    """
    strong: list[str | None] = []
    last = "R"  # the paragraph is right to left
    for char in line:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            last = "L" if kind == "L" else "R"
            strong.append(last)
        elif kind in ("EN", "AN"):  # numbers: left to right after Latin letters (rule W7)
            strong.append("L" if kind == "EN" and last == "L" else "R")
        else:
            strong.append(None)
    pairs, open_brackets = [], []
    for index, char in enumerate(line):
        if char in _OPENERS:
            open_brackets.append((char, index))
        elif char in _CLOSERS:
            for depth in range(len(open_brackets) - 1, -1, -1):
                if open_brackets[depth][0] == _CLOSERS[char]:
                    pairs.append((open_brackets[depth][1], index))
                    del open_brackets[depth:]
                    break
    marks = []
    for start, end in sorted(pairs):  # in the order of their opening brackets, as N0 asks
        inside = set(strong[start + 1:end])
        if "R" in inside:
            direction = "R"
        elif "L" in inside:
            before = next((s for s in reversed(strong[:start]) if s), "R")
            direction = "L" if before == "L" else "R"
        else:
            continue  # nothing strong inside: the pair takes the direction of its neighbours
        strong[start] = strong[end] = direction
        mark = LRM if direction == "L" else RLM
        marks += [(start, mark), (end + 1, mark)]
    return marks


def wrap_ranges(text: str, width: float, measure: Measure) -> list[tuple[int, int]]:
    """Break logical text into lines no wider than ``width``: their [start, end) offsets.

    Explicit newlines (paragraph breaks) are kept. A single word wider than a line stays on a
    line of its own rather than being cut.
    """
    ranges: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        start, end, position = offset, offset, offset
        for word in paragraph.split(" "):
            candidate = text[start:position + len(word)]
            if end == start or measure(visual(candidate)) <= width:
                end = position + len(word)
            else:
                ranges.append((start, end))
                start, end = position, position + len(word)
            position += len(word) + 1
        ranges.append((start, end))
        offset += len(paragraph) + 1
    return ranges


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """Lines of ``text`` no wider than ``width``, in display form."""
    return [visual(text[a:b]) if b > a else "" for a, b in wrap_ranges(text, width, measure)]


def locate(text: str, line: tuple[int, int], word: tuple[int, int]) -> tuple[int, int] | None:
    """Where a word of a logical line sits in that line's display form (for highlighting).

    Arabic letters never join across a space, so a word's display form is the same alone as
    in its line; among equal words, right-to-left order reverses which one comes first.
    """
    a, b = line
    w0, w1 = word
    if not (a <= w0 < w1 <= b):
        return None
    target = visual(text[w0:w1])
    shown = visual(text[a:b])
    before = text[a:w0].split(" ").count(text[w0:w1])
    spots, index = [], shown.find(target)
    while index >= 0:
        spots.append(index)
        index = shown.find(target, index + 1)
    if not spots:
        return None
    spot = spots[max(0, len(spots) - 1 - before)]
    return spot, spot + len(target)


def escape_markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("[", "&bl;").replace("]", "&br;")


def font_runs(line: str, covered: frozenset[int], fallback_font: str) -> str:
    """Kivy markup for one display line: runs the main font cannot draw use ``fallback_font``.

    The line is already in visual order, so Kivy laying the runs out left to right is right.
    """
    out: list[str] = []
    run: list[str] = []
    run_is_fallback = False

    def flush() -> None:
        if run:
            text = escape_markup("".join(run))
            out.append(f"[font={fallback_font}]{text}[/font]" if run_is_fallback else text)
            run.clear()

    for ch in line:
        needs_fallback = ord(ch) not in covered and not ch.isspace()
        if run and needs_fallback != run_is_fallback and not ch.isspace():
            flush()
        if not run:
            run_is_fallback = needs_fallback
        run.append(ch)
    flush()
    return "".join(out)
