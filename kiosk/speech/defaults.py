"""The speech settings a new visit starts with, and which voices can speak which language.

Imports nothing, so the session and the command line can use them without loading speech.
"""

from __future__ import annotations

WORDS_PER_MINUTE = 150  # the default pace at rate 1.0, for English (about 150 wpm)
DEFAULT_RATE = 1.0  # 1.0 = the default pace; 0.5 to 2.0
DEFAULT_VOLUME = 0.6  # 0..1: loud enough near the kiosk, not across the waiting room
NATURAL, CLEAR = "natural", "clear"  # the two kinds of voice a visitor can choose
VOICE_KINDS = (NATURAL, CLEAR)
DEFAULT_VOICE_KIND = NATURAL  # a natural voice where the language has one


def voice_covers(voices: set[str] | frozenset[str], language: str) -> bool:
    """Whether ``voices`` (language codes such as "fr" or "zh") can speak ``language``, which
    may carry a region or script ("zh_Hans" is spoken by a "zh" voice)."""
    return language in voices or language.split("_")[0] in voices
