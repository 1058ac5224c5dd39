"""Display settings: text size from 100% to 200% and the two high-contrast themes.

Each choice shows what it does (the theme buttons are drawn in their own colours) and the chosen
one carries a check mark and a thick edge, so the choice is never shown by colour alone.
"""

from __future__ import annotations

from kiosk.display.theme import THEMES
from kiosk.i18n.catalogues import N_, _
from kiosk.interaction.session import TEXT_SCALES
from kiosk.ui.screens.base import KioskScreen

THEME_LABELS = {
    # Translators: the dark theme button on the display screen.
    "dark": N_("White text on black"),
    # Translators: the light theme button on the display screen.
    "light": N_("Black text on white"),
}


class SettingsScreen(KioskScreen):
    def refresh(self) -> None:
        app = self.app
        # Translators: title of the display settings screen (text size and colours);
        # the audio guide speaks it. Use the same word as Display in the top bar.
        self.title_text = _("Display")
        self.clear_widgets()
        # Translators: the text size buttons on the display screen, "100%" to "200%";
        # {percent} is a whole number. Keep {percent} and write the percent sign as
        # your language does (e.g. "150 %" or "%150"). Also used for loudness.
        labels = {scale: _("{percent}%").format(percent=round(scale * 100))
                  for scale in TEXT_SCALES}
        sizes_row = self.choices([(labels[s], f"text_scale:{s}", lambda s=s: app.set_text_scale(s),
                                   s == app.session.text_scale) for s in TEXT_SCALES])
        themes_row = self.choices([(_(THEME_LABELS[n]), f"theme:{n}",
                                    lambda n=n: app.set_theme(n), n == app.session.theme)
                                   for n in THEMES])
        # Translators: the big button at the bottom of the display screen; closes it
        # and goes back to where the visitor was. Short: one word if possible. The
        # audio guide speaks it.
        done = self.button(_("Done"), "done", app.go_back, primary=True, icon="next")
        self.form(self.title_text, [
            # Translators: on the display screen, the heading above the text size buttons
            # (100% to 200%).
            (_("Text size"), sizes_row),
            # Translators: on the display screen, the heading above the two colour buttons
            # ("White text on black", "Black text on white").
            (_("Colours"), themes_row),
        ], done)
