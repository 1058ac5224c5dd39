"""Before any UI test module imports Kivy: the real kiosk settings, a 1920x1080 offscreen
window."""

from kiosk.ui import env

env.prepare(headless=True, size=(1920, 1080))
