"""The explainer's content model and its strict, safe loader.

The English master lives in ``content/explainer.yaml``. It is medical information, so the loader
is deliberately unforgiving: unknown keys (usually typos), missing fields, duplicate ids and
pages citing sources that do not exist are all errors with ``file:line``, and nothing but plain
YAML is accepted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.problems import InputError, Problem
from kiosk.schema import check_fields
from kiosk.yaml_lines import LineDict, LineList, load_yaml_file

CONTENT_FILE = "explainer.yaml"

_SECTION_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Page:
    paragraphs: tuple[str, ...]
    sources: tuple[str, ...]
    note: str | None = None
    line: int = 0
    sources_line: int = 0


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    summary: str
    pages: tuple[Page, ...]
    line: int = 0


@dataclass(frozen=True)
class Source:
    """One entry of the Sources screen. ``url`` is the publisher's own address; ``checked_copy``
    is where the facts were checked when that is another site (an archive or a mirror), kept for
    the medical reviewer and never shown. ``authors`` and ``year`` may be left out when they
    could not be confirmed: a citation must not guess."""

    id: str
    authors: str
    title: str
    publisher: str
    year: int | None
    identifier: str | None = None
    url: str | None = None
    line: int = 0
    checked_copy: str | None = None

    def citation(self, with_url: bool = True) -> str:
        """A full citation in one line: authors, title, where, year, identifier.

        On the kiosk screen (``with_url=False``) a long web address is useless, since nobody
        can follow it, so only the publisher's site name is shown, and only when there is no
        identifier. A year the publisher line already gives ("10 May 2012") is not repeated.
        """
        parts = [_sentence(self.authors)] if self.authors else []
        parts.append(_sentence(self.title))
        publisher = self.publisher.rstrip(".")
        if self.year is None or str(self.year) in publisher:
            parts.append(f"{publisher}.")
        else:
            parts += [f"{publisher},", f"{self.year}."]
        if self.identifier:
            parts.append(_sentence(self.identifier))
        if self.url and with_url:
            parts.append(self.url)
        elif self.url and not self.identifier:
            parts.append(_sentence(urlsplit(self.url).hostname or self.url))
        return " ".join(parts)


def _sentence(text: str) -> str:
    """End with exactly one full stop (author lists often end in "et al.")."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: str
    definition: str
    line: int = 0


@dataclass(frozen=True)
class Metadata:
    content_version: str
    checked_on: dt.date
    next_review: dt.date


@dataclass(frozen=True)
class Content:
    path: Path
    metadata: Metadata
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    glossary: tuple[GlossaryEntry, ...]

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)


def load_content(content_dir: Path, today: dt.date | None = None) -> Content:
    """Load and validate the explainer; raise ``InputError`` listing every error found."""
    content, problems = check_content(content_dir, today)
    errors = [p for p in problems if p.severity == "error"]
    if errors or content is None:
        raise InputError(errors)
    return content


def check_content(
    content_dir: Path, today: dt.date | None = None
) -> tuple[Content | None, list[Problem]]:
    """Validate the explainer and return it (if usable) with all problems, warnings included."""
    path = Path(content_dir) / CONTENT_FILE
    try:
        data = load_yaml_file(path)
    except InputError as exc:
        return None, exc.problems
    parser = _Parser(path)
    content = parser.parse(data)
    if content is not None:
        parser.check_review_date(content.metadata, today or dt.date.today())
    return (content if not parser.errors else None), parser.problems


class _Parser:
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def fields(self, mapping, line: int, what: str, required: dict, optional: dict | None = None
               ) -> bool:
        found = check_fields(mapping, self.path, line, what, required, optional)
        self.problems.extend(found)
        return not found

    def parse(self, data) -> Content | None:
        if not self.fields(data, 1, "the content file",
                           {"metadata": dict, "sections": list, "sources": list,
                            "glossary": list}) and not isinstance(data, dict):
            return None
        metadata = self.parse_metadata(data.get("metadata"), data)
        sources = self.parse_list(data, "sources", self.parse_source)
        glossary = self.parse_list(data, "glossary", self.parse_glossary_entry)
        sections = self.parse_list(data, "sections", self.parse_section)
        self.check_unique(sources, "source")
        self.check_unique(glossary, "glossary entry")
        self.check_unique(sections, "section")
        known = {s.id for s in sources}
        cited: set[str] = set()
        for section in sections:
            for number, page in enumerate(section.pages, 1):
                for source_id in page.sources:
                    cited.add(source_id)
                    if source_id not in known:
                        self.error(page.sources_line or page.line,
                                   f"section {section.id!r} page {number} cites "
                                   f"unknown source {source_id!r}")
        for source in sources:
            if source.id not in cited:
                self.problems.append(Problem(self.path, source.line,
                                             f"source {source.id!r} is not cited by any page",
                                             "warning"))
        if metadata is None or self.errors:
            return None
        return Content(self.path, metadata, tuple(sections), tuple(sources), tuple(glossary))

    def parse_list(self, data: dict, key: str, parse_item) -> list:
        items = data.get(key)
        if not isinstance(items, list):
            return []
        if not items:
            self.error(data.line_of(key), f"{key!r} must not be empty")
        parsed = []
        for index, item in enumerate(items):
            line = items.line_of(index) if isinstance(items, LineList) else 0
            result = parse_item(item, line)
            if result is not None:
                parsed.append(result)
        return parsed

    def check_unique(self, items: Iterable, what: str) -> None:
        seen: dict[str, int] = {}
        for item in items:
            if item.id in seen:
                self.error(item.line, f"duplicate {what} id {item.id!r} "
                                      f"(first used on line {seen[item.id]})")
            else:
                seen[item.id] = item.line

    def text(self, mapping: LineDict, key: str, what: str) -> str:
        value = mapping.get(key)
        if isinstance(value, str) and not value.strip():
            self.error(mapping.line_of(key), f"{what}: {key!r} is empty")
        return value.strip() if isinstance(value, str) else ""

    def parse_metadata(self, meta, data: dict) -> Metadata | None:
        line = data.line_of("metadata") if isinstance(data, LineDict) else 1
        if meta is None:
            return None
        if not self.fields(meta, line, "metadata",
                           {"content_version": str, "checked_on": dt.date,
                            "next_review": dt.date}):
            return None
        if meta["next_review"] <= meta["checked_on"]:
            self.error(meta.line_of("next_review"), "metadata: 'next_review' must come after "
                                                    "'checked_on'")
        return Metadata(meta["content_version"], meta["checked_on"], meta["next_review"])

    def check_review_date(self, meta: Metadata, today: dt.date) -> None:
        if meta.next_review < today:
            self.problems.append(Problem(self.path, None,
                                         f"the content review was due on {meta.next_review}; "
                                         "check the facts and update 'checked_on'", "warning"))

    def parse_source(self, item, line: int) -> Source | None:
        if not self.fields(item, line, "a source",
                           {"id": str, "title": str, "publisher": str},
                           {"authors": str, "year": int, "identifier": str, "url": str,
                            "checked_copy": str}):
            return None
        if not _SOURCE_ID.match(item["id"]):
            self.error(item.line_of("id"), f"source id {item['id']!r} must be lowercase "
                                            "letters, digits and hyphens")
        if not (item.get("identifier") or item.get("url") or item.get("checked_copy")):
            self.error(item.line, f"source {item['id']!r} needs an 'identifier', a 'url' or a "
                                  "'checked_copy'")
        year = item.get("year")
        if year is not None and not 1900 <= year <= 2100:
            self.error(item.line_of("year"), f"source {item['id']!r}: year {year} "
                                              "is not plausible")
        what = f"source {item['id']!r}"
        authors = self.text(item, "authors", what) if "authors" in item else ""
        return Source(item["id"], authors, self.text(item, "title", what),
                      self.text(item, "publisher", what), year, item.get("identifier"),
                      item.get("url"), item.line, item.get("checked_copy"))

    def parse_glossary_entry(self, item, line: int) -> GlossaryEntry | None:
        if not self.fields(item, line, "a glossary entry",
                           {"id": str, "term": str, "definition": str}):
            return None
        what = f"glossary entry {item['id']!r}"
        return GlossaryEntry(item["id"], self.text(item, "term", what),
                             self.text(item, "definition", what), item.line)

    def parse_section(self, item, line: int) -> Section | None:
        if not self.fields(item, line, "a section",
                           {"id": str, "title": str, "summary": str, "pages": list}):
            return None
        section_id = item["id"]
        if not _SECTION_ID.match(section_id):
            self.error(item.line_of("id"), f"section id {section_id!r} must be lowercase "
                                            "letters, digits and underscores")
        what = f"section {section_id!r}"
        pages = []
        raw_pages = item["pages"]
        if not raw_pages:
            self.error(item.line_of("pages"), f"{what} has no pages")
        for index, raw in enumerate(raw_pages):
            page_line = raw_pages.line_of(index) if isinstance(raw_pages, LineList) else line
            page = self.parse_page(raw, page_line, f"{what} page {index + 1}")
            if page is not None:
                pages.append(page)
        return Section(section_id, self.text(item, "title", what), self.text(item, "summary", what),
                       tuple(pages), item.line)

    def parse_page(self, raw, line: int, what: str) -> Page | None:
        if not self.fields(raw, line, what, {"paragraphs": list, "sources": list},
                           {"note": str}):
            return None
        paragraphs = raw["paragraphs"]
        if not paragraphs:
            self.error(raw.line_of("paragraphs"), f"{what} has no paragraphs")
        for index, paragraph in enumerate(paragraphs):
            if not isinstance(paragraph, str) or not paragraph.strip():
                self.error(paragraphs.line_of(index), f"{what}: paragraph {index + 1} must be "
                                                      "non-empty text")
        sources = raw["sources"]
        if not sources:
            self.error(raw.line_of("sources"), f"{what} must cite at least one source")
        for index, source in enumerate(sources):
            if not isinstance(source, str):
                self.error(sources.line_of(index), f"{what}: source ids must be text")
        return Page(tuple(p.strip() for p in paragraphs if isinstance(p, str)),
                    tuple(s for s in sources if isinstance(s, str)), raw.get("note"), raw.line,
                    raw.line_of("sources"))


def message_context(owner_id: str, field: str) -> str:
    """The gettext ``msgctxt`` of a content string, e.g. ``what_is_ccsvi.title``.

    Contexts name the section (or glossary entry) and field, not the position, so reordering
    pages does not invalidate translations, while the same English words in two sections can
    still be translated differently.
    """
    return f"{owner_id}.{field}"
