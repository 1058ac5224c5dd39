"""The bar at the top of every screen: Home and Back at the start; Language, Display and Help
at the end. It is one widget above all screens, so Help and Display are in exactly the same
place everywhere (WCAG 3.2.6); controls that make no sense on a screen are hidden in place."""

from __future__ import annotations

from kivy.core.window import Window
from kivy.graphics import Color, Rectangle
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.widget import Widget

from kiosk.display import sizes
from kiosk.display.bidi_text import visual
from kiosk.display.sizes import Sizer
from kiosk.i18n.catalogues import _
from kiosk.interaction.session import TEXT_SCALES
from kiosk.ui.measure import text_width
from kiosk.ui.widgets import KioskButton, button_height, kiosk_app, text_style


def labels() -> dict[str, str]:
    return {
        # Translators: top bar; goes to the list of topics.
        "home": _("Home"),
        # Translators: top bar; goes to the previous screen.
        "back": _("Back"),
        # Translators: top bar; opens the language screen.
        "language": _("Language"),
        # Translators: top bar; opens text size and colour settings.
        "display": _("Display"),
        # Translators: top bar; opens help on using the kiosk.
        "help": _("Help"),
    }


def natural_widths(app, sizer: Sizer) -> list[float]:
    """Each top-bar button's width with its label on one line, in ``sizer``'s control size."""
    font = app.data.font_for(app.session.language)
    style = {"font_name": str(font.regular),
             "font_size": sizer.font(sizes.BUTTON_FONT_MM, control=True)}
    return [max(sizer.px(sizes.PRIMARY_TARGET_MM),
                text_width(visual(label) if app.rtl else label, style)
                + 4 * sizer.px(sizes.BUTTON_PADDING_MM)) for label in labels().values()]


def room(sizer: Sizer, window_width: float) -> float:
    margin = sizer.px(sizes.MARGIN_MM)
    return window_width - 2 * margin - sizer.px(sizes.GAP_MM * 2) * len(labels())


def bar_height(sizer: Sizer) -> float:
    """The bar's height when its labels fit on one row."""
    return sizer.target(sizes.PRIMARY_TARGET_MM, sizes.BUTTON_FONT_MM) + sizer.px(sizes.MARGIN_MM)


def control_scale(app, sizer: Sizer, window_width: float) -> float:
    """The largest control scale, up to the text size, at which the top bar fits one row
    (never below 100%: there, long labels wrap instead)."""
    for scale in sorted((s for s in TEXT_SCALES if s <= sizer.scale), reverse=True):
        if sum(natural_widths(app, sizer.with_controls(scale))) <= room(sizer, window_width):
            return scale
    return min(TEXT_SCALES)


class TopBar(BoxLayout):
    _built_for = None  # what the buttons were built for (see refresh)

    def refresh(self) -> None:
        """Rebuild the buttons when their labels, sizes or colours change; on any other
        screen change only show or hide them in place. Rebuilding on every page turn cost
        about a quarter of the turn (five labels measured, wrapped and drawn anew)."""
        app = kiosk_app()
        screen = app.session.location.screen
        text = labels()
        built_for = (app.session.language, app.theme, app.sizer, Window.width,
                     tuple(text.values()))
        if built_for == self._built_for:
            for action, shown in self.shown(screen).items():
                button = self.buttons[action]
                button.focused = False  # as a new button would be: focus is the screen's
                button.disabled, button.opacity = not shown, 1 if shown else 0
            return
        self._built_for = built_for
        self.build(app, text, screen)

    @staticmethod
    def shown(screen: str) -> dict[str, bool]:
        """Which buttons make sense on ``screen`` (the others are hidden in place)."""
        return {"home": screen not in ("welcome", "topics"), "back": screen != "welcome",
                "language": screen != "welcome", "display": screen != "settings",
                "help": screen != "help"}

    def build(self, app, text: dict[str, str], screen: str) -> None:
        sizer = app.sizer
        margin = sizer.px(sizes.MARGIN_MM)
        self.clear_widgets()
        self.height = bar_height(sizer)
        self.padding = (margin, margin / 2, margin, margin / 2)
        self.spacing = sizer.px(sizes.GAP_MM * 2)
        style = text_style(app, size_mm=sizes.BUTTON_FONT_MM, control=True)
        shown = self.shown(screen)
        specs = [
            ("home", text["home"], app.go_topics, shown["home"]),
            ("back", text["back"], app.go_back, shown["back"]),
            None,
            ("language", text["language"], app.go_welcome, shown["language"]),
            ("display", text["display"], app.go_settings, shown["display"]),
            ("help", text["help"], app.go_help, shown["help"]),
        ]
        widgets = []
        self.buttons: dict[str, KioskButton] = {}
        buttons = [spec for spec in specs if spec is not None]
        widths = natural_widths(app, sizer)
        space = room(sizer, Window.width)
        if sum(widths) > space:
            # Long translations at large sizes: share the width out and let labels wrap.
            widths = [max(sizer.px(sizes.PRIMARY_TARGET_MM), w * space / sum(widths))
                      for w in widths]
            self.height = max(button_height(app, [label], w, size_mm=sizes.BUTTON_FONT_MM,
                                            minimum_mm=sizes.PRIMARY_TARGET_MM, icon=False)
                              for (_a, label, _c, _s), w in zip(buttons, widths, strict=True)
                              ) + margin
        width_of = {spec[0]: w for spec, w in zip(buttons, widths, strict=True)}
        for spec in specs:
            if spec is None:
                widgets.append(Widget())
                continue
            action, label, callback, shown = spec
            button = KioskButton(text=label, action=action, primary=True, size_hint_x=None,
                                 rtl=app.rtl, width=width_of[action], disabled=not shown,
                                 opacity=1 if shown else 0, **style)
            button.bind(on_activate=lambda _b, cb=callback: cb())
            self.buttons[action] = button
            widgets.append(button)
        for widget in reversed(widgets) if app.rtl else widgets:
            self.add_widget(widget)
        self.refresh_canvas()

    def on_pos(self, *_):
        self.refresh_canvas()

    def on_size(self, *_):
        self.refresh_canvas()

    def refresh_canvas(self) -> None:
        """A thin rule under the bar, in the theme's colours. No background shape: the window
        is cleared to the theme's background every frame, and painting the same colour over
        the bar again cost a software-rendered frame ~5-8 ms."""
        app = kiosk_app()
        if app is None or app.sizer is None:
            return
        self.canvas.before.clear()
        with self.canvas.before:
            Color(*app.theme.button_edge, 1)
            Rectangle(pos=self.pos, size=(self.width, max(2, app.sizer.px(0.5))))
