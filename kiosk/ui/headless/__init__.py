"""The real app without a display: a driver that sends real touches through Kivy's input
queue, and what is built on it (screenshots, the accessibility audit, the label-fit check, and
the soak's random visitor). Shipped, because ``snapshot``, ``audit`` and ``i18n check`` use it.

Modules: ``driver``, ``snapshot``, ``audit``, ``fit_audit``, ``kivy_private`` and ``monkey``.
"""

__all__ = ["audit", "driver", "fit_audit", "monkey", "snapshot"]
