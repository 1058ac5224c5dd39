"""Word times from a neural voice's phoneme times: which phonemes belong to which written word.

Piper reports how many audio samples each phoneme of a sentence lasts, but not which word a
phoneme came from: espeak-ng (its phonemizer) joins words ("did not", "of a") into one group
and spells numbers and abbreviations out. So each written word is phonemized on its own and
the result aligned with the sentence's phonemes (Needleman-Wunsch, word breaks never matched
to sounds); a word starts where its first aligned phoneme starts, or at the start of the
sentence group it opens. When the match is poor, or any word is left without a time, the
caller gets ``None`` and highlights the sentence alone: never a wrong word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

BREAK = " "
_SILENT = {"^", "$", "_"}  # sentence start, end and padding
PAUSE_MARKS = frozenset(",.;:!?¡¿،؛؟。，、！？：；")  # punctuation: a pause, not a sound
_SOFT = {"ˈ", "ˌ", "ː", "ʲ", "̃", "̩"}  # stress and length marks: cheap to mismatch
_GAP = 0.7
MAX_COST_PER_PHONEME = 0.45  # above this the words and the sounds disagree too much to trust
_TOKEN = re.compile(r"\S+")
_WORD_CHAR = re.compile(r"\w")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Phone:
    """One phoneme of the spoken sentence and where it sounds, in samples."""

    symbol: str
    start: int
    length: int


def written_words(text: str) -> list[tuple[int, int]]:
    """The words a reader sees, as (offset, length): tokens with a letter or digit, without
    the punctuation around them. Chinese characters are words one by one (no spaces)."""
    words = []
    for match in _TOKEN.finditer(text):
        token, base = match.group(), match.start()
        if _CJK.search(token):
            for index, char in enumerate(token):
                if _WORD_CHAR.match(char):
                    words.append((base + index, 1))
            continue
        if not _WORD_CHAR.search(token):
            continue
        start, end = 0, len(token)
        while not _WORD_CHAR.match(token[start]):
            start += 1
        while not _WORD_CHAR.match(token[end - 1]):
            end -= 1
        words.append((base + start, end - start))
    return words


def _cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if a == BREAK or b == BREAK:
        return 3.0  # a word break is never a sound
    if a in _SOFT or b in _SOFT:
        return 0.6
    return 1.0


def _align(spoken: Sequence[str], written: Sequence[str]) -> tuple[list[int | None], float]:
    """For each spoken phoneme, the index of the written phoneme it matches (or None), and
    the total cost of the alignment."""
    n, m = len(spoken), len(written)
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 0 both, 1 spoken only, 2 written only
    for i in range(1, n + 1):
        cost[i][0], move[i][0] = i * _GAP, 1
    for j in range(1, m + 1):
        cost[0][j], move[0][j] = j * _GAP, 2
    for i in range(1, n + 1):
        row, above, symbol = cost[i], cost[i - 1], spoken[i - 1]
        for j in range(1, m + 1):
            both = above[j - 1] + _cost(symbol, written[j - 1])
            skip_spoken = above[j] + _GAP
            skip_written = row[j - 1] + _GAP
            if both <= skip_spoken and both <= skip_written:
                row[j] = both
            elif skip_spoken <= skip_written:
                row[j], move[i][j] = skip_spoken, 1
            else:
                row[j], move[i][j] = skip_written, 2
    matches: list[int | None] = [None] * n
    i, j = n, m
    while i > 0 or j > 0:
        step = move[i][j] if i and j else (1 if i else 2)
        if step == 0:
            matches[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif step == 1:
            i -= 1
        else:
            j -= 1
    return matches, cost[n][m]


def _groups(phonemes: str) -> list[str]:
    """A phonemized word as its espeak word groups, punctuation dropped."""
    clean = "".join(p for p in phonemes if p not in PAUSE_MARKS)
    return [group for group in clean.split() if group]


def word_starts(text: str, phones: Sequence[Phone], phonemize: Callable[[str], str]
                ) -> list[tuple[int, int, int]] | None:
    """(offset, length, start sample) for every written word of ``text``, or None when the
    words cannot be placed with confidence. ``phonemize`` gives one word's phonemes as the
    voice would say them alone."""
    words = written_words(text)
    if not words:
        return []
    written: list[str] = []
    owner: list[int | None] = []
    for index, (start, length) in enumerate(words):
        groups = _groups(phonemize(text[start:start + length]))
        if not groups:
            return None  # a word with no sound at all cannot be timed
        for group in groups:
            if written:
                written.append(BREAK)
                owner.append(None)
            written.extend(group)
            owner.extend([index] * len(group))
    spoken: list[Phone] = []
    for phone in phones:
        if phone.symbol in _SILENT:
            continue
        if phone.symbol == BREAK or phone.symbol in PAUSE_MARKS:
            if spoken and spoken[-1].symbol != BREAK:
                spoken.append(Phone(BREAK, phone.start, phone.length))
            continue
        spoken.append(phone)
    while spoken and spoken[-1].symbol == BREAK:
        spoken.pop()
    symbols = [phone.symbol for phone in spoken]
    matches, total = _align(symbols, written)
    if total / max(1, len(written)) > MAX_COST_PER_PHONEME:
        return None
    first: list[int | None] = [None] * len(words)
    last: list[int | None] = [None] * len(words)
    for spoken_index, written_index in enumerate(matches):
        if written_index is None or owner[written_index] is None or symbols[spoken_index] == BREAK:
            continue
        word = owner[written_index]
        if first[word] is None:
            first[word] = spoken_index
        last[word] = spoken_index
    result, previous_last, previous_start = [], -1, -1
    for word, (start, length) in enumerate(words):
        index = first[word]
        if index is None:
            return None
        # Phonemes of this word's group before its first match (an unmatched onset) still
        # belong to it: start at the group's break.
        k = index
        while k - 1 > previous_last and symbols[k - 1] != BREAK:
            k -= 1
        if k - 1 > previous_last and symbols[k - 1] == BREAK:
            index = k
        sample = spoken[index].start
        if sample <= previous_start:  # two words at one instant: one of them is wrong
            return None
        result.append((start, length, sample))
        previous_last, previous_start = last[word], sample
    return result
