"""The list of topics: each section of the explainer as one large button with its summary.

At large text sizes the list does not fit on one screen, so it is paged like a document
instead of scrolled."""

from __future__ import annotations

from kivy.uix.gridlayout import GridLayout
from kivy.uix.widget import Widget
from kivy.utils import escape_markup

from kiosk.content import localized
from kiosk.display import sizes
from kiosk.i18n.catalogues import _
from kiosk.interaction.session import Location
from kiosk.ui.measure import display_text, kivy_line_height, text_height
from kiosk.ui.screens.document import DocumentScreen
from kiosk.ui.widgets import KioskButton, text_style


class TopicsScreen(DocumentScreen):
    def items(self) -> list[tuple[str, str, Location]]:
        """(title, summary, where it leads) for every topic button."""
        items = []
        for section in self.app.data.content.sections:
            items.append((localized.title(section), localized.summary(section),
                          Location("reader", section.id)))
        # Translators: the bold title of the button on the list of topics that opens
        # the list of sources; also the title of that screen. Short: one or two words.
        items.append((_("Sources"),
                      # Translators: the small line under "Sources" on its button on the list
                      # of topics, saying what the sources screen holds.
                      _("Where this information comes from"),
                      Location("sources")))
        # Translators: the bold title of the button on the list of topics that opens
        # the glossary of medical words; also the title of that screen. Short: one or
        # two words.
        items.append((_("Words used"),
                      # Translators: the small line under "Words used" on its button on the
                      # list of topics, saying what the glossary holds.
                      _("The medical words on these pages, explained"),
                      Location("glossary")))
        return items

    def columns(self) -> int:
        return 2 if self.app.session.text_scale <= 1.25 else 1

    def topic_text_width(self) -> float:
        """Room for text inside one topic button."""
        app = self.app
        gap = app.sizer.px(sizes.GAP_MM * 2)
        cols = self.columns()
        width = (self.area[0] - 2 * self.margin() - (cols - 1) * gap) / cols
        return width - 4 * app.sizer.px(sizes.BUTTON_PADDING_MM)

    def pages(self) -> list[list[tuple[str, str, Location, float]]]:
        app = self.app
        margin = self.margin()
        gap = app.sizer.px(sizes.GAP_MM * 2)
        cols = self.columns()
        area_width, area_height = self.area
        text_width_px = self.topic_text_width()
        title_style = text_style(app, size_mm=sizes.BUTTON_FONT_MM, bold=True)
        summary_style = text_style(app, size_mm=sizes.SMALL_FONT_MM)
        heading_style = text_style(app, size_mm=sizes.HEADING_FONT_MM, bold=True)
        # Translators: title of the list of topics (the main menu); the audio guide
        # speaks it. Also the label of the buttons that go back to this list: one word
        # if possible.
        heading = text_height(_("Topics"), area_width - 2 * margin, heading_style,
                              kivy_line_height(heading_style, 1.2), app.rtl)
        available = area_height - margin - heading - self.nav_height() - 3 * gap
        measured = []
        for title, summary, where in self.items():
            needed = (text_height(title, text_width_px, title_style, 1.0, app.rtl)
                      + text_height(summary, text_width_px, summary_style, 1.0, app.rtl)
                      + 2 * app.sizer.px(sizes.BUTTON_PADDING_MM))
            measured.append((title, summary, where,
                             max(needed, app.sizer.px(sizes.PRIMARY_TARGET_MM))))
        pages: list[list] = [[]]
        used = 0.0
        for start in range(0, len(measured), cols):
            row = measured[start:start + cols]
            row_height = max(item[3] for item in row)
            row = [(t, s, w, row_height) for t, s, w, _h in row]
            if pages[-1] and used + row_height > available:
                pages.append([])
                used = 0.0
            pages[-1].extend(row)
            used += row_height + gap
        return pages

    def prepare_ahead(self) -> None:
        """Topic buttons are measured as they are built; there is no text to prepare."""

    def page_count(self) -> int:
        return len(self.pages())

    def before_first(self):
        # Translators: on the topic list, goes back to the language screen.
        return (_("Language"), self.app.go_welcome)

    def refresh(self) -> None:
        app = self.app
        pages = self.pages()
        page = max(0, min(app.session.location.page, len(pages) - 1))
        # Translators: title of the list of topics (the main menu); the audio guide
        # speaks it. Also the label of the buttons that go back to this list: one word
        # if possible.
        self.title_text = _("Topics")
        self.clear_widgets()
        col = self.column()
        col.add_widget(self.text(self.title_text, sizes.HEADING_FONT_MM, bold=True,
                                 line_height=1.2))
        gap = app.sizer.px(sizes.GAP_MM * 2)
        cols = self.columns()
        items = pages[page]
        rows = [items[i:i + cols] for i in range(0, len(items), cols)]
        grid = GridLayout(cols=cols, spacing=gap, size_hint_y=None,
                          height=sum(r[0][3] for r in rows) + gap * (len(rows) - 1))
        small = app.sizer.font(sizes.SMALL_FONT_MM)
        for row in rows:
            cells = list(row) + [None] * (cols - len(row))
            for item in (reversed(cells) if app.rtl else cells):
                if item is None:
                    grid.add_widget(Widget(size_hint_y=None, height=row[0][3]))
                    continue
                title, summary, where, height = item
                room = self.topic_text_width()
                bold = text_style(app, size_mm=sizes.BUTTON_FONT_MM, bold=True)
                title = display_text(title, room, bold, app.rtl)
                summary = display_text(summary, room,
                                       text_style(app, size_mm=sizes.SMALL_FONT_MM), app.rtl)
                if not app.rtl:  # display_text already returns markup for RTL
                    title, summary = escape_markup(title), escape_markup(summary)
                # The bold face itself, as measured: Kivy's [b] would embolden the regular one.
                text = (f"[font={bold['font_name']}]{title}[/font]\n"
                        f"[size={int(small)}]{summary}[/size]")
                key = where.section or where.screen
                button = KioskButton(text=text, markup=True, prepared=True, source_text=title,
                                     action=f"topic:{key}",
                                     size_hint_y=None, height=height,
                                     halign="right" if app.rtl else "left",
                                     **text_style(app, size_mm=sizes.BUTTON_FONT_MM))
                button.bind(on_activate=lambda _b, w=where: app.show(w))
                grid.add_widget(button)
        col.add_widget(grid)
        col.add_widget(Widget())
        nav = self.navigation(page, len(pages))
        col.add_widget(nav)
        self.add_widget(col)
