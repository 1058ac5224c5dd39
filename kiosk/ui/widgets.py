"""The few widgets every screen is built from: big buttons, wrapped text, and the root.

``KioskButton`` acts only on release inside itself (WCAG 2.5.2) and asks the app's
``TapPolicy`` whether a release counts (debounce, second finger, slips). Icons are drawn as
shapes because the Noto text fonts have no arrow or check glyphs, and shapes mirror cleanly for
right-to-left languages. Selection is shown by a check mark and a thick edge, not colour alone.
"""

from __future__ import annotations

from kivy.app import App
from kivy.graphics import Color, Line, Rectangle, Triangle
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.label import Label
from kivy.utils import escape_markup

from kiosk.display import bidi_text
from kiosk.i18n.catalogues import _
from kiosk.ui.measure import display_text, text_height, text_width

FOCUS_RING_MM = 1.0  # drawn outside the button, in the theme's focus colour (>= 3:1)


def chosen(option: str) -> str:
    """What the audio guide says of an option that is in use (EN 301 549 5.6.1: the state of
    a toggle must be perceivable without sight)."""
    # Translators: spoken by the audio guide after the name of the option now in
    # use (a text size, a theme, a speed...), e.g. "150 %: chosen." Keep {option}.
    return _("{option}: chosen.").format(option=option)


def kiosk_app():
    return App.get_running_app()


def text_style(app, *, size_mm: float, bold: bool = False, language: str | None = None,
               control: bool = False) -> dict:
    """Font and size for a label in ``language`` (default: the visit's); ``control`` labels
    follow the sizer's control scale (see ``kiosk.display.sizes.Sizer``).

    Direction is not set here: right-to-left text is shaped and ordered before Kivy sees it
    (``display_text``), so Kivy always draws it left to right.
    """
    code = language or app.session.language
    font = app.data.font_for(code)
    return {
        "font_name": str(font.bold if bold else font.regular),
        "font_size": app.sizer.font(size_mm, control),
    }


class TextBlock(Label):
    """A paragraph-sized label that wraps to its width and is exactly as tall as its text."""

    source_text = StringProperty("")  # the logical text; ``text`` is what is drawn
    rtl = BooleanProperty(False)
    min_font_size = NumericProperty(0)  # if set, a screen short of room may shrink it to this

    def __init__(self, **kwargs):
        kwargs.setdefault("size_hint_y", None)
        kwargs.setdefault("valign", "top")
        kwargs.setdefault("source_text", kwargs.get("text", ""))
        if kwargs.get("rtl") and "width" not in kwargs:
            # Right-to-left lines are broken and shaped for a width: for the layout's, not
            # Kivy's placeholder 100 px (that cost an Arabic page turn ~15 ms for nothing).
            kwargs["width"] = 0
        super().__init__(**kwargs)
        self.bind(width=self._wrap, source_text=self._wrap, font_size=self._wrap,
                  texture_size=self._fit)
        self._wrap()

    def _wrap(self, *_):
        style = {"font_name": self.font_name, "font_size": self.font_size}
        self.markup = self.rtl
        if self.rtl and self.width <= 0:
            self.text = ""  # no width yet: shaped once the layout gives it one
        else:
            self.text = display_text(self.source_text, self.width, style, self.rtl)
        self.text_size = (self.width, None)

    def _fit(self, *_):
        self.height = self.texture_size[1]

    def on_touch_down(self, touch):
        """In audio-guide mode, touching text reads it."""
        app = kiosk_app()
        if (self.collide_point(*touch.pos) and app.session.speech.audio_guide
                and not touch.ud.get("kiosk_ignored")):
            app.speech.say(self.source_text)
        return super().on_touch_down(touch)

    def _rtl_highlight(self, text, sentence, word, boxed) -> str:
        """Right-to-left: underline the lines of the sentence, box the word in its line."""
        style = {"font_name": self.font_name, "font_size": self.font_size}
        ranges = bidi_text.wrap_ranges(text, self.width, lambda s: text_width(s, style))
        lines = []
        for a, b in ranges:
            shown = bidi_text.visual(text[a:b]) if b > a else ""
            spot = bidi_text.locate(text, (a, b), word)
            if spot is None:
                line = bidi_text.escape_markup(shown)
            else:
                i, j = spot
                line = (bidi_text.escape_markup(shown[:i])
                        + boxed.format(bidi_text.escape_markup(shown[i:j]))
                        + bidi_text.escape_markup(shown[j:]))
            in_sentence = a < sentence[1] and b > sentence[0]
            lines.append(f"[u]{line}[/u]" if in_sentence and shown else line)
        return "\n".join(lines)

    def highlight(self, sentence, word, colour) -> None:
        """Underline the sentence being read and box the word (two shapes, not colour alone).

        ``sentence``/``word`` are [start, end) offsets in ``source_text``; None clears it.
        Right-to-left text is prepared line by line and is not highlighted inline.
        """
        self.canvas.after.clear()
        if sentence is None:
            if self.markup != self.rtl or self.rtl:
                self._wrap()
            return
        text = self.source_text
        s0, s1 = sentence
        w0, w1 = word if word is not None else (s1, s1)
        hexcolour = "".join(f"{round(c * 255):02x}" for c in colour)
        boxed = f"[ref=word][color={hexcolour}]{{}}[/color][/ref]"
        self.markup = True
        if self.rtl:
            self.text = self._rtl_highlight(text, (s0, s1), (w0, w1), boxed)
        else:
            self.text = (escape_markup(text[:s0]) + "[u]" + escape_markup(text[s0:w0])
                         + boxed.format(escape_markup(text[w0:w1]))
                         + escape_markup(text[w1:s1]) + "[/u]" + escape_markup(text[s1:]))
        self.texture_update()
        boxes = self.refs.get("word", [])
        if not boxes:
            return
        x1, y1, x2, y2 = boxes[0]  # texture coordinates, alignment included
        pad = max(2.0, self.font_size * 0.08)
        with self.canvas.after:
            Color(*colour, 1)
            Line(rectangle=(self.x + x1 - pad, self.top - y2 - pad, x2 - x1 + 2 * pad,
                            y2 - y1 + 2 * pad), width=max(1.5, self.font_size * 0.05))


def button_padding(font_size: float) -> float:
    return font_size * 0.6


def icon_room(font_size: float) -> float:
    """Space for an arrow or check mark, sized from the text, not the button's height."""
    return font_size * 1.6


def button_height(app, texts: list[str], width: float, *, size_mm: float, minimum_mm: float,
                  icon: bool = True) -> float:
    """Height for buttons ``width`` wide showing ``texts``: the minimum target, or taller when a
    long translation wraps (KioskButton pads 15% of its height and gives an icon 60%)."""
    style = text_style(app, size_mm=size_mm, control=True)
    font = style["font_size"]
    inner = max(1.0, width - 2 * button_padding(font) - (icon_room(font) if icon else 0))
    needed = max(text_height(t, inner, style, 1.0, app.rtl) for t in texts)
    return max(app.sizer.target(minimum_mm, size_mm), needed + font)


class KioskButton(Label):
    """A large button that acts on release inside it, as filtered by the tap policy."""

    __events__ = ("on_activate",)

    primary = BooleanProperty(False)  # Home, Back, Next, Help, language: 25 mm minimum
    selected = BooleanProperty(False)
    pressed = BooleanProperty(False)
    focused = BooleanProperty(False)  # keyboard / switch focus: a ring outside the edge
    icon = StringProperty("")  # "", "prev", "next" or "check"
    edge_width = NumericProperty(3)
    fill = ListProperty([0.1, 0.1, 0.1, 1])
    edge = ListProperty([1, 1, 1, 1])
    ink = ListProperty([1, 1, 1, 1])
    action = StringProperty("")  # a stable name for tests, audits and spoken feedback
    private = BooleanProperty(False)  # never spoken (PIN keys: the room would hear the PIN)
    spoken = StringProperty("")  # what the audio guide says (default: the label)
    speech_language = StringProperty("")  # a language button speaks in its own language
    source_text = StringProperty("")  # the logical label; ``text`` is what is drawn
    rtl = BooleanProperty(False)
    prepared = BooleanProperty(False)  # ``text`` is ready-made markup (topic buttons)

    def __init__(self, **kwargs):
        kwargs.setdefault("halign", "center")
        kwargs.setdefault("valign", "middle")
        kwargs.setdefault("source_text", kwargs.get("text", ""))
        super().__init__(**kwargs)
        self.bind(pos=self._redraw, size=self._redraw, selected=self._redraw,
                  pressed=self._redraw, icon=self._redraw, fill=self._redraw, edge=self._redraw,
                  ink=self._redraw, disabled=self._redraw, focused=self._redraw)
        self.bind(size=self._wrap, icon=self._wrap, source_text=self._wrap)
        self._wrap()

    def _icon_room(self) -> float:
        return icon_room(self.font_size) if self.icon else 0

    def _icon_at_left(self) -> bool:
        """"prev" sits at the start edge, "next"/"check" at the end (mirrored in RTL)."""
        return (self.icon == "prev") != kiosk_app().rtl

    def _wrap(self, *_):
        # Kivy's text_size includes the padding; the icon's room is padding on its side.
        pad = button_padding(self.font_size)
        room = self._icon_room()
        left = pad + (room if room and self._icon_at_left() else 0)
        right = pad + (room if room and not self._icon_at_left() else 0)
        if not self.prepared:
            style = {"font_name": self.font_name, "font_size": self.font_size}
            self.markup = self.rtl
            self.text = display_text(self.source_text, max(1, self.width - left - right),
                                     style, self.rtl)
        self.padding = (left, 0, right, 0)
        self.text_size = (max(1, self.width), None)

    def _redraw(self, *_):
        app = kiosk_app()
        theme = app.theme if app else None
        self.canvas.before.clear()
        if theme is None:
            return
        if self.selected:
            fill, ink = theme.selected, theme.selected_text
        else:
            fill, ink = theme.button, theme.button_text
        if self.pressed:
            fill, ink = ink, fill  # inverted while held, so the press is visible
        self.color = (*(theme.disabled_text if self.disabled else ink), 1)
        edge = theme.selected if self.selected else theme.button_edge
        width = self.edge_width * (2 if self.selected else 1)
        with self.canvas.before:
            Color(*fill, 1)
            Rectangle(pos=self.pos, size=self.size)
            Color(*edge, 1)
            Line(rectangle=(self.x + width / 2, self.y + width / 2,
                            self.width - width, self.height - width), width=width)
            if self.icon:
                Color(*self.color)
                self._draw_icon()
            if self.focused:
                ring = max(3.0, app.sizer.px(FOCUS_RING_MM))
                Color(*theme.focus, 1)
                Line(rectangle=(self.x - ring, self.y - ring, self.width + 2 * ring,
                                self.height + 2 * ring), width=ring / 2)

    def _draw_icon(self):
        # x/width, not right/center_y: Kivy's cached aliases lag behind inside pos observers.
        rtl = kiosk_app().rtl
        s = self.font_size * 0.45
        pad = self.font_size * 0.6
        cy = self.y + self.height / 2
        at_left = self._icon_at_left()
        cx = self.x + pad + s / 2 if at_left else self.x + self.width - pad - s / 2
        if self.icon in ("prev", "next"):
            points_left = (self.icon == "prev") != rtl
            d = -1 if points_left else 1
            Triangle(points=[cx - d * s / 2, cy + s, cx - d * s / 2, cy - s, cx + d * s / 2, cy])
        elif self.icon == "check":
            Line(points=[cx - s, cy, cx - s / 3, cy - s * 0.7, cx + s, cy + s * 0.8],
                 width=max(2, s / 5))

    # Touch handling ---------------------------------------------------------------------------
    def on_touch_down(self, touch):
        if self.disabled or not self.collide_point(*touch.pos):
            return False
        if touch.ud.get("kiosk_ignored"):
            return True
        touch.grab(self)
        self.pressed = True
        return True

    def on_touch_move(self, touch):
        if touch.grab_current is self:
            self.pressed = self.collide_point(*touch.pos)
            return True
        return False

    def on_touch_up(self, touch):
        if touch.grab_current is not self:
            return False
        touch.ungrab(self)
        self.pressed = False
        app = kiosk_app()
        outside_px = max(self.x - touch.x, touch.x - (self.x + self.width),
                         self.y - touch.y, touch.y - (self.y + self.height), 0)
        if (app.tap_policy.up(touch.uid, outside_px / app.sizer.px_per_mm)
                and not app.speech.intercept(self)):
            self.dispatch("on_activate")
        return True

    def spoken_description(self) -> str:
        if self.private:
            return ""
        if self.selected and not self.spoken and not self.speech_language:
            return chosen(self.source_text)  # the check mark and thick edge are not heard
        return self.spoken or self.source_text

    def activate(self):
        """Keyboard and switch access: act as if pressed (the policy is for touch only)."""
        if not self.disabled:
            self.dispatch("on_activate")

    def on_activate(self):
        pass


class KioskRoot(FloatLayout):
    """The root: feeds every touch to the tap policy first, so a resting palm or a second
    finger is ignored everywhere, not just on buttons."""

    def on_touch_down(self, touch):
        app = kiosk_app()
        if app.note_activity():  # it answered "Are you still there?": nothing else happens
            touch.ud["kiosk_ignored"] = True
            return True
        app.speech.on_touch_down(touch)
        app.scanner.stop()
        if not app.tap_policy.down(touch.uid):
            touch.ud["kiosk_ignored"] = True
            return True
        handled = super().on_touch_down(touch)
        touch.grab(self)  # after the children, so buttons see the release first
        return handled

    def on_touch_up(self, touch):
        if touch.grab_current is self:
            touch.ungrab(self)
            kiosk_app().tap_policy.cancel(touch.uid)
            return True
        return super().on_touch_up(touch)
