"""Playing sentence audio so that it can be stopped at once.

pyttsx3's own playback cannot be interrupted (it runs ``aplay`` through ``os.system``), so the
kiosk plays each sentence itself with ``aplay`` as a child process it can pause (SIGSTOP) and
kill. The playback position is the time the audio has been running, which is what the listener
hears. Where there is no sound card (CI, a kiosk with a broken device), a ``RecordingPlayer``
records what would have been played, and everything else works the same.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from kiosk.speech import Playback, Player, RecordingPlayer

log = logging.getLogger(__name__)


class AplayPlayback(Playback):
    def __init__(self, wav: Path, duration_ms: int, clock=time.monotonic):
        self.duration_ms = duration_ms
        self._clock = clock
        self._process = subprocess.Popen(["aplay", "-q", str(wav)], stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        self._started = clock()
        self._paused_at: float | None = None

    def position_ms(self) -> int:
        now = self._paused_at if self._paused_at is not None else self._clock()
        return min(self.duration_ms, int((now - self._started) * 1000))

    @property
    def finished(self) -> bool:
        return self._process.poll() is not None

    def pause(self) -> None:
        if self._paused_at is None and not self.finished:
            os.kill(self._process.pid, signal.SIGSTOP)
            self._paused_at = self._clock()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._started += self._clock() - self._paused_at
            self._paused_at = None
            if not self.finished:
                os.kill(self._process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            if self._paused_at is not None:
                os.kill(self._process.pid, signal.SIGCONT)
            self._process.wait()


class AplayPlayer(Player):
    name = "aplay"

    def play(self, wav: Path, duration_ms: int, volume: float) -> Playback:
        return AplayPlayback(wav, duration_ms)  # volume is applied during synthesis


def has_sound_device() -> bool:
    """Whether ALSA lists a playback card (``aplay -l``)."""
    if shutil.which("aplay") is None:
        return False
    try:
        listing = subprocess.run(["aplay", "-l"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "card " in listing.stdout


def default_player() -> Player:
    if has_sound_device():
        return AplayPlayer()
    log.warning("no sound device found: speech is recorded, not played")
    return RecordingPlayer()
