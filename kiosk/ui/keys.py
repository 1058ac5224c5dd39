"""Keys: moving the focus ring, pressing the focused control, and the EZ Access Help key.

For visitors who use a keypad, a keyboard or a switch instead of the glass (EN 301 549 5.1.6,
WCAG 2.1.1): Tab and the arrows move the focus in reading order, Enter and Space press, Backspace
goes back, "h" asks for help with speech. A held key acts once. Escape is swallowed so that it
never closes the kiosk.
"""

from __future__ import annotations

from kivy.core.window import Keyboard

from kiosk.interaction.input_policy import KeyRepeatFilter

CODES = Keyboard.keycodes  # Kivy's names for SDL's key codes
KEY_ESCAPE, KEY_BACKSPACE, KEY_TAB = CODES["escape"], CODES["backspace"], CODES["tab"]
KEY_ENTER, KEY_NUMPAD_ENTER, KEY_SPACE = CODES["enter"], CODES["numpadenter"], CODES["spacebar"]
KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT = CODES["up"], CODES["down"], CODES["left"], CODES["right"]
MOVES = {KEY_TAB, KEY_DOWN, KEY_RIGHT, KEY_UP, KEY_LEFT}
PRESSES = {KEY_ENTER, KEY_NUMPAD_ENTER, KEY_SPACE}


class Keys:
    """The app's keyboard: bound to the window's key events by the app."""

    def __init__(self, app):
        self.app = app
        self.repeats = KeyRepeatFilter(clock=app.clock)

    # Focus ------------------------------------------------------------------------------------
    def focus_order(self) -> list:
        """Visible controls in reading order: top to bottom, then along the line."""
        sign = -1 if self.app.rtl else 1
        return sorted(self.app.visible_buttons(),
                      key=lambda b: (-round(b.to_window(b.x, b.top)[1]),
                                     sign * b.to_window(b.x, b.y)[0]))

    def focused_button(self):
        return next((b for b in self.app.visible_buttons() if b.focused), None)

    def move_focus(self, step: int) -> None:
        order = self.focus_order()
        if not order:
            return
        current = self.focused_button()
        index = order.index(current) + step if current in order else (0 if step > 0 else -1)
        if current is not None:
            current.focused = False
        target = order[index % len(order)]
        target.focused = True
        if self.app.session.speech.audio_guide:
            self.app.speech.say(target.spoken_description(), target.speech_language or None)

    # Key events --------------------------------------------------------------------------------
    def on_key_up(self, _window, key, *_args) -> None:
        self.repeats.up(key)

    def on_key_down(self, _window, key, _scancode, codepoint, modifiers) -> bool:
        app = self.app
        if not self.repeats.down(key):
            return True  # a held key repeating: it acted once, on its first key-down
        if app.note_activity():
            return True  # the key answered "Are you still there?"
        if key == KEY_ESCAPE:
            return True  # swallowed: Escape must not close the kiosk
        if app.scanner.handles(key):  # before the keys below: a switch may send Enter
            app.scanner.press()
            return True
        if key in MOVES:
            backwards = key in (KEY_UP, KEY_LEFT) or (key == KEY_TAB and "shift" in modifiers)
            self.move_focus(-1 if backwards else 1)
            return True
        if key in PRESSES:
            focused = self.focused_button()
            if focused is not None:
                focused.activate()
            return True
        if key == KEY_BACKSPACE and app.session.location.screen != "welcome":
            app.go_back()
            return True
        if codepoint == "h":
            self.help_key()
            return True
        return False

    def help_key(self) -> None:
        """The Help key (EZ Access) is how a visitor who cannot see the screen asks for speech
        (EN 301 549 5.2): it turns the audio guide on, and the help screen is announced."""
        app = self.app
        app.session.speech.audio_guide = True
        if app.session.location.screen != "help":
            app.go_help()
        else:
            app.refresh()
            app.speech.announce_screen(app.current_screen)
