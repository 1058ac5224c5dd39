"""Languages in the real UI: switching mid-visit, right-to-left layout, new and pseudo locales."""

import datetime as dt
import shutil

import pytest
from PIL import Image

from kiosk import paths
from kiosk.i18n import pseudo as i18n_pseudo
from kiosk.i18n.catalogues import po_path
from kiosk.interaction.session import Location
from kiosk.loading import load_kiosk
from kiosk.ui.headless.snapshot import every_view
from tests.ui.harness import layout_problems, visible_labels_of


def test_switching_language_mid_visit_rerenders_everything_in_place(ui):
    ui.tap("language:en")
    section = ui.app.data.content.sections[1].id
    ui.tap(f"topic:{section}")
    ui.tap("next")
    english = {label.text for label in visible_labels_of(ui)}
    ui.tap("language")
    ui.tap("language:de")
    assert ui.app.session.location == Location("reader", section, 1)
    german = {label.text for label in visible_labels_of(ui)}
    assert ui.app.current_screen.body.text != ""
    unchanged = english & german
    assert not unchanged - {"Display"}, unchanged  # German "Anzeige"; nothing stays English
    assert ui.button("home").text == "Start"


def ink_lines(path, box) -> list[tuple[int, int]]:
    """(left, right) ink extent, in image x, of each text line inside ``box`` (window coords)."""
    with Image.open(path) as image:
        grey = image.convert("L")
        x0, y0, x1, y1 = (round(v) for v in box)
        crop = grey.crop((x0, grey.height - y1, x1, grey.height - y0))
    lines, band, blank = [], [], 0
    for y in range(crop.height):
        xs = [x for x in range(0, crop.width, 2) if crop.getpixel((x, y)) > 128]
        if xs:
            band.append((min(xs), max(xs)))
            blank = 0
            continue
        blank += 1
        if band and blank >= 8:  # a real gap between lines, not dots above the letters
            lines.append((x0 + min(b[0] for b in band), x0 + max(b[1] for b in band)))
            band = []
    if band:
        lines.append((x0 + min(b[0] for b in band), x0 + max(b[1] for b in band)))
    return lines


def test_arabic_is_right_aligned_and_the_layout_mirrored(ui, tmp_path):
    section = ui.app.data.content.sections[0].id
    for code in ("en", "ar"):
        ui.app.reset_visit()
        ui.app.session.language = code
        ui.app.show(Location("reader", section))
        ui.pump(2)
        body = ui.app.current_screen.body
        x, y = body.to_window(body.x, body.y)
        lines = ink_lines(ui.screenshot(tmp_path / f"{code}.png"),
                          (x, y, x + body.width, y + body.height))
        assert len(lines) >= 3
        slack = 0.03 * body.width
        previous, following = ui.button("previous"), ui.button("next")
        if code == "en":
            assert all(left - x < slack for left, _right in lines)  # every line starts left
            assert any(x + body.width - right > 5 * slack for _left, right in lines)
            assert previous.x < following.x
        else:
            assert all(x + body.width - right < slack for _left, right in lines)  # ends right
            assert any(left - x > 5 * slack for left, _right in lines)  # ragged left edge
            assert previous.x > following.x  # Previous is on the right in Arabic
            assert any("\ufe70" <= ch <= "\ufeff" for ch in body.text)  # joined letter forms


@pytest.fixture
def extra_languages(ui_driver, tmp_path):
    """The running kiosk with a new language (Swedish, one .po, no code) and the pseudo-locale."""
    shutil.copytree(paths.LOCALES_DIR, tmp_path / "locales")
    po = po_path(tmp_path / "locales", "sv")
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: sv\\n"\n\nmsgid "Back"\nmsgstr "Tillbaka"\n',
                  encoding="utf-8")
    i18n_pseudo.pseudo(tmp_path / "locales")
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"languages: [en, sv, en_XA]\ncontent_dir: {paths.CONTENT_DIR}\n"
                      "locales_dir: locales\n", encoding="utf-8")
    original = ui_driver.app.data
    ui_driver.app.replace_data(load_kiosk(config, dt.date(2026, 11, 21)))
    yield ui_driver
    ui_driver.app.replace_data(original)


def test_a_new_language_needs_only_a_catalogue_and_a_config_line(extra_languages):
    ui = extra_languages
    assert ui.button("language:sv").text == "Svenska"
    ui.idle(1)
    ui.tap("language:sv")
    assert ui.button("back").text == "Tillbaka"
    assert ui.button("display").text == "Display"  # untranslated strings fall back to English


def test_pseudo_locale_fits_every_view_at_100_and_200_percent(extra_languages):
    ui = extra_languages
    problems = []
    for scale in (1.0, 2.0):
        ui.app.reset_visit()
        ui.app.session.language = "en_XA"
        ui.app.session.set_text_scale(scale)
        for name, where in list(every_view(ui.app)):
            ui.app.show(where)
            ui.pump(1)
            problems += [f"{scale} {name}: {p}" for p in layout_problems(ui)]
    assert ui.button("help").text.startswith("[")  # the pseudo-locale is really shown
    assert problems == []
