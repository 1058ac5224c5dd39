"""The fit audit: text that is clipped, off screen or overlapping is reported, measured on the
real widgets after Kivy has laid them out."""

import contextlib

from kivy.core.window import Window

from kiosk.ui.headless.fit_audit import misfits, visible_labels, window_rect
from kiosk.ui.widgets import KioskButton


@contextlib.contextmanager
def changed(widget, **values):
    """Set properties on a real widget for the length of a check, then put them back."""
    before = {name: getattr(widget, name) for name in values}
    for name, value in values.items():
        setattr(widget, name, value)
    try:
        yield widget
    finally:
        for name, value in before.items():
            setattr(widget, name, value)


def test_the_shipped_welcome_screen_has_no_misfits(ui):
    assert visible_labels(ui.app)  # there is text to check
    assert misfits(ui.app) == []


def test_only_text_a_visitor_can_see_is_checked(ui):
    labels = visible_labels(ui.app)
    assert {"Display", "Help", "English"} <= {label.text for label in labels}
    hidden = [w for w in ui.app.topbar.walk(restrict=True)
              if isinstance(w, KioskButton) and w.opacity == 0]
    assert hidden and not set(hidden) & set(labels)  # Home and Back are not on this screen
    assert all(label.text for label in labels)


def test_a_label_too_long_for_its_button_is_reported(ui):
    button = ui.button("language:fr")
    too_long = "Français, la langue de la République " * 6
    with changed(button, source_text=too_long):
        found = misfits(ui.app)
        assert [m.widget for m in found] == [button]
        [misfit] = found
        assert misfit.text == too_long  # the label as written, for the translator
        assert "does not fit its button" in misfit.message
        assert f"{round(button.width)}x{round(button.height)} px" in misfit.message
    ui.pump(2)
    assert misfits(ui.app) == []  # the label put back fits again


def test_text_pushed_off_the_screen_is_reported_with_where_it_is(ui):
    button = ui.button("help")
    with changed(button, x=Window.width - button.width / 2):
        x0, y0, x1, y1 = window_rect(button)
        [misfit] = misfits(ui.app)
    assert misfit.widget is button and x1 > Window.width
    assert misfit.message == ("off screen or under the top bar at "
                              f"{(round(x0), round(y0), round(x1), round(y1))}")


def test_text_under_the_top_bar_is_reported(ui):
    button = ui.button("language:de")
    with changed(button, y=Window.height - ui.app.topbar.height - button.height / 2):
        found = misfits(ui.app)
    assert any(m.widget is button and "under the top bar" in m.message for m in found), found


def test_labels_laid_over_each_other_are_reported(ui):
    english, german = ui.button("language:en"), ui.button("language:de")
    with changed(german, pos=(english.x + 10, english.y - 10)):
        found = misfits(ui.app)
    overlaps = [m for m in found if m.message.startswith("overlaps")]
    assert len(overlaps) == 1
    assert {overlaps[0].widget.text, overlaps[0].message} in (
        {"English", "overlaps 'Deutsch'"}, {"Deutsch", "overlaps 'English'"})
