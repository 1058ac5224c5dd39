"""The translator workflow on Babel's API: extract, update, compile, check, stats.

Modelled on Sphinx's ``babel_runner``: the same steps as ``pybabel``, but with the project's
settings built in and with the checks Babel lacks (``{brace}`` placeholders, glyphs the fonts
cannot draw, suspicious copies of the English, code strings without a translator comment, the
pronunciation lists).
Plain Python; the rendering check (labels that do not fit their button) lives in
``kiosk.ui.headless.fit_audit`` and is called by the CLI.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from kiosk import paths
from kiosk.content.babel_extractor import extract_content
from kiosk.fonts.faces import find_font
from kiosk.fonts.glyphs import missing
from kiosk.i18n.catalogue_rules import (
    plural_rule_problem,
    reapply,
    restore_previous_ids,
    stale_previous_markers,
)
from kiosk.i18n.catalogues import (
    DOMAIN,
    PLACEHOLDER,
    PSEUDO_LANGUAGE,
    SOURCE_LANGUAGE,
    MessageKey,
    check_po_syntax,
    language_info,
    placeholders_match,
    po_error_line,
    po_path,
)
from kiosk.i18n.pronunciation_check import check_catalogue_list, check_english_list
from kiosk.problems import Problem
from kiosk.speech.pronunciation import CONTEXT as PRONUNCIATION

if TYPE_CHECKING:
    from kiosk.content.reading_level import ReadingLevel

METHOD_MAP = [("kiosk/**.py", "python"), ("content/**.yaml", "kiosk_yaml")]
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
COMMENT_TAGS = ("Translators:",)
PROJECT = "ccsvi-kiosk"
# The line every draft catalogue carries until a qualified medical translator has reviewed it.
REVIEW_NOTE = ("# This translation awaits review by a qualified medical translator before\n"
               "# clinical use.")

_WORD = re.compile(r"[^\W\d_]{2,}")


def _suspicious_copy(msgid: str, msgstr: str) -> bool:
    """An identical translation is suspicious for a phrase, not for a single word (loanwords
    such as "stent") or a string that is only placeholders and punctuation."""
    return msgstr == msgid and len(_WORD.findall(PLACEHOLDER.sub(" ", msgid))) >= 2


def template_path(locales_dir: Path = paths.LOCALES_DIR) -> Path:
    return locales_dir / f"{DOMAIN}.pot"


def catalogue_paths(locales_dir: Path) -> dict[str, Path]:
    """Every language that has a catalogue, by code (the pseudo-locale excluded)."""
    found = {}
    for path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        code = path.parent.parent.name
        if code != PSEUDO_LANGUAGE:
            found[code] = path
    return found


# Extract ---------------------------------------------------------------------------------------
def extract(project_dir: Path = paths.PROJECT_DIR) -> Catalog:
    """Every translatable string in the code and the content, as ``pybabel extract`` finds it."""
    from kiosk import __version__

    catalog = Catalog(project=PROJECT, version=__version__,
                      copyright_holder="CCSVI kiosk contributors", charset="utf-8")
    methods = {"kiosk_yaml": extract_content}
    method_map = [(pattern, methods.get(method, method)) for pattern, method in METHOD_MAP]
    for filename, lineno, message, comments, context in extract_from_dir(
            str(project_dir), method_map, {}, KEYWORDS, COMMENT_TAGS):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def write_catalog(catalog: Catalog, path: Path, **options) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=76, **options)


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    data = path.read_bytes()
    check_po_syntax(data)  # Babel alone would drop a letter at a missing quote, and save that
    return read_po(io.BytesIO(data), locale=locale, abort_invalid=True)


# Update and compile ----------------------------------------------------------------------------
def update(locales_dir: Path, new_languages: list[str] | tuple[str, ...] = ()
           ) -> list[tuple[Path, str]]:
    """Merge the template into every catalogue (new strings empty, changed ones fuzzy with the
    previous English kept for Poedit/Weblate), creating catalogues for ``new_languages``.
    Returns each catalogue with "created", "updated" or "unchanged", so the translator is told
    only what changed; an unchanged file is not rewritten."""
    template = read_catalog(template_path(locales_dir))
    written: list[tuple[Path, str]] = []
    targets = catalogue_paths(locales_dir)
    for code in new_languages:
        targets.setdefault(code, po_path(locales_dir, code))
    for code, path in targets.items():
        if path.exists():
            catalog = read_catalog(path, code)
            previous = restore_previous_ids(catalog)
        else:
            previous = {}
            catalog = Catalog(locale=code, project=PROJECT, charset="utf-8")
            catalog.header_comment += "\n" + REVIEW_NOTE  # as in every shipped catalogue
        catalog.update(template)
        reapply(catalog, previous)
        before = path.read_bytes() if path.exists() else None
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=76, include_previous=True, ignore_obsolete=True)
        if buffer.getvalue() == before:
            written.append((path, "unchanged"))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(buffer.getvalue())
        written.append((path, "created" if before is None else "updated"))
    return written


def compile_all(locales_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Write ``.mo`` files for gettext tools (the kiosk itself reads the ``.po``)."""
    written, problems = [], []
    for code, path in catalogue_paths(locales_dir).items():
        catalog = read_catalog(path, code)
        for message, errors in catalog.check():
            for error in errors:
                problems.append(Problem(path, message.lineno, str(error)))
        mo = path.with_suffix(".mo")
        with mo.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(mo)
    return written, problems


# Check and stats -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Stats:
    total: int
    translated: int
    fuzzy: int
    reading: ReadingLevel | None = None  # the language's content pages, measured together

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def text_of(value) -> str:
    """A message's id or string as text (the singular form of a plural)."""
    return value if isinstance(value, str) else (value[0] if value else "")


def forms_of(value) -> list[str]:
    """Every form of a message's string: one, or one per plural category."""
    return [value] if isinstance(value, str) else list(value or [""])


def entries(catalog: Catalog) -> list[Message]:
    """A catalogue's messages without its header."""
    return [m for m in catalog if m.id]


def stats(locales_dir: Path, content_dir: Path | None = paths.CONTENT_DIR) -> dict[str, Stats]:
    """Per language; the source language counts as complete (its text is the msgids). With
    ``content_dir``, each language's content pages are measured for reading level too
    (``kiosk.content.reading_level``), in the language's own formulas plus LIX and mean
    sentence length; untranslated paragraphs count in English, as the kiosk shows them."""
    result = {}
    template = template_path(locales_dir)
    codes = catalogue_paths(locales_dir)
    reading = _reading_levels(locales_dir, content_dir, list(codes)) if content_dir else {}
    if template.exists():
        total = len(entries(read_catalog(template)))
        result[SOURCE_LANGUAGE] = Stats(total, total, 0, reading.get(SOURCE_LANGUAGE))
    for code, path in codes.items():
        messages = entries(read_catalog(path, code))
        fuzzy = sum(1 for m in messages if m.fuzzy)
        done = sum(1 for m in messages if text_of(m.string) and not m.fuzzy)
        result[code] = Stats(len(messages), done, fuzzy, reading.get(code))
    return result


def _reading_levels(locales_dir: Path, content_dir: Path, codes: list[str],
                    ) -> dict[str, ReadingLevel]:
    from kiosk.content.model import load_content
    from kiosk.content.reading_level import measure, pages_in
    from kiosk.i18n.catalogues import Catalogues

    content = load_content(content_dir)
    catalogues = Catalogues(locales_dir, codes)
    result = {SOURCE_LANGUAGE: measure([p for *_x, ps in pages_in(content) for p in ps],
                                       SOURCE_LANGUAGE)}
    for code in codes:
        if catalogues.is_available(code):
            pages = pages_in(content, catalogues.translator(code).pgettext)
            result[code] = measure([p for *_x, ps in pages for p in ps], code)
    return result


def check_catalogue(path: Path, code: str, template: Catalog | None = None) -> list[Problem]:
    """Everything a translator should fix in one catalogue, by file and line."""
    try:
        catalog = read_catalog(path, code)
    except PoFileError as exc:
        return [Problem(path, po_error_line(exc), f"does not parse: {exc}")]
    text = path.read_text(encoding="utf-8")  # for the lines Babel does not keep
    problems: list[Problem] = []
    if catalog.fuzzy:  # babel's new catalogues start so; Poedit and msgfmt distrust the header
        problems.append(Problem(path, _header_line(text), "the header is marked fuzzy: fill in "
                                "Last-Translator and delete the '#, fuzzy' line above "
                                "msgid \"\"", "warning"))
    messages = entries(catalog)
    for message in messages:
        msgid, msgstr = text_of(message.id), text_of(message.string)
        strings = forms_of(message.string)
        where = f"{message.context}: " if message.context else ""
        if not all(strings):
            what = "untranslated" if not any(strings) else "a plural form is missing"
            problems.append(Problem(path, message.lineno, f"{where}{what}: {msgid!r}"))
            continue
        if message.fuzzy:
            problems.append(Problem(path, message.lineno, f"{where}fuzzy: {msgid!r}"))
        english = message.id if isinstance(message.id, str) else message.id[-1]
        for string in strings:
            if not placeholders_match(english, string):
                problems.append(Problem(path, message.lineno,
                                        f"{where}placeholders differ: {english!r} -> "
                                        f"{string!r}"))
        if (code.split("_")[0] != SOURCE_LANGUAGE and message.context != PRONUNCIATION
                and _suspicious_copy(msgid, msgstr)):  # the list's own check says it better
            problems.append(Problem(path, message.lineno,
                                    f"{where}same as the English: {msgid!r}", "warning"))
    if template is not None:
        have = {(m.context, text_of(m.id)) for m in messages}
        for message in entries(template):
            if (message.context, text_of(message.id)) not in have:
                problems.append(Problem(path, None, f"missing (run 'ccsvi-kiosk i18n update'):"
                                                    f" {text_of(message.id)!r}"))
    for line in stale_previous_markers(text):
        problems.append(Problem(path, line, "a '# | msgid' comment is left from an old fuzzy "
                                            "match: delete it"))
    plural = plural_rule_problem(catalog, code)
    if plural:
        problems.append(Problem(path, _header_line(text, "Plural-Forms"), plural))
    problems += check_catalogue_list(path, messages)
    problems += check_glyphs(path, code, messages)
    return problems


def _header_line(text: str, field: str | None = None) -> int | None:
    """The line of the header's ``#, fuzzy`` flag (or of ``field``), for ``file:line``."""
    for number, line in enumerate(text.splitlines(), 1):
        if field is None and line.startswith("#,") and "fuzzy" in line:
            return number
        if field is not None and line.startswith(f'"{field}:'):
            return number
    return None


def check_glyphs(path: Path, code: str, messages: list[Message]) -> list[Problem]:
    """Fail if the font chosen for this language cannot draw a character the catalogue uses."""
    info = language_info(code)
    font = find_font(info.script, full=True)  # the kiosk falls back to it from a subset
    if font is None:
        return [Problem(path, None, f"no font installed for the {info.script} script")]
    problems = []
    files = font.files()
    reported: set[str] = set()
    for message in messages:
        lacking = missing("".join(forms_of(message.string)) + info.endonym, files) - reported
        if lacking:
            reported |= lacking
            names = ", ".join(f"{ch!r} ({unicodedata.name(ch, 'unnamed')})"
                              for ch in sorted(lacking))
            problems.append(Problem(path, message.lineno,
                                    f"{font.regular.name} has no glyph for {names}"))
    return problems


def check_all(locales_dir: Path, project_dir: Path | None = paths.PROJECT_DIR) -> list[Problem]:
    """Every catalogue's problems, then the code's: the English pronunciation list and the
    strings that lack a translator comment (``project_dir=None`` checks the catalogues only)."""
    template_file = template_path(locales_dir)
    template = read_catalog(template_file) if template_file.exists() else None
    problems = []
    for code, path in catalogue_paths(locales_dir).items():
        problems += check_catalogue(path, code, template)
    if project_dir is not None:
        problems += check_english_list(entries(template)) if template is not None else []
        problems += check_translator_comments(project_dir)
    return problems


# Translator comments in the code ---------------------------------------------------------------
# Messages of the kiosk's code that may go without a "# Translators:" comment, as (msgctxt, msgid);
# NVDA's tests/checkPot.py calls its list EXPECTED_MESSAGES_WITHOUT_COMMENTS. Keep it empty: write
# the comment instead. An entry that has a comment now, or is no longer in the code, is an error,
# so the list can only shrink.
EXPECTED_MESSAGES_WITHOUT_COMMENTS: frozenset[MessageKey] = frozenset()

CODE_METHOD_MAP = [(pattern, method) for pattern, method in METHOD_MAP if method == "python"]


def extract_code(project_dir: Path = paths.PROJECT_DIR,
                 ) -> Iterator[tuple[str, int, MessageKey, list[str]]]:
    """``(file, line, (msgctxt, msgid), comments)`` for every marked string in the code under
    ``project_dir``, with the comments Babel attaches to it, as ``extract`` finds them (but
    walking only the code's directories, not the content, tests or docs)."""
    root = os.path.abspath(project_dir)
    tops = {pattern.split("/")[0] for pattern, _method in CODE_METHOD_MAP}

    def code_only(dirpath: str) -> bool:
        name = os.path.basename(dirpath)
        return (os.path.relpath(dirpath, root).split(os.sep)[0] in tops
                and not name.startswith((".", "_")))  # what Babel skips by default

    for filename, lineno, message, comments, context in extract_from_dir(
            root, CODE_METHOD_MAP, {}, KEYWORDS, COMMENT_TAGS, directory_filter=code_only):
        yield filename, lineno, (context, text_of(message)), comments


def check_translator_comments(project_dir: Path = paths.PROJECT_DIR,
                              allowed: frozenset[MessageKey] = EXPECTED_MESSAGES_WITHOUT_COMMENTS,
                              ) -> list[Problem]:
    """An error at the first use of each message of the code that has a ``# Translators:``
    comment at none of its uses (translators see all of a message's comments together; NVDA's
    checkPot reads them from the template), and one for each stale entry of ``allowed``."""
    uses: dict[MessageKey, list[tuple[str, int]]] = {}
    commented: set[MessageKey] = set()
    for filename, lineno, key, comments in extract_code(project_dir):
        uses.setdefault(key, []).append((filename, lineno))
        if any(comment.startswith(COMMENT_TAGS) for comment in comments):
            commented.add(key)
    problems = []
    for key, places in uses.items():
        if key in commented or key in allowed:
            continue
        (filename, lineno), others = places[0], places[1:]
        also = f" (also at {', '.join(f'{f}:{n}' for f, n in others)})" if others else ""
        problems.append(Problem(filename, lineno,
                                f"{_shown(key)} has no '# Translators:' comment{also} (write one "
                                f"just above the call: where it appears, what it means, how "
                                f"long it may be, what its placeholders hold)"))
    for key in sorted(allowed, key=lambda k: (k[0] or "", k[1])):
        if key in commented:
            why = "has a translator comment now"
        elif key not in uses:
            why = "is no longer in the code"
        else:
            continue
        problems.append(Problem(*_allow_list_place(), f"stale allow-list entry: {_shown(key)} "
                                                      f"{why}; remove it from "
                                                      f"EXPECTED_MESSAGES_WITHOUT_COMMENTS"))
    return problems


def _shown(key: MessageKey) -> str:
    context, msgid = key
    return repr(msgid) + (f" (msgctxt {context!r})" if context else "")


def _allow_list_place() -> tuple[str, int | None]:
    """This file, relative to the project like the code's files, and the allow-list's line."""
    here = Path(__file__).resolve()
    lines = here.read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, 1)
                 if text.startswith("EXPECTED_MESSAGES_WITHOUT_COMMENTS")), None)
    return os.path.relpath(here, paths.PROJECT_DIR), line
