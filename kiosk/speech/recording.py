"""The player for a kiosk with no sound card: it records what would have been played.

A production fallback, not a test double (NVDA's "silence" driver plays the same part): with no
device, read-aloud, highlighting and the audio guide still run on the clock as if the audio
played, so nothing else changes and the staff screen says why nothing is heard.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.speech.types import ClockedPlayback, Playback, Player


class RecordedPlayback(ClockedPlayback):
    """Plays nothing; its position follows a clock, as audio on a device would."""

    def __init__(self, duration_ms: int, clock: Callable[[], float]):
        super().__init__(duration_ms, clock)
        self._stopped = False

    @property
    def finished(self) -> bool:
        return self._stopped or self.position_ms() >= self.duration_ms

    def pause(self) -> None:
        self._hold()

    def resume(self) -> None:
        self._release()

    def stop(self) -> None:
        self._stopped = True


@dataclass
class RecordingPlayer(Player):
    """Records what would have been played: (file, duration in ms, volume) per sentence."""

    clock: Callable[[], float] = time.monotonic
    played: list[tuple[Path, int, float]] = field(default_factory=list)

    def play(self, wav: Path, duration_ms: int, volume: float) -> Playback:
        self.played.append((wav, duration_ms, volume))
        return RecordedPlayback(duration_ms, self.clock)

    def description(self) -> str:
        return "sound: no sound device found; speech is recorded, not played"
