"""Split text into screenfuls so nobody ever has to scroll.

Scrolling is a drag gesture, which tremor and weak hands make hard (WCAG 2.5.7), so long text is
cut into pages that fit the screen at the current text size. Each content page starts a new
screenful (one idea per screen); a paragraph too long for one screen is split between
sentences, and only a sentence too long for a whole screen is split between words. The
measuring is the UI's job (it knows fonts); this module only decides where to cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Fits = Callable[[Sequence[str]], bool]

# A sentence ends at . ! ? (and their CJK and Arabic forms) followed by space or the end.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？؟])")
_CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Screenful:
    paragraphs: tuple[str, ...]
    block: int  # index of the content page (block) this screenful comes from


def split_sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]


def split_words(text: str) -> list[str]:
    """Words, or characters for Chinese and Japanese text, which has no spaces."""
    if " " not in text and _CJK.search(text):
        return list(text)
    return text.split()


def _is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def _join(pieces: list[str], cjk: bool) -> str:
    return ("" if cjk else " ").join(pieces)


def _pack(pieces: list[str], fits: Fits, prefix: list[str], cjk: bool) -> list[list[str]]:
    """Greedily pack sentence/word pieces into paragraphs, starting after ``prefix``."""
    screens: list[list[str]] = []
    current: list[str] = []
    head = list(prefix)
    for piece in pieces:
        trial = [*current, piece]
        if fits([*head, _join(trial, cjk)]):
            current = trial
            continue
        if current:
            screens.append([*head, _join(current, cjk)])
            head, current = [], [piece]
            if fits([_join(current, cjk)]):
                continue
        elif head:
            screens.append(head)
            head = []
            if fits([piece]):
                current = [piece]
                continue
        # A single piece is too big even on an empty screen: it goes on a screen of its own
        # only if it is a word; sentences are split further by the caller.
        current = [piece]
    if current or head:
        screens.append([*head, _join(current, cjk)] if current else head)
    return screens


def paginate(blocks: Sequence[Sequence[str]], fits: Fits, *, fill: bool = True
             ) -> list[Screenful]:
    """Cut blocks of paragraphs into screenfuls that ``fits`` accepts.

    With ``fill``, space left at the bottom of a screen is filled with the next paragraph's
    first sentences; without it (citations, glossary entries) a paragraph that fits on a
    screen of its own is never split.
    """
    result: list[Screenful] = []
    for block_index, paragraphs in enumerate(blocks):
        current: list[str] = []
        for paragraph in paragraphs:
            if fits([*current, paragraph]):
                current.append(paragraph)
                continue
            sentences = split_sentences(paragraph)
            if current and fits([paragraph]) and not fill:
                result.append(Screenful(tuple(current), block_index))
                current = [paragraph]
                continue
            if current and fits([paragraph]):
                # Fill the rest of this screen with whole sentences (fewer page turns for
                # tired readers), and carry the remainder of the paragraph over.
                taken = 0
                while taken < len(sentences) and fits(
                        [*current, _join(sentences[:taken + 1], _is_cjk(paragraph))]):
                    taken += 1
                if taken:
                    current.append(_join(sentences[:taken], _is_cjk(paragraph)))
                    result.append(Screenful(tuple(current), block_index))
                    current = [_join(sentences[taken:], _is_cjk(paragraph))]
                else:
                    result.append(Screenful(tuple(current), block_index))
                    current = [paragraph]
                continue
            # The paragraph must be split: by sentences, then by words where needed.
            cjk = _is_cjk(paragraph)
            pieces: list[str] = []
            for sentence in sentences:
                pieces.extend([sentence] if fits([sentence]) else split_words(sentence))
            screens = _pack(pieces, fits, current, cjk)
            result.extend(Screenful(tuple(s), block_index) for s in screens[:-1])
            current = list(screens[-1]) if screens else []
        if current:
            result.append(Screenful(tuple(current), block_index))
    return result
