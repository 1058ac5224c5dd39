"""Display settings: text size from 100% to 200% and the two high-contrast themes.

Each choice shows what it does (the theme buttons are drawn in their own colours) and the chosen
one carries a check mark and a thick edge, so the choice is never shown by colour alone.
"""

from __future__ import annotations

from kivy.uix.widget import Widget

from kiosk import sizes
from kiosk.i18n import N_, _
from kiosk.session import TEXT_SCALES
from kiosk.theme import THEMES
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
        self.title_text = _("Display")
        self.clear_widgets()
        col = self.column()
        col.add_widget(self.text(self.title_text, sizes.HEADING_FONT_MM, bold=True,
                                 line_height=1.2))
        col.add_widget(self.text(_("Text size"), sizes.BODY_FONT_MM))
        buttons = []
        for scale in TEXT_SCALES:
            chosen = scale == app.session.text_scale
            buttons.append(self.button(
                _("{percent}%").format(percent=round(scale * 100)), f"text_scale:{scale}",
                lambda s=scale: app.set_text_scale(s), primary=True, selected=chosen,
                icon="check" if chosen else ""))
        col.add_widget(self.row(buttons, size_hint_y=None, height=buttons[0].height))
        col.add_widget(self.text(_("Colours"), sizes.BODY_FONT_MM))
        buttons = []
        for name in THEMES:
            chosen = name == app.session.theme
            button = self.button(_(THEME_LABELS[name]), f"theme:{name}",
                                 lambda n=name: app.set_theme(n), primary=True,
                                 selected=chosen, icon="check" if chosen else "")
            buttons.append(button)
        col.add_widget(self.row(buttons, size_hint_y=None, height=buttons[0].height))
        col.add_widget(Widget())
        done = self.button(_("Done"), "done", app.go_back, primary=True, icon="next")
        col.add_widget(self.row([Widget(), done], size_hint_y=None, height=done.height))
        self.add_widget(col)
