"""The staff side (called "admin" in code and configuration, "staff" in the docs): the PIN
stored as a salted hash, the lockout after wrong PINs, and the facts the staff screen shows.
Plain Python; ``kiosk.ui.admin_gate`` and ``kiosk.ui.screens.admin`` are the Kivy side.

Modules: ``pin``, ``lockout`` and ``status``.
"""

__all__ = ["lockout", "pin", "status"]
