"""Touch rules on real buttons: act on release inside, never on touch-down."""


def centre(button):
    return button.to_window(*button.center)


def test_nothing_happens_on_touch_down(ui):
    x, y = centre(ui.button("language:en"))
    touch = ui.down(x, y)
    assert ui.app.manager.current == "welcome"
    ui.up(touch)
    assert ui.app.manager.current == "topics"


def test_sliding_off_before_lifting_cancels(ui):
    button = ui.button("language:en")
    x, y = centre(button)
    touch = ui.down(x, y)
    ui.move(touch, x, button.to_window(0, button.top)[1] + 200)
    ui.up(touch)
    assert ui.app.manager.current == "welcome"


def test_a_second_finger_is_ignored(ui):
    button = ui.button("language:en")
    palm = ui.down(5, 5)  # resting on the background
    x, y = centre(button)
    ui.tap_at(x, y)
    assert ui.app.manager.current == "welcome"
    ui.up(palm)
    ui.idle(1)
    ui.tap_at(x, y)
    assert ui.app.manager.current == "topics"


def test_a_tremor_double_tap_counts_once(ui):
    ui.tap("language:en")
    longest = max(ui.app.data.content.sections, key=lambda s: len(s.pages)).id
    ui.tap(f"topic:{longest}")
    assert ui.app.current_screen.page_count() >= 3
    x, y = centre(ui.button("next"))
    ui.tap_at(x, y)  # too soon after choosing the topic: a tremor's repeat lands here too
    assert ui.app.session.location.page == 0
    ui.idle(1)
    ui.tap_at(x, y)
    ui.tap_at(x, y)  # immediately again: within the 500 ms guard
    assert ui.app.session.location.page == 1
    ui.idle(0.6)
    ui.tap_at(x, y)
    assert ui.app.session.location.page == 2
