"""How to use the kiosk, in short layers (EZ Access style help)."""

from __future__ import annotations

from kiosk.i18n.catalogues import _
from kiosk.ui.screens.document import Document, DocumentScreen


class HelpScreen(DocumentScreen):
    def document(self) -> Document:
        # Translators: title of the help screen (opened by Help in the top bar); the
        # audio guide speaks it. The sentences below are its text, shown a few to a
        # page and read aloud by Read aloud, so keep each one plain and short.
        return Document(key="help", title=_("How to use this screen"), blocks=[
            [
                # Translators: help text, on how to touch: a button acts when the finger is
                # lifted from it, not when it first touches.
                _("Touch a button and lift your finger to choose it."),
                # Translators: help text: a touch is cancelled by sliding the finger off the
                # button before lifting it.
                _("If you touch the wrong button, slide your finger off it before you lift."),
                # Translators: help text: nothing on the kiosk needs a swipe or a scroll
                # gesture; pages are turned with buttons.
                _("You never need to swipe or scroll."),
            ],
            [
                # Translators: help text. "Home" is the top bar button: use the same word as
                # its translation.
                _("Home takes you to the list of topics."),
                # Translators: help text. "Back" is the top bar button: use the same word as
                # its translation.
                _("Back takes you to the screen before."),
                # Translators: help text. "Next" and "Previous" are the big buttons at the
                # bottom of a page: use the same words as their translations.
                _("Next and Previous turn the pages of a topic."),
            ],
            [
                # Translators: help text. "Display" is the top bar button that opens the text
                # size and colour settings: use the same word as its translation.
                _("Display makes the text bigger or smaller."),
                # Translators: help text, after the sentence on Display. "black text on white"
                # is the light colour theme (the button "Black text on white").
                _("It can also change the colours to black text on white."),
                # Translators: help text. "Language" is the top bar button: use the same word
                # as its translation.
                _("Language lets you choose another language."),
                # Translators: help text. "Help" is the top bar button that opens this screen:
                # use the same word as its translation.
                _("Help, this screen, is always at the top corner."),
            ],
            [
                # Translators: help text, the medical disclaimer (the first screen says the
                # same in one sentence). Keep the meaning exact: the kiosk gives no medical
                # advice.
                _("This is general information, not medical advice."),
                # Translators: help text, after the disclaimer. "MS team": the multiple
                # sclerosis doctors and nurses who look after the visitor; use your usual
                # abbreviation.
                _("Please talk to your MS team about your own care."),
                # Translators: help text: after a while with no touch the kiosk forgets the
                # visit and shows the first screen again, for privacy.
                _("When you leave, the screen starts again for the next person."),
            ],
        ])

    def after_last(self):
        # Translators: on the last page of help, the big button in the place of Next;
        # closes help and goes back to where the visitor was. Short: one word if
        # possible. The audio guide speaks it too.
        return (_("Done"), self.app.go_back)
