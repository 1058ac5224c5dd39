"""A document shown one screenful at a time: the reader, sources, glossary and help.

Nobody should need to scroll (a drag gesture), so the text is paginated to what fits at the
current text size, with large Previous/Next buttons and "Page 2 of 4" between them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from kiosk.display import sizes
from kiosk.display.pagination import Screenful, paginate
from kiosk.i18n.catalogues import _
from kiosk.interaction.session import Location
from kiosk.ui.measure import display_text, kivy_line_height, text_height
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import button_height, text_style

PARAGRAPH_BREAK = "\n\n"
HEADING_LINE_HEIGHT = 1.2  # in font sizes, as in CSS


@dataclass(frozen=True)
class Document:
    key: str  # identifies the document in the location (a section id, or the screen name)
    title: str
    blocks: list[list[str]]  # each block starts on a new screenful
    keep_paragraphs: bool = False  # never split an entry that fits a screen (citations)


@dataclass(frozen=True)
class Layout:
    body_width: float
    body_height: float
    screens: list[Screenful]


class DocumentScreen(KioskScreen):
    """Subclasses provide ``document()`` and what lies before the first and after the last page."""

    body = None
    speech_bar = None
    counter = None
    widget_refs = ("body", "speech_bar", "counter", "_ahead")
    _ahead = None  # (what it shows, a body built for the page Next leads to)
    reads_on = False  # keep reading goes on past the last page (the reader: the next topic)
    _shown_highlight = None
    LAYOUTS_KEPT = 4  # this document, the one Next leads to, and a language switch's worth

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._layouts: dict[tuple, Layout] = {}  # the last LAYOUTS_KEPT pages cut, by input

    def document(self) -> Document:
        raise NotImplementedError

    def before_first(self) -> tuple[str, object] | None:
        """(label, action) for Previous on the first page; None disables it."""
        # Translators: on the first page of help, sources and the glossary, the big
        # button in the place of Previous; goes back to the screen before. Short: use
        # the same word as Back in the top bar. The audio guide speaks it too.
        return (_("Back"), self.app.go_back)

    def after_last(self) -> tuple[str, object] | None:
        return None

    # ------------------------------------------------------------------------------------------
    def layout(self, document: Document) -> Layout:
        app = self.app
        margin = self.margin()
        area_width, area_height = self.area
        style = text_style(app, size_mm=sizes.BODY_FONT_MM)
        width = min(area_width - 2 * margin, sizes.MAX_LINE_EM * style["font_size"])
        heading_style = text_style(app, size_mm=sizes.HEADING_FONT_MM, bold=True)
        heading = text_height(document.title, width, heading_style,
                              kivy_line_height(heading_style, HEADING_LINE_HEIGHT), app.rtl)
        line_height = kivy_line_height(style, sizes.LINE_HEIGHT)
        available = area_height - heading - self.chrome_height()

        def fits(paragraphs) -> bool:
            text = PARAGRAPH_BREAK.join(paragraphs)
            return text_height(text, width, style, line_height, app.rtl) <= available

        key = (document.key, app.session.language, app.sizer, self.area,
               tuple(tuple(block) for block in document.blocks), document.keep_paragraphs)
        cache = self._layouts
        if key in cache:
            return cache[key]
        result = Layout(width, available,
                        paginate(document.blocks, fits, fill=not document.keep_paragraphs))
        while len(cache) >= self.LAYOUTS_KEPT:
            del cache[next(iter(cache))]  # the oldest
        cache[key] = result
        return result

    def following_document(self) -> Document | None:
        """The document Next opens from the last page, if it is shown on this screen too."""
        return None

    def prepare_ahead(self) -> None:
        """While the visitor reads, paginate, measure and shape what Next will show, so that
        the turn itself only builds widgets (the app calls this after a screen is drawn).

        A new topic's pagination took an Arabic page turn 30-60 ms; all of it is kept by the
        measuring caches and the layouts above, and nothing on the screen changes. The next
        page's body is built and drawn into its texture too: Kivy wraps Chinese, which has no
        spaces, by measuring it character by character (400 measurements a page, 5 ms).
        """
        app = self.app
        app.speech.prepare_page(self.page_text())
        document = self.document()
        layout = self.layout(document)
        page = app.session.location.page
        if page + 1 < len(layout.screens):
            upcoming, screenful = layout, layout.screens[page + 1]
        else:
            following = self.following_document()
            if following is None:
                return
            upcoming = self.layout(following)
            if not upcoming.screens:
                return
            screenful = upcoming.screens[0]
        text = PARAGRAPH_BREAK.join(screenful.paragraphs)
        body = self.text(text, width=upcoming.body_width)
        body.texture_update()  # laid out and drawn into its texture now, not in the turn
        self._ahead = (self._body_key(text, upcoming.body_width), body)

    def _body_key(self, text: str, width: float) -> tuple:
        app = self.app
        return (text, width, app.session.language, app.sizer, app.theme)

    def _body(self, text: str, width: float):
        """The page's body: the one built ahead for it if it is still right, else a new one."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None and ahead[0] == self._body_key(text, width):
            return ahead[1]
        return self.text(text)

    def chrome_height(self) -> float:
        """Height of everything on the screen but the heading and the body."""
        gap = self.app.sizer.px(sizes.GAP_MM * 2)
        return self.margin() + self.nav_height() + self.bar_height() + 4 * gap

    def body_room(self, screen_height: float) -> float:
        """Height left for the body under a one-line heading, on a screen this tall."""
        style = text_style(self.app, size_mm=sizes.HEADING_FONT_MM, bold=True)
        heading = text_height("ÁgÅy", self.area[0], style,
                              kivy_line_height(style, HEADING_LINE_HEIGHT))
        return screen_height - heading - self.chrome_height()

    def page_count(self) -> int:
        return len(self.layout(self.document()).screens)

    def refresh(self) -> None:
        app = self.app
        document = self.document()
        layout = self.layout(document)
        location = app.session.location
        page = max(0, min(location.page, len(layout.screens) - 1))
        if page != location.page:
            app.session.replace(Location(location.screen, location.section, page))
        self.title_text = document.title
        self._shown_highlight = None  # a new body: nothing highlighted on it yet
        self.clear_widgets()
        col = self.column()
        # The reading column is centred and at most about 65 characters wide (easier to track
        # from line to line); the navigation spans the screen.
        side = max(0.0, (self.area[0] - 2 * self.margin() - layout.body_width) / 2)
        reading = BoxLayout(orientation="vertical", padding=(side, 0, side, 0),
                            spacing=col.spacing)
        reading.add_widget(self.text(document.title, sizes.HEADING_FONT_MM, bold=True,
                                     line_height=HEADING_LINE_HEIGHT))
        body = self._body(PARAGRAPH_BREAK.join(layout.screens[page].paragraphs)
                          if layout.screens else "", layout.body_width)
        self.body = body
        reading.add_widget(body)
        reading.add_widget(Widget())
        col.add_widget(reading)
        self.speech_bar = BoxLayout(size_hint_y=None, height=self.bar_height())
        self.refresh_speech_bar()
        col.add_widget(self.speech_bar)
        col.add_widget(self.navigation(page, len(layout.screens)))
        self.add_widget(col)

    # Read aloud ------------------------------------------------------------------------------
    def bar_labels(self) -> list[str]:
        # Translators: read-aloud buttons under a page (short): start reading, open
        # the voice settings, pause, go on after a pause, say the sentence again, stop
        # reading.
        return [_("Read aloud"), _("Voice"), _("Pause"), _("Resume"), _("Repeat"), _("Stop")]

    def bar_button_width(self) -> float:
        """Three read-aloud buttons fit within the margins, with room to spare at the end."""
        gap = self.app.sizer.px(sizes.GAP_MM * 2)
        return (self.area[0] - 2 * self.margin() - 3 * gap) / 3.3

    def bar_height(self) -> float:
        return button_height(self.app, self.bar_labels(), self.bar_button_width(),
                             size_mm=sizes.BUTTON_FONT_MM, minimum_mm=sizes.PRIMARY_TARGET_MM,
                             icon=False)

    def refresh_speech_bar(self) -> None:
        """Read aloud and Voice; while reading, Pause or Resume, Repeat and Stop."""
        bar = self.speech_bar
        if bar is None:
            return
        app = self.app
        bar.clear_widgets()
        reader = app.speech.reader
        if not app.speech.available(app.session.language):
            # Translators: shown instead of the Read aloud button when no voice is
            # installed.
            bar.add_widget(self.text(_("Audio is not available in this language."),
                                     sizes.BODY_FONT_MM, muted=True))
            return
        if reader.active and app.speech.reading_page:
            paused = reader.state == reader.PAUSED
            command = app.speech.command
            # Translators: button under a page while reading aloud is paused: goes on
            # reading from where it stopped. Short: one word if possible. The audio guide
            # speaks it too.
            specs = [(_("Resume"), "resume", lambda: command("resume")) if paused
                     # Translators: button under a page while the kiosk reads it aloud: pauses
                     # the reading. Short: one word if possible. The audio guide speaks it too.
                     else (_("Pause"), "pause", lambda: command("pause")),
                     # Translators: button under a page while the kiosk reads it aloud: says the
                     # current sentence again. Short: one word if possible. The audio guide
                     # speaks it too.
                     (_("Repeat"), "repeat", lambda: command("repeat")),
                     # Translators: button under a page while the kiosk reads it aloud: stops
                     # the reading aloud (the speech, not the kiosk). Short: one word if
                     # possible. The audio guide speaks it too.
                     (_("Stop"), "stop_speech", app.speech.stop)]
        else:
            # Translators: button under a page: the kiosk starts reading the page aloud.
            # Short: one or two words. The audio guide speaks it too.
            specs = [(_("Read aloud"), "read_aloud", self.read_aloud),
                     # Translators: button under a page, next to Read aloud: opens the voice
                     # settings (reading speed and loudness). Short: one word if possible. The
                     # audio guide speaks it too.
                     (_("Voice"), "voice", app.go_voice)]
        buttons = [self.button(label, action, callback, primary=True, size_hint_x=None,
                               width=self.bar_button_width(), height=bar.height)
                   for label, action, callback in specs]
        row = self.row([*buttons, Widget()], size_hint_y=None, height=bar.height)
        bar.add_widget(row)

    def page_text(self) -> str:
        return self.body.source_text if self.body is not None else ""

    def read_aloud(self) -> None:
        self.app.speech.read_page(self.page_text())
        self.app.speech.sync_controls()

    def read_next_page(self) -> None:
        """Keep reading: turn the page (or go on to the next topic) and read on."""
        location = self.app.session.location
        if location.page + 1 < self.page_count():
            self.turn(+1)
        else:
            following = self.after_last()
            if not self.reads_on or following is None:
                return
            following[1]()
        screen = self.app.current_screen
        if isinstance(screen, DocumentScreen) and screen.body is not None:
            screen.read_aloud()

    def show_highlight(self, highlight) -> None:
        """Called on every speech tick: the body is redrawn only when the highlight moves."""
        if self.body is None or highlight == self._shown_highlight:
            return
        self._shown_highlight = highlight
        if highlight is None:
            self.body.highlight(None, None, self.app.theme.focus)
        else:
            self.body.highlight(highlight.sentence, highlight.word, self.app.theme.focus)

    NAV_SHARE = 0.36  # of the width, for each of Previous and Next

    def nav_height(self) -> float:
        """Tall enough for the longest label the bar can show on any page."""
        # Translators: the big buttons at the bottom of a page that turn to the
        # previous and the next page. Short: each gets about a third of the screen
        # width, at up to 200 % text size.
        labels = [_("Previous"), _("Next")]
        labels += [spec[0] for spec in (self.before_first(), self.after_last()) if spec]
        gap = self.app.sizer.px(sizes.GAP_MM * 2)
        width = (self.area[0] - 2 * self.margin() - 2 * gap) * self.NAV_SHARE  # as laid out
        return button_height(self.app, labels, width,
                             size_mm=sizes.BUTTON_FONT_MM, minimum_mm=sizes.PRIMARY_TARGET_MM)

    def navigation(self, page: int, pages: int):
        app = self.app
        # Translators: the big button at the bottom of a page that shows the previous
        # page. Short: one word if possible. The audio guide speaks it too.
        prev = (_("Previous"), lambda: self.turn(-1)) if page > 0 else self.before_first()
        # Translators: the big button at the bottom of a page that shows the next
        # page. Short: one word if possible. The audio guide speaks it too.
        nxt = (_("Next"), lambda: self.turn(+1)) if page < pages - 1 else self.after_last()
        buttons = []
        for spec, icon, action in ((prev, "prev", "previous"), (nxt, "next", "next")):
            label, callback = spec if spec else ("", lambda: None)
            button = self.button(label, action, callback, primary=True, icon=icon,
                                 size_hint_x=self.NAV_SHARE, disabled=spec is None,
                                 opacity=1 if spec else 0, height=self.nav_height())
            buttons.append(button)
        # Translators: between the Previous and Next buttons, e.g. "Page 2 of 4".
        count = _("Page {page} of {pages}").format(page=page + 1, pages=pages)
        style = text_style(app, size_mm=sizes.BUTTON_FONT_MM, control=True)
        counter = Label(text=display_text(count, self.area[0], style, app.rtl), markup=app.rtl,
                        color=(*app.theme.muted_text, 1), halign="center", valign="middle",
                        size_hint_x=1 - 2 * self.NAV_SHARE,
                        **text_style(app, size_mm=sizes.BUTTON_FONT_MM, control=True))
        counter.bind(size=lambda widget, size: setattr(widget, "text_size", size))
        self.counter = counter
        return self.row([buttons[0], counter, buttons[1]], size_hint_y=None,
                        height=self.nav_height())

    def turn(self, step: int) -> None:
        location = self.app.session.location
        self.app.show(Location(location.screen, location.section, location.page + step))
