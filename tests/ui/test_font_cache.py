"""A visit's fonts are closed when it ends, so the next visitor starts from the same memory."""

import gc

from kiosk.fonts.faces import find_font
from kiosk.interaction.session import Location
from kiosk.system.memory import release_free_memory, resident_kb


def settled_rss_kb(ui) -> int:
    ui.pump(2)
    gc.collect()
    release_free_memory()
    return resident_kb()


def visit_in_chinese_at_three_text_sizes(ui) -> None:
    ui.app.session.language = "zh_Hans"
    for scale in (1.0, 1.5, 2.0):
        ui.app.session.set_text_scale(scale)
        for screen in ("topics", "help", "settings"):
            ui.app.show(Location(screen))
            ui.pump(2)


def test_the_end_of_a_visit_closes_the_fonts_it_opened(ui, monkeypatch):
    # The full Chinese face, as a kiosk uses when a catalogue has outgrown the reading subset
    # (the subset costs 0.2 MB per size, too little to measure here).
    monkeypatch.setitem(ui.app.data.fonts, "Hans", find_font("Hans", full=True))
    for _ in range(2):  # twice: each reset must close the faces again, not only the first
        visit_in_chinese_at_three_text_sizes(ui)
        during = settled_rss_kb(ui)
        ui.app.reset_visit()
        after = settled_rss_kb(ui)
        # A dozen or more Noto CJK faces (about 2.6 MB each) were open during the visit.
        assert during - after > 15 * 1024, (during, after)


def test_the_fonts_left_open_between_visitors_are_small(ui):
    """What stays open after a visit is 64 sizes of the blank font: opening 64 sizes of the
    smallest real face in their place (as a cheap real font used to be used) costs more than
    10 MB on top."""
    from kivy.core.text import Label as CoreLabel

    for _ in range(2):
        ui.app.reset_visit()
    between_visitors = settled_rss_kb(ui)
    subset = find_font("Hans").regular
    for index in range(64):
        CoreLabel(text=" ", font_name=str(subset), font_size=index + 1.5).refresh()
    with_real_faces = settled_rss_kb(ui)
    assert with_real_faces - between_visitors > 8 * 1024, (between_visitors, with_real_faces)
    ui.app.reset_visit()


def test_an_install_that_lost_the_blank_font_closes_with_its_smallest_face(ui, monkeypatch,
                                                                           tmp_path):
    from kiosk.ui import font_cache

    fonts = [choice.regular for choice in ui.app.data.fonts.values()]
    assert font_cache.closing_font(fonts) == str(font_cache.BLANK_FONT)
    monkeypatch.setattr(font_cache, "BLANK_FONT", tmp_path / "lost.ttf")
    smallest = min(fonts, key=lambda path: path.stat().st_size)
    assert font_cache.closing_font(fonts) == str(smallest)
