"""A Babel extractor for the explainer YAML, so ``pybabel extract`` sees content strings.

Registered under the ``babel.extractors`` entry point as ``kiosk_yaml``. Each string carries
its real line number (``#:`` in the .pot, so Poedit and Weblate show where it comes from), a
``msgctxt`` naming its section and field (the same English words may need different
translations in different places), and the author's page note as a ``#.`` comment.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.content.model import message_context

Extracted = tuple[int, str, tuple[str, str], list[str]]


def _mapping(node: Node) -> dict[str, Node]:
    if not isinstance(node, MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, ScalarNode)}


def _items(node: Node | None) -> list[Node]:
    return list(node.value) if isinstance(node, SequenceNode) else []


def _text(node: Node | None) -> str | None:
    if isinstance(node, ScalarNode) and isinstance(node.value, str) and node.value.strip():
        return node.value.strip()
    return None


def _entry(node: Node | None, context: str, comments: list[str]) -> Iterator[Extracted]:
    text = _text(node)
    if text is not None:
        yield node.start_mark.line + 1, "pgettext", (context, text), comments


def extract_content(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict
                    ) -> Iterator[Extracted]:
    """Babel extractor interface: yields (line, funcname, (msgctxt, msgid), comments)."""
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    top = _mapping(root) if root is not None else {}
    for section in _items(top.get("sections")):
        fields = _mapping(section)
        owner = _text(fields.get("id")) or "?"
        yield from _entry(fields.get("title"), message_context(owner, "title"),
                          ["Topic title: a large button and the page heading. Keep it short."])
        yield from _entry(fields.get("summary"), message_context(owner, "summary"),
                          ["Topic summary: one short line under the title on the topic list."])
        for number, page in enumerate(_items(fields.get("pages")), 1):
            page_fields = _mapping(page)
            note = _text(page_fields.get("note"))
            comments = [f"Page {number} of topic '{owner}'. Plain words, short sentences."]
            if note:
                comments.append(note)
            for paragraph in _items(page_fields.get("paragraphs")):
                yield from _entry(paragraph, message_context(owner, "text"), comments)
    for entry in _items(top.get("glossary")):
        fields = _mapping(entry)
        owner = f"glossary.{_text(fields.get('id')) or '?'}"
        yield from _entry(fields.get("term"), message_context(owner, "term"),
                          ["Glossary word. Use this same word on every page."])
        yield from _entry(fields.get("definition"), message_context(owner, "definition"),
                          ["Glossary meaning: one plain sentence."])
