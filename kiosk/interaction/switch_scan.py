"""Single-switch scanning: one key (a switch, a big button, a head or sip-and-puff switch)
reaches every control.

The first press starts the scan; the highlight then moves to the next control every
``interval`` seconds on its own; a press activates the highlighted control and the scan starts
again from the first control of whatever screen is now shown. After a few full rounds with no
press the scan stops, so a highlight does not wander forever in front of the next visitor.

Plain Python with an injectable clock, so the timing is tested without waiting.
"""

from __future__ import annotations

from dataclasses import dataclass

ROUNDS_BEFORE_STOPPING = 3


@dataclass
class SwitchScan:
    interval: float
    rounds: int = ROUNDS_BEFORE_STOPPING
    active: bool = False
    _due: float = 0.0
    _moves: int = 0

    def press(self, now: float) -> str:
        """The switch was pressed: "start" the scan, or "select" the highlighted control."""
        action = "select" if self.active else "start"
        self.active = True
        self._restart(now)
        return action

    def restart(self, now: float) -> None:
        """After a selection: the timer and the round count begin again."""
        if self.active:
            self._restart(now)

    def steps_due(self, now: float, controls: int) -> int:
        """How many times the highlight should move on by ``now`` (normally 0 or 1); stops the
        scan once it has gone round ``rounds`` times untouched."""
        if not self.active or now < self._due:
            return 0
        steps = int((now - self._due) // self.interval) + 1
        self._due += steps * self.interval
        self._moves += steps
        if self._moves >= self.rounds * max(1, controls):
            self.stop()
        return steps

    def stop(self) -> None:
        self.active = False
        self._moves = 0

    def _restart(self, now: float) -> None:
        self._due = now + self.interval
        self._moves = 0
