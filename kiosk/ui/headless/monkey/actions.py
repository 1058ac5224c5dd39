"""The soak's random visitor: weighted random actions on the real app, and the run loop."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import ClassVar

from kiosk.progress import Progress, silent
from kiosk.system.memory import resident_kb
from kiosk.ui.headless.monkey.error_watch import ErrorWatch
from kiosk.ui.headless.monkey.result import SoakResult, measure_growth
from kiosk.ui.headless.monkey.visitor import GUIDE_EVERY, KEYS, Visitor

VISITOR_EVERY = 500  # after the warm-up, a visitor leaves (the visit resets) this often


class Monkey(Visitor):
    """Random visitor actions, weighted as people at a kiosk act, and the run loop."""

    WEIGHTS: ClassVar[dict[str, float]] = {
        "button": 30, "touch": 12, "slide": 6, "key": 14, "language": 5, "display": 5,
        "read": 8, "wait": 6, "idle": 3, "corner": 1.5,
    }

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

    # The run ---------------------------------------------------------------------------------
    def run(self, actions: int, warmup: int | None = None,
            echo: Callable[[str], None] | None = None,
            progress: Progress | None = None) -> SoakResult:
        """Do ``actions`` random actions; resident memory is measured from ``warmup`` on.
        ``progress`` counts each action done (a bar on a terminal: ``kiosk.progress``)."""
        app = self.app
        progress = silent() if progress is None else progress
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
                    progress.update()
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
