"""Before any system test module imports Kivy (the fault and soak tests drive the real app): the
real kiosk settings, a 1920x1080 offscreen window."""

from kiosk.ui import env

env.prepare(headless=True, size=(1920, 1080))
