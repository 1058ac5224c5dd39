"""Where the information comes from, and when it was last checked."""

from __future__ import annotations

from babel.dates import format_date

from kiosk.i18n import _, babel_locale
from kiosk.ui.screens.document import Document, DocumentScreen


class SourcesScreen(DocumentScreen):
    def document(self) -> Document:
        content = self.app.data.content
        meta = content.metadata
        locale = babel_locale(self.app.session.language)
        checked = format_date(meta.checked_on, format="long", locale=locale)
        review = format_date(meta.next_review, format="long", locale=locale)
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
