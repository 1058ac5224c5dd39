"""Playing sentence audio through the sound card so that it can be stopped at once.

pyttsx3's own playback cannot be interrupted (it runs ``aplay`` through ``os.system``), so the
kiosk plays each sentence itself with ``aplay`` as a child process it can pause (SIGSTOP) and
kill. The playback position is the time the audio has been running, which is what the listener
hears. Where there is no sound card, ``kiosk.speech.factory`` picks the ``RecordingPlayer``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from kiosk.speech.types import ClockedPlayback, Playback, Player


class AplayPlayback(ClockedPlayback):
    def __init__(self, wav: Path, duration_ms: int, clock=time.monotonic):
        self._process = subprocess.Popen(["aplay", "-q", str(wav)], stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        super().__init__(duration_ms, clock)

    @property
    def finished(self) -> bool:
        return self._process.poll() is not None

    def pause(self) -> None:
        if self._paused_at is None and not self.finished:
            os.kill(self._process.pid, signal.SIGSTOP)
            self._hold()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._release()
            if not self.finished:
                os.kill(self._process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            if self._paused_at is not None:
                os.kill(self._process.pid, signal.SIGCONT)
            self._process.wait()


class AplayPlayer(Player):
    def play(self, wav: Path, duration_ms: int, volume: float) -> Playback:
        return AplayPlayback(wav, duration_ms)  # volume is applied during synthesis

    def description(self) -> str:
        return "sound: played through the sound card (aplay)"


def has_sound_device() -> bool:
    """Whether ALSA lists a playback card (``aplay -l``)."""
    if shutil.which("aplay") is None:
        return False
    try:
        listing = subprocess.run(["aplay", "-l"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "card " in listing.stdout
