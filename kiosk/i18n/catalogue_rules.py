"""Catalogue rules Babel does not keep: the previous English of a fuzzy entry, and the plural rule.

Babel's ``read_po`` reads a ``#| msgid`` line (the English a fuzzy entry was translated from) as
a translator comment, and ``write_po`` then writes it back as ``# | msgid``: a comment that is
never removed and soon describes some other string. ``restore_previous_ids`` turns such lines
back into the previous English across an update; ``stale_previous_markers`` finds
the ones already written. ``plural_rule_problem`` compares a header's ``Plural-Forms`` with the
CLDR rule Babel ships, so an ``ngettext`` string cannot pick the wrong form.
"""

from __future__ import annotations

import ast
import gettext
import re

from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_CHECKED_NUMBERS = range(0, 1001)


def _is_marker(comment: str) -> bool:
    return comment.startswith("|")


def _previous_id(markers: list[str]) -> str | None:
    """The English of ``| msgid "..." "..."`` lines, or None if they hold no msgid."""
    text = " ".join(marker[1:].strip() for marker in markers)
    if not text.startswith("msgid "):
        return None
    return "".join(ast.literal_eval(f'"{part}"') for part in _STRING.findall(text))


def restore_previous_ids(catalog: Catalog) -> dict[tuple, str]:
    """Drop the ``| msgid`` lines Babel read as comments, and return the previous English they
    held for each fuzzy entry, keyed like the catalogue (give it back with ``reapply``)."""
    found: dict[tuple, str] = {}
    for message in catalog:
        markers = [c for c in message.user_comments if _is_marker(c)]
        if not markers:
            continue
        message.user_comments = [c for c in message.user_comments if not _is_marker(c)]
        previous = _previous_id(markers)
        if message.fuzzy and previous is not None:
            found[(message.context, message.id)] = previous
    return found


def reapply(catalog: Catalog, previous: dict[tuple, str]) -> None:
    """After ``Catalog.update`` (which keeps no previous English for an entry that was already
    fuzzy), give each still-fuzzy entry its previous English again."""
    for message in catalog:
        old = previous.get((message.context, message.id))
        if old is not None and message.fuzzy and not message.previous_id:
            message.previous_id = [old]


def stale_previous_markers(text: str) -> list[int]:
    """Lines of a catalogue's text that hold a ``# | msgid`` comment written back by Babel
    (the real marker, ``#|`` with no space, is read the same way, so this looks at the text)."""
    return [number for number, line in enumerate(text.splitlines(), 1)
            if line.startswith("# |")]


def plural_rule_problem(catalog: Catalog, code: str) -> str | None:
    """Why the header's plural rule differs from CLDR's, or None, checked for 0 to 1000.

    With as many forms as CLDR, each number must get CLDR's form. A catalogue written before
    CLDR added a form (French and Portuguese "many", for millions) has fewer: then numbers
    that share a form in one rule must share it in the other."""
    header = catalog.plural_forms or ""
    match = re.search(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*$", header)
    if not match:
        return None
    try:
        expected = get_plural(code)
    except (ValueError, LookupError):
        return None
    try:
        have = gettext.c2py(match.group(2))
    except (ValueError, SyntaxError):
        return f"the Plural-Forms rule does not parse: {match.group(2)!r}"
    want = gettext.c2py(expected.plural_expr)
    if int(match.group(1)) == expected.num_plurals:
        wrong = [n for n in _CHECKED_NUMBERS if have(n) != want(n)]
    else:
        first_of: dict[tuple[int, int], int] = {}
        wrong = []
        for n in _CHECKED_NUMBERS:
            for key in ((0, have(n)), (1, want(n))):
                first = first_of.setdefault(key, n)
                if (have(first) == have(n)) != (want(first) == want(n)):
                    wrong.append(n)
                    break
    if wrong:
        return (f"the Plural-Forms rule picks the wrong form for {wrong[0]} (and "
                f"{len(wrong) - 1} more numbers up to {_CHECKED_NUMBERS[-1]}); CLDR's rule is "
                f"'{expected.plural_forms}'")
    return None
