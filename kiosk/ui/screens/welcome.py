"""The first screen: choose a language. Every language is named in itself, in its own script,
with no flags (flags stand for countries, not languages), and all fit without scrolling."""

from __future__ import annotations

import math

from kivy.uix.gridlayout import GridLayout
from kivy.uix.widget import Widget

from kiosk.display import sizes
from kiosk.display.bidi_text import visual
from kiosk.i18n.catalogues import _
from kiosk.ui.measure import text_width
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import KioskButton, button_padding, icon_room, text_style

SMALL_LINE_HEIGHT = sizes.LINE_HEIGHT  # WCAG 1.4.12 applies to small print too


class WelcomeScreen(KioskScreen):
    def refresh(self) -> None:
        # Translators: the heading of the first screen, where visitors choose a
        # language; the audio guide speaks it. CCSVI: chronic cerebrospinal venous
        # insufficiency; MS: multiple sclerosis. Use the abbreviations usual in your
        # language (e.g. SEP in French).
        self.title_text = _("Information about CCSVI and MS")
        self.clear_widgets()
        col = self.column()
        # At large text sizes in long languages the optional lines give way, so the languages
        # and the disclaimer always fit without scrolling.
        # Last resort on a short screen in a long language: the title and the disclaimer may
        # shrink to the size of the controls' labels rather than push anything off.
        floor = self.app.sizer.font(sizes.SMALL_FONT_MM, control=True)
        self.fit(col, [
            (self.text(self.title_text, sizes.HEADING_FONT_MM, bold=True, line_height=1.2,
                       min_font_size=self.app.sizer.font(sizes.BODY_FONT_MM, control=True)),
             False),
            # Translators: on the first screen, above the language buttons (each button
            # names its language in that language). Keep it short.
            (self.text(_("Choose your language"), sizes.BODY_FONT_MM), True),
            (self.language_grid(), False),
            (self.audio_guide_button(), False),
            # Translators: small print on the first screen. "Help" and "Display" are the
            # top bar buttons: use the same words as their translations.
            (self.text(_("Help is always in the top corner. Display makes the text bigger."),
                       sizes.SMALL_FONT_MM, muted=True, line_height=SMALL_LINE_HEIGHT), True),
            # Translators: small print at the bottom of the first screen, the medical
            # disclaimer. Keep the meaning exact. "MS team": the multiple sclerosis
            # doctors and nurses who look after the visitor.
            (self.text(_("This is general information, not medical advice. "
                         "Please talk to your MS team about your own care."),
                       sizes.SMALL_FONT_MM, muted=True, line_height=SMALL_LINE_HEIGHT,
                       min_font_size=floor), False),
            (Widget(), False),
        ])
        self.add_widget(col)

    def audio_guide_button(self) -> KioskButton:
        """Turns spoken help on: then every control is read out before it is used."""
        app = self.app
        on = app.session.speech.audio_guide
        # Translators: a large button on the first screen that turns spoken help on or
        # off, shown with a check mark while the audio guide is on. Keep it short.
        label = (_("Audio guide: on") if on
                 # Translators: the same button on the first screen while the audio guide is
                 # off; touching it turns spoken help on. Keep it short.
                 else _("Audio guide: off"))
        button = self.button(label, "audio_guide", app.toggle_audio_guide, primary=True,
                             selected=on, icon="check" if on else "")
        # Translators: spoken only, never shown: what the audio guide says when the
        # visitor touches the Audio guide button once; it starts with its name.
        button.spoken = _("Audio guide. Speaks every button before you use it. "
                          "Touch again to turn it on or off.")
        return button

    def language_grid(self) -> GridLayout:
        app = self.app
        languages = app.data.languages
        gap = app.sizer.px(sizes.GAP_MM * 2)
        available = self.area[0] - 2 * self.margin()

        def columns(font: float, names: dict[str, str], any_chosen: bool = False) -> int:
            """Names must not wrap; the chosen one (or, with ``any_chosen``, whichever is
            chosen) has a check mark."""
            widest = max(text_width(visual(names[lang.code]) if lang.rtl else names[lang.code],
                                    {"font_name": str(app.data.font_for(lang.code).regular),
                                     "font_size": font})
                         + 2 * button_padding(font)
                         + (icon_room(font) if any_chosen or lang.code == app.session.language
                            else 0)
                         for lang in languages)
            return max(1, min(4, len(languages), int((available + gap) // (widest + gap))))

        # A regional variety is named with its region ("Português (Brasil)") unless that costs
        # a column, and so a row: then, if no other variety of it is offered, by its language.
        # Decided as if any language were chosen, so a name never changes when it is touched.
        names = {lang.code: lang.endonym for lang in languages}
        bases = [lang.code.split("_")[0] for lang in languages]
        short = {lang.code: lang.short_endonym if bases.count(lang.code.split("_")[0]) == 1
                 else lang.endonym for lang in languages}
        # A row fewer is worth a slightly smaller label (never below 100%): on a short screen
        # a third row would push the disclaimer off.
        font = app.sizer.font(sizes.BUTTON_FONT_MM, control=True)
        floor = sizes.whole_px(app.sizer.px(sizes.BUTTON_FONT_MM))
        if columns(floor, short, any_chosen=True) > columns(floor, names, any_chosen=True):
            names = short
        most = columns(floor, names)
        while columns(font, names) < most and font > floor:
            font = max(floor, int(font * 0.95))
        cols = columns(font, names)
        height = app.sizer.target(sizes.PRIMARY_TARGET_MM, sizes.BUTTON_FONT_MM)
        rows = math.ceil(len(languages) / cols)
        grid = GridLayout(cols=cols, spacing=gap, size_hint_y=None,
                          height=rows * height + (rows - 1) * gap)
        ordered = list(languages)
        if app.rtl:  # fill rows from the right
            ordered = [lang for r in range(rows)
                       for lang in reversed(ordered[r * cols:(r + 1) * cols])]
        for language in ordered:
            button = KioskButton(text=names[language.code], action=f"language:{language.code}",
                                 rtl=language.rtl, speech_language=language.code,
                                 primary=True, selected=language.code == app.session.language,
                                 icon="check" if language.code == app.session.language else "",
                                 size_hint_y=None, height=height,
                                 **{**text_style(app, size_mm=sizes.BUTTON_FONT_MM,
                                                 language=language.code, control=True),
                                    "font_size": font})
            button.bind(on_activate=lambda _b, code=language.code: app.choose_language(code))
            grid.add_widget(button)
        return grid
