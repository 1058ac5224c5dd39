"""Fonts: which installed face draws which script, which characters a face covers, and the
faces the setup prepares (Chinese faces cut out of Debian's Noto CJK collection, and the blank
face the UI uses to close fonts between visitors).

Modules: ``faces`` (choosing a face per script), ``glyphs`` (coverage), ``cjk_faces`` (run by
``make fonts``) and ``blank_font`` (builds ``kiosk/ui/blank.ttf``).
"""

from kiosk.fonts.faces import FONT_DIRS, FontChoice, find_font

__all__ = ["FONT_DIRS", "FontChoice", "find_font"]
