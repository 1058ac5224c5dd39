""""Are you still there?": shown and spoken before a visit is ended for lack of input.

WCAG 2.2.1 asks for a warning with at least 20 seconds to continue by a simple action, and for
that to work at least ten times; here any touch or key continues, as often as needed. The
overlay covers the screen, so the touch that answers it cannot also press what lies beneath.
"""

from __future__ import annotations

from kivy.graphics import Color, Rectangle
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.widget import Widget

from kiosk.display import sizes
from kiosk.i18n.catalogues import _
from kiosk.ui.measure import kivy_line_height
from kiosk.ui.widgets import KioskButton, TextBlock, kiosk_app, text_style


class IdleWarning(BoxLayout):
    def __init__(self, seconds: int, **kwargs):
        super().__init__(orientation="vertical", **kwargs)
        app = kiosk_app()
        # One margin above and below, not two: at 200 % on a short 15.6-inch screen the
        # German warning otherwise ran off the top of the window (found by ``audit``).
        margin, above = app.sizer.px(sizes.MARGIN_MM * 2), app.sizer.px(sizes.MARGIN_MM)
        self.padding = (margin, above, margin, above)
        self.spacing = app.sizer.px(sizes.GAP_MM * 2)
        with self.canvas.before:
            Color(*app.theme.background, 1)
            self._bg = Rectangle(pos=self.pos, size=self.size)
        self.bind(pos=self._cover, size=self._cover)
        # Translators: heading of the warning that covers the screen when nobody has
        # touched it for a while; shown and spoken aloud with the sentence below. A
        # short, friendly question.
        self.question = _("Are you still there?")
        # Translators: under "Are you still there?"; shown and spoken aloud. {seconds}
        # is a whole number of seconds (20 or more) left before the kiosk clears the
        # visit and goes back to the first screen. Keep {seconds}.
        self.detail = _("Touch the screen to carry on. Otherwise the screen will start "
                        "again for the next person in {seconds} seconds.").format(seconds=seconds)
        for text, size_mm, bold, spacing in (
                (self.question, sizes.HEADING_FONT_MM, True, 1.2),
                (self.detail, sizes.BODY_FONT_MM, False, sizes.LINE_HEIGHT)):
            style = text_style(app, size_mm=size_mm, bold=bold)
            self.add_widget(TextBlock(text=text, color=(*app.theme.text, 1),
                                      halign="right" if app.rtl else "left", rtl=app.rtl,
                                      line_height=kivy_line_height(style, spacing), **style))
        # Translators: the big button on the "Are you still there?" warning: the
        # visitor is still here and wants to go on where they were. Short (one or two
        # words).
        button = KioskButton(text=_("Carry on"), action="carry_on", primary=True, rtl=app.rtl,
                             size_hint_y=None,
                             height=app.sizer.target(sizes.PRIMARY_TARGET_MM + 5,
                                                     sizes.BUTTON_FONT_MM),
                             **text_style(app, size_mm=sizes.BUTTON_FONT_MM, control=True))
        self.add_widget(button)
        self.add_widget(Widget())

    def _cover(self, *_):
        self._bg.pos, self._bg.size = self.pos, self.size

    def spoken(self) -> str:
        return f"{self.question} {self.detail}"
