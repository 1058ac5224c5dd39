"""Which touches count as a press, for hands with tremor or weakness.

Kivy fires a button on release with no debounce and no protection against a palm resting on
the glass. The rules here (act on release only, tolerate small slips, ignore a second finger,
ignore repeats shortly after a press, optional hold time) follow WCAG 2.5.2, EN 301 549 5.8 and
touch studies with people with MS and tremor (Chourasia et al., Appl Ergon 2013;44(2):297-302).
Plain Python with an injected clock, so every rule is tested without a display; the UI only
feeds it events.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TapSettings:
    repeat_ignore_ms: float = 500.0  # presses this soon after an accepted one are ignored
    slop_mm: float = 2.0  # a release this close outside the control still counts
    hold_ms: float = 0.0  # how long a finger must rest before release activates


@dataclass
class _Contact:
    contact_id: object
    down_at: float


class TapPolicy:
    """One policy for the whole screen: a tremor's second tap must not hit the next screen."""

    def __init__(self, settings: TapSettings | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.settings = settings or TapSettings()
        self.clock = clock
        self._contact: _Contact | None = None
        self._last_accepted: float | None = None

    def down(self, contact_id: object, now: float | None = None) -> bool:
        """A finger lands. Returns True if this contact is tracked (the first one down)."""
        now = self.clock() if now is None else now
        if self._contact is not None:
            return False  # a second simultaneous contact: palm or other fingers
        self._contact = _Contact(contact_id, now)
        return True

    def cancel(self, contact_id: object) -> None:
        if self._contact is not None and self._contact.contact_id == contact_id:
            self._contact = None

    def up(self, contact_id: object, distance_outside_mm: float, now: float | None = None
           ) -> bool:
        """The finger lifts. Returns True if this release activates the control.

        ``distance_outside_mm`` is 0 when the release is inside the control, otherwise how far
        outside its edge the finger lifted.
        """
        now = self.clock() if now is None else now
        contact = self._contact
        if contact is None or contact.contact_id != contact_id:
            return False
        self._contact = None
        if distance_outside_mm > self.settings.slop_mm:
            return False  # slid off: the user changed their mind
        if (now - contact.down_at) * 1000 < self.settings.hold_ms:
            return False
        if (self._last_accepted is not None
                and (now - self._last_accepted) * 1000 < self.settings.repeat_ignore_ms):
            return False
        self._last_accepted = now
        return True

    def reset(self) -> None:
        self._contact = None
        self._last_accepted = None


class KeyRepeatFilter:
    """A held key acts once: its auto-repeat is ignored.

    A hand with tremor or weakness can rest on a keypad key far longer than the keyboard's
    repeat delay (often 0.5 s), and each repeat would move the focus again or press the next
    screen's control. EN 301 549 5.7 asks for a repeat delay adjustable to 2 s or repeat that
    can be turned off; here it is off. Repeats arrive as more key-downs without a key-up in
    between, every few tens of milliseconds; if a key-up was lost (the window lost the keyboard
    while the key was down), a key-down long after the last one is a new press again.
    """

    LOST_UP_AFTER_S = 1.0  # repeats come many times a second; a gap this long is a new press

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._held: dict[int, float] = {}  # key -> time of its last key-down (or repeat)

    def down(self, key: int) -> bool:
        """True if this key-down is a new press, False if it is the key repeating."""
        now = self.clock()
        last = self._held.get(key)
        self._held[key] = now
        return last is None or now - last > self.LOST_UP_AFTER_S

    def up(self, key: int) -> None:
        self._held.pop(key, None)

    def reset(self) -> None:
        self._held.clear()
