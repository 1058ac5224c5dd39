"""Single-switch scanning in the UI: the switch key drives
``kiosk.interaction.switch_scan.SwitchScan`` with the same focus ring the keyboard uses, so
what is highlighted is what a press activates.

Timing follows the app's clock (moved by hand in headless runs). A touch ends the
scan: whoever touches the screen is using it another way.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.core.window import Keyboard

from kiosk.interaction.switch_scan import SwitchScan


class Scanner:
    def __init__(self, app):
        self.app = app
        self.scan = SwitchScan(app.data.config.scan_interval_seconds)
        Clock.schedule_interval(self.tick, 1 / 20)

    @property
    def active(self) -> bool:
        return self.scan.active

    def handles(self, key: int) -> bool:
        name = self.app.data.config.scan_key
        return bool(name) and Keyboard.keycodes.get(name) == key

    def press(self) -> None:
        app = self.app
        self.scan.interval = app.data.config.scan_interval_seconds
        now = app.clock()
        if self.scan.press(now) == "start":
            self._highlight(None)
            return
        chosen = app.keys.focused_button()
        action = chosen.action if chosen is not None else None
        if chosen is not None:
            chosen.activate()
        # Stay on the same control if it is still there ("Next", page after page); otherwise
        # begin again at the first control of what is now shown.
        self._highlight(action)
        self.scan.restart(app.clock())

    def tick(self, _dt) -> None:
        app = self.app
        if not self.scan.active:
            return
        order = app.keys.focus_order()
        steps = self.scan.steps_due(app.clock(), len(order))
        if not self.scan.active:
            self._clear()
            return
        for _ in range(steps):
            app.keys.move_focus(+1)

    def stop(self) -> None:
        if self.scan.active:
            self.scan.stop()
            self._clear()

    def _highlight(self, action: str | None) -> None:
        app = self.app
        self._clear()
        order = app.keys.focus_order()
        same = [b for b in order if action and b.action == action]
        if same:
            same[0].focused = True
            if app.session.speech.audio_guide:
                app.speech.say(same[0].spoken_description(), same[0].speech_language or None)
        else:
            app.keys.move_focus(+1)

    def _clear(self) -> None:
        focused = self.app.keys.focused_button()
        if focused is not None:
            focused.focused = False
