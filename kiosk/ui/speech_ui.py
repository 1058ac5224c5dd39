"""Speech in the UI: read-aloud on pages, the audio guide, and announcements.

The App owns one ``SpeechUI``. It ticks the read-aloud controller from Kivy's clock (so the UI
never waits on synthesis), paints the highlight, stops speech when the visitor does anything
else, and implements the audio guide (EZ Access style): in guide mode the first tap on a control
says what it is, the second activates it, and every screen change is announced.
"""

from __future__ import annotations

import logging
import threading

from kivy.clock import Clock

from kiosk.i18n.catalogues import _
from kiosk.speech.read_aloud import ReadAloud
from kiosk.speech.types import Player, Synthesizer, voice_covers
from kiosk.ui.widgets import chosen

log = logging.getLogger(__name__)

# The speech bar's buttons: touching one does not stop speech first. Stopping rebuilds the bar,
# so the button under the finger would be gone before it lifts, and the touch lost.
SPEECH_CONTROLS = {"read_aloud", "voice", "pause", "resume", "repeat", "stop_speech"}


class SpeechUI:
    def __init__(self, app, synthesizer: Synthesizer, player: Player):
        self.app = app
        self.synthesizer = synthesizer
        self.reader = ReadAloud(synthesizer, player, on_finished=self._page_finished)
        self.reading_page = False  # False while an announcement or a control's name plays
        self.armed = None  # audio guide: the control that was tapped once
        self._armed_on: str | None = None  # and the screen it was on
        self._voices: set[str] | None = None
        self._voices_known = threading.Event()
        self._state = self.reader.state
        # The speech workers start once the first screen is drawn (or after a few seconds at
        # most): the natural voice's worker loads a neural network, and starting it beside
        # the UI on a two-core kiosk held the first frame back.
        self._first_frame = threading.Event()
        threading.Thread(target=self._load_voices, args=(self._first_frame, 5.0), daemon=True,
                         name="voices").start()
        Clock.schedule_interval(self.tick, 1 / 20)

    def use_synthesizer(self, synthesizer: Synthesizer) -> None:
        """Speak with ``synthesizer`` from now on (another engine, or a test's), and look its
        voices up again, in the background as at start."""
        self.stop()
        self.synthesizer = self.reader.synthesizer = synthesizer
        self._voices = None
        self._voices_known.clear()
        threading.Thread(target=self._load_voices, daemon=True, name="voices").start()

    def first_frame_drawn(self) -> None:
        self._first_frame.set()

    def _load_voices(self, wait_for: threading.Event | None = None, limit: float = 0) -> None:
        if wait_for is not None:
            wait_for.wait(limit)
        voices = self.synthesizer.voices()  # may start the worker: never on the UI thread
        self._voices = voices
        self._voices_known.set()
        self.prepare_language(self.app.session.language)

    def prepare_language(self, language: str) -> None:
        """Load the voice ``language`` is read in now (a natural voice takes a few hundred
        milliseconds to load), not when the visitor first asks for speech."""
        if self._voices is not None:
            self.synthesizer.prepare(language, self.app.session.speech.voice_kind)

    def has_both_kinds(self, language: str) -> bool:
        """Whether the visitor can choose a natural or a clear voice for ``language``."""
        has_both = getattr(self.synthesizer, "has_both", None)
        return self._voices is not None and callable(has_both) and has_both(language)

    def prepare_page(self, text: str) -> None:
        """Synthesize a page's first sentence when it is shown, so Read aloud starts at once."""
        if self.reader.active or not self.available(self.app.session.language):
            return
        settings = self.app.session.speech
        self.reader.prepare(text, self.app.session.language, settings.rate, settings.volume,
                            settings.voice_kind)

    @property
    def voices(self) -> set[str] | None:
        """The languages the synthesizer has voices for; None while still being asked."""
        return self._voices

    def wait_for_voices(self, timeout: float) -> set[str] | None:
        """Block until the voices are known (headless tools and tests, never the kiosk)."""
        self._voices_known.wait(timeout)
        return self._voices

    def available(self, language: str) -> bool:
        """Whether this language can be spoken (assumed yes until the voices are known)."""
        return self._voices is None or voice_covers(self._voices, language)

    # Speaking --------------------------------------------------------------------------------
    def read_page(self, text: str) -> None:
        settings = self.app.session.speech
        self.reading_page = True
        self.reader.start(text, self.app.session.language, settings.rate, settings.volume,
                          kind=settings.voice_kind)
        self.tick(0)
        self.reader.when_ready(self._tick_soon)

    def _tick_soon(self) -> None:
        """From the synthesizer's thread: the first sentence is ready; play it on the UI
        thread's next frame rather than the next 20 Hz tick (up to 50 ms later)."""
        Clock.schedule_once(self.tick, 0)

    def say(self, text: str, language: str | None = None) -> None:
        """Speak a short message (a control's name, a screen announcement)."""
        code = language or self.app.session.language
        if not text or not self.available(code):
            return
        settings = self.app.session.speech
        self.reading_page = False
        self.reader.speak(text, code, settings.rate, settings.volume, settings.voice_kind)
        self.reader.when_ready(self._tick_soon)

    def stop(self) -> None:
        was_active = self.reader.active
        if was_active:
            self.reader.stop()
        self.reading_page = False
        self._show(None)
        if was_active:
            self.sync_controls()

    def reset(self) -> None:
        self.stop()
        self.armed = None

    def command(self, name: str) -> None:
        """Pause, resume, repeat: act, then show the new controls at once (not on the next
        clock tick, which may be 50 ms away)."""
        getattr(self.reader, name)()
        self.sync_controls()

    def sync_controls(self) -> None:
        self._state = self.reader.state
        self.app.current_screen.refresh_speech_bar()

    # The clock -------------------------------------------------------------------------------
    def tick(self, _dt) -> None:
        highlight = self.reader.tick()
        # The highlight follows the sound: nothing new is painted while a sentence is still
        # being synthesized (painting an Arabic page's highlight takes the UI thread tens of
        # milliseconds, which held back the first sound of a reading).
        if self.reading_page and (highlight is None or self.reader.sounding):
            self._show(highlight)
        if self.reader.state != self._state:
            self.sync_controls()

    def _show(self, highlight) -> None:
        self.app.current_screen.show_highlight(highlight)

    def _page_finished(self) -> None:
        if self.reading_page and self.app.session.speech.keep_reading:
            Clock.schedule_once(lambda _dt: self.app.current_screen.read_next_page(), 0)
        else:
            self.reading_page = False
            self._show(None)

    # Touch ----------------------------------------------------------------------------------
    def on_touch_down(self, touch) -> None:
        """Any touch elsewhere stops reading at once (speech controls excepted)."""
        if not self.reader.active:
            return
        for button in self.app.visible_buttons():
            if button.action in SPEECH_CONTROLS and button.collide_point(
                    *button.to_widget(*touch.pos)):
                return
        self.stop()

    def intercept(self, button) -> bool:
        """Audio guide: the first tap on a control speaks it; True means "do not activate"."""
        if not self.app.session.speech.audio_guide or button.private:
            return False  # a private key acts at once: it must not be read out
        if self._is_armed(button):
            self.armed = None
            return False
        self.armed, self._armed_on = button, self.app.manager.current
        self.say(button.spoken_description(), button.speech_language or None)
        return True

    def _is_armed(self, button) -> bool:
        """Whether ``button`` is the control tapped once: the same button, or the same control
        rebuilt since (the speech bar is rebuilt when speech starts or stops, as it does when
        the control's name has been said)."""
        armed = self.armed
        return armed is button or (armed is not None and bool(button.action)
                                   and armed.action == button.action
                                   and self._armed_on == self.app.manager.current)

    def confirm_choice(self, option: str) -> None:
        """In guide mode, an option just chosen says so: the new check mark is not heard."""
        if self.app.session.speech.audio_guide:
            self.say(chosen(option))

    def announce_screen(self, screen) -> None:
        """In guide mode, say where the visitor is and what they can do."""
        if self.app.session.speech.audio_guide:
            # Translators: spoken only (never shown) by the audio guide after the title of
            # each new screen, e.g. "Topics. Touch a button once to hear it. ...".
            # Explains that the first touch reads a button out and a second touch on it
            # uses it.
            hint = _("Touch a button once to hear it. Touch it again to use it.")
            title = screen.title_text.rstrip()
            ends = (".", "?", "!", "。", "？", "！", "؟")
            self.say(f"{title} {hint}" if title.endswith(ends) else f"{title}. {hint}")
