"""The one place the headless tools touch Kivy's private API, and why each is needed.

Each call is guarded by the pin ``kivy>=2.3.1,<2.4`` in pyproject.toml; a Kivy upgrade starts
here. The kiosk itself (``kiosk.ui`` outside ``headless``) uses none of them.
"""

from __future__ import annotations

from kivy.base import EventLoop


def build_without_main_loop(app) -> None:
    """Build and show ``app`` without entering Kivy's main loop (``App.run`` would block),
    so a driver can pump frames one by one."""
    app._run_prepare()


def dispatch_input(kind: str, touch) -> None:
    """Send a touch through Kivy's input queue *and* its post-processing (jitter tolerance,
    double-tap detection), as a touchscreen's events go. Kivy's own test helper uses the public
    ``post_dispatch_input``, which skips that step, so a tap would not be treated as a real one.
    """
    EventLoop._dispatch_input(kind, touch)


def wrapped_lines(label) -> list:
    """The lines a label's text was wrapped into when it was last rendered (the core label
    keeps them; there is no public accessor)."""
    return getattr(label._label, "_cached_lines", None) or []
