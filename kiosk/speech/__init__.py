"""Speech: reading pages aloud with the word being heard highlighted, on any engine.

The layers, bottom up (Orca's names in brackets): an ``engines`` module per engine turns a
sentence into a WAV with word times; ``worker`` runs the engine in its own process and
``worker_client`` is the UI process's side of it (the speech server); ``choice`` sends each
sentence to the natural voice (Piper) or to espeak-ng, and to espeak-ng when the natural one
fails, with the language's ``pronunciation`` list applied; ``read_aloud`` plays a
page sentence by sentence and says what to highlight (the manager); ``kiosk.ui.speech_ui`` is
the Kivy presenter. ``players`` and ``recording`` play or record the audio, ``factory`` chooses
synthesizer and player, ``types`` holds what every layer shares and ``defaults`` the settings a
visit starts with.

The public names below are loaded on first use, so importing ``kiosk.speech.defaults`` (as the
session does at start) loads nothing else.
"""

from __future__ import annotations

import importlib

_PUBLIC = {
    "create_player": "factory", "create_synthesizer": "factory",
    "DEFAULT_RATE": "defaults", "DEFAULT_VOLUME": "defaults", "voice_covers": "defaults",
    "Playback": "types", "Player": "types", "SpeechUnavailable": "types", "Synthesis": "types",
    "Synthesizer": "types", "Utterance": "types", "WordTiming": "types",
}
__all__ = sorted(_PUBLIC)  # provided by __getattr__


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'kiosk.speech' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kiosk.speech.{module}"), name)
