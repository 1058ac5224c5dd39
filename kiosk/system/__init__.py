"""What the kiosk asks of the machine it runs on: handing freed memory back to the system, and
watching the headphone jack. Linux-specific, and harmless where the feature is missing.

Modules: ``memory`` and ``headphones``.
"""

__all__ = ["headphones", "memory"]
