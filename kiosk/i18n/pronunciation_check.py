"""The checks of a language's pronunciation list (``kiosk.speech.pronunciation``), for ``i18n
check``: lines that are not rules and terms given twice (errors: the kiosk skips them), a term
written nowhere in the language's text, and a rule that says a term as it is written (warnings:
a typo or a leftover, and a rule that changes nothing).

The list is one catalogue entry, so each problem is reported at that entry's line, with the
line of the list it is on.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Message

from kiosk.problems import Problem
from kiosk.speech.pronunciation import CONTEXT, parse, term_pattern

WHERE = "pronunciation list"


def _forms(value) -> list[str]:
    return [value] if isinstance(value, str) else [form for form in value or () if form]


def list_entry(messages: list[Message]) -> Message | None:
    return next((m for m in messages if m.context == CONTEXT), None)


def check_list(path: Path | str, line: int | None, listing: str, texts: list[str]
               ) -> list[Problem]:
    """Problems of ``listing``, the list at ``path:line``, for a language whose text (every
    other string of its catalogue) is ``texts``."""
    rules, bad_lines = parse(listing)
    found = [(number, Problem(path, line, f"{WHERE}, line {number}: {message}"))
             for number, message in bad_lines]
    text = "\n".join(texts)
    for rule in rules:
        where = f"{WHERE}, line {rule.line}: {rule.written!r}"
        if rule.spoken == rule.written:
            found.append((rule.line, Problem(path, line, f"{where} is said as it is written, so "
                                                         f"the rule changes nothing", "warning")))
        elif not re.search(term_pattern(rule.written), text):
            found.append((rule.line, Problem(path, line, f"{where} is written nowhere in this "
                                                         f"language's text (a typo, or a term "
                                                         f"no longer used?)", "warning")))
    return [problem for _number, problem in sorted(found, key=lambda item: item[0])]


def check_catalogue_list(path: Path | str, messages: list[Message]) -> list[Problem]:
    """The list in one catalogue's messages. Another language's list that is the English one
    is not used (English rules would mislead its voice), so it is reported, not checked. An
    empty or missing entry is left to the catalogue's own checks."""
    entry = list_entry(messages)
    if entry is None or not _forms(entry.string):
        return []
    listing = _forms(entry.string)[0]
    if listing == entry.id:
        return [Problem(path, entry.lineno, f"{WHERE}: this is the English list, which is not "
                                            f"used for this language: write your language's "
                                            f"rules, or '# none'", "warning")]
    texts = [form for m in messages if m.id and m.context != CONTEXT for form in _forms(m.string)]
    return check_list(path, entry.lineno, listing, texts)


def check_english_list(template: list[Message]) -> list[Problem]:
    """The English list, in the code, against the English text (the template's msgids)."""
    entry = list_entry(template)
    if entry is None:
        return []
    path, line = entry.locations[0] if entry.locations else ("kiosk/speech/pronunciation.py",
                                                               None)
    texts = [form for m in template if m.id and m.context != CONTEXT for form in _forms(m.id)]
    return check_list(path, line, entry.id, texts)
