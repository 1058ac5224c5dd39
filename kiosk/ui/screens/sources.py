"""Where the information comes from, and when it was last checked."""

from __future__ import annotations

from kiosk.i18n.catalogues import _, long_date
from kiosk.ui.screens.document import Document, DocumentScreen


class SourcesScreen(DocumentScreen):
    def document(self) -> Document:
        content = self.app.data.content
        meta = content.metadata
        code = self.app.session.language
        checked, review = self.app.data.review_dates.get(code) or (
            long_date(meta.checked_on, code), long_date(meta.next_review, code))
        intro = [
            _("Information checked on {date}.").format(date=checked),
            _("Next review due by {date}.").format(date=review),
            _("This information comes from the studies and health bodies listed here."),
        ]
        # Citations stay in their original language, as published.
        return Document(key="sources", title=_("Sources"),
                        blocks=[intro, [source.citation(with_url=False)
                                        for source in content.sources]],
                        keep_paragraphs=True)

    def after_last(self):
        return (_("Topics"), self.app.go_topics)
