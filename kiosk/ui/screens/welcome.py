"""The first screen: choose a language. Every language is named in itself, in its own script,
with no flags (flags stand for countries, not languages), and all fit without scrolling."""

from __future__ import annotations

import math

from kivy.uix.gridlayout import GridLayout
from kivy.uix.widget import Widget

from kiosk import sizes
from kiosk.bidi_text import visual
from kiosk.i18n import _
from kiosk.ui.measure import text_height, text_width
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import KioskButton, button_padding, icon_room, text_style

SMALL_LINE_HEIGHT = 1.3


class WelcomeScreen(KioskScreen):
    def refresh(self) -> None:
        app = self.app
        self.title_text = _("Information about CCSVI and MS")
        choose = _("Choose your language")
        hint = _("Help is always in the top corner. Display makes the text bigger.")
        disclaimer = _("This is general information, not medical advice. "
                       "Please talk to your MS team about your own care.")
        # (text, font mm, line height, optional): at large text sizes in long languages the
        # optional lines give way, so the languages and the disclaimer always fit unscrolled.
        lines = [(self.title_text, sizes.HEADING_FONT_MM, 1.2, False),
                 (choose, sizes.BODY_FONT_MM, sizes.LINE_HEIGHT, True),
                 (hint, sizes.SMALL_FONT_MM, SMALL_LINE_HEIGHT, True),
                 (disclaimer, sizes.SMALL_FONT_MM, SMALL_LINE_HEIGHT, False)]
        grid = self.language_grid()
        col = self.column()
        width, height = self.area[0] - 2 * self.margin(), self.area[1] - self.margin()

        def needed(kept) -> float:
            texts = sum(text_height(text, width, text_style(app, size_mm=mm,
                                                            bold=mm == sizes.HEADING_FONT_MM),
                                    lh, app.rtl) for text, mm, lh, _opt in kept)
            return texts + grid.height + col.spacing * len(kept)

        kept = list(lines)
        for optional in [line for line in lines if line[3]]:
            if needed(kept) <= height:
                break
            kept.remove(optional)
        self.clear_widgets()
        for text, mm, lh, _optional in kept:
            if text in (hint, disclaimer):
                continue  # these go below the languages
            col.add_widget(self.text(text, mm, bold=mm == sizes.HEADING_FONT_MM,
                                     line_height=lh))
        col.add_widget(grid)
        for text, mm, lh, _optional in kept:
            if text in (hint, disclaimer):
                col.add_widget(self.text(text, mm, muted=True, line_height=lh))
        col.add_widget(Widget())
        self.add_widget(col)

    def language_grid(self) -> GridLayout:
        app = self.app
        languages = app.data.languages
        gap = app.sizer.px(sizes.GAP_MM * 2)
        available = self.area[0] - 2 * self.margin()
        font = app.sizer.font(sizes.BUTTON_FONT_MM)
        pad = 2 * button_padding(font) + icon_room(font)  # the chosen one shows a check mark
        widest = max(text_width(visual(lang.endonym) if lang.rtl else lang.endonym,
                                text_style(app, size_mm=sizes.BUTTON_FONT_MM,
                                           language=lang.code)) + pad
                     for lang in languages)  # endonyms are single words: no wrapping
        cols = max(1, min(4, len(languages), int((available + gap) // (widest + gap))))
        height = app.sizer.target(sizes.PRIMARY_TARGET_MM + 5, sizes.BUTTON_FONT_MM)
        rows = math.ceil(len(languages) / cols)
        grid = GridLayout(cols=cols, spacing=gap, size_hint_y=None,
                          height=rows * height + (rows - 1) * gap)
        ordered = list(languages)
        if app.rtl:  # fill rows from the right
            ordered = [lang for r in range(rows)
                       for lang in reversed(ordered[r * cols:(r + 1) * cols])]
        for language in ordered:
            button = KioskButton(text=language.endonym, action=f"language:{language.code}",
                                 rtl=language.rtl,
                                 primary=True, selected=language.code == app.session.language,
                                 icon="check" if language.code == app.session.language else "",
                                 size_hint_y=None, height=height,
                                 **text_style(app, size_mm=sizes.BUTTON_FONT_MM,
                                              language=language.code))
            button.bind(on_activate=lambda _b, code=language.code: app.choose_language(code))
            grid.add_widget(button)
        return grid
