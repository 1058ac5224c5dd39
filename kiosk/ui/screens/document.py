"""A document shown one screenful at a time: the reader, sources, glossary and help.

Nobody should need to scroll (a drag gesture), so the text is paginated to what fits at the
current text size, with large Previous/Next buttons and "Page 2 of 4" between them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from kiosk import sizes
from kiosk.i18n import _
from kiosk.pagination import Screenful, paginate
from kiosk.session import Location
from kiosk.ui.measure import display_text, text_height
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import button_height, text_style

PARAGRAPH_BREAK = "\n\n"


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

    def document(self) -> Document:
        raise NotImplementedError

    def before_first(self) -> tuple[str, object] | None:
        """(label, action) for Previous on the first page; None disables it."""
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
        heading = text_height(document.title, width, heading_style, 1.2, app.rtl)  # same column
        gap = app.sizer.px(sizes.GAP_MM * 2)
        available = area_height - margin - heading - self.nav_height() - 3 * gap

        def fits(paragraphs) -> bool:
            text = PARAGRAPH_BREAK.join(paragraphs)
            return text_height(text, width, style, sizes.LINE_HEIGHT, app.rtl) <= available

        key = (document.key, app.session.language, app.sizer, self.area,
               tuple(tuple(block) for block in document.blocks), document.keep_paragraphs)
        cached = getattr(self, "_layout_cache", None)
        if cached and cached[0] == key:
            return cached[1]
        result = Layout(width, available,
                        paginate(document.blocks, fits, fill=not document.keep_paragraphs))
        self._layout_cache = (key, result)
        return result

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
        self.clear_widgets()
        col = self.column()
        # The reading column is centred and at most about 65 characters wide (easier to track
        # from line to line); the navigation spans the screen.
        side = max(0.0, (self.area[0] - 2 * self.margin() - layout.body_width) / 2)
        reading = BoxLayout(orientation="vertical", padding=(side, 0, side, 0),
                            spacing=col.spacing)
        reading.add_widget(self.text(document.title, sizes.HEADING_FONT_MM, bold=True,
                                     line_height=1.2))
        body = self.text(PARAGRAPH_BREAK.join(layout.screens[page].paragraphs) if layout.screens
                         else "")
        self.body = body
        reading.add_widget(body)
        reading.add_widget(Widget())
        col.add_widget(reading)
        col.add_widget(self.navigation(page, len(layout.screens)))
        self.add_widget(col)

    NAV_SHARE = 0.36  # of the width, for each of Previous and Next

    def nav_height(self) -> float:
        """Tall enough for the longest label the bar can show on any page."""
        labels = [_("Previous"), _("Next")]
        labels += [spec[0] for spec in (self.before_first(), self.after_last()) if spec]
        return button_height(self.app, labels, self.area[0] * self.NAV_SHARE,
                             size_mm=sizes.BUTTON_FONT_MM, minimum_mm=sizes.PRIMARY_TARGET_MM)

    def navigation(self, page: int, pages: int):
        app = self.app
        prev = (_("Previous"), lambda: self.turn(-1)) if page > 0 else self.before_first()
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
        style = text_style(app, size_mm=sizes.BUTTON_FONT_MM)
        counter = Label(text=display_text(count, self.area[0], style, app.rtl), markup=app.rtl,
                        color=(*app.theme.muted_text, 1), halign="center", valign="middle",
                        size_hint_x=1 - 2 * self.NAV_SHARE,
                        **text_style(app, size_mm=sizes.BUTTON_FONT_MM))
        counter.bind(size=lambda widget, size: setattr(widget, "text_size", size))
        self.counter = counter
        return self.row([buttons[0], counter, buttons[1]], size_hint_y=None,
                        height=self.nav_height())

    def turn(self, step: int) -> None:
        location = self.app.session.location
        self.app.show(Location(location.screen, location.section, location.page + step))
