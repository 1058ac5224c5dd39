"""The few medical words the explainer uses, in plain language."""

from __future__ import annotations

from kiosk.content import localized
from kiosk.i18n.catalogues import _
from kiosk.ui.screens.document import Document, DocumentScreen


class GlossaryScreen(DocumentScreen):
    def document(self) -> Document:
        entries = []
        for entry in self.app.data.content.glossary:
            term, meaning = localized.term(entry)
            # Translators: a glossary line, e.g. "Vein: a blood vessel that ...".
            entries.append(_("{term}: {definition}").format(term=term, definition=meaning))
        return Document(key="glossary", title=_("Words used"), blocks=[entries],
                        keep_paragraphs=True)

    def after_last(self):
        return (_("Topics"), self.app.go_topics)
