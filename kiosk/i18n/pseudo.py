"""The pseudo-locale: every string accented, longer and bracketed, to test layouts in English.

Run as ``ccsvi-kiosk i18n pseudo``; the snapshots and fit checks then show any label that would
not fit a longer language, and any string the code forgot to mark for translation.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from kiosk.i18n.catalogues import PLACEHOLDER, PSEUDO_LANGUAGE, po_path
from kiosk.i18n.tools import PROJECT, entries, read_catalog, template_path, write_catalog

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķļɱñöƥʠŕšŧûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĻṀÑÖƤɊŔŠŦÛṼŴẊÝŽ",
)


def pseudo_translate(text: str) -> str:
    """Accented, about 40% longer and bracketed, with placeholders left intact."""
    parts = PLACEHOLDER.split(text)
    accented = "".join(p if PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTED) for p in parts)
    extra = max(1, round(len(text) * 0.4))
    # Padding in short groups, like real words: one long run could never wrap.
    padding = " ".join("~" * min(4, extra - i) for i in range(0, extra, 5))
    return f"[{accented} {padding}]"


def pseudo(locales_dir: Path, code: str = PSEUDO_LANGUAGE) -> Path:
    """Write a pseudo-locale catalogue built from the template, for layout testing."""
    template = read_catalog(template_path(locales_dir))
    catalog = Catalog(locale=None, project=PROJECT, charset="utf-8")
    catalog.language_team = "Pseudo-locale for layout tests"
    for message in entries(template):
        string = (pseudo_translate(message.id) if isinstance(message.id, str) else
                  tuple(pseudo_translate(text) for text in message.id))
        catalog.add(message.id, string, message.locations,
                    auto_comments=message.auto_comments, context=message.context)
    path = po_path(locales_dir, code)
    write_catalog(catalog, path)
    return path
