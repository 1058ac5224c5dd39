"""The staff screen, behind the corner hold and the PIN: the kiosk's status, and the way out.

For clinic staff and technicians, so in English and at a fixed size (the visitor's text size
does not apply; the facts must fit on one screen). The facts are gathered once each time the
screen opens (``kiosk.admin.status``); leaving the screen in any way locks it again, so Back
or an idle reset can never return to it without the PIN.
"""

from __future__ import annotations

from kivy.core.window import Window
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.widget import Widget

from kiosk.admin.status import Fact, gather, headphones_description
from kiosk.display import sizes
from kiosk.ui.measure import text_height
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import KioskButton, TextBlock

FACT_FONT_MM = 4.5  # staff read it up close; unscaled so that everything fits
MIN_FACT_FONT_MM = 3.0
FACT_GAP_MM = 2.0
LINE_HEIGHT = 1.25
TITLE_FONT_MM = 7.0
LEFT = ("Content", "Languages", "Screen", "Config")  # speech and the last check: on the right


class AdminScreen(KioskScreen):
    facts: list[Fact] | None = None

    def refresh(self) -> None:
        app = self.app
        gate = app.admin_gate
        self.title_text = "Staff: kiosk status"
        self.clear_widgets()
        col = self.column()
        col.add_widget(self._text(self.title_text if gate.unlocked else
                                  "Staff screen locked. Hold the top-left corner to open it "
                                  "again.", TITLE_FONT_MM, bold=True))
        if gate.unlocked:
            if self.facts is None:
                synthesizer = app.speech.synthesizer
                self.facts = gather(
                    app.data, screen_px=(Window.width, Window.height),
                    # None until the background look-up at start has answered; never waited for
                    voices=app.speech.voices,
                    engine=synthesizer.description(),
                    player=app.speech.reader.player.description(),
                    headphones=headphones_description(
                        app.data.config.audio_guide_with_headphones, app.headphones.last),
                    check=gate.startup_check,
                    voice_table=self._voice_table(synthesizer),
                    natural_failure=getattr(synthesizer, "last_failure", None))
            halves = ([f for f in self.facts if f.label in LEFT],
                      [f for f in self.facts if f.label not in LEFT])
            size_mm = self._fact_size(halves, col)
            col.add_widget(self.row([self._facts(half, size_mm) for half in halves],
                                    spacing=self.margin()))
        else:
            col.add_widget(Widget())
        buttons = [self._button("Back to visitor mode", "admin:leave", gate.leave)]
        if gate.unlocked:
            buttons.append(self._button("Exit kiosk", "admin:exit", gate.exit_kiosk))
        col.add_widget(self.row([*buttons, Widget()], size_hint_y=None,
                                height=buttons[0].height))
        self.add_widget(col)

    def _voice_table(self, synthesizer) -> list | None:
        """Each configured language's voices, where the synthesizer can choose between a
        natural and a clear voice (``ChoosingSynthesizer.table``); only once the voices are
        known, so that the UI thread never waits for a speech worker to start."""
        table = getattr(synthesizer, "table", None)
        if not callable(table) or self.app.speech.voices is None:
            return None
        return table(self.app.data.config.languages)

    def _fact_size(self, halves, col: BoxLayout) -> float:
        """The largest fact text size (down to 3 mm) at which both columns fit: a failed
        check or a long config path must not push anything off the screen."""
        sizer = self.app.sizer
        width = (self.area[0] - 3 * self.margin()) / 2
        title = text_height(self.title_text, self.area[0], self._style(TITLE_FONT_MM, True),
                            LINE_HEIGHT)
        room = (self.area[1] - col.padding[1] - col.padding[3] - 2 * col.spacing - title
                - sizer.px(sizes.PRIMARY_TARGET_MM))
        size_mm = FACT_FONT_MM
        while size_mm > MIN_FACT_FONT_MM:
            tallest = max(sum(text_height(f"{f.label}\n" + "\n".join(f.lines), width,
                                          self._style(size_mm), LINE_HEIGHT)
                              + sizer.px(FACT_GAP_MM) for f in half) for half in halves)
            if tallest <= room:
                break
            size_mm -= 0.25
        return size_mm

    def _facts(self, facts: list[Fact], size_mm: float) -> BoxLayout:
        box = BoxLayout(orientation="vertical", spacing=self.app.sizer.px(FACT_GAP_MM))
        for fact in facts:
            box.add_widget(self._text(f"{fact.label}\n" + "\n".join(fact.lines), size_mm))
        box.add_widget(Widget())
        return box

    def _style(self, size_mm: float, bold: bool = False) -> dict:
        font = self.app.data.font_for(self.app.session.language)  # every font has Latin
        return {"font_name": str(font.bold if bold else font.regular),
                "font_size": sizes.whole_px(self.app.sizer.px(size_mm))}

    def _text(self, text: str, size_mm: float, bold: bool = False) -> TextBlock:
        return TextBlock(text=text, color=(*self.app.theme.text, 1), line_height=LINE_HEIGHT,
                         halign="left", **self._style(size_mm, bold))

    def _button(self, text: str, action: str, callback) -> KioskButton:
        sizer = self.app.sizer
        button = KioskButton(text=text, action=action, primary=True, size_hint=(None, None),
                             width=sizer.px(90), height=sizer.px(sizes.PRIMARY_TARGET_MM),
                             **self._style(sizes.BUTTON_FONT_MM))
        button.bind(on_activate=lambda *_: callback())
        return button

    def on_pre_leave(self, *_):
        self.app.admin_gate.unlocked = False
        self.facts = None
