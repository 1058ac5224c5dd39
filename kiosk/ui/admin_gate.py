"""The hidden way out for staff: hold the top-left corner for 5 seconds, then type the PIN.

A kiosk must not be left by a visitor, yet staff need to stop it without a keyboard. The corner
is the same in every language and is watched on the window's raw motion events, before any
widget sees them, so it works on every screen. When the hold completes, the touch is taken away
from whatever it pressed, so lifting the finger never activates a control. Wrong PINs are
counted by ``kiosk.admin.lockout``; time is the app's clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kivy.clock import Clock
from kivy.core.window import Window

from kiosk.admin.lockout import PinLockout
from kiosk.admin.pin import verify_pin
from kiosk.interaction.session import Location

log = logging.getLogger(__name__)

CORNER_MM = 12.0  # the square a fingertip must stay in
HOLD_SECONDS = 5.0


class AdminGate:
    def __init__(self, app):
        self.app = app
        self.on_exit: Callable[[], None] = app.stop  # replaceable: a test must not stop itself
        self.startup_check = None  # kiosk.admin.status.StartupCheck, set by ``ccsvi-kiosk run``
        self.unlocked = False  # true only while the staff screen is open after a right PIN
        self._down: set = set()  # uids of every finger on the glass
        self._holding = None  # the touch being held in the corner
        self._since = 0.0
        self.lockout = PinLockout(clock=app.clock)

    def clock(self) -> float:
        return self.app.clock()

    # The corner -------------------------------------------------------------------------------
    def in_corner(self, x: float, y: float) -> bool:
        side = self.app.sizer.px(CORNER_MM)
        return x <= side and y >= Window.height - side

    @staticmethod
    def _window_pos(touch) -> tuple[float, float]:
        """Where the touch is, in window pixels. Handlers bound to ``on_motion`` run before
        Kivy scales the event to the window, so this is worked out from the normalised
        position, as Kivy itself will (the kiosk's window is never rotated)."""
        return touch.sx * (Window.width - 1), touch.sy * (Window.height - 1)

    def on_motion(self, _window, etype: str, touch) -> bool:
        """Watch every touch (bound to ``Window.on_motion``); never consumes one."""
        if not getattr(touch, "is_touch", False):
            return False
        if etype == "begin":
            self._down.add(touch.uid)
            if len(self._down) == 1 and self.in_corner(*self._window_pos(touch)):
                self._holding, self._since = touch, self.clock()
                Clock.schedule_interval(self._tick, 0)
            else:
                self._cancel()  # a second finger or palm: not a deliberate hold
        elif etype == "update":
            if touch is self._holding and not self.in_corner(*self._window_pos(touch)):
                self._cancel()  # slid out of the corner
        elif etype == "end":
            self._down.discard(touch.uid)
            if touch is self._holding:
                self._cancel()  # lifted too soon
        return False

    def _cancel(self) -> None:
        self._holding = None
        Clock.unschedule(self._tick)

    def _tick(self, _dt) -> None:
        if self._holding is not None and self.clock() - self._since >= HOLD_SECONDS:
            touch = self._holding
            self._cancel()
            self._take_away(touch)
            self.held()

    def _take_away(self, touch) -> None:
        """The finger still rests on whatever it touched: make its release do nothing."""
        touch.ud["kiosk_ignored"] = True
        for ref in list(touch.grab_list):
            widget = ref()
            if widget is None:
                continue
            touch.ungrab(widget)
            if hasattr(widget, "pressed"):
                widget.pressed = False
        self.app.tap_policy.cancel(touch.uid)

    def held(self) -> None:
        """The corner was held long enough."""
        if not self.app.data.config.admin_pin_hash:
            log.info("admin corner held, but no admin PIN set (ccsvi-kiosk set-pin): "
                     "the kiosk stays in visitor mode")
            return
        log.info("admin corner held: PIN pad shown")
        self.app.show(Location("pin"))

    # The PIN ----------------------------------------------------------------------------------
    def seconds_locked(self) -> int:
        """Whole seconds until PINs are accepted again (0: not locked)."""
        return self.lockout.seconds_locked()

    def try_pin(self, pin: str) -> str:
        """"ok", "wrong" or "locked". A right PIN opens the staff screen."""
        if self.lockout.seconds_locked():
            return "locked"
        if verify_pin(pin, self.app.data.config.admin_pin_hash):
            self.lockout.right()
            self.unlocked = True
            log.info("admin PIN accepted: staff screen shown")
            self.app.show(Location("admin"), remember=False)
            return "ok"
        log.warning("wrong admin PIN (%d in a row)", self.lockout.wrong_in_a_row + 1)
        if self.lockout.wrong():
            log.warning("admin PIN pad locked for %d s after %d wrong PINs",
                        self.lockout.lockout_seconds, self.lockout.max_wrong)
            return "locked"
        return "wrong"

    # The staff screen's two ways out ----------------------------------------------------------
    def leave(self) -> None:
        """Back to visitor mode: a fresh visit, as if the kiosk had just started."""
        self.unlocked = False
        self.app.reset_visit()

    def exit_kiosk(self) -> None:
        if not self.unlocked:
            return
        log.info("kiosk stopped from the staff screen")
        self.on_exit()
