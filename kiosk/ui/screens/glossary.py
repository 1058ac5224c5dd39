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
        # Translators: title of the glossary screen, which explains the medical words
        # the pages use; the audio guide speaks it. Use the same words as the "Words
        # used" button on the list of topics.
        return Document(key="glossary", title=_("Words used"), blocks=[entries],
                        keep_paragraphs=True)

    def after_last(self):
        # Translators: on the last page of the glossary, the big button in the place
        # of Next; goes to the list of topics. Short: one word if possible. The audio
        # guide speaks it too.
        return (_("Topics"), self.app.go_topics)
