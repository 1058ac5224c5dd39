"""Content strings in the active language: one place that knows the gettext contexts, used by
the screens, the ``speak`` command and read-aloud alike."""

from __future__ import annotations

from kiosk.content.model import GlossaryEntry, Section, message_context
from kiosk.i18n.catalogues import pgettext


def title(section: Section) -> str:
    return pgettext(message_context(section.id, "title"), section.title)


def summary(section: Section) -> str:
    return pgettext(message_context(section.id, "summary"), section.summary)


def paragraphs(section: Section, page: int) -> list[str]:
    context = message_context(section.id, "text")
    return [pgettext(context, p) for p in section.pages[page].paragraphs]


def term(entry: GlossaryEntry) -> tuple[str, str]:
    owner = f"glossary.{entry.id}"
    return (pgettext(message_context(owner, "term"), entry.term),
            pgettext(message_context(owner, "definition"), entry.definition))
