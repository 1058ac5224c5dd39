"""After a new screen is drawn: the old one's garbage is collected, then the screen may ready
what comes next, all while the visitor starts to read."""

import gc


def test_the_old_screen_is_collected_only_after_the_new_one_is_drawn(ui, monkeypatch):
    ui.tap("language:en")
    ui.pump(3)
    full_collections = []

    def watch(phase, info):
        if phase == "start" and info["generation"] == 2:
            full_collections.append(ui.app.manager.current)

    gc.callbacks.append(watch)
    try:
        help_screen = ui.app.manager.get_screen("help")
        readied = []
        monkeypatch.setattr(help_screen, "prepare_ahead", lambda: readied.append(True))
        ui.app.go_help()  # the screen change itself collects nothing
        assert ui.app.after_frame.collect_due and not full_collections and not readied
        ui.pump(3)  # the help screen is drawn, then collected after, then readied
    finally:
        gc.callbacks.remove(watch)
    assert not ui.app.after_frame.collect_due
    assert full_collections and set(full_collections) == {"help"}
    assert readied == [True]
    assert gc.get_freeze_count() > 0  # the start-up's objects are out of the collector's way
