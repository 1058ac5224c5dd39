"""Wrong staff PINs: after a few in a row the PIN pad refuses every PIN for a while.

A four-digit PIN would fall to anyone patient enough at a public kiosk; counting wrong tries
across visits (a new visitor does not reset the count) and locking the pad for a minute makes
guessing impractical while a member of staff who mistypes waits only briefly. Plain Python on
an injected clock; ``kiosk.ui.admin_gate`` asks it before checking a PIN.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

MAX_WRONG = 5
LOCKOUT_SECONDS = 60.0


class PinLockout:
    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 max_wrong: int = MAX_WRONG, lockout_seconds: float = LOCKOUT_SECONDS):
        self.clock = clock
        self.max_wrong = max_wrong
        self.lockout_seconds = lockout_seconds
        self.wrong_in_a_row = 0
        self._locked_until = 0.0

    def seconds_locked(self) -> int:
        """Whole seconds until PINs are accepted again (0: not locked)."""
        return max(0, math.ceil(self._locked_until - self.clock()))

    def right(self) -> None:
        self.wrong_in_a_row = 0

    def wrong(self) -> bool:
        """Count a wrong PIN; True if that locked the pad."""
        self.wrong_in_a_row += 1
        if self.wrong_in_a_row < self.max_wrong:
            return False
        self.wrong_in_a_row = 0
        self._locked_until = self.clock() + self.lockout_seconds
        return True

    def clear(self) -> None:
        """Forget wrong tries and any lock (a restart of the kiosk does the same)."""
        self.wrong_in_a_row = 0
        self._locked_until = 0.0
