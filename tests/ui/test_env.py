"""The window the kiosk's Kivy settings (``kiosk.ui.env``) give: here the one the tests share,
opened by ``conftest`` with exactly those settings."""

from __future__ import annotations


def test_the_window_is_drawn_without_multisampling(ui):
    # Multisampled buffers cost 55-70 MB and half of every frame in software rendering,
    # for edges the kiosk does not need smoothed.
    from kivy.graphics.opengl import GL_SAMPLE_BUFFERS, GL_SAMPLES, glGetIntegerv

    assert glGetIntegerv(GL_SAMPLES)[0] == 0
    assert glGetIntegerv(GL_SAMPLE_BUFFERS)[0] == 0


def test_kivy_writes_no_config_or_log_files():
    import os

    assert os.environ["KIVY_NO_CONFIG"] == "1" and os.environ["KIVY_NO_FILELOG"] == "1"
    from kivy.config import Config

    assert Config.get("kivy", "exit_on_escape") == "0"
