"""Voice settings: the kind of voice (natural or clear, where the language has both),
reading speed (0.5x to 2x), loudness, and whether reading goes on to the next page. All
return to their defaults when the visit ends."""

from __future__ import annotations

from kiosk.i18n.catalogues import _
from kiosk.interaction.session import SPEECH_RATES, VOLUMES
from kiosk.speech.defaults import CLEAR, NATURAL
from kiosk.ui.screens.base import KioskScreen


class VoiceScreen(KioskScreen):
    def refresh(self) -> None:
        app = self.app
        settings = app.session.speech
        # Translators: the title of the speech settings screen.
        self.title_text = _("Voice")
        self.clear_widgets()
        # Translators: speed buttons, e.g. "1.5×" (times the normal speed).
        speeds = self.choices([(_("{rate}×").format(rate=f"{rate:g}"), f"rate:{rate}",
                                lambda r=rate: app.set_speech(rate=r), rate == settings.rate)
                               for rate in SPEECH_RATES])
        # Translators: the loudness buttons on the voice screen, "20%" to "100%" of
        # the full volume; {percent} is a whole number. Keep {percent} and write the
        # percent sign as your language does. Also used for text size.
        volumes = self.choices([(_("{percent}%").format(percent=round(volume * 100)),
                                 f"volume:{volume}", lambda v=volume: app.set_speech(volume=v),
                                 volume == settings.volume) for volume in VOLUMES])
        keep = self.choices([
            # Translators: a choice button on the voice screen: reading aloud stops at the
            # end of each page. Keep it short. The audio guide speaks it.
            (_("Stop after each page"), "keep_reading:off",
             lambda: app.set_speech(keep_reading=False), not settings.keep_reading),
            # Translators: the other choice button on the voice screen: reading aloud
            # turns to the next page by itself and reads on. Keep it short.
            (_("Go on to the next page"), "keep_reading:on",
             lambda: app.set_speech(keep_reading=True), settings.keep_reading)])
        # Translators: the big button at the bottom of the voice screen; closes it and
        # goes back to the page. Short: one word if possible. Spoken by the guide.
        done = self.button(_("Done"), "done", app.go_back, primary=True, icon="next")
        # The two kinds of voice, where the visitor's language has both. Their labels say
        # what they choose, so the row needs no heading: one row less to fit at 200% on a
        # small screen, and the audio guide's "Natural voice" makes sense on its own.
        kinds: list[tuple[str, object]] = []
        if app.speech.has_both_kinds(app.session.language):
            kinds.append(("", self.choices([
                # Translators: a choice button on the voice screen, shown only where the
                # language has two voices: the natural voice, which sounds like a person
                # reading (the default). Keep it short. The audio guide speaks it.
                (_("Natural voice"), f"voice_kind:{NATURAL}",
                 lambda: app.set_speech(voice_kind=NATURAL), settings.voice_kind == NATURAL),
                # Translators: the other choice button, next to "Natural voice": a computer
                # voice that sounds less like a person but says every word distinctly, which
                # some people find easier to follow, also when it reads fast. "Clear" as in
                # easy to understand. Keep it short. The audio guide speaks it.
                (_("Clear voice"), f"voice_kind:{CLEAR}",
                 lambda: app.set_speech(voice_kind=CLEAR), settings.voice_kind == CLEAR)])))
        self.form(self.title_text, [
            *kinds,
            # Translators: on the voice screen, the heading above the buttons for the
            # speed of the reading voice (0.5× to 2×): how fast it speaks, not how fast
            # pages turn.
            (_("Speed"), speeds),
            # Translators: on the voice screen, the heading above the volume buttons of
            # the reading voice (20% to 100%).
            (_("Loudness"), volumes),
            ("", keep),
        ], done)
