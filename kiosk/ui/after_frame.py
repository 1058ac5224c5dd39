"""Work done right after a new screen is drawn, while the visitor starts to read it.

Every screen change leaves the old screen's widgets in reference cycles. Left to Python's own
schedule, a full garbage collection landed in the middle of a page turn now and then and held
the UI thread before the new page could be drawn. So the garbage is collected just after the
new screen is on the glass, everything alive after the first screen is frozen out of the
collector's way (``gc.freeze``), and then the screen may prepare what comes next.
"""

from __future__ import annotations

import gc

from kivy.clock import Clock

from kiosk.system.memory import release_free_memory

_startup_frozen = False  # gc.freeze() is done once per process


class AfterFrame:
    def __init__(self, app):
        self.app = app
        self.collect_due = False
        self.first_drawn = False

    def screen_changed(self) -> None:
        """The old screen's widgets are garbage once the new one is drawn."""
        self.collect_due = True

    def on_flip(self, *_args) -> None:
        """Bound to the window's ``on_flip``: a frame has just been drawn."""
        if not self.first_drawn:
            self.first_drawn = True
            gc.enable()  # held off while starting (``kiosk.cli.run.start_app``)
            self.app.speech.first_frame_drawn()  # the speech workers may start now
        if self.collect_due:
            self.collect_due = False
            Clock.schedule_once(self._collect_garbage, 0)  # the next tick: after this frame

    def _collect_garbage(self, _dt) -> None:
        global _startup_frozen
        gc.collect()
        release_free_memory()  # the old screen's memory, back to the system
        if not _startup_frozen:
            # The start-up's objects live as long as the process: no collection needs to
            # look at them again.
            _startup_frozen = True
            gc.freeze()
        Clock.schedule_once(self._prepare_ahead, 0)

    def _prepare_ahead(self, _dt) -> None:
        """Still while the visitor reads: let the screen get its next page ready."""
        self.app.current_screen.prepare_ahead()
