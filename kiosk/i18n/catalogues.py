"""Gettext catalogues read straight from the ``.po`` files, with a per-string fallback chain.

Translators edit ``locales/<lang>/LC_MESSAGES/kiosk.po`` in Poedit or Weblate; the kiosk reads
the ``.po`` itself on start, so an edit shows up without a compile step. Each string falls back
along ``fr_CA -> fr -> English``, fuzzy and empty entries count as untranslated, and a catalogue
that does not parse disables only its own language (reported with ``file:line``).

UI code marks strings with ``_()`` / ``pgettext()`` (looked up in the active language) and
``N_()`` (marked for extraction, translated later), the usual gettext idiom.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kiosk.problems import Problem

# Babel is imported where it is used, not here: the UI needs ``_`` for its first frame, and
# a start from the checked copy (``kiosk.loading_cache``) needs nothing from Babel at all.

DOMAIN = "kiosk"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str  # gettext code, e.g. "zh_Hans"
    endonym: str  # the language's name in itself, capitalised for a button: "Español"
    english_name: str
    direction: str  # "ltr" or "rtl"
    script: str  # ISO 15924, e.g. "Latn", "Arab", "Hans"
    without_region: str = ""  # "Português" for "Português (Brasil)"; empty if no region

    @property
    def short_endonym(self) -> str:
        return self.without_region or self.endonym

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


def language_info(code: str) -> Language:
    """Names, direction and script of a language, from Babel's CLDR data (works offline)."""
    if code == PSEUDO_LANGUAGE:
        return Language(code, "[Ƥşéûđö]", "Pseudo-locale", "ltr", "Latn")
    from babel import Locale
    from babel.core import get_global

    locale = Locale.parse(code)
    name = locale.languages.get(locale.language) or locale.display_name or code
    english = Locale("en").languages.get(locale.language, code)
    alone = ""
    if locale.territory:  # "Português (Brasil)": a regional variety says which one it is
        alone = name[:1].upper() + name[1:]
        name += f" ({locale.territories.get(locale.territory, locale.territory)})"
        english += f" ({Locale('en').territories.get(locale.territory, locale.territory)})"
    likely = get_global("likely_subtags").get(locale.language, "")
    script = locale.script or (likely.split("_")[1] if likely.count("_") >= 2 else "Latn")
    return Language(
        code=code,
        endonym=name[:1].upper() + name[1:],
        english_name=english,
        direction="rtl" if locale.text_direction == "rtl" else "ltr",
        script=script,
        without_region=alone,
    )


def fallback_chain(code: str) -> list[str]:
    """``fr_CA`` -> ``["fr_CA", "fr"]``; the source language is the implicit last resort."""
    chain = []
    parts = code.split("_")
    while parts:
        candidate = "_".join(parts)
        if candidate != SOURCE_LANGUAGE:
            chain.append(candidate)
        parts.pop()
    return chain


def po_path(locales_dir: Path, code: str) -> Path:
    return locales_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


MessageKey = tuple[str | None, str]  # (msgctxt, msgid)

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_BRACE = re.compile(rf"\{{({_NAME})\}}")  # {name}, the name as a group
_PERCENT = re.compile(r"%(?:\([A-Za-z_]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
# One placeholder of either kind, as a group (so ``split`` keeps it); the translator tools use
# the same pattern.
PLACEHOLDER = re.compile(rf"(\{{{_NAME}\}}|{_PERCENT.pattern})")
PSEUDO_LANGUAGE = "en_XA"  # the conventional pseudo-locale code for layout testing


def placeholders(text: str) -> tuple[list[str], list[str]]:
    """The ``{name}`` and ``%s``-style placeholders in a message, sorted."""
    return sorted(_BRACE.findall(text)), sorted(p for p in _PERCENT.findall(text) if p != "%%")


def placeholders_match(msgid: str, msgstr: str) -> bool:
    """Same ``{name}`` fields; same ``%`` fields only if the English uses any (as gettext's
    python-format check does), so a literal "50 % des" in French is not mistaken for ``%d``."""
    brace_id, percent_id = placeholders(msgid)
    brace_str, percent_str = placeholders(msgstr)
    return brace_id == brace_str and (not percent_id or percent_id == percent_str)


_PO_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf"\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"
                      rf"{_PO_STRING}\s*")


def check_po_syntax(data: bytes) -> None:
    """Raise ``PoFileError`` at the first line gettext's ``msgfmt`` would refuse.

    Babel's reader is lenient where a translator's slip is likely: it reads ``msgstr "Start``
    (closing quote missing) as "Star", ``msgid "Home`` as "Hom" (so the string is silently
    never used), and keeps text after a closing quote. Such a catalogue must be refused with
    its line, like any other that does not parse, not shown with letters missing.
    """
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    for index, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _PO_LINE.fullmatch(line):
            from babel.messages.pofile import PoFileError

            reason = ("a quoted string is not closed, or has text after its closing quote"
                      if '"' in stripped else "expected a keyword and a quoted string")
            raise PoFileError(reason, None, line, index)  # Babel's lines count from 0


def _without_notes(data: bytes) -> bytes:
    """The catalogue without the translators' notes and source references (``#.``, ``#:``),
    which the kiosk never shows: about half the lines, and half the reading time at start.
    Each becomes an empty line, so a problem is still reported at its own line."""
    return b"\n".join(b"" if line.lstrip().startswith((b"#.", b"#:")) else line
                       for line in data.split(b"\n"))


@dataclass(frozen=True)
class PluralForms:
    """A translation with one form per plural category ("1 second", "3 seconds"; Arabic has
    six), and the catalogue's rule that picks the form for a number."""

    forms: tuple[str, ...]
    rule: str  # the header's C expression, e.g. "(n != 1)"; kept as text so it can be pickled

    def pick(self, n: int) -> str | None:
        index = plural_rule(self.rule)(n)
        return self.forms[index] if 0 <= index < len(self.forms) else None


def _english_rule(n: int) -> int:
    return int(n != 1)


@lru_cache(maxsize=32)
def plural_rule(expression: str) -> Callable[[int], int]:
    """The function for a catalogue's ``plural=`` expression (gettext's own parser)."""
    try:
        return gettext.c2py(expression)
    except (ValueError, SyntaxError):  # a header gettext cannot parse: English's rule
        return _english_rule


def read_catalogue(path: Path) -> dict[MessageKey, str | PluralForms]:
    """The usable translations in one ``.po``; raises ``PoFileError``/``OSError`` if unreadable.

    Fuzzy and empty entries are skipped, and so is any translation whose placeholders differ
    from the English: ``"{page}"`` mistyped as ``"{pgae}"`` would otherwise crash the screen.
    A plural entry is used only when every form is filled in and keeps the placeholders.
    """
    from babel.messages.pofile import read_po

    data = path.read_bytes()
    check_po_syntax(data)
    catalog = read_po(io.BytesIO(_without_notes(data)), abort_invalid=True)
    rule = catalog.plural_expr
    table: dict[MessageKey, str | PluralForms] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if not isinstance(message.id, str):  # msgid and msgid_plural
            forms = tuple(message.string)
            if forms and all(forms) and all(placeholders_match(message.id[1], f)
                                            for f in forms):
                table[(message.context, message.id[0])] = PluralForms(forms, rule)
            continue
        string = message.string if isinstance(message.string, str) else message.string[0]
        if string and placeholders_match(message.id, string):
            table[(message.context, message.id)] = string
    return table


def po_error_line(error: Exception) -> int | None:
    """Babel puts a 0-based line number at the end of its message."""
    found = re.search(r" on (\d+)$", str(error))
    return int(found.group(1)) + 1 if found else None


class Translator:
    """Looks a message up along one language's fallback chain, ending in the source text."""

    def __init__(self, language: str, tables: list[dict[MessageKey, str | PluralForms]]):
        self.language = language
        self._tables = tables

    def pgettext(self, context: str | None, message: str) -> str:
        for table in self._tables:
            found = table.get((context, message))
            if isinstance(found, str) and found:
                return found
        return message

    def gettext(self, message: str) -> str:
        return self.pgettext(None, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for ``n`` by the language's own plural rule; English's two forms last."""
        for table in self._tables:
            found = table.get((None, singular))
            if isinstance(found, PluralForms):
                text = found.pick(n)
                if text:
                    return text
        return singular if n == 1 else plural


class Catalogues:
    """Every configured language's catalogue, loaded once at start."""

    def __init__(self, locales_dir: Path, languages: tuple[str, ...] | list[str]):
        self.locales_dir = Path(locales_dir)
        self.requested = list(languages)
        self.problems: list[Problem] = []
        self._tables: dict[str, dict[MessageKey, str | PluralForms]] = {}
        self._broken: set[str] = set()
        for code in self.requested:
            for candidate in fallback_chain(code):
                self._load(candidate)

    def _load(self, code: str) -> None:
        from babel.messages.pofile import PoFileError

        if code in self._tables or code in self._broken:
            return
        path = po_path(self.locales_dir, code)
        if not path.is_file():
            return
        try:
            self._tables[code] = read_catalogue(path)
        except PoFileError as exc:
            self._broken.add(code)
            message = re.sub(r" on \d+$", "", str(exc))
            self.problems.append(Problem(path, po_error_line(exc),
                                         f"catalogue does not parse ({message}); "
                                         "this language is switched off"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self._broken.add(code)
            self.problems.append(Problem(path, None, f"catalogue cannot be read ({exc}); "
                                                     "this language is switched off"))

    def is_available(self, code: str) -> bool:
        """Offered to visitors: the source language, or a language with a catalogue that loads."""
        if code == SOURCE_LANGUAGE:
            return True
        chain = fallback_chain(code)
        if any(c in self._broken for c in chain[:1]):
            return False
        return any(c in self._tables for c in chain)

    def missing(self) -> list[str]:
        """Configured languages with no catalogue at all (not broken: simply absent)."""
        return [c for c in self.requested
                if c != SOURCE_LANGUAGE and not self.is_available(c)
                and not any(x in self._broken for x in fallback_chain(c))]

    def texts(self, code: str) -> list[str]:
        """Everything ``code``'s visitors may read from the catalogues: the translations along
        its fallback chain and the English of each (shown where a string is untranslated)."""
        return [text for c in fallback_chain(code) for (_ctx, msgid), found
                in self._tables.get(c, {}).items()
                for text in (msgid, *(found.forms if isinstance(found, PluralForms) else
                                      (found,)))]

    def translator(self, code: str) -> Translator:
        return Translator(code, [self._tables[c] for c in fallback_chain(code)
                                 if c in self._tables])


def babel_locale(code: str) -> str:
    """The locale to format dates and numbers with (the pseudo-locale formats as English)."""
    return SOURCE_LANGUAGE if code == PSEUDO_LANGUAGE else code


def long_date(day: dt.date, code: str) -> str:
    """``day`` written out as ``code`` writes it, e.g. "21 novembre 2026"."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=babel_locale(code))


def release_locale_data() -> None:
    """Let go of the CLDR tables Babel has read so far.

    Babel keeps every locale it has read for the life of the process, about 1 MB each, and
    CLDR's global tables (2 MB): 11 MB for eight languages, of which the kiosk needs a few
    names and dates, taken at start. Released before the window opens, that memory is reused
    by everything after it; kept, it was a sixth of what the kiosk adds to a bare Kivy app.
    Anything that asks Babel again later reads the locale again, so nothing breaks.
    """
    import babel.core
    from babel import localedata

    localedata.clear_caches()
    if hasattr(babel.core, "_global_data"):  # no public way to drop it; Babel reloads it
        babel.core._global_data = None


def known_language(code: str) -> bool:
    if code == PSEUDO_LANGUAGE:
        return True
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return False
    return True


# The active translator for UI code. One visitor at a time uses a kiosk, so one active
# language per process is the honest model (as in Django's ``activate``).
_active = Translator(SOURCE_LANGUAGE, [])


def activate(translator: Translator) -> None:
    global _active
    _active = translator


def active_language() -> str:
    return _active.language


def _(message: str) -> str:
    return _active.gettext(message)


def pgettext(context: str, message: str) -> str:
    return _active.pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
