"""What the kiosk says: the English master content (YAML) as a checked model, its strings in
the visitor's language, the plain-language check, and the Babel extractor that hands the
content's strings to translators.

Modules: ``model`` (loading and checking ``content/*.yaml``), ``localized`` (content strings in
the active language), ``readability`` (the plain-language limits) and ``babel_extractor``.
"""

from kiosk.content.model import (
    CONTENT_FILE,
    Content,
    GlossaryEntry,
    Page,
    Section,
    Source,
    check_content,
    load_content,
    message_context,
)

__all__ = ["CONTENT_FILE", "Content", "GlossaryEntry", "Page", "Section", "Source",
           "check_content", "load_content", "message_context"]
