"""Drive the real kiosk without a screen: real window (SDL offscreen), real touch events.

Used by the test suite, ``ccsvi-kiosk snapshot`` and the benchmarks, so all three exercise the
same code a visitor does. Touches go through Kivy's input queue and post-processing, exactly as
touches from a touchscreen provider would. Call ``kiosk.ui.env.prepare(headless=True)`` first.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from kivy.base import EventLoop
from kivy.core.image.img_sdl2 import ImageLoaderSDL2
from kivy.core.window import Window
from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels
from kivy.input.motionevent import MotionEvent

from kiosk.loading import KioskData
from kiosk.speech import Player, Synthesizer, create_player, create_synthesizer
from kiosk.stand_ins import ManualClock
from kiosk.ui.app import KioskApp
from kiosk.ui.headless.kivy_private import build_without_main_loop, dispatch_input
from kiosk.ui.widgets import KioskButton


class SyntheticTouch(MotionEvent):
    """A finger on the glass at window pixel coordinates."""

    def __init__(self, x: float, y: float, touch_id: int):
        super().__init__("kiosk-driver", touch_id, self._args(x, y), is_touch=True,
                         type_id="touch")

    @staticmethod
    def _args(x: float, y: float) -> dict:
        return {"x": x / max(1, Window.width - 1), "y": y / max(1, Window.height - 1)}

    def depack(self, args):
        self.profile = ["pos"]
        self.sx, self.sy = args["x"], args["y"]
        super().depack(args)


class Driver:
    _next_touch_id = 1

    def __init__(self, app: KioskApp, clock: ManualClock):
        self.app = app
        # The app's clock (repeat guard, hold time, staff corner, switch scanning, idle time)
        # moves only when idle() says so, so a loaded machine cannot stretch a quick double tap
        # past the 500 ms guard, and idle time is what the caller says it is.
        self.clock = clock

    @classmethod
    def start(cls, data: KioskData, synthesizer: Synthesizer | None = None,
              player: Player | None = None) -> Driver:
        """Start the kiosk headless. Without a synthesizer, nothing is spoken, but the speech
        buttons appear for every language the real engine speaks (a preview shows what a
        visitor would see); without a player, what would be played is recorded.

        The idle timer is not run on Kivy's clock: a caller that wants idle time to pass calls
        ``idle(seconds)`` and then ``app.check_idle()``.
        """
        EventLoop.ensure_window()
        clock = ManualClock(now=time.monotonic())
        app = KioskApp(data, synthesizer=synthesizer or create_synthesizer("spy", voices="engine"),
                       player=player or create_player("recording"), clock=clock,
                       idle_checks=False)
        build_without_main_loop(app)
        driver = cls(app, clock)
        driver.pump(3)
        return driver

    def stop(self) -> None:
        Window.remove_widget(self.app.root)
        self.app.stop()

    def pump(self, frames: int = 2) -> None:
        for _ in range(frames):
            EventLoop.idle()

    # Finding widgets ---------------------------------------------------------------------------
    def widgets(self) -> Iterator:
        yield from self.app.root.walk(restrict=True)

    def buttons(self) -> list[KioskButton]:
        """Buttons a visitor can see and use, on the top bar and the current screen."""
        return self.app.visible_buttons()

    def button(self, action: str) -> KioskButton:
        matches = [b for b in self.buttons() if b.action == action]
        if not matches:
            names = ", ".join(sorted(b.action for b in self.buttons()))
            raise LookupError(f"no visible button {action!r}; visible: {names}")
        return matches[0]

    # Input ------------------------------------------------------------------------------------
    def touch_at(self, x: float, y: float) -> SyntheticTouch:
        """A new finger at window pixel ``(x, y)``, not yet on the glass."""
        Driver._next_touch_id += 1
        return SyntheticTouch(x, y, Driver._next_touch_id)

    def down(self, x: float, y: float) -> SyntheticTouch:
        touch = self.touch_at(x, y)
        dispatch_input("begin", touch)
        self.pump(1)
        return touch

    def move(self, touch: SyntheticTouch, x: float, y: float) -> None:
        touch.move(SyntheticTouch._args(x, y))
        dispatch_input("update", touch)
        self.pump(1)

    def up(self, touch: SyntheticTouch) -> None:
        dispatch_input("end", touch)
        self.pump(2)

    def tap_at(self, x: float, y: float) -> None:
        self.up(self.down(x, y))

    def tap(self, action: str, *, wait: float = 0.6) -> None:
        """Touch the centre of a visible button and lift, like a visitor would.

        ``wait`` lets the repeat-press guard (500 ms) pass first, as a person's taps would.
        """
        self.pump(1)  # settle layout first: a button's position is only known after it
        button = self.button(action)
        self.idle(wait)
        self.tap_at(*button.to_window(*button.center))

    def idle(self, seconds: float) -> None:
        """Let time pass on the app's clock (see __init__)."""
        self.clock.advance(seconds)

    def key(self, key: int, codepoint: str | None = None) -> bool:
        handled = Window.dispatch("on_key_down", key, 0, codepoint, [])
        Window.dispatch("on_key_up", key, 0)
        self.pump(2)
        return bool(handled)

    # Output ------------------------------------------------------------------------------------
    def frame(self) -> tuple[int, int, bytes]:
        """(width, height, RGBA bytes) of what the window shows now, bottom row first."""
        self.pump(2)
        # Window.screenshot reads GL_RGB rows with OpenGL's 4-byte row alignment but saves
        # them packed, so a width like 1366 px came out sheared. RGBA rows are always aligned.
        width, height = Window.size
        return width, height, glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE)

    def screenshot(self, path: Path) -> Path:
        """Save exactly what the window shows now as a PNG at ``path``."""
        width, height, pixels = self.frame()
        path.parent.mkdir(parents=True, exist_ok=True)
        ImageLoaderSDL2.save(str(path), width, height, "rgba", pixels, True, "png")
        return path
