"""When a visit is over: "Are you still there?" after a quiet spell, then a fresh start.

A visitor who walks away must not leave their language, text size or reading on screen for the
next person, yet someone still reading must not lose their place. So quiet time first shows a
warning the visitor can answer with any touch or key, and only a warning left unanswered ends
the visit. Plain Python on an injected clock; the app shows the warning and resets the visit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum


class IdleVerdict(Enum):
    NOTHING = "nothing"
    WARN = "warn"  # show "Are you still there?" now
    END_VISIT = "end visit"  # the warning went unanswered: reset for the next visitor


class IdleTimer:
    def __init__(self, timeout_seconds: float, warning_seconds: float,
                 clock: Callable[[], float] = time.monotonic):
        self.timeout_seconds = timeout_seconds
        self.warning_seconds = warning_seconds
        self.clock = clock
        self.warning_since: float | None = None  # when the warning was shown, while it shows
        self._last_activity = clock()

    @property
    def warning(self) -> bool:
        return self.warning_since is not None

    def activity(self) -> bool:
        """A touch or key. True if it answered the warning (which is then gone), so the app
        does not also act on whatever lies beneath the warning."""
        self._last_activity = self.clock()
        answered = self.warning
        self.warning_since = None
        return answered

    def restart(self) -> None:
        """A new visit: its quiet time starts now, with no warning showing."""
        self.activity()

    def check(self, fresh_visit: bool) -> IdleVerdict:
        """What to do now. A visit nobody has changed yet (``fresh_visit``) is never warned:
        there is nothing of anyone's on screen to clear."""
        now = self.clock()
        if self.warning_since is not None:
            if now - self.warning_since >= self.warning_seconds:
                self.warning_since = None
                return IdleVerdict.END_VISIT
            return IdleVerdict.NOTHING
        if not fresh_visit and now - self._last_activity >= self.timeout_seconds:
            self.warning_since = now
            return IdleVerdict.WARN
        return IdleVerdict.NOTHING

    def seconds_quiet(self) -> float:
        return self.clock() - self._last_activity
