"""Kivy settings that must be in place before Kivy is first imported.

Kivy reads environment variables and its Config at import time and writes a config file and log
files to the home folder by default. A kiosk must write nothing about a visit anywhere and may
run from a read-only install, so all of that is switched off here.
"""

from __future__ import annotations

import os
import sys


def has_display() -> bool:
    """Whether a real screen can be opened (X11, Wayland, or an explicit SDL driver)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))


def prepare(*, headless: bool, size: tuple[int, int] = (1920, 1080),
            fullscreen: bool = False, kiosk_settings: bool = True) -> None:
    """Kivy's settings for the kiosk, before its first import.

    Multisampling is off. Kivy asks for it by default (its ``multisamples = 2`` becomes 4× in
    Mesa), but the kiosk draws text, which the font renderer already smooths, and boxes with
    straight edges: they look the same without it. Drawn in software (a PC without a GPU
    driver, this project's CI), the 4× buffers cost 55-70 MB and half of every frame; on a
    Raspberry Pi they take the memory and bandwidth its GPU shares with everything else.
    Images are read and written by SDL alone: the kiosk shows no pictures, and Kivy would
    otherwise import Pillow, where it is installed, before the first frame.
    ``kiosk_settings=False`` leaves Kivy's defaults for both, for the benchmark's bare
    reference.
    """
    if "kivy" in sys.modules and "kivy.core.window" in sys.modules:
        return  # already prepared (tests reuse one window)
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_NO_CONFIG", "1")
    os.environ.setdefault("KIVY_NO_FILELOG", "1")
    os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
    if kiosk_settings:
        os.environ.setdefault("KIVY_IMAGE", "sdl2")
    import logging

    logging.getLogger("kivy").setLevel(logging.WARNING)  # start-up chatter is not for staff
    if headless:
        os.environ["SDL_VIDEODRIVER"] = "offscreen"
        os.environ.pop("DISPLAY", None)
        os.environ.pop("WAYLAND_DISPLAY", None)
    from kivy.config import Config
    from kivy.logger import Logger

    Logger.setLevel(logging.WARNING)

    Config.set("kivy", "exit_on_escape", "0")
    Config.set("kivy", "log_level", "warning")
    Config.set("input", "mouse", "mouse,disable_multitouch")  # no red multitouch dots
    Config.set("graphics", "show_cursor", "0" if fullscreen else "1")
    Config.set("graphics", "width", str(size[0]))
    Config.set("graphics", "height", str(size[1]))
    if kiosk_settings:
        Config.set("graphics", "multisamples", "0")
    Config.set("graphics", "resizable", "0" if fullscreen else "1")
    if fullscreen:
        Config.set("graphics", "fullscreen", "auto")
        Config.set("graphics", "borderless", "1")
    # A jittery finger must not become a drag: tolerate small movement as a tap.
    Config.set("postproc", "jitter_distance", "0.004")


def open_window():
    """Kivy's window (after ``prepare``): importing it opens it and its GL context."""
    from kivy.core.window import Window

    return Window


def stop_on_sigterm() -> None:
    """End the kiosk cleanly when its service manager says so.

    systemd stops the kiosk (and the nightly update restarts it) with SIGTERM. Left alone, SDL
    turns SIGTERM into a window-close request, which the kiosk refuses (a visitor must never
    close it), so every stop would hang until systemd gives up and sends SIGKILL, leaving the
    speech worker and any sentence being played to be killed too. Stopping the app from the
    next frame lets it close both, and the process exits 0.
    """
    import signal

    def stop(_signum, _frame) -> None:
        from kivy.app import App

        app = App.get_running_app()
        if app is None:  # still starting: nothing to close yet
            raise SystemExit(0)
        from kivy.clock import Clock

        Clock.schedule_once(lambda _dt: app.stop(), 0)

    signal.signal(signal.SIGTERM, stop)
