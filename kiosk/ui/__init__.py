"""The Kivy layer: the only part of the kiosk that imports Kivy.

Call :func:`kiosk.ui.env.prepare` before importing anything else from this package, because
Kivy reads its configuration when first imported.
"""
