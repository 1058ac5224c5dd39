"""How to use the kiosk, in short layers (EZ Access style help)."""

from __future__ import annotations

from kiosk.i18n.catalogues import _
from kiosk.ui.screens.document import Document, DocumentScreen


class HelpScreen(DocumentScreen):
    def document(self) -> Document:
        return Document(key="help", title=_("How to use this screen"), blocks=[
            [
                _("Touch a button and lift your finger to choose it."),
                _("If you touch the wrong button, slide your finger off it before you lift."),
                _("You never need to swipe or scroll."),
            ],
            [
                _("Home takes you to the list of topics."),
                _("Back takes you to the screen before."),
                _("Next and Previous turn the pages of a topic."),
            ],
            [
                _("Display makes the text bigger or smaller."),
                _("It can also change the colours to black text on white."),
                _("Language lets you choose another language."),
                _("Help, this screen, is always at the top corner."),
            ],
            [
                _("This is general information, not medical advice."),
                _("Please talk to your MS team about your own care."),
                _("When you leave, the screen starts again for the next person."),
            ],
        ])

    def after_last(self):
        return (_("Done"), self.app.go_back)
