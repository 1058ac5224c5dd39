"""How terms are said: a per-language list translators keep in their catalogue, applied to the
text the engine hears and never to the text on screen.

The list is one catalogue entry (context ``pronunciation``) so it travels with the rest of a
language through Poedit or Weblate: one rule a line, ``written = spoken``, for example
``CCSVI = C C S V I`` (letters spaced apart are read as letters by every engine). Word times
the engine reports for the spoken text are mapped back to the words as written, so the
highlight stays on "CCSVI" while its letters are heard.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

CONTEXT = "pronunciation"
# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Myanmar, Khmer):
# a term ends where such a character starts, so "CCSVI" is found in "CCSVI是".
_UNSPACED = ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fff\u3040-\u30ff"
             "\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff")
_LETTER = f"[^\\W_{_UNSPACED}]"  # a letter or digit of a script that puts spaces between words


@cache
def _wordlike() -> re.Pattern:
    """Compiled on first use: the class takes 5 ms to compile, at every kiosk start if eager."""
    return re.compile(_LETTER)


def listing(pgettext) -> str:
    """The list for the language ``pgettext`` translates into (English's own for English)."""
    # Translators: how the voice should say some terms; never shown on screen.
    # One rule a line: the term exactly as written in your translation, " = ",
    # then how your language's voice should say it. Letters spaced apart
    # ("C C S V I") are read one by one. Write rules only for terms your voice
    # gets wrong; drop the English ones. A line starting with # is a note:
    # write "# none" if your voice needs no rules. Hear it with:
    # ccsvi-kiosk speak --lang <code> --section <id> --page <n> --wav out.wav
    return pgettext("pronunciation", "CCSVI = C C S V I\n"
                                     "TVAM = TVA M")


def english_listing() -> str:
    return listing(lambda _context, message: message)


def pronunciations_from(catalogues) -> Callable[[str], Pronunciation]:
    """A language's pronunciation list, looked up once from ``catalogues``. A language whose
    catalogue has no list gets none: English rules would mislead another language's voice."""
    known: dict[str, Pronunciation] = {}

    def lookup(language: str) -> Pronunciation:
        if language not in known:
            text = english_listing()
            if language.split("_")[0] != "en":
                try:
                    found = listing(catalogues.translator(language).pgettext)
                except Exception:  # a language without a catalogue
                    found = text
                text = "" if found == text else found
            known[language] = Pronunciation.from_list(text)
        return known[language]

    return lookup


@dataclass(frozen=True)
class Rule:
    written: str
    spoken: str
    line: int  # 1-based, within the list


@dataclass(frozen=True)
class Piece:
    """Part of the spoken text and the part of the written text it stands for."""

    spoken_start: int
    written_start: int
    written_end: int
    replaced: bool  # a rule's spoken form: all of it stands for the whole written term


def parse(listing: str) -> tuple[list[Rule], list[tuple[int, str]]]:
    """The rules of a list, and (line, message) for each line that is not a rule."""
    rules: list[Rule] = []
    problems: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(listing.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            problems.append((number, f"{line!r} is not a rule: write 'term = how to say it'"))
            continue
        written, spoken = (part.strip() for part in line.split("=", 1))
        if not written or not spoken:
            problems.append((number, f"{line!r}: both sides of '=' are needed"))
            continue
        if "=" in spoken:
            problems.append((number, f"{line!r}: one '=' a line"))
            continue
        if written in seen:
            problems.append((number, f"{written!r} is already given on line {seen[written]}"))
            continue
        seen[written] = number
        rules.append(Rule(written, spoken, number))
    return rules, problems


def term_pattern(written: str) -> str:
    """A regular expression for ``written`` as a whole word: "MS" is not found inside "MSc"
    or "SMS", but is next to punctuation, and "CCSVI" is found in "CCSVI是"."""
    before = f"(?<!{_LETTER})" if _wordlike().match(written[0]) else ""
    after = f"(?!{_LETTER})" if _wordlike().match(written[-1]) else ""
    return f"{before}{re.escape(written)}{after}"


@dataclass(frozen=True)
class Pronunciation:
    rules: tuple[Rule, ...] = ()

    @classmethod
    def from_list(cls, listing: str) -> Pronunciation:
        return cls(tuple(parse(listing)[0]))

    def _pattern(self) -> re.Pattern | None:
        if not self.rules:
            return None
        longest_first = sorted(self.rules, key=lambda r: -len(r.written))
        return re.compile("|".join(term_pattern(rule.written) for rule in longest_first))

    def apply(self, text: str) -> tuple[str, list[Piece]]:
        """The text to speak, and the pieces that map it back to ``text``."""
        pattern = self._pattern()
        if pattern is None:
            return text, [Piece(0, 0, len(text), False)]
        spoken = {rule.written: rule.spoken for rule in self.rules}
        out: list[str] = []
        pieces: list[Piece] = []
        position = length = 0
        for match in pattern.finditer(text):
            if match.start() > position:
                pieces.append(Piece(length, position, match.start(), False))
                out.append(text[position:match.start()])
                length += match.start() - position
            said = spoken[match.group()]
            pieces.append(Piece(length, match.start(), match.end(), True))
            out.append(said)
            length += len(said)
            position = match.end()
        pieces.append(Piece(length, position, len(text), False))
        out.append(text[position:])
        return "".join(out), pieces


def written_words(words: list[tuple[int, int, int]], pieces: list[Piece]
                  ) -> list[tuple[int, int, int]]:
    """Word times for the spoken text, as word times for the written text: every word of a
    replaced term's spoken form becomes the term itself, timed by the first of them."""
    if len(pieces) == 1 and not pieces[0].replaced:
        return list(words)
    starts = [piece.spoken_start for piece in pieces]

    def written(offset: int, end: bool) -> int:
        piece = pieces[max(0, bisect_right(starts, offset) - 1)]
        if piece.replaced:
            return piece.written_end if end else piece.written_start
        return min(piece.written_end, piece.written_start + offset - piece.spoken_start)

    result: list[tuple[int, int, int]] = []
    for start, length, at in words:
        first = written(start, False)
        last = written(max(start, start + length - 1), True)
        if not pieces[max(0, bisect_right(starts, max(start, start + length - 1)) - 1)].replaced:
            last += 1
        if result and result[-1][0] == first:  # another letter of the same term: already
            end = max(first + result[-1][1], last)  # timed, but it may end past the term
            result[-1] = (first, end - first, result[-1][2])  # ("S E P," for "SEP,")
            continue
        if last > first:
            result.append((first, last - first, at))
    return result
