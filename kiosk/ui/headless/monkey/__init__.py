"""The soak's seeded random visitor ("monkey"): the real app, real touches, all day.

A kiosk runs for weeks with nobody to restart it, so ``make soak`` lets a random visitor loose on
the real app through the headless driver: taps, misses, slides, a palm in the corner, keys,
language, size and theme changes, read-aloud, and visitors who walk away. One
``random.Random(seed)`` chooses everything and the app's clock moves only when the visitor says,
so ``--seed S --actions N`` replays a run (exactly with ``--speech recording``). A run passes if
nothing raised (including what Kivy or a thread only logs), every screen was visited, and
memory between visitors did not grow (``result.measure_growth``).

    python -m kiosk.ui.headless.monkey --actions 20000 [--seed S] [--speech worker|recording]

Modules: ``visitor`` (input primitives), ``actions`` (``Monkey``: the random actions and the
run loop), ``result`` (``SoakResult``, the verdict), ``error_watch`` and ``__main__`` (the command
line). This package imports none of them itself: ``python -m`` runs this file first, and Kivy
must not be imported before ``kiosk.ui.env.prepare`` (it would read the soak's arguments as its
own).
"""

__all__ = ["actions", "error_watch", "result", "visitor"]
