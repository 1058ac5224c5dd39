"""What the soak's visitor can do with a finger, a keypad and time: the input primitives the
random actions are made of, on the real app through the headless driver."""

from __future__ import annotations

import gc
import random
from collections.abc import Callable

from kiosk.system.memory import release_free_memory, resident_kb
from kiosk.ui.keys import CODES

# The keys a visitor may press: Kivy's key code, with the codepoint a keyboard would send.
KEYS: dict[str, tuple[int, str | None]] = {
    name: (CODES[code], codepoint) for name, code, codepoint in (
        ("Tab", "tab", None), ("Up", "up", None), ("Down", "down", None),
        ("Right", "right", None), ("Left", "left", None), ("Enter", "enter", None),
        ("Space", "spacebar", " "), ("Backspace", "backspace", None), ("h", "h", "h"),
        ("Escape", "escape", None))
}
GUIDE_EVERY = 50  # a guided walk to an unvisited screen this often, until all are seen


class Visitor:
    """Drives one running kiosk (a ``Driver``) as a visitor would, one primitive at a time."""

    def __init__(self, driver, seed: int, pin: str | None = None):
        self.driver = driver
        self.app = driver.app
        self.seed = seed
        self.rng = random.Random(seed)
        self.pin = pin
        self.clock = driver.clock  # the app's own clock, moved only by the monkey
        self.exits = 0  # "Exit kiosk" pressed on the staff screen (recorded, not obeyed)
        self._note: Callable[[str], None] = lambda _text: None

    # Taking over the app's clocks ------------------------------------------------------------
    def _take_over(self) -> Callable[[], None]:
        """Point the recorded player at the app's clock and drive speech by hand; return how
        to undo it. (The app already keeps time on the driver's clock, and a driver runs no idle
        checks of its own: ``_idle_for`` makes them.)"""
        from kivy.clock import Clock

        app = self.app
        undo: list[Callable[[], None]] = []
        player = app.speech.reader.player
        if hasattr(player, "clock"):
            old_player_clock = player.clock
            player.clock = self.clock
            undo.append(lambda: setattr(player, "clock", old_player_clock))
        # Speech moves on when the monkey ticks it (after every action), not when 50 ms of real
        # time happen to pass during a pump, which on a busy machine started sentences at other
        # moments.
        tick = app.speech.tick
        if any(event.get_callback() == tick for event in Clock.get_events()):
            Clock.unschedule(tick)
            undo.append(lambda: Clock.schedule_interval(tick, 1 / 20))
        # A screen's buffer swap makes the renderer finish the frame before it is shown; the
        # offscreen window's swap does nothing, so Mesa's software renderer (llvmpipe) kept
        # every frame's binned drawing commands queued until something forced them out. At the
        # readings that was 0-10 MB more or less (2 MB for each full redraw of the welcome
        # screen, 15 redraws: +32 MB), by chance of how many frames were queued. Finishing each
        # frame here does what a display does.
        from kivy.core.window import Window
        from kivy.graphics.opengl import glFinish

        def finish_frame(*_args):
            glFinish()

        Window.bind(on_flip=finish_frame)
        undo.append(lambda: Window.unbind(on_flip=finish_frame))
        gate = app.admin_gate
        old_exit = gate.on_exit

        def record_exit():
            self.exits += 1
            self._note("staff exit requested: recorded, the run goes on")
            gate.leave()

        gate.on_exit = record_exit
        undo.append(lambda: setattr(gate, "on_exit", old_exit))
        return lambda: [u() for u in reversed(undo)]

    # Looking -------------------------------------------------------------------------------
    @property
    def screen(self) -> str:
        return self.app.manager.current

    def _visible(self) -> dict[str, object]:
        return {b.action: b for b in self.driver.buttons()}

    def _window_size(self) -> tuple[int, int]:
        from kivy.core.window import Window

        return Window.width, Window.height

    # Low-level input (each is what a finger or a keypad does) --------------------------------
    def _tap_point(self, x: float, y: float, hold: float = 0.08) -> None:
        touch = self.driver.down(x, y)
        self.clock.advance(hold)
        self.driver.up(touch)

    def _tap(self, action: str) -> bool:
        """Tap a visible button by its action (a person waits a moment between taps)."""
        self.driver.pump(1)  # a button's position is known only after layout
        button = self._visible().get(action)
        if button is None:
            return False
        self.clock.advance(self.rng.uniform(0.6, 1.5))
        x, y = button.to_window(*button.center)
        self._note(f"tap {action!r}")
        self._tap_point(x, y)
        if self.app.speech.armed is button:  # audio guide: the first tap only said its name
            self.clock.advance(self.rng.uniform(0.6, 1.5))
            self._tap_point(x, y)
        return True

    def _key(self, name: str) -> None:
        code, codepoint = KEYS[name]
        self.clock.advance(self.rng.uniform(0.2, 1.0))
        self.driver.key(code, codepoint)

    def _tick_speech(self) -> None:
        self.app.speech.tick(0)  # what Kivy's clock would do, at the virtual time
        self.driver.pump(1)

    def _idle_for(self, seconds: float) -> None:
        """Nobody touches anything for ``seconds`` (as the app's idle check will see it)."""
        self.clock.advance(seconds)
        self.app.check_idle()
        self._tick_speech()

    def _hold_corner(self) -> None:
        from kivy.core.window import Window

        self.clock.advance(1.0)
        touch = self.driver.down(5, Window.height - 5)
        self.clock.advance(5.5)
        self.driver.pump(2)
        self.driver.up(touch)

    def _next_hop(self, target: str) -> str | None:
        screen, visible = self.screen, self._visible()
        if target == "welcome":
            return "language"
        if target == "help":
            return "help"
        if target == "settings":
            return "display"
        if target == "topics":
            return f"language:{self.app.session.language}" if screen == "welcome" else "home"
        if target == "voice":
            return "voice" if "voice" in visible else self._next_hop("reader")
        if screen != "topics":
            return self._next_hop("topics")
        sections = {s.id for s in self.app.data.content.sections}
        wanted = [a for a in visible if a.startswith("topic:")
                  and (a[6:] in sections if target == "reader" else a[6:] == target)]
        return wanted[0] if wanted else "next"  # the topics may run over more than one page

    def _forget_recordings(self) -> None:
        """The recording doubles keep everything said and played (tests read it back); the real
        kiosk keeps nothing, so neither may the soak, or it would measure the recorder."""
        for owner, name in ((self.app.speech.synthesizer, "spoken"),
                            (self.app.speech.reader.player, "played")):
            recorded = getattr(owner, name, None)
            if isinstance(recorded, list):
                recorded.clear()

    def _rss_between_visitors(self) -> int:
        """Resident memory as the next visitor finds the kiosk: the visit reset (as the idle
        timeout resets it) and its screen drawn. Compared at two such moments, any growth is
        a leak, not the fonts and sizes the last visitor happened to choose."""
        self.app.reset_visit()
        self.driver.pump(3)
        gc.collect()
        release_free_memory()
        return resident_kb()
