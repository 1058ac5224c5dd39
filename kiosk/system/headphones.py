"""Headphones plugged in: the EZ Access way for a visitor who cannot see to get speech.

EN 301 549 5.2 asks that the spoken mode can be started without sight: plugging headphones in
needs none. ALSA's ``Headphone Jack`` control (on sound cards that detect jacks, most PCs) is
read with ``amixer``, which the kiosk already needs for ``aplay``, once a second in a thread.
Cards without jack detection (a Raspberry Pi's 3.5 mm socket) report nothing. No Kivy.
"""

from __future__ import annotations

import logging
import re
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

CARDS = Path("/proc/asound/cards")
_CARD_LINE = re.compile(r"^\s*(\d+)\s+\[")
_JACK = re.compile(r"^numid=\d+,iface=CARD,name='([^']*(?:Headphone|Headset)[^']*Jack)'",
                   re.IGNORECASE)
_VALUES = re.compile(r"^\s*:\s*values=(\w+)")


def card_numbers(cards: Path = CARDS) -> list[str]:
    try:
        text = cards.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []  # no sound at all
    return [m.group(1) for line in text.splitlines() if (m := _CARD_LINE.match(line))]


def jacks_in(amixer_contents: str) -> dict[str, bool]:
    """Headphone jack controls in ``amixer -c N contents`` output, and whether each is in."""
    found: dict[str, bool] = {}
    name = None
    for line in amixer_contents.splitlines():
        jack = _JACK.match(line)
        if jack:
            name = jack.group(1)
            continue
        if line.startswith("numid="):
            name = None
            continue
        values = _VALUES.match(line)
        if values and name is not None:
            found[name] = values.group(1).lower() in ("on", "1", "true")
            name = None
    return found


def headphones_plugged(cards: Path = CARDS, amixer: str = "amixer") -> bool | None:
    """True or False from the jack detection of any card; None where no card can tell."""
    answer = None
    for card in card_numbers(cards):
        try:
            out = subprocess.run([amixer, "-c", card, "contents"], capture_output=True,
                                 text=True, timeout=3).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        for plugged in jacks_in(out).values():
            answer = bool(answer) or plugged
    return answer


class HeadphoneWatch:
    """Calls ``on_change(plugged)`` (from its own thread) when headphones go in or come out.

    The state found at start is only remembered: headphones left in the jack overnight are not
    a visitor asking for speech.
    """

    def __init__(self, on_change: Callable[[bool], None], interval: float = 1.0,
                 read: Callable[[], bool | None] = headphones_plugged):
        self.on_change = on_change
        self.interval = interval
        self.read = read
        self.last: bool | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> None:
        """Read the jack once; report a change."""
        plugged = self.read()
        if plugged is None:
            return
        if self.last is not None and plugged != self.last:
            log.info("headphones %s", "plugged in" if plugged else "taken out")
            self.on_change(plugged)
        self.last = plugged

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, daemon=True, name="headphones")
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.check()
            except Exception:  # a broken sound stack must not end the watch, nor the kiosk
                log.exception("reading the headphone jack failed")
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
