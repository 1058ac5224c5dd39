"""How things look, in plain Python: sizes in millimetres turned into pixels for the screen at
hand, the colour themes and their contrast, text split into pages that fit, and right-to-left
text shaped for display. The Kivy layer asks these modules; none of them draws anything.

Modules: ``sizes``, ``theme``, ``pagination`` and ``bidi_text``.
"""

__all__ = ["bidi_text", "pagination", "sizes", "theme"]
