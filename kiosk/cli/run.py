"""``ccsvi-kiosk run``: the kiosk itself, full screen, with the staff's start-up check."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.cli import EXIT_BAD_INPUT, EXIT_NO_DISPLAY, load_or_explain

if TYPE_CHECKING:
    from kiosk.speech import Player
    from kiosk.ui.app import KioskApp


def cmd_run(config_arg: str | None, windowed: bool) -> int:
    from kiosk.ui import env

    if not env.has_display():
        print("ccsvi-kiosk: no display found (DISPLAY and WAYLAND_DISPLAY are not set); "
              "to see the screens without one, run: ccsvi-kiosk snapshot --out shots",
              file=sys.stderr)
        return EXIT_NO_DISPLAY
    app = start_app(config_arg, windowed=windowed)
    if app is None:
        return EXIT_BAD_INPUT
    app.run()
    return 0


def start_app(config_arg: str | None, windowed: bool = False, headless: bool = False,
              size: tuple[int, int] | None = None,
              stage: Callable[[str], None] = lambda _name: None,
              player: Player | None = None) -> KioskApp | None:
    """Everything ``run`` does before Kivy's loop: the kiosk app, ready to ``run()``, or None
    after the one-line message if the config, content or a catalogue cannot be used.
    ``headless``, ``size``, ``stage`` (told as each step is done) and ``player`` are for the
    benchmark, which starts the kiosk this same way."""
    # No garbage collection until the first frame is drawn (``AfterFrame`` turns it back on,
    # collects, and freezes what the start made): the imports and the first screen make many
    # objects and almost no garbage, so looking through them only delayed that frame.
    gc.disable()
    data = load_or_explain(config_arg, cached=True)
    stage("data_loaded")
    if data is None:
        gc.enable()
        return None
    from kiosk.ui import env

    fullscreen = data.config.fullscreen and not windowed and not headless
    if not headless:
        env.stop_on_sigterm()  # before SDL starts: it takes SIGTERM over only if nobody else has
    env.prepare(headless=headless, fullscreen=fullscreen,
                size=size or ((1920, 1080) if fullscreen else (1280, 720)))
    env.open_window()
    stage("window")
    from kiosk.admin.status import StartupCheck
    from kiosk.config import config_path_from
    from kiosk.ui.app import KioskApp

    stage("ui_imported")
    app = KioskApp(data, player=player)
    # What `check` says, for the staff screen; in the background, after the first screen.
    app.admin_gate.startup_check = StartupCheck(config_path_from(config_arg)).start()
    return app
