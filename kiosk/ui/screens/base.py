"""What all screens share: rebuilding from state, the margin, and direction-aware rows."""

from __future__ import annotations

from kivy.uix.boxlayout import BoxLayout
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget

from kiosk.display import sizes
from kiosk.ui.measure import kivy_line_height, text_height
from kiosk.ui.widgets import KioskButton, TextBlock, button_height, kiosk_app, text_style


class KioskScreen(Screen):
    title_text = ""  # set by refresh(); announced and shown by the app

    @property
    def app(self):
        return kiosk_app()

    # Attributes that point at this screen's widgets, dropped with them (see ``on_leave``).
    widget_refs: tuple[str, ...] = ()

    def refresh(self) -> None:
        """Rebuild every widget from the app's current language, size, theme and location."""
        raise NotImplementedError

    # Hooks the app and the speech presenter call on whichever screen is showing. A screen
    # that reads pages aloud or prepares ahead overrides them; the rest do nothing.
    def prepare_ahead(self) -> None:
        """While the visitor reads: get the next page (or the next view) ready."""

    def refresh_speech_bar(self) -> None:
        """Read-aloud changed state: show the controls that fit it now."""

    def show_highlight(self, highlight) -> None:
        """Paint ``highlight`` (a ``kiosk.speech.read_aloud.Highlight``; None clears it)."""

    def read_next_page(self) -> None:
        """"Keep reading" is on and this page has been read: go on to the next one."""

    def on_leave(self, *_args) -> None:
        """A screen that is left lets go of its widgets: showing it again rebuilds them from the
        session anyway (``refresh``). Kept, they would hold their text textures for nothing and
        slow every garbage collection (docs/PERFORMANCE.md)."""
        self.clear_widgets()
        for name in self.widget_refs:
            setattr(self, name, None)

    @property
    def area(self) -> tuple[float, float]:
        """Width and height this screen has (from the window, so valid before layout)."""
        return self.app.screen_area()

    def form(self, title: str, sections: list[tuple[str, object]], done) -> None:
        """A settings screen: the title, then each section's heading and its row of choices,
        then ``done`` at the bottom edge. With long translations at 200%, the Done row, then
        the headings give way, then the title shrinks (``fit``), so the title never slides
        under the top bar and every choice stays."""
        col = self.column()
        # The title may shrink to the size of the buttons' labels below it as a last resort:
        # three rows of choices at 150 % on a short screen need it.
        floor = self.app.sizer.font(sizes.BUTTON_FONT_MM, control=True)
        items: list[tuple[object, bool]] = [
            (self.text(title, sizes.HEADING_FONT_MM, bold=True, line_height=1.2,
                       min_font_size=floor), False)]
        for heading, row in sections:
            if heading:
                items.append((self.text(heading, sizes.BODY_FONT_MM, line_height=1.2), True))
            items.append((row, False))
        items += [(Widget(), False),  # pushes Done to the bottom edge
                  (self.row([Widget(), done], size_hint_y=None, height=done.height), True)]
        self.fit(col, items)
        self.add_widget(col)

    # Helpers ----------------------------------------------------------------------------------
    def fit(self, col: BoxLayout, items: list[tuple[object, bool]]) -> None:
        """Add ``(widget, optional)`` items to ``col``, leaving out optional ones (last first)
        while the whole would be taller than the screen, then closing the gaps between rows
        down to the minimum, then shrinking text that allows it (``min_font_size``) as a last
        resort: nothing is ever pushed off the screen."""
        width = self.area[0] - 2 * self.margin()

        def height(widget) -> float:
            if isinstance(widget, TextBlock):  # not laid out yet: measure its text
                style = {"font_name": widget.font_name, "font_size": widget.font_size}
                return text_height(widget.source_text, width, style, widget.line_height,
                                   widget.rtl)
            return widget.height if widget.size_hint_y is None else 0  # flexible space: 0

        def total() -> float:
            return sum(height(w) for w, _o in kept) + col.spacing * len(kept) + self.margin()

        kept = list(items)
        for item in reversed([i for i in items if i[1]]):
            if total() <= self.area[1]:
                break
            kept.remove(item)
        if total() > self.area[1]:
            col.spacing = min(col.spacing, self.app.sizer.px(sizes.GAP_MM))
        shrinkable = [w for w, _o in kept
                      if isinstance(w, TextBlock) and w.min_font_size]
        while total() > self.area[1] and any(w.font_size > w.min_font_size for w in shrinkable):
            for widget in shrinkable:
                widget.font_size = max(widget.min_font_size, int(widget.font_size * 0.92))
        for widget, _optional in kept:
            col.add_widget(widget)

    def choices(self, options):
        """A row of equal option buttons, as tall as the longest label needs; the chosen one
        has a check mark and a thick edge."""
        app = self.app
        gap = app.sizer.px(sizes.GAP_MM * 2)
        width = (self.area[0] - 2 * self.margin() - gap * (len(options) - 1)) / len(options)
        height = button_height(app, [label for label, *_rest in options], width,
                               size_mm=sizes.BUTTON_FONT_MM, minimum_mm=sizes.PRIMARY_TARGET_MM)
        def choose(label: str, callback) -> None:
            callback()
            app.speech.confirm_choice(label)

        buttons = [self.button(label, action, lambda lb=label, cb=callback: choose(lb, cb),
                               primary=True, selected=chosen, icon="check" if chosen else "",
                               height=height)
                   for label, action, callback, chosen in options]
        return self.row(buttons, size_hint_y=None, height=height, spacing=gap)

    def margin(self) -> float:
        return self.app.sizer.px(sizes.MARGIN_MM)

    def column(self) -> BoxLayout:
        m = self.margin()
        return BoxLayout(orientation="vertical", padding=(m, m * 0.5, m, m * 0.5),
                         spacing=self.app.sizer.px(sizes.GAP_MM * 1.5))

    def row(self, widgets, **kwargs) -> BoxLayout:
        """A horizontal row in reading order (mirrored for right-to-left languages)."""
        kwargs.setdefault("spacing", self.app.sizer.px(sizes.GAP_MM * 2))
        box = BoxLayout(orientation="horizontal", **kwargs)
        for widget in (reversed(widgets) if self.app.rtl else widgets):
            box.add_widget(widget)
        return box

    def text(self, text: str, size_mm: float = sizes.BODY_FONT_MM, bold: bool = False,
             muted: bool = False, line_height: float = sizes.LINE_HEIGHT, **kwargs) -> TextBlock:
        """A paragraph; ``line_height`` counts in font sizes, as in CSS."""
        app = self.app
        colour = app.theme.muted_text if muted else app.theme.text
        style = text_style(app, size_mm=size_mm, bold=bold)
        return TextBlock(text=text, color=(*colour, 1),
                         line_height=kivy_line_height(style, line_height),
                         halign="right" if app.rtl else "left", rtl=app.rtl, **style, **kwargs)

    def button(self, text: str, action: str, on_activate, *, primary: bool = False,
               size_mm: float = sizes.BUTTON_FONT_MM, lines: int = 1, **kwargs) -> KioskButton:
        app = self.app
        minimum = sizes.PRIMARY_TARGET_MM if primary else sizes.MIN_TARGET_MM
        kwargs.setdefault("size_hint_y", None)
        kwargs.setdefault("height", app.sizer.target(minimum, size_mm, lines))
        button = KioskButton(text=text, action=action, primary=primary, rtl=app.rtl,
                             **text_style(app, size_mm=size_mm, control=True), **kwargs)
        button.bind(on_activate=lambda *_: on_activate())
        return button
