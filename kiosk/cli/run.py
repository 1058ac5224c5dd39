"""``ccsvi-kiosk run``: the kiosk itself, full screen, with the staff's start-up check."""

from __future__ import annotations

import sys

from kiosk.cli import EXIT_BAD_INPUT, EXIT_NO_DISPLAY, load_or_explain


def cmd_run(config_arg: str | None, windowed: bool) -> int:
    from kiosk.ui import env

    if not env.has_display():
        print("ccsvi-kiosk: no display found (DISPLAY and WAYLAND_DISPLAY are not set); "
              "to see the screens without one, run: ccsvi-kiosk snapshot --out shots",
              file=sys.stderr)
        return EXIT_NO_DISPLAY
    data = load_or_explain(config_arg)
    if data is None:
        return EXIT_BAD_INPUT
    fullscreen = data.config.fullscreen and not windowed
    env.stop_on_sigterm()  # before SDL starts: it takes SIGTERM over only if nobody else has
    env.prepare(headless=False, fullscreen=fullscreen, size=(1920, 1080) if fullscreen
                else (1280, 720))
    from kiosk.admin.status import StartupCheck
    from kiosk.config import config_path_from
    from kiosk.ui.app import KioskApp

    app = KioskApp(data)
    # What `check` says, for the staff screen; in the background, after the first screen.
    app.admin_gate.startup_check = StartupCheck(config_path_from(config_arg)).start()
    app.run()
    return 0
