"""The real kiosk, driven by touches on its real (offscreen) window."""

from kivy.core.window import Window

from kiosk.interaction.session import Location


def screen(ui) -> str:
    return ui.app.manager.current


def test_visit_language_topic_pages_and_home(ui):
    assert screen(ui) == "welcome"
    ui.tap("language:en")
    assert screen(ui) == "topics"
    first = ui.app.data.content.sections[0]
    ui.tap(f"topic:{first.id}")
    assert screen(ui) == "reader"
    assert ui.app.session.location == Location("reader", first.id, 0)
    first_page_text = ui.app.current_screen.body.text
    assert first_page_text.startswith(first.pages[0].paragraphs[0])
    pages = ui.app.current_screen.page_count()
    assert pages >= 2
    assert ui.app.current_screen.counter.text == f"Page 1 of {pages}"
    ui.tap("next")
    assert ui.app.session.location.page == 1
    assert ui.app.current_screen.counter.text == f"Page 2 of {pages}"
    assert ui.app.current_screen.body.text != first_page_text
    ui.tap("previous")
    assert ui.app.current_screen.body.text == first_page_text
    ui.tap("home")
    assert screen(ui) == "topics"


def test_last_page_leads_to_the_next_topic_and_back_returns(ui):
    sections = ui.app.data.content.sections
    ui.tap("language:en")
    ui.tap(f"topic:{sections[0].id}")
    for _ in range(ui.app.current_screen.page_count() - 1):
        ui.tap("next")
    ui.tap("next")  # "Next topic" on the last page
    assert ui.app.session.location == Location("reader", sections[1].id, 0)
    ui.tap("back")
    assert ui.app.session.location.section == sections[0].id


def test_help_and_display_are_reachable_from_every_screen(ui):
    positions = {}
    ui.tap("language:en")
    for where in (Location("topics"), Location("reader", ui.app.data.content.sections[0].id),
                  Location("sources"), Location("glossary"), Location("welcome")):
        ui.app.show(where)
        ui.pump(2)
        for action in ("help", "display"):
            button = ui.button(action)
            positions.setdefault(action, set()).add(
                tuple(round(v) for v in button.to_window(*button.pos)))
    assert all(len(spots) == 1 for spots in positions.values()), positions


def idle_for(ui, seconds):
    ui.idle(seconds)
    ui.app.check_idle()
    ui.pump(2)


def test_idle_warning_then_reset_restores_a_fresh_visit(ui):
    ui.tap("language:en")
    ui.tap("display")
    ui.tap("text_scale:2.0")
    ui.tap("theme:light")
    assert ui.app.session.text_scale == 2.0
    config = ui.app.data.config
    idle_for(ui, config.idle_timeout_seconds + 1)
    warning = ui.app.idle_warning
    assert warning is not None and warning.question == "Are you still there?"
    assert any("still there" in u.text for u in ui.app.speech.synthesizer.spoken[-3:])
    assert config.idle_warning_seconds >= 20
    idle_for(ui, config.idle_warning_seconds - 1)
    assert ui.app.idle_warning is not None  # still waiting for an answer
    idle_for(ui, 2)
    assert ui.app.idle_warning is None
    fresh = type(ui.app.session)(ui.app.session.defaults).snapshot()
    assert ui.app.session.snapshot() == fresh
    assert screen(ui) == "welcome"
    assert tuple(Window.clearcolor[:3]) == ui.app.theme.background == (0.0, 0.0, 0.0)


def test_a_touch_answers_the_warning_without_pressing_anything_ten_times_over(ui):
    ui.tap("language:en")
    ui.tap(f"topic:{ui.app.data.content.sections[0].id}")
    for _ in range(10):
        next_button = ui.button("next")  # found before the warning hides it
        idle_for(ui, ui.app.data.config.idle_timeout_seconds + 1)
        assert ui.app.idle_warning is not None
        assert next_button not in ui.app.visible_buttons()  # only the warning's are shown
        ui.idle(1)
        ui.tap_at(*next_button.to_window(*next_button.center))  # lands on "Next" beneath
        assert ui.app.idle_warning is None
        assert ui.app.session.location.page == 0  # the page did not turn
    assert screen(ui) == "reader"


def test_a_key_answers_the_warning_too(ui):
    ui.tap("language:en")
    idle_for(ui, ui.app.data.config.idle_timeout_seconds + 1)
    ui.key(9)
    assert ui.app.idle_warning is None and screen(ui) == "topics"


def test_a_reset_clears_a_pending_warning(ui):
    ui.tap("language:en")
    idle_for(ui, ui.app.data.config.idle_timeout_seconds + 1)
    ui.app.reset_visit()
    assert ui.app.idle_warning is None
    ui.tap("language:en")  # the first touch of the next visit is not swallowed
    assert screen(ui) == "topics"



_WRITES: list | None = None  # while a list, every file write this process attempts is noted


def _note_writes(event: str, args: tuple) -> None:
    if _WRITES is None:
        return
    if event == "open" and args[1] is not None and any(c in str(args[1]) for c in "wax+"):
        _WRITES.append(("open", args[0], args[1]))
    elif event == "open" and isinstance(args[2], int) and args[2] & 0o3:  # O_WRONLY/O_RDWR
        _WRITES.append(("open", args[0], args[2]))
    elif event in ("os.rename", "os.remove", "os.mkdir", "shutil.copyfile", "os.truncate"):
        _WRITES.append((event, *args[:2]))


def test_a_visit_leaves_nothing_on_disk_or_in_the_logs(ui, caplog):
    """Privacy: what a visitor chose and read is held in memory only, and is gone at reset.
    Python's audit hooks see every file this process opens for writing, renames or removes
    (logging handlers, caches, temporary files), wherever it is."""
    import logging
    import sys

    global _WRITES
    sys.addaudithook(_note_writes)
    caplog.set_level(logging.DEBUG)
    _WRITES = []
    try:
        section = ui.app.data.content.sections[2]
        ui.tap("language:fr")
        ui.tap(f"topic:{section.id}")
        ui.tap("next")
        page_text = ui.app.current_screen.page_text()
        title = ui.app.current_screen.title_text
        ui.tap("read_aloud")
        ui.tap("stop_speech")
        ui.tap("display")
        ui.tap("text_scale:1.5")
        ui.tap("theme:light")
        idle_for(ui, ui.app.data.config.idle_timeout_seconds + 1)
        idle_for(ui, ui.app.data.config.idle_warning_seconds + 1)
        writes, _WRITES = _WRITES, None
    finally:
        _WRITES = None
    assert ui.app.session.snapshot() == type(ui.app.session)(ui.app.session.defaults).snapshot()
    assert writes == []
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "visit ended" in logged  # the log does record that a visit ended, and no more
    for secret in (section.id, title, page_text[:40], "fr", "1.5", "light"):
        assert secret not in logged.replace(":", " ").split(), (secret, logged)
        assert len(secret) < 4 or secret not in logged, (secret, logged)


def test_a_screen_that_is_left_lets_go_of_its_widgets_and_comes_back_whole(ui):
    ui.tap("language:en")
    section = ui.app.data.content.sections[1].id
    ui.tap(f"topic:{section}")
    ui.tap("next")
    reader = ui.app.current_screen
    text = reader.body.source_text
    ui.tap("help")
    assert reader.children == [] and reader.body is None  # nothing of it kept alive
    ui.key(8)  # Backspace: back to the same page, rebuilt
    assert ui.app.current_screen is reader and reader.body.source_text == text
    assert ui.app.session.location.page == 1
