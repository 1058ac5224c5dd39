"""Speech: reading pages aloud with the word being heard highlighted, on any engine.

The layers, bottom up (Orca's names in brackets): an ``engines`` module per engine turns a
sentence into a WAV with word times; ``worker`` runs the engine in its own process and
``worker_client`` is the UI process's side of it (the speech server); ``read_aloud`` plays a
page sentence by sentence and says what to highlight (the manager); ``kiosk.ui.speech_ui`` is
the Kivy presenter. ``players`` and ``recording`` play or record the audio, ``factory`` chooses
synthesizer and player, and ``types`` holds what every layer shares.
"""

from kiosk.speech.factory import create_player, create_synthesizer
from kiosk.speech.types import (
    DEFAULT_RATE,
    DEFAULT_VOLUME,
    Playback,
    Player,
    SpeechUnavailable,
    Synthesis,
    Synthesizer,
    Utterance,
    WordTiming,
    voice_covers,
)

__all__ = ["DEFAULT_RATE", "DEFAULT_VOLUME", "Playback", "Player", "SpeechUnavailable",
           "Synthesis", "Synthesizer", "Utterance", "WordTiming", "create_player",
           "create_synthesizer", "voice_covers"]
