"""A seeded random visitor ("monkey") for the soak test: the real app, real touches, all day.

A kiosk runs for weeks with nobody to restart it, so ``make soak`` lets a random visitor loose on
the real app (headless, through ``kiosk.ui.headless.driver``: touches go through Kivy's input
queue):
touches on buttons and anywhere else (misses, slides off a button, a palm held in the corner),
keys (Tab, arrows, Enter, Space, Backspace, h, Escape), language, text size and theme changes,
read-aloud started, paused and stopped, time passing while it speaks, and visitors who walk
away (the idle warning, answered or left to reset the visit).

Everything the visitor does is chosen by one ``random.Random(seed)``, and every clock the app
consults while it runs (the tap policy's, the corner hold's, the idle clock's, the recorded
player's) is a virtual one moved only by the monkey, so ``--seed S --actions N`` replays a run
exactly (with ``--speech recording``; the real worker answers at its own pace, so its timing,
not the visitor's choices, may differ). A run passes if nothing raised (including exceptions
Kivy only logs, and those in threads), every screen was visited (guided walks fill in any
screen the dice have not reached), and resident memory grew by no more than the allowed amount
from the warm-up to the end, measured between visitors (the visit reset, as the idle timeout
resets it) every 500 actions: the first third of the readings against the last third, and
their trend. A failure prints the seed and the last actions.

    python -m kiosk.ui.headless.monkey --actions 20000 [--seed S] [--speech worker|recording]
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import logging
import random
import statistics
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from kiosk.system.memory import release_free_memory, resident_kb

log = logging.getLogger(__name__)

# Key codes as SDL/Kivy report them, with the codepoint a keyboard would send.
KEYS: dict[str, tuple[int, str | None]] = {
    "Tab": (9, None), "Up": (273, None), "Down": (274, None), "Right": (275, None),
    "Left": (276, None), "Enter": (13, None), "Space": (32, " "), "Backspace": (8, None),
    "h": (104, "h"), "Escape": (27, None),
}
PIN = "2468"  # the staff PIN the monkey's kiosk is given, so it can reach the staff screen
HISTORY = 30  # actions shown when a run fails
VISITOR_EVERY = 500  # after the warm-up, a visitor leaves (the visit resets) this often
GUIDE_EVERY = 50  # a guided walk to an unvisited screen this often, until all are seen


@dataclass
class ManualClock:
    """Time as the monkey says it passes; every clock the app reads during a run."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class SoakResult:
    seed: int
    actions: int
    screens: set[str]  # every screen the app has
    visited: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)  # exceptions, raised or only logged
    history: deque[str] = field(default_factory=lambda: deque(maxlen=HISTORY))
    done: int = 0  # actions completed
    # Resident memory between visitors: (action, kB) after the warm-up, every VISITOR_EVERY
    # actions and at the end; the medians of the first and of the last third of them; the
    # least-squares trend over all of them; and, for comparison, the medians of the first and
    # last three (the rule before the thirds and the trend).
    rss_samples: list[tuple[int, int]] = field(default_factory=list)
    rss_warm_kb: int = 0
    rss_end_kb: int = 0
    rss_trend_mb: float = 0.0
    rss_three_mb: float = 0.0
    cpu_seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    cpu_by_kind: dict[str, float] = field(default_factory=dict)  # where the time went

    @property
    def growth_mb(self) -> float:
        return (self.rss_end_kb - self.rss_warm_kb) / 1024

    def failures(self, max_growth_mb: float | None) -> list[str]:
        found = list(self.errors)
        if self.done < self.actions:
            found.append(f"stopped after {self.done} of {self.actions} actions")
        if self.visited != self.screens:
            found.append(f"screens never visited: {sorted(self.screens - self.visited)}")
        # Both must hold: the thirds shrug off single wild readings, the trend catches a slow
        # steady rise that the middle of each third only partly shows.
        if max_growth_mb is not None and max(self.growth_mb, self.rss_trend_mb) > max_growth_mb:
            found.append(f"resident memory grew by {self.growth_mb:.1f} MB after the warm-up "
                         f"(last third of the readings against the first), trend "
                         f"{self.rss_trend_mb:+.1f} MB (allowed: {max_growth_mb:g} MB for both)")
        return found

    def summary(self) -> dict:
        return {"seed": self.seed, "actions": self.actions, "done": self.done,
                "screens": sorted(self.screens), "visited": sorted(self.visited),
                "errors": self.errors, "rss_warm_kb": self.rss_warm_kb,
                "rss_end_kb": self.rss_end_kb, "growth_mb": round(self.growth_mb, 2),
                "trend_mb": round(self.rss_trend_mb, 2),
                "three_readings_mb": round(self.rss_three_mb, 2),
                "rss_samples": self.rss_samples, "cpu_seconds": round(self.cpu_seconds, 1),
                "counts": self.counts,
                "cpu_by_kind": {k: round(v, 1) for k, v in self.cpu_by_kind.items()},
                "last_actions": list(self.history)}


class ErrorWatch:
    """Collects every exception the run produces, including those Kivy or a thread would only
    log: a kiosk that logs a traceback and carries on is still broken."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        self._installed: list[Callable[[], None]] = []

    def __enter__(self) -> ErrorWatch:
        from kivy.base import ExceptionHandler, ExceptionManager

        errors = self.errors

        class Recorder(ExceptionHandler):
            def handle_exception(self, exception):
                errors.append("".join(traceback.format_exception(exception)).rstrip())
                return ExceptionManager.RAISE

        recorder = Recorder()
        ExceptionManager.add_handler(recorder)
        self._installed.append(lambda: ExceptionManager.remove_handler(recorder))

        class Logged(logging.Handler):
            def emit(self, record):
                text = record.getMessage()
                if record.exc_info:
                    text += "\n" + "".join(traceback.format_exception(*record.exc_info))
                errors.append(f"logged {record.levelname} from {record.name}: {text}".rstrip())

        handler = Logged(level=logging.ERROR)
        loggers = [logging.getLogger()]
        kivy_logger = logging.getLogger("kivy")
        if not kivy_logger.propagate:
            loggers.append(kivy_logger)
        for logger in loggers:
            logger.addHandler(handler)
            self._installed.append(lambda lg=logger: lg.removeHandler(handler))

        old_thread_hook = threading.excepthook

        def thread_hook(args):
            errors.append(f"in thread {args.thread.name if args.thread else '?'}: " + "".join(
                traceback.format_exception(args.exc_type, args.exc_value,
                                           args.exc_traceback)).rstrip())

        threading.excepthook = thread_hook
        self._installed.append(lambda: setattr(threading, "excepthook", old_thread_hook))

        old_unraisable = sys.unraisablehook

        def unraisable(hook):
            errors.append(f"unraisable in {hook.object!r}: {hook.exc_type.__name__}: "
                          f"{hook.exc_value}")

        sys.unraisablehook = unraisable
        self._installed.append(lambda: setattr(sys, "unraisablehook", old_unraisable))
        return self

    def __exit__(self, *_exc) -> None:
        for undo in reversed(self._installed):
            undo()
        self._installed.clear()


class Monkey:
    """Drives one running kiosk (a ``Driver``) with random visitor actions."""

    WEIGHTS: ClassVar[dict[str, float]] = {
        "button": 30, "touch": 12, "slide": 6, "key": 14, "language": 5, "display": 5,
        "read": 8, "wait": 6, "idle": 3, "corner": 1.5,
    }

    def __init__(self, driver, seed: int, pin: str | None = None):
        self.driver = driver
        self.app = driver.app
        self.seed = seed
        self.rng = random.Random(seed)
        self.pin = pin
        self.clock = ManualClock()
        self.exits = 0  # "Exit kiosk" pressed on the staff screen (recorded, not obeyed)
        self._note: Callable[[str], None] = lambda _text: None

    # Taking over the app's clocks ------------------------------------------------------------
    def _take_over(self) -> Callable[[], None]:
        """Point every clock the app reads at the virtual one; return how to undo it."""
        from kivy.clock import Clock

        app = self.app
        undo: list[Callable[[], None]] = []
        policy = app.tap_policy
        old_clock = policy.clock
        policy.clock = self.clock
        undo.append(lambda: setattr(policy, "clock", old_clock))
        player = app.speech.reader.player
        if hasattr(player, "clock"):
            old_player_clock = player.clock
            player.clock = self.clock
            undo.append(lambda: setattr(player, "clock", old_player_clock))
        # Idle time is what the monkey says it is, not the wall clock's; and speech moves on
        # when the monkey ticks it (after every action), not when 50 ms of real time happen to
        # pass during a pump, which on a busy machine started sentences at other moments.
        for callback, interval in ((app._check_idle, 1.0), (app.speech.tick, 1 / 20)):
            if any(event.get_callback() == callback for event in Clock.get_events()):
                Clock.unschedule(callback)
                undo.append(lambda cb=callback, every=interval: Clock.schedule_interval(cb,
                                                                                       every))
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
        gate = getattr(app, "admin_gate", None)
        if gate is not None:
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
        app = self.app
        self.clock.advance(seconds)
        app._last_activity -= seconds
        app._warning_shown -= seconds
        app._check_idle(0)
        self._tick_speech()

    # Actions ---------------------------------------------------------------------------------
    def act_button(self) -> str:
        self.driver.pump(1)
        buttons = self.driver.buttons()
        if not buttons:
            return "button: none visible"
        button = self.rng.choice(buttons)
        self.clock.advance(self.rng.choice((0.2, 0.6, 1.0, 2.5)))  # sometimes a quick repeat
        x, y = button.to_window(*button.center)
        self._tap_point(x, y, hold=self.rng.choice((0.05, 0.1, 0.4)))
        return f"button {button.action!r} at ({x:.0f}, {y:.0f})"

    def act_touch(self) -> str:
        width, height = self._window_size()
        x, y = self.rng.uniform(0, width - 1), self.rng.uniform(0, height - 1)
        self.clock.advance(self.rng.uniform(0.1, 2.0))
        self._tap_point(x, y)
        return f"touch at ({x:.0f}, {y:.0f})"

    def act_slide(self) -> str:
        width, height = self._window_size()
        buttons = self.driver.buttons()
        if buttons and self.rng.random() < 0.6:  # start on a button, then slide (maybe off it)
            start = self.rng.choice(buttons)
            x, y = start.to_window(*start.center)
        else:
            x, y = self.rng.uniform(0, width - 1), self.rng.uniform(0, height - 1)
        self.clock.advance(self.rng.uniform(0.3, 2.0))
        touch = self.driver.down(x, y)
        path = [(x, y)]
        for _step in range(self.rng.randint(1, 3)):
            reach = self.rng.choice((8, 60, 400))
            x = min(width - 1, max(0, x + self.rng.uniform(-reach, reach)))
            y = min(height - 1, max(0, y + self.rng.uniform(-reach, reach)))
            self.clock.advance(0.05)
            self.driver.move(touch, x, y)
            path.append((x, y))
        self.driver.up(touch)
        return "slide " + " -> ".join(f"({px:.0f}, {py:.0f})" for px, py in path)

    def act_key(self) -> str:
        name = self.rng.choice(list(KEYS))
        self._key(name)
        return f"key {name}"

    def act_language(self) -> str:
        if self.screen != "welcome":
            self._tap("language")
        codes = [lang.code for lang in self.app.data.languages]
        code = self.rng.choice(codes)
        done = self._tap(f"language:{code}")
        return f"language {code}" + ("" if done else " (not reachable from here)")

    def act_display(self) -> str:
        if self.screen != "settings":
            self._tap("display")
        choices = [a for a in self._visible() if a.startswith(("text_scale:", "theme:"))]
        if not choices:
            return "display: no choices visible"
        choice = self.rng.choice(choices)
        self._tap(choice)
        if self.rng.random() < 0.5:
            self._tap("done")
        return f"display {choice}"

    def act_read(self) -> str:
        visible = self._visible()
        if "read_aloud" not in visible:
            topics = [a for a in visible if a.startswith("topic:")]
            if topics:
                self._tap(self.rng.choice(topics))
            elif "help" in visible and self.rng.random() < 0.3:
                self._tap("help")
        if not self._tap("read_aloud"):
            return "read: no page to read here"
        said = ["read aloud"]
        for _step in range(self.rng.randint(0, 3)):
            self.clock.advance(self.rng.choice((0.2, 0.9, 3.0)))
            self._tick_speech()
            controls = [a for a in ("pause", "resume", "repeat", "stop_speech", "next",
                                    "previous") if a in self._visible()]
            if controls and self.rng.random() < 0.6:
                control = self.rng.choice(controls)
                self._tap(control)
                said.append(control)
        return "read: " + ", ".join(said)

    def act_wait(self) -> str:
        seconds = self.rng.choice((0.1, 0.5, 2.0, 8.0))
        self.clock.advance(seconds)
        self._tick_speech()
        return f"wait {seconds:g} s"

    def act_idle(self) -> str:
        config = self.app.data.config
        self._idle_for(config.idle_timeout_seconds + 1)
        if self.app.idle_warning is None:
            return "idle: nothing to warn about (a fresh visit)"
        if self.rng.random() < 0.5:
            self._idle_for(config.idle_warning_seconds + 1)
            return "idle: walked away; the visit was reset"
        if self.rng.random() < 0.5:
            self.act_touch()
            return "idle: warned, answered with a touch"
        self.act_key()
        return "idle: warned, answered with a key"

    def act_corner(self) -> str:
        """A finger held in the top-left corner for 5 s (the staff gesture)."""
        from kivy.core.window import Window

        x, y = self.rng.uniform(1, 20), Window.height - self.rng.uniform(1, 20)
        self.clock.advance(self.rng.uniform(0.6, 2.0))
        touch = self.driver.down(x, y)
        held = self.rng.choice((1.0, 5.5, 5.5))
        self.clock.advance(held)
        self.driver.pump(2)  # the gate checks the hold on the clock
        self.driver.up(touch)
        said = f"corner held {held:g} s"
        if self.screen == "pin":
            digits = self.pin if (self.pin and self.rng.random() < 0.6) else "".join(
                self.rng.choice("0123456789") for _ in range(self.rng.randint(1, 6)))
            for digit in digits:
                self._tap(f"pin:{digit}")
            self._tap("pin:ok")
            said += f", typed {'the PIN' if digits == self.pin else repr(digits)}"
        return said

    def act_guided(self, target: str) -> str:
        """Walk to ``target`` the way a visitor would (by touch); used for screens the dice
        have not reached, so that every screen is exercised whatever the seed."""
        for _step in range(15):
            if self.app.idle_warning is not None:
                self.act_touch()  # answers "Are you still there?"
                continue
            if self.screen == target:
                return f"guided to {target}"
            if target in ("pin", "admin"):
                gate = self.app.admin_gate
                if gate.seconds_locked():  # wrong PINs typed at random: staff would wait
                    self.clock.advance(gate.seconds_locked() + 1)
                if self.screen == "pin" and target == "admin" and self.pin:
                    for digit in self.pin:
                        self._tap(f"pin:{digit}")
                    self._tap("pin:ok")
                    continue
                self._hold_corner()
                continue
            hop = self._next_hop(target)
            if hop is None or not self._tap(hop):
                for fallback in ("back", "home", "language"):
                    if self._tap(fallback):
                        break
                else:  # stuck: walk away, and the visit starts again on the welcome screen
                    self._idle_for(self.app.data.config.idle_timeout_seconds + 1)
                    self._idle_for(self.app.data.config.idle_warning_seconds + 1)
        return f"guided to {target}: did not arrive (on {self.screen})"

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

    # The run ---------------------------------------------------------------------------------
    def run(self, actions: int, warmup: int | None = None,
            echo: Callable[[str], None] | None = None) -> SoakResult:
        """Do ``actions`` random actions; resident memory is measured from ``warmup`` on."""
        app = self.app
        # Memory climbs while caches (text measurements, shaped lines, page layouts) first fill
        # up; growth is measured from after that.
        warmup = min(actions, max(300, actions // 5) if warmup is None else warmup)
        result = SoakResult(self.seed, actions, set(app.manager.screen_names))
        result.visited.add(self.screen)
        visit = lambda _manager, name: result.visited.add(name)  # noqa: E731
        app.manager.bind(current=visit)
        kinds = list(self.WEIGHTS)
        weights = [self.WEIGHTS[k] for k in kinds]
        notes: list[str] = []
        self._note = notes.append
        undo = self._take_over()
        started = time.process_time()
        try:
            with ErrorWatch(result.errors):
                for index in range(actions):
                    if index >= warmup and (index - warmup) % VISITOR_EVERY == 0:
                        result.rss_samples.append((index, self._rss_between_visitors()))
                    unvisited = sorted(result.screens - result.visited)
                    if unvisited and index % GUIDE_EVERY == GUIDE_EVERY - 1:
                        kind, target = "guided", self.rng.choice(unvisited)
                    else:
                        kind, target = self.rng.choices(kinds, weights)[0], None
                    where = self.screen
                    notes.clear()
                    cpu = time.process_time()
                    try:
                        said = (self.act_guided(target) if target
                                else getattr(self, f"act_{kind}")())
                    except Exception as exc:  # recorded by the ExceptionManager, or here
                        text = "".join(traceback.format_exception(exc)).rstrip()
                        if not result.errors or text not in result.errors[-1]:
                            result.errors.append(text)
                        result.history.append(f"#{index} on {where}: {kind} RAISED "
                                              f"{type(exc).__name__}: {exc}")
                        break
                    self._tick_speech()
                    self._forget_recordings()
                    result.history.append(f"#{index} on {where}: {said}"
                                          + (f" [{'; '.join(notes)}]" if notes else ""))
                    result.counts[kind] = result.counts.get(kind, 0) + 1
                    result.cpu_by_kind[kind] = (result.cpu_by_kind.get(kind, 0.0)
                                                + time.process_time() - cpu)
                    result.done = index + 1
                    if result.errors:
                        break
                    if echo and (index + 1) % 1000 == 0:
                        last = result.rss_samples[-1][1] / 1024 if result.rss_samples else 0
                        echo(f"soak: {index + 1} actions, {len(result.visited)}/"
                             f"{len(result.screens)} screens, VmRSS {resident_kb() / 1024:.1f} "
                             f"MB now, {last:.1f} MB between the last visitors")
                self._tick_speech()
        finally:
            undo()
            app.manager.unbind(current=visit)
            self._note = lambda _text: None
        result.rss_samples.append((result.done, self._rss_between_visitors()))
        measure_growth(result)
        result.cpu_seconds = time.process_time() - started
        return result


def measure_growth(result: SoakResult) -> None:
    """Growth from the readings between visitors: the median of the last third of them
    against the median of the first third, and the least-squares trend over all of them (a
    run passes only if both are within the limit).

    Single readings used to swing by 9 MB on 1,500 actions: Mesa's software renderer
    (llvmpipe) held the drawing commands of frames that the offscreen window never made it
    finish (see ``_take_over``; its uncompiled renderer, softpipe, which draws at once,
    swung by 1.8 MB). With every frame finished they stay within about 2 MB, but the thirds
    still keep one odd reading from deciding a run, and the trend catches a slow steady rise.
    The three-reading medians are kept for comparison.
    """
    indices = [index for index, _kb in result.rss_samples]
    values = [kb for _index, kb in result.rss_samples]
    ends = max(1, len(values) // 3)
    result.rss_warm_kb = round(statistics.median(values[:ends]))
    result.rss_end_kb = round(statistics.median(values[-ends:]))
    three = 3 if len(values) >= 6 else 1
    result.rss_three_mb = (statistics.median(values[-three:])
                           - statistics.median(values[:three])) / 1024
    if len(set(indices)) >= 2:
        slope = statistics.linear_regression(indices, values).slope
        result.rss_trend_mb = slope * (indices[-1] - indices[0]) / 1024


# The command line (make soak) ------------------------------------------------------------------
def start_kiosk(speech: str, config: Path | None = None):
    """Start the real kiosk headless, with a staff PIN so the staff screens can be reached.

    ``speech="worker"`` uses the real espeak-ng worker process (audio is recorded, not played:
    a soak must not depend on, or blare from, a sound card); ``"recording"`` the test double.
    """
    from kiosk.ui import env

    env.prepare(headless=True, size=(1920, 1080))
    from kiosk.admin.pin import hash_pin
    from kiosk.loading import load_kiosk
    from kiosk.speech import create_player, create_synthesizer
    from kiosk.ui.headless.driver import Driver

    data = load_kiosk(config)
    data = dataclasses.replace(data, config=dataclasses.replace(
        data.config, admin_pin_hash=hash_pin(PIN)))
    synthesizer = create_synthesizer("worker" if speech == "worker" else "spy")
    return Driver.start(data, synthesizer=synthesizer, player=create_player("recording"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.ui.headless.monkey",
                                     description="Soak test: a seeded random visitor.")
    parser.add_argument("--actions", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=None, help="(default: a random one)")
    parser.add_argument("--speech", choices=("worker", "recording"), default="worker")
    parser.add_argument("--warmup", type=int, default=None,
                        help="actions before memory is measured (default: a fifth, at least "
                             "300)")
    parser.add_argument("--max-growth-mb", type=float, default=5.0,
                        help="allowed VmRSS growth after the warm-up; negative: report only")
    parser.add_argument("--json", type=Path, metavar="OUT.json", help="write a summary")
    parser.add_argument("--config", type=Path, default=None)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**9)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    print(f"soak: seed {seed}, {args.actions} actions, speech: {args.speech} "
          f"(replay: python -m kiosk.ui.headless.monkey --seed {seed} --actions {args.actions} "
          f"--speech {args.speech})", flush=True)
    driver = start_kiosk(args.speech, args.config)
    monkey = Monkey(driver, seed, pin=PIN)
    result = monkey.run(args.actions, args.warmup,
                        echo=lambda line: print(line, flush=True))
    driver.app.speech.synthesizer.close()
    limit = args.max_growth_mb if args.max_growth_mb >= 0 else None
    failures = result.failures(limit)
    print(f"soak: {result.done} actions in {result.cpu_seconds:.0f} s CPU; screens visited: "
          f"{len(result.visited)}/{len(result.screens)}; VmRSS {result.rss_warm_kb / 1024:.1f}"
          f" MB after warm-up, {result.rss_end_kb / 1024:.1f} MB at the end "
          f"({result.growth_mb:+.1f} MB; trend {result.rss_trend_mb:+.1f} MB, first and last "
          f"three readings {result.rss_three_mb:+.1f} MB)", flush=True)
    if args.json:
        args.json.write_text(json.dumps(result.summary(), indent=1), encoding="utf-8")
    if failures:
        print(f"soak: FAILED (seed {seed}):", flush=True)
        for failure in failures:
            print(f"  {failure}")
        print(f"last {HISTORY} actions:")
        for line in result.history:
            print(f"  {line}")
        print(f"replay: python -m kiosk.ui.headless.monkey --seed {seed} --actions {args.actions} "
              f"--speech {args.speech}", flush=True)
        return 1
    print(f"soak: OK (seed {seed})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
