"""The staff PIN pad, opened by holding the top-left corner for 5 seconds.

A visitor may land here by accident, so it says who it is for and offers Cancel, in the
visitor's language. It is a staff tool, so it keeps the 100 % text size whatever the visitor
chose: at 200 % the twelve keys, their labels in every language and the text beside them would
not fit a 15.6-inch screen. Every key is still a primary target (at least 25 mm) reachable by
the focus ring, and the keys sit beside the text rather than under it, for short screens.
Digits are shown only as dots and kept only while the pad is open.
"""

from __future__ import annotations

from kivy.graphics import Color, Ellipse
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.widget import Widget

from kiosk.admin.pin import PIN_MAX_DIGITS
from kiosk.display import sizes
from kiosk.display.bidi_text import visual
from kiosk.i18n.catalogues import _, ngettext
from kiosk.ui.measure import text_width
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import KioskButton, TextBlock, button_padding, icon_room, kiosk_app

DOT_MM = 6.0
KEY_MIN_WIDTH_MM = 30.0
DIGIT_FONT_MM = 10.0


class PinDots(Widget):
    """One filled dot per digit typed: shows progress without showing the PIN."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.count = 0
        self.bind(pos=self.redraw, size=self.redraw)

    def show(self, count: int) -> None:
        self.count = count
        self.redraw()

    def redraw(self, *_):
        app = kiosk_app()
        self.canvas.clear()
        if app is None or app.sizer is None:
            return
        size = app.sizer.px(DOT_MM)
        step = min(size * 1.8, self.width / PIN_MAX_DIGITS)
        y = self.y + (self.height - size) / 2
        with self.canvas:
            Color(*app.theme.text, 1)
            for index in range(self.count):
                offset = index * step
                x = self.x + self.width - size - offset if app.rtl else self.x + offset
                Ellipse(pos=(x, y), size=(size, size))


class PinScreen(KioskScreen):
    digits = ""
    message = ""
    widget_refs = ("status", "dots")

    def _style(self, size_mm: float, bold: bool = False) -> dict:
        """Fixed size (see the module note), in the visitor's language's font."""
        font = self.app.data.font_for(self.app.session.language)
        return {"font_name": str(font.bold if bold else font.regular),
                "font_size": sizes.whole_px(self.app.sizer.px(size_mm))}

    def _label_width(self, text: str, size_mm: float, icon: bool = False) -> float:
        style = self._style(size_mm)
        font = style["font_size"]
        shown = visual(text) if self.app.rtl else text
        return text_width(shown, style) + 2 * button_padding(font) + (icon_room(font) if icon
                                                                      else 0)

    def refresh(self) -> None:
        app = self.app
        sizer = app.sizer
        # Translators: title of the keypad where clinic staff type a PIN to stop the
        # kiosk. Visitors see it only after holding the top-left corner of the screen
        # for 5 seconds.
        self.title_text = _("Staff PIN")
        self.clear_widgets()
        margin = self.margin()
        gap = sizer.px(sizes.GAP_MM * 2)
        key_height = sizer.px(sizes.PRIMARY_TARGET_MM)
        # Translators: on the staff PIN keypad: removes the last digit typed.
        delete = _("Delete")
        # Translators: on the staff PIN keypad: checks the PIN typed.
        ok = _("OK")
        key_width = max(sizer.px(KEY_MIN_WIDTH_MM),
                        *(self._label_width(t, sizes.BUTTON_FONT_MM) for t in (delete, ok)))

        left = BoxLayout(orientation="vertical", spacing=gap)
        title = self._text(self.title_text, sizes.HEADING_FONT_MM, bold=True)
        self.status = self._text(self._status_text(), sizes.BODY_FONT_MM)
        self.dots = PinDots(size_hint_y=None, height=sizer.px(DOT_MM * 2))
        self.dots.show(len(self.digits))
        # Translators: leaves the staff PIN keypad, back to where the visitor was.
        cancel_label = _("Cancel")
        cancel = self._button(cancel_label, "pin:cancel", self.cancel, icon="prev",
                              width=max(sizer.px(KEY_MIN_WIDTH_MM),
                                        self._label_width(cancel_label, sizes.BUTTON_FONT_MM,
                                                          icon=True)),
                              height=key_height)
        for widget in (title, self.status, self.dots, Widget()):
            left.add_widget(widget)
        left.add_widget(self.row([cancel, Widget()], size_hint_y=None, height=cancel.height))

        keys = GridLayout(cols=3, spacing=gap, size_hint=(None, None),
                          width=3 * key_width + 2 * gap, height=4 * key_height + 3 * gap)
        order = [*(str(d) for d in range(1, 10)), "delete", "0", "ok"]
        if app.rtl:  # each row in reading order, like every other row of controls
            order = [k for row in range(4) for k in reversed(order[row * 3:row * 3 + 3])]
        for key in order:
            if key == "delete":
                button = self._button(delete, "pin:delete", self.delete)
            elif key == "ok":
                button = self._button(ok, "pin:ok", self.submit)
            else:
                button = self._button(key, f"pin:{key}", lambda k=key: self.type_digit(k),
                                      size_mm=DIGIT_FONT_MM, private=True)
            button.size = (key_width, key_height)
            keys.add_widget(button)
        right = BoxLayout(orientation="vertical", size_hint_x=None, width=keys.width)
        right.add_widget(keys)
        right.add_widget(Widget())

        body = self.row([left, right], padding=(margin, margin * 0.5, margin, margin * 0.5),
                        spacing=gap * 2)
        self.add_widget(body)

    def _text(self, text: str, size_mm: float, bold: bool = False) -> TextBlock:
        app = self.app
        return TextBlock(text=text, color=(*app.theme.text, 1), line_height=1.3,
                         halign="right" if app.rtl else "left", rtl=app.rtl,
                         **self._style(size_mm, bold))

    def _button(self, text: str, action: str, callback, *, size_mm: float = sizes.BUTTON_FONT_MM,
                **kwargs) -> KioskButton:
        button = KioskButton(text=text, action=action, primary=True, rtl=self.app.rtl,
                             size_hint=(None, None), **self._style(size_mm), **kwargs)
        button.bind(on_activate=lambda *_: callback())
        return button

    def _status_text(self) -> str:
        if self.message:
            return self.message
        locked = self.app.admin_gate.seconds_locked()
        if locked:
            return self._locked_text(locked)
        # Translators: under the title of the staff PIN keypad. "Cancel" is the button
        # that leaves the keypad: use the same word as its translation.
        return _("This is for clinic staff. If you came here by mistake, touch Cancel.")

    @staticmethod
    def _locked_text(seconds: int) -> str:
        # Translators: on the staff PIN keypad after several wrong PINs. {seconds}
        # counts down from 60 to 1: fill in every plural form of your language.
        # Keep {seconds} in each form.
        return ngettext("Too many wrong tries. Wait {seconds} second, then try again.",
                        "Too many wrong tries. Wait {seconds} seconds, then try again.",
                        seconds).format(seconds=seconds)

    def _update(self) -> None:
        self.dots.show(len(self.digits))
        self.status.source_text = self._status_text()

    # Keys ---------------------------------------------------------------------------------------
    def type_digit(self, digit: str) -> None:
        if len(self.digits) < PIN_MAX_DIGITS:
            self.digits += digit
        self.message = ""
        self._update()

    def delete(self) -> None:
        self.digits = self.digits[:-1]
        self._update()

    def submit(self) -> None:
        typed, self.digits = self.digits, ""
        result = self.app.admin_gate.try_pin(typed)
        if result == "wrong":
            # Translators: on the staff PIN keypad when the PIN typed is wrong. PIN: the
            # staff code; use the abbreviation usual in your language.
            self.message = _("Wrong PIN. Try again.")
        elif result == "locked":
            self.message = self._locked_text(self.app.admin_gate.seconds_locked())
        if result != "ok":
            self._update()

    def cancel(self) -> None:
        self.app.go_back()

    def on_pre_leave(self, *_):
        """Nothing typed outlives the pad."""
        self.digits = self.message = ""
