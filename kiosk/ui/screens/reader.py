"""The reader: one section of the explainer, one screenful at a time."""

from __future__ import annotations

from kiosk.content import localized
from kiosk.i18n.catalogues import _
from kiosk.interaction.session import Location
from kiosk.ui.screens.document import Document, DocumentScreen


class ReaderScreen(DocumentScreen):
    reads_on = True  # keep reading carries on into the next topic

    def section(self):
        return self.app.data.content.section(self.app.session.location.section)

    def document(self) -> Document:
        section = self.section()
        return Document(key=section.id, title=localized.title(section),
                        blocks=[localized.paragraphs(section, page)
                                for page in range(len(section.pages))])

    def following_document(self) -> Document | None:
        sections = self.app.data.content.sections
        index = [s.id for s in sections].index(self.section().id)
        if index + 1 >= len(sections):
            return None
        following = sections[index + 1]
        return Document(key=following.id, title=localized.title(following),
                        blocks=[localized.paragraphs(following, page)
                                for page in range(len(following.pages))])

    def before_first(self):
        # Translators: on the first page of a topic, goes back to the list of topics.
        return (_("Topics"), self.app.go_topics)

    def after_last(self):
        sections = self.app.data.content.sections
        index = [s.id for s in sections].index(self.section().id)
        if index + 1 < len(sections):
            following = sections[index + 1].id
            # Translators: on the last page of a topic, opens the next topic.
            return (_("Next topic"), lambda: self.app.show(Location("reader", following)))
        # Translators: on the last page of the last topic, the big button in the place
        # of Next; goes back to the list of topics. Short: one word if possible.
        return (_("Topics"), self.app.go_topics)
