"""The settings file names switch keys the way Kivy's keyboard does."""


def test_every_switch_key_is_one_kivy_knows():
    from kivy.core.window import Keyboard

    from kiosk.config import SCAN_KEYS

    assert set(Keyboard.keycodes) >= SCAN_KEYS
