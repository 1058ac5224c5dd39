"""CCSVI kiosk: an accessible, multilingual, talking information kiosk.

The core modules (content, i18n, session, speech, input_policy, config) are plain Python and
never import Kivy; only ``kiosk.ui`` does, so the core is testable and usable without a display.
"""

__version__ = "0.1.0"
