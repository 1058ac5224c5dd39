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
            # Translators: first line of the sources screen, read aloud with the page.
            # {date} is a date already written out in the visitor's language,
            # e.g. "3 March 2025". Keep {date}.
            _("Information checked on {date}.").format(date=checked),
            # Translators: on the sources screen: when the information will next be
            # checked. {date} is a date already written out in the visitor's language.
            # Keep {date}.
            _("Next review due by {date}.").format(date=review),
            # Translators: on the sources screen, above the list of studies and health
            # bodies (their citations stay in their original language).
            _("This information comes from the studies and health bodies listed here."),
            # Translators: on the sources screen, after the line above: the list below is
            # not translated. Say it plainly; keep it one sentence.
            _("Their titles are shown as they were published, in their original language."),
        ]
        # Translators: title of the sources screen; the audio guide speaks it. Use the
        # same word as the "Sources" button on the list of topics.
        return Document(key="sources", title=_("Sources"),
                        blocks=[intro, [source.citation(with_url=False)
                                        for source in content.sources]],
                        keep_paragraphs=True)

    def after_last(self):
        # Translators: on the last page of the sources, the big button in the place of
        # Next; goes to the list of topics. Short: one word if possible. The audio
        # guide speaks it too.
        return (_("Topics"), self.app.go_topics)
