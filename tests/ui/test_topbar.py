"""The top bar on the real kiosk: what it shows where, and when it is rebuilt."""

from kiosk.interaction.session import Location


def bar_actions(ui) -> set[str]:
    return {b.action for b in ui.buttons() if b in set(ui.app.topbar.walk(restrict=True))}


def test_each_screen_hides_what_makes_no_sense_there_and_a_hidden_button_does_nothing(ui):
    assert bar_actions(ui) == {"display", "help"}  # welcome: no Home, Back or Language
    ui.tap("language:en")
    assert bar_actions(ui) == {"back", "language", "display", "help"}  # topics: no Home
    hidden_home = ui.app.topbar.buttons["home"]
    ui.idle(0.6)
    ui.tap_at(*hidden_home.to_window(*hidden_home.center))
    assert ui.app.session.location == Location("topics")
    ui.tap(f"topic:{ui.app.data.content.sections[0].id}")
    assert bar_actions(ui) == {"home", "back", "language", "display", "help"}
    ui.tap("help")
    assert bar_actions(ui) == {"home", "back", "language", "display"}
    ui.tap("back")
    ui.tap("home")
    assert ui.app.session.location == Location("topics")


def test_a_page_turn_keeps_the_bar_and_a_language_or_text_size_rebuilds_it(ui):
    ui.tap("language:en")
    ui.tap(f"topic:{ui.app.data.content.sections[0].id}")
    before = dict(ui.app.topbar.buttons)
    ui.tap("next")
    assert ui.app.topbar.buttons == before  # the very same buttons
    assert all(a is b for a, b in zip(ui.app.topbar.buttons.values(), before.values(), strict=True))
    ui.tap("language")
    ui.tap("language:fr")
    assert ui.app.topbar.buttons["help"] is not before["help"]
    assert ui.app.topbar.buttons["help"].source_text != before["help"].source_text
    height = ui.app.topbar.height
    ui.tap("display")
    ui.tap("text_scale:2.0")
    assert ui.app.topbar.height > height


def test_keyboard_focus_on_the_bar_does_not_follow_to_the_next_screen(ui):
    ui.tap("language:en")
    ui.tap(f"topic:{ui.app.data.content.sections[0].id}")
    display = ui.app.topbar.buttons["display"]
    for _ in range(len(ui.app.keys.focus_order())):
        if ui.app.keys.focused_button() is display:
            break
        ui.key(9)  # Tab
    assert ui.app.keys.focused_button() is display
    ui.key(13)  # Enter: the display settings
    assert ui.app.session.location.screen == "settings"
    assert not any(b.focused for b in ui.app.topbar.buttons.values())
    ui.key(8)  # Backspace: back to the page, where Display is shown again, unfocused
    assert ui.app.topbar.buttons["display"] is display and not display.focused
