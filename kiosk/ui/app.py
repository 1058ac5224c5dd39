"""The kiosk App: owns the visit (``Session``), navigation, and the screens.

Screens never navigate by themselves; they call the App, which updates the session and shows
the right screen, so Back, Home, the idle reset and tests all go through one place (as in
Kivy's showcase, where the App owns navigation state). Keys live in ``keys``, the work after a
frame in ``after_frame``, and the visit's timing in ``kiosk.interaction.idle``; the app's one
clock (``clock``) is handed to every part that keeps time, so headless runs can move it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.properties import BooleanProperty, ObjectProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.screenmanager import FadeTransition, NoTransition, ScreenManager

from kiosk.display import sizes
from kiosk.display.sizes import Sizer
from kiosk.display.theme import THEMES
from kiosk.i18n import catalogues as i18n
from kiosk.i18n.catalogues import _
from kiosk.interaction.idle import IdleTimer, IdleVerdict
from kiosk.interaction.input_policy import TapPolicy, TapSettings
from kiosk.interaction.session import TEXT_SCALES, Location, Session
from kiosk.loading import KioskData
from kiosk.speech import Player, Synthesizer, create_player, create_synthesizer
from kiosk.system.headphones import HeadphoneWatch
from kiosk.ui.admin_gate import AdminGate
from kiosk.ui.after_frame import AfterFrame
from kiosk.ui.font_cache import close_open_fonts, closing_font
from kiosk.ui.idle_warning import IdleWarning
from kiosk.ui.keys import Keys
from kiosk.ui.measure import forget_measurements, register_fonts
from kiosk.ui.scanning import Scanner
from kiosk.ui.screens.admin import AdminScreen
from kiosk.ui.screens.glossary import GlossaryScreen
from kiosk.ui.screens.help import HelpScreen
from kiosk.ui.screens.pin import PinScreen
from kiosk.ui.screens.reader import ReaderScreen
from kiosk.ui.screens.settings import SettingsScreen
from kiosk.ui.screens.sources import SourcesScreen
from kiosk.ui.screens.topics import TopicsScreen
from kiosk.ui.screens.voice import VoiceScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.speech_ui import SpeechUI
from kiosk.ui.topbar import TopBar, bar_height, control_scale
from kiosk.ui.widgets import KioskButton, KioskRoot

log = logging.getLogger(__name__)

MIN_BODY_LINES = 2  # a page never holds less reading than this, at any size on any screen

SCREENS = {
    "welcome": WelcomeScreen,
    "topics": TopicsScreen,
    "reader": ReaderScreen,
    "sources": SourcesScreen,
    "glossary": GlossaryScreen,
    "help": HelpScreen,
    "settings": SettingsScreen,
    "voice": VoiceScreen,
    "pin": PinScreen,  # staff only: reached by holding the top-left corner (admin_gate)
    "admin": AdminScreen,
}

IDLE_CHECK_SECONDS = 1.0  # how often the idle timer is asked (see ``idle_checks``)


class KioskApp(App):
    sizer = ObjectProperty(None, allownone=True)
    rtl = BooleanProperty(False)

    def __init__(self, data: KioskData, synthesizer: Synthesizer | None = None,
                 player: Player | None = None, clock: Callable[[], float] = time.monotonic,
                 idle_checks: bool = True, **kwargs):
        """``clock`` is the time every part of the app keeps (taps, keys, the staff corner,
        switch scanning, the idle timer); headless runs pass one they move by hand, and with
        ``idle_checks`` off they call ``check_idle`` themselves after moving it."""
        super().__init__(**kwargs)
        self.title = "CCSVI information kiosk"
        self.data = data
        self.clock = clock
        self.idle_checks = idle_checks
        self._synthesizer = synthesizer
        self._player = player
        self.session = Session(data.config.session_defaults)
        self.tap_policy = TapPolicy(clock=clock)
        self.keys = Keys(self)
        self.theme = THEMES[self.session.theme]
        self.idle = IdleTimer(data.config.idle_timeout_seconds,
                              data.config.idle_warning_seconds, clock)
        self.idle_warning: IdleWarning | None = None
        self.admin_gate = AdminGate(self)
        self.after_frame = AfterFrame(self)
        self._use(data)

    def _use(self, data: KioskData) -> None:
        self.data = data
        self._translators = {lang.code: data.catalogues.translator(lang.code)
                             for lang in data.languages}
        for choice in data.fonts.values():
            register_fonts(choice)
        self._closing_font = closing_font(choice.regular for choice in data.fonts.values())
        config = data.config
        self.tap_policy.settings = TapSettings(repeat_ignore_ms=config.repeat_ignore_ms,
                                               hold_ms=config.hold_ms)
        self.idle.timeout_seconds = config.idle_timeout_seconds
        self.idle.warning_seconds = config.idle_warning_seconds
        if hasattr(self, "manager"):
            self.manager.transition = self._transition()

    def _transition(self):
        """No movement unless the clinic turns it on (moving things distract and can upset)."""
        return FadeTransition(duration=0.2) if self.data.config.animations else NoTransition()

    def replace_data(self, data: KioskData) -> None:
        """Switch to other content or catalogues (a reload, or a test) and start a new visit."""
        self._use(data)
        self.session = Session(data.config.session_defaults)
        self.reset_visit()

    # Building -------------------------------------------------------------------------------
    def build(self):
        synthesizer = self._synthesizer or create_synthesizer(
            "worker", voices_dir=self.data.config.voices_dir,
            pronunciations=self.pronunciation)
        player = self._player or create_player("auto")
        self.speech = SpeechUI(self, synthesizer, player)
        self._apply_session()
        root = KioskRoot()
        layout = BoxLayout(orientation="vertical")
        self.topbar = TopBar(size_hint_y=None)
        self.manager = ScreenManager(transition=self._transition())
        for name, cls in SCREENS.items():
            self.manager.add_widget(cls(name=name))
        layout.add_widget(self.topbar)
        layout.add_widget(self.manager)
        # No background shape: the window is cleared to the theme's background every frame
        # (``Window.clearcolor``); a full-screen rectangle over it made every software-rendered
        # frame much slower for the same pixels (docs/PERFORMANCE.md).
        root.add_widget(layout)
        Window.bind(on_motion=self.admin_gate.on_motion)  # sees touches before any widget
        Window.bind(on_request_close=self._refuse_close, on_key_down=self.keys.on_key_down,
                    on_key_up=self.keys.on_key_up,
                    on_resize=lambda *_: Clock.schedule_once(lambda _dt: self.refresh(), 0))
        Window.bind(on_flip=self.after_frame.on_flip)
        if self.idle_checks:
            Clock.schedule_interval(lambda _dt: self.check_idle(), IDLE_CHECK_SECONDS)
        self.scanner = Scanner(self)
        # The jack is read in the watch's thread; what it finds is acted on here, on Kivy's.
        self.headphones = HeadphoneWatch(
            lambda plugged: Clock.schedule_once(lambda _dt: self.headphones_changed(plugged)))
        if self.data.config.audio_guide_with_headphones:
            self.headphones.start()
        self.show(self.session.location, remember=False)
        return root

    def pronunciation(self, language: str):
        """``language``'s pronunciation list (``kiosk.speech.pronunciation``), loaded on the
        first sentence spoken rather than at start."""
        if getattr(self, "_pronunciations_data", None) is not self.data:
            from kiosk.speech.pronunciation import pronunciations_from

            self._pronunciations = pronunciations_from(self.data.catalogues)
            self._pronunciations_data = self.data
        return self._pronunciations(language)

    # State ----------------------------------------------------------------------------------
    def _apply_session(self) -> None:
        """Derive language, size and colours from the session (after any change or reset)."""
        session = self.session
        i18n.activate(self._translators[session.language])
        self.theme = THEMES[session.theme]
        self.rtl = self.data.language(session.language).rtl
        self.sizer = self._sizer(Sizer(Window.width / self.data.config.screen.width_mm,
                                       session.text_scale))
        Window.clearcolor = (*self.theme.background, 1)  # the only background drawn

    def _sizer(self, base: Sizer) -> Sizer:
        """Control labels as large as the text size allows, while the top bar fits one row
        and a page still holds ``MIN_BODY_LINES`` lines of body text under the bars (on a
        short 15.6-inch screen at 200%, full-size bars would leave room for one line)."""
        scales = sorted((s for s in TEXT_SCALES
                         if s <= control_scale(self, base, Window.width)), reverse=True)
        manager = getattr(self, "manager", None)
        if manager is None:  # before build: the width rule alone
            return base.with_controls(scales[0])
        pages = manager.get_screen("sources")  # a document screen that needs no location
        line = sizes.LINE_HEIGHT * base.font(sizes.BODY_FONT_MM)
        for scale in scales:
            self.sizer = base.with_controls(scale)
            if pages.body_room(Window.height - bar_height(self.sizer)) >= MIN_BODY_LINES * line:
                break
        return self.sizer

    def refresh(self) -> None:
        """Re-render the top bar and the visible screen from the current state."""
        self._apply_session()
        self.topbar.refresh()
        self.manager.current_screen.refresh()
        self.manager.current_screen.size = self.screen_area()

    def screen_area(self) -> tuple[float, float]:
        """Size of the area below the top bar, known before Kivy lays the screen out."""
        return Window.width, Window.height - self.topbar.height

    @property
    def current_screen(self):
        return self.manager.current_screen

    # Navigation ------------------------------------------------------------------------------
    def show(self, location: Location, remember: bool = True) -> None:
        """Go somewhere; speech stops (a page change interrupts reading), and in audio-guide
        mode the new screen is announced."""
        changed_screen = location.screen != self.manager.current
        self.speech.stop()
        if remember:
            self.session.go(location)
        else:
            self.session.replace(location)
        previous = self.manager.current_screen
        self.manager.current = location.screen
        if isinstance(self.manager.transition, NoTransition):
            # Finish now: left to itself, NoTransition ends on the next frame, so the first
            # frame after every change would draw the old and the new screen together and a
            # second frame would be needed (on a software renderer, ~50 ms each).
            self.manager.transition.stop()
            if previous is not self.manager.current_screen:
                previous.dispatch("on_leave")  # a finished transition says so; stop() does not
        self.refresh()
        self.after_frame.screen_changed()  # collect the old screen's widgets once drawn
        if changed_screen:
            self.speech.announce_screen(self.current_screen)

    def visible_roots(self) -> tuple:
        """What a visitor sees: the "Are you still there?" warning alone while it covers the
        window, else the top bar and the current screen."""
        if self.idle_warning is not None:
            return (self.idle_warning,)
        return self.topbar, self.current_screen

    def visible_buttons(self) -> list[KioskButton]:
        """Buttons a visitor can see and use now (see ``visible_roots``)."""
        return [w for root in self.visible_roots() for w in root.walk(restrict=True)
                if isinstance(w, KioskButton) and not w.disabled and w.opacity > 0]

    def go_back(self) -> None:
        self.session.back()
        self.show(self.session.location, remember=False)

    def go_topics(self) -> None:
        self.show(Location("topics"))

    def go_welcome(self) -> None:
        self.show(Location("welcome"))

    def go_help(self) -> None:
        self.show(Location("help"))

    def go_settings(self) -> None:
        self.show(Location("settings"))

    def go_voice(self) -> None:
        self.show(Location("voice"))

    def toggle_audio_guide(self) -> None:
        self.set_audio_guide(not self.session.speech.audio_guide, say=True)

    def set_audio_guide(self, on: bool, say: bool) -> None:
        self.session.speech.audio_guide = on
        self.speech.armed = None
        self.refresh()
        if not say:
            return
        if on:
            # Translators: spoken only, never shown, when the audio guide comes on
            # (the Audio guide button on the first screen, or headphones plugged in).
            # Says how it works: the first touch on a button reads it out, a second
            # touch uses it.
            self.speech.say(_("Audio guide on. Touch a button once to hear it. "
                              "Touch it again to use it."))
        else:
            # Translators: spoken only, never shown, when the visitor turns the audio
            # guide off with the Audio guide button on the first screen.
            self.speech.say(_("Audio guide off."))

    def headphones_changed(self, plugged: bool) -> None:
        """Headphones in: the audio guide comes on and says so (EZ Access). Out: speech stops
        at once, so the rest of the visit is not read out to the waiting room."""
        self.note_activity()  # someone is at the kiosk (and answers "Are you still there?")
        if plugged:
            self.set_audio_guide(True, say=True)
        else:
            self.speech.stop()
            self.set_audio_guide(False, say=False)

    def on_stop(self) -> None:
        self.headphones.stop()

    def set_speech(self, **changes) -> None:
        for name, value in changes.items():
            setattr(self.session.speech, name, value)
        if "voice_kind" in changes:
            self.speech.prepare_language(self.session.language)
        self.refresh()

    def choose_language(self, code: str) -> None:
        """Switch language; a visitor who came from a page returns to it, now translated."""
        self.session.language = code
        self.speech.prepare_language(code)
        if self.session.history and self.session.history[-1].screen != "welcome":
            self.go_back()
        else:
            self.show(Location("topics"))

    def set_text_scale(self, scale: float) -> None:
        self.session.set_text_scale(scale)
        self.refresh()

    def set_theme(self, name: str) -> None:
        self.session.theme = name
        self.refresh()

    def reset_visit(self) -> None:
        """End the visit: every choice back to its default, back to the welcome screen."""
        self._hide_idle_warning()
        self.idle.restart()  # the next visitor's time starts now
        self.session.reset()
        self.tap_policy.reset()
        self.keys.repeats.reset()
        self.speech.reset()
        self.scanner.stop()
        forget_measurements()  # the last visitor's texts, sizes and widths
        close_open_fonts(self._closing_font)  # and fonts
        self.show(self.session.location, remember=False)

    # Input and idle time ---------------------------------------------------------------------
    def note_activity(self) -> bool:
        """A touch or key: the visitor is here. True if it answered the idle warning (and
        so must not also act on what lies beneath it)."""
        if not self.idle.activity():
            return False
        self._hide_idle_warning()
        self.speech.stop()
        return True

    def check_idle(self) -> None:
        """Ask the idle timer what is due now (every second, or by a headless run)."""
        fresh = self.session.snapshot() == Session(self.session.defaults).snapshot()
        verdict = self.idle.check(fresh_visit=fresh)
        if verdict is IdleVerdict.WARN:
            self.idle_warning = IdleWarning(round(self.idle.warning_seconds))
            self.root.add_widget(self.idle_warning)
            self.speech.stop()
            self.speech.say(self.idle_warning.spoken())
        elif verdict is IdleVerdict.END_VISIT:
            log.info("visit ended: no answer to the idle warning")
            self.reset_visit()

    def _hide_idle_warning(self) -> None:
        if self.idle_warning is not None:
            self.root.remove_widget(self.idle_warning)
            self.idle_warning = None

    def _refuse_close(self, *_args, **_kwargs) -> bool:
        return True  # a kiosk is never closed by a visitor (the admin exit is separate)
