"""Everything one visitor changes, in one place, with a ``reset()`` for the next visitor.

A kiosk serves strangers one after another: the next person must never inherit the last one's
language, text size, speech settings or reading history. Keeping all of it in this object (and
nothing of the visit anywhere else) makes "reset" a single, testable operation.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from kiosk.speech.defaults import DEFAULT_RATE, DEFAULT_VOICE_KIND, DEFAULT_VOLUME

# Text size steps offered on the display-settings screen: 100% to 200% (WCAG 1.4.4).
TEXT_SCALES: tuple[float, ...] = (1.0, 1.25, 1.5, 1.75, 2.0)

# Speech rate and volume steps around the defaults (about 150 wpm, a moderate volume).
SPEECH_RATES: tuple[float, ...] = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
VOLUMES: tuple[float, ...] = (0.2, 0.4, 0.6, 0.8, 1.0)


@dataclass(frozen=True)
class Location:
    """Where the visitor is: a screen, and for the reader a section and page."""

    screen: str
    section: str | None = None
    page: int = 0


@dataclass
class SpeechSettings:
    audio_guide: bool = False  # first tap speaks a control, second activates it
    keep_reading: bool = False  # read-aloud goes on to the next page
    rate: float = DEFAULT_RATE
    volume: float = DEFAULT_VOLUME
    voice_kind: str = DEFAULT_VOICE_KIND  # "natural" where the language has one, or "clear"


@dataclass(frozen=True)
class SessionDefaults:
    language: str = "en"
    text_scale: float = 1.0
    theme: str = "dark"


@dataclass
class Session:
    defaults: SessionDefaults = field(default_factory=SessionDefaults)
    language: str = ""
    text_scale: float = 1.0
    theme: str = ""
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    history: list[Location] = field(default_factory=list)
    location: Location = field(default_factory=lambda: Location("welcome"))

    def __post_init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget the visit: back to the welcome screen with every default restored."""
        self.language = self.defaults.language
        self.text_scale = self.defaults.text_scale
        self.theme = self.defaults.theme
        self.speech = SpeechSettings()
        self.history = []
        self.location = Location("welcome")

    def snapshot(self) -> dict:
        """The visitor-visible state, for comparing a reset session with a fresh one."""
        return copy.deepcopy({k: v for k, v in vars(self).items() if k != "defaults"})

    # Navigation -----------------------------------------------------------------------------
    def go(self, location: Location) -> None:
        """Move to a new place, remembering the old one for Back (except for page turns)."""
        if location == self.location:
            return
        same_document = (
            location.screen == self.location.screen and location.section == self.location.section
        )
        if not same_document:
            self.history.append(self.location)
        self.location = location

    def replace(self, location: Location) -> None:
        """Move without adding to history (page turns within one document)."""
        self.location = location

    def back(self) -> Location:
        """The place before this one; the welcome screen when there is none."""
        self.location = self.history.pop() if self.history else Location("welcome")
        return self.location

    # Display --------------------------------------------------------------------------------
    def set_text_scale(self, scale: float) -> None:
        if scale not in TEXT_SCALES:
            raise ValueError(f"text scale {scale} is not one of {TEXT_SCALES}")
        self.text_scale = scale

    def step_text_scale(self, direction: int) -> float:
        index = TEXT_SCALES.index(self.text_scale) + direction
        self.text_scale = TEXT_SCALES[max(0, min(index, len(TEXT_SCALES) - 1))]
        return self.text_scale
