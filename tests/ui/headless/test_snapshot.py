"""Snapshots: every screen and page a visitor can reach, written as real PNGs of the window."""

from dataclasses import replace

import pytest
from PIL import Image

from kiosk.interaction.session import Location
from kiosk.progress import progress
from kiosk.ui.headless.snapshot import STAGED, every_view, show_every_view, take_snapshots


@pytest.fixture
def short_content(ui, kiosk_data):
    """The real kiosk on a shorter edition of the shipped content (two topics, the sources
    they cite, a few glossary entries), so that every view of it can be photographed in a
    few seconds; the full content again afterwards."""
    content = kiosk_data.content
    sections = content.sections[:2]
    cited = {source for s in sections for page in s.pages for source in page.sources}
    short = replace(content, sections=sections,
                    sources=tuple(s for s in content.sources if s.id in cited),
                    glossary=content.glossary[:4])
    ui.app.replace_data(replace(kiosk_data, content=short))
    ui.pump(2)
    yield ui
    ui.app.replace_data(kiosk_data)
    ui.pump(2)


def test_every_view_reaches_every_screen_and_every_page_once(ui):
    views = list(every_view(ui.app))
    names = [name for name, _where in views]
    assert len(set(names)) == len(names)
    assert names[0] == "welcome"
    # The README's views first, in their old order; the newer ones appended after them.
    assert names[-6:] == ["settings", "pin", "voice", "reading", "reading-paused",
                          "idle-warning"]
    for screen in ("topics", "sources", "glossary", "help"):
        assert f"{screen}-p1" in names
    for section in ui.app.data.content.sections:
        ui.app.show(Location("reader", section.id))
        pages = ui.app.current_screen.page_count()
        assert [n for n in names if n.startswith(f"reader-{section.id}-p")] == [
            f"reader-{section.id}-p{page}" for page in range(1, pages + 1)]


def test_each_view_shows_the_screen_and_page_it_is_named_after(ui):
    for name, where in list(every_view(ui.app))[::5]:
        ui.app.show(where)
        assert ui.app.manager.current == where.screen, name
        assert ui.app.session.location == where, name
        if where.screen == "reader":
            pages = ui.app.current_screen.page_count()
            assert ui.app.current_screen.counter.text == f"Page {where.page + 1} of {pages}"


def test_larger_text_means_more_pages_to_walk(ui):
    at_100 = len(list(every_view(ui.app)))
    ui.app.session.set_text_scale(2.0)
    at_200 = len(list(every_view(ui.app)))
    assert at_200 > at_100


def test_snapshots_are_window_sized_pngs_named_after_language_theme_size_and_view(
        short_content, tmp_path):
    ui = short_content
    ui.app.session.language = "de"  # German runs to more pages than English
    views = [name for name, _where in every_view(ui.app)]
    ui.app.reset_visit()
    written = take_snapshots(ui, tmp_path, ["de"], [1.0], ["light"])
    assert written == [tmp_path / f"de-light-100-{number:03d}-{name}.png"
                       for number, name in enumerate(views, 1)]
    assert sorted(tmp_path.iterdir()) == sorted(written)  # nothing else written
    pictures = set()
    for path in written:
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size == (1920, 1080)
            rgb = image.convert("RGB")
        assert rgb.getpixel((3, rgb.height - 3)) == (255, 255, 255)  # the light theme
        assert len(rgb.getcolors(1 << 20)) > 2, path.name  # text was drawn, not a blank page
        pictures.add(rgb.tobytes())
    assert len(pictures) == len(written)  # each view is its own picture
    # Done: the kiosk is left at the start of a fresh visit.
    assert ui.app.manager.current == "welcome"
    assert (ui.app.session.language, ui.app.session.theme) == ("en", "dark")



def test_the_walk_counts_each_view_when_done_against_a_total_exact_by_the_last_size(
        short_content):
    """What ``audit``, ``snapshot`` and ``i18n check`` show on a terminal (``kiosk.progress``):
    the pages of a combination are known once it is set up, so the total is estimated until
    the last one; it never falls below the views already done, and ends exact."""
    ui = short_content
    counter = progress(None, "audit", quiet=True)  # counts, draws nothing
    seen = [(counter.n, counter.total, view.language, view.scale)
            for view in show_every_view(ui, ["en", "de"], [1.0, 2.0], progress=counter)]
    assert [done for done, _total, _l, _s in seen] == list(range(len(seen)))
    assert all(total > done for done, total, _l, _s in seen)
    assert counter.n == counter.total == len(seen)
    views = {(language, scale): len([v for v in seen if v[2:] == (language, scale)])
             for language in ("en", "de") for scale in (1.0, 2.0)}
    # After English, German at each size is guessed from English at that size.
    first_german = next(total for _d, total, language, _s in seen if language == "de")
    guess = views["en", 2.0]  # German at 200%, before it is set up
    assert first_german == views["en", 1.0] + views["en", 2.0] + views["de", 1.0] + guess


def test_the_voice_screen_reading_controls_and_idle_warning_are_drawn_and_measured(ui):
    from kiosk.ui.headless.fit_audit import visible_labels
    from kiosk.ui.headless.snapshot import show_every_view

    seen = {}
    for view in show_every_view(ui, ["fr"], [1.0]):
        if view.number > 3 and view.name not in ("voice", *STAGED):
            continue
        seen[view.name] = ({b.action for b in ui.app.visible_buttons()},
                           {label.text for label in visible_labels(ui.app)}, ui.frame()[2])
    assert {"done", "rate:1.0"} <= seen["voice"][0]
    assert {"pause", "repeat", "stop_speech"} <= seen["reading"][0]
    assert "read_aloud" not in seen["reading"][0]
    assert {"resume", "repeat", "stop_speech"} <= seen["reading-paused"][0]
    actions, texts, _pixels = seen["idle-warning"]
    assert actions == {"carry_on"}  # only the warning's button: it covers the screen
    assert any("toujours là" in text for text in texts)  # its labels are measured
    assert len({pixels for _a, _t, pixels in seen.values()}) == len(seen)
    assert ui.app.idle_warning is None and not ui.app.speech.reader.active  # all undone
