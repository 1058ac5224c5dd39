"""Read-aloud and the audio guide in the real UI, with the recording speech double."""

import time

from kivy.base import EventLoop

from kiosk.i18n.catalogues import _
from kiosk.interaction.session import Location
from kiosk.speech.worker_client import WorkerSynthesizer
from kiosk.stand_ins import SpySynthesizer


def open_page(ui, section_index=0):
    ui.tap("language:en")
    ui.tap(f"topic:{ui.app.data.content.sections[section_index].id}")


def advance(ui, seconds):
    ui.speech_clock.advance(seconds)
    ui.app.speech.tick(0)
    ui.pump(1)


def spoken(ui):
    return ui.app.speech.synthesizer.spoken


def test_read_aloud_reads_the_page_and_the_highlight_follows(ui):
    open_page(ui)
    before = len(spoken(ui))
    ui.tap("read_aloud")
    page = ui.app.current_screen.body.source_text
    said = [u.text for u in spoken(ui)[before:]]
    assert said and " ".join(said).split() == page.split()
    assert all(u.language == "en" for u in spoken(ui)[before:])
    body = ui.app.current_screen.body
    assert body.markup and "[u]" in body.text and "word" in body.refs
    first_word = body.refs["word"][0]
    advance(ui, 0.45)
    assert body.refs["word"][0] != first_word  # the box moved on to the next word
    assert len(body.canvas.after.children) > 0  # the word box is drawn


def test_pause_resume_repeat_stop(ui):
    open_page(ui)
    ui.tap("read_aloud")
    reader = ui.app.speech.reader
    ui.tap("pause")
    assert reader.state == reader.PAUSED
    ui.tap("resume")
    assert reader.state == reader.PLAYING
    advance(ui, 0.9)
    ui.tap("repeat")
    ui.app.speech.tick(0)
    assert reader.highlight().word[0] == reader.highlight().sentence[0]
    ui.tap("stop_speech")
    assert not reader.active and not ui.app.current_screen.body.markup


def test_any_other_touch_or_page_change_stops_speech(ui):
    open_page(ui)
    ui.tap("read_aloud")
    reader = ui.app.speech.reader
    body = ui.app.current_screen.body
    ui.idle(1)
    ui.tap_at(*body.to_window(body.x + 10, body.y + 10))
    assert not reader.active
    ui.tap("read_aloud")
    ui.tap("next")
    assert not reader.active


def test_speech_follows_the_display_language(ui):
    ui.tap("language:es")
    ui.tap(f"topic:{ui.app.data.content.sections[0].id}")
    ui.tap("read_aloud")
    assert spoken(ui)[-1].language == "es"


def test_audio_guide_speaks_first_and_acts_on_the_second_tap(ui):
    ui.tap("audio_guide")  # off -> on: a single tap
    assert ui.app.session.speech.audio_guide
    ui.tap("language:fr")
    assert ui.app.manager.current == "welcome"  # the first tap only spoke
    assert spoken(ui)[-1].text == "Français" and spoken(ui)[-1].language == "fr"
    ui.tap("language:fr")
    assert ui.app.manager.current == "topics"
    announced = spoken(ui)[-3:]  # the new screen is announced, in French
    assert all(u.language == "fr" for u in announced)
    assert any(ui.app.current_screen.title_text in u.text for u in announced)


def test_audio_guide_says_which_option_is_chosen(ui):
    """EN 301 549 5.6.1: the check mark of the option in use is also heard."""
    ui.tap("audio_guide")
    ui.tap("language:en")
    ui.tap("language:en")
    ui.tap("display")
    ui.tap("display")
    ui.tap("text_scale:1.0")  # in use: the first tap says so
    assert spoken(ui)[-1].text == f"{ui.button('text_scale:1.0').source_text}: chosen."
    ui.tap("text_scale:1.5")  # not in use: only its name
    label = ui.button("text_scale:1.5").source_text
    assert spoken(ui)[-1].text == label
    ui.tap("text_scale:1.5")  # chosen now, and said so
    assert ui.app.session.text_scale == 1.5
    assert spoken(ui)[-1].text == f"{label}: chosen."
    assert ui.button("text_scale:1.5").selected


def test_touching_text_in_guide_mode_reads_it(ui):
    ui.tap("audio_guide")
    ui.app.show(Location("reader", ui.app.data.content.sections[0].id))
    ui.pump(2)
    body = ui.app.current_screen.body
    ui.idle(1)
    ui.tap_at(*body.to_window(body.x + 10, body.top - 10))
    first_sentence = body.source_text.split(".")[0]
    assert any(u.text.startswith(first_sentence) for u in spoken(ui)[-8:]), (
        first_sentence, [u.text for u in spoken(ui)[-8:]])


def test_no_voice_shows_that_audio_is_unavailable(ui):
    shipped = ui.app.speech.synthesizer
    ui.app.speech.use_synthesizer(SpySynthesizer(languages=frozenset({"en"})))
    ui.app.speech.wait_for_voices(10)
    try:
        ui.tap("language:de")
        ui.tap(f"topic:{ui.app.data.content.sections[0].id}")
        assert "read_aloud" not in [b.action for b in ui.buttons()]
        message = _("Audio is not available in this language.")
        assert any(getattr(w, "source_text", "") == message
                   for w in ui.app.current_screen.walk())
    finally:
        ui.app.speech.use_synthesizer(shipped)
        ui.app.speech.wait_for_voices(10)


def test_the_ui_keeps_drawing_while_a_long_page_is_synthesized(ui):
    open_page(ui, 3)
    real = WorkerSynthesizer()
    reader = ui.app.speech.reader
    recording = reader.synthesizer
    try:
        reader.synthesizer = real
        ui.app.session.speech.rate = 0.5
        long_text = " ".join([ui.app.current_screen.body.source_text] * 6)
        started = time.monotonic()
        ui.app.speech.read_page(long_text)
        frames = []
        while not all(f.done() for f in reader._futures) and time.monotonic() - started < 60:
            tick = time.monotonic()
            EventLoop.idle()
            frames.append(time.monotonic() - tick)
        assert len(frames) > 5  # synthesis took a while, and frames went on meanwhile
        assert max(frames) < 0.25
    finally:
        reader.stop()
        reader.synthesizer = recording
        real.close()


def test_arabic_reading_is_highlighted_too(ui):
    ui.app.session.language = "ar"
    ui.app.show(Location("reader", ui.app.data.content.sections[0].id))
    ui.pump(2)
    ui.tap("read_aloud")
    advance(ui, 1.3)
    body = ui.app.current_screen.body
    assert "[u]" in body.text and body.refs.get("word")
    x1, _y1, x2, _y2 = body.refs["word"][0]
    assert 0 <= x1 < x2 <= body.width
    assert len(body.canvas.after.children) > 0


def finish_reading(ui):
    """Let the page's audio play out (stops as soon as reading moves elsewhere)."""
    start = ui.app.session.location
    for _step in range(200):
        if not ui.app.speech.reader.active or ui.app.session.location != start:
            return
        advance(ui, 1.0)
        ui.pump(1)  # the next page is started on the following frame


def test_keep_reading_goes_on_to_the_next_page_and_topic(ui):
    sections = ui.app.data.content.sections
    ui.app.session.speech.keep_reading = True
    ui.app.show(Location("reader", sections[0].id))
    pages = ui.app.current_screen.page_count()
    ui.app.show(Location("reader", sections[0].id, pages - 1))
    ui.pump(1)
    ui.app.current_screen.read_aloud()
    finish_reading(ui)
    advance(ui, 0.1)
    assert ui.app.session.location == Location("reader", sections[1].id, 0)
    assert ui.app.speech.reader.active and ui.app.speech.reading_page


def test_keep_reading_stops_at_the_end_of_help(ui):
    ui.app.session.speech.keep_reading = True
    ui.app.show(Location("help"))
    pages = ui.app.current_screen.page_count()
    ui.app.show(Location("help", None, pages - 1))
    ui.pump(1)
    ui.app.current_screen.read_aloud()
    finish_reading(ui)
    ui.pump(2)
    assert ui.app.session.location.screen == "help" and not ui.app.speech.reader.active


def test_the_help_key_turns_the_audio_guide_on_and_help_is_spoken(ui):
    """EN 301 549 5.2: speech is reached without having to see the Audio guide button."""
    def said_since(count: int) -> str:
        return " ".join(u.text for u in spoken(ui)[count:])  # recorded sentence by sentence

    assert not ui.app.session.speech.audio_guide
    before = len(spoken(ui))
    ui.key(104, "h")  # the EZ Access Help key, pressed on the first screen
    assert ui.app.session.speech.audio_guide
    assert ui.app.manager.current == "help"
    title = ui.app.current_screen.title_text
    assert title and title in said_since(before)
    assert "Touch a button once to hear it." in said_since(before)
    before = len(spoken(ui))
    ui.key(104, "h")  # again, on the help screen: said again
    assert title in said_since(before)


def test_headphones_plugged_in_turn_the_audio_guide_on_and_out_stop_speech(ui):
    """EZ Access: the jack starts speech without sight (its reading: tests/test_headphones)."""
    from kiosk.system.headphones import HeadphoneWatch

    states = iter([False, True, False])
    # The app's own reaction, with the jack read by hand (no sound card here to plug into).
    watch = HeadphoneWatch(ui.app.headphones.on_change, read=lambda: next(states))
    watch.check()  # what the jack says at start is only remembered
    ui.pump(2)
    assert not ui.app.session.speech.audio_guide
    before = len(spoken(ui))
    watch.check()  # plugged in (in the kiosk, from the watch's thread, via Kivy's clock)
    ui.pump(2)
    assert ui.app.session.speech.audio_guide
    said = " ".join(u.text for u in spoken(ui)[before:])
    assert "Audio guide on. Touch a button once to hear it." in said
    topic = f"topic:{ui.app.data.content.sections[0].id}"
    for action in ("language:en", topic, "read_aloud"):  # guide mode: hear it, then use it
        ui.tap(action)
        ui.tap(action)
    assert ui.app.speech.reader.active and ui.app.speech.reading_page
    watch.check()  # taken out: silence at once, and the guide is off
    ui.pump(2)
    assert not ui.app.speech.reader.active
    assert not ui.app.session.speech.audio_guide
