"""Which characters the installed Noto and DejaVu fonts can really draw, read from their
character maps, so no empty boxes ("tofu") reach a patient."""

import shutil
from pathlib import Path

import pytest

from kiosk.display.bidi_text import visual
from kiosk.fonts import glyphs
from kiosk.fonts.faces import find_font

NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
ARABIC = "مرض التصلب المتعدد"
CHINESE = "颈部的静脉"


@pytest.fixture(scope="module")
def latin():
    return find_font("Latn")


@pytest.fixture(scope="module")
def noto_arabic():
    """Noto Sans Arabic, which has no Latin letters, with the Latin fallback it is given."""
    font = find_font("Arab", dirs=(NOTO_DIR,))
    assert font is not None and font.regular.name == "NotoSansArabic-Regular.ttf"
    return font


def test_the_latin_face_draws_accented_european_text_but_not_arabic_or_chinese(latin):
    text = "Sclérose en plaques, Rückenmark, coração, ¿por qué?"
    assert glyphs.missing(text, latin.files()) == set()
    assert glyphs.missing(f"MS {ARABIC} {CHINESE}", latin.files()) == set(ARABIC + CHINESE) - {" "}


def test_latin_names_in_arabic_text_are_missing_from_noto_arabic_until_its_fallback_is_added(
        noto_arabic):
    text = f"{ARABIC} CCSVI (FDA) 2019"
    assert glyphs.missing(text, [noto_arabic.regular]) == set("CCSVIFDA()")
    assert glyphs.missing(text, noto_arabic.files()) == set()


def test_shaped_arabic_letter_forms_are_covered_by_the_arabic_face(noto_arabic):
    shaped = visual(ARABIC)  # presentation forms, as the kiosk hands them to Kivy
    assert shaped != ARABIC
    assert glyphs.missing(shaped, [noto_arabic.regular]) == set()
    assert glyphs.missing(shaped, [find_font("Latn").regular]) == set(shaped) - {" "}


def test_the_chinese_reading_subset_draws_less_than_the_full_face_but_the_shipped_words():
    subset, full = find_font("Hans"), find_font("Hans", full=True)
    small, whole = glyphs.coverage(subset.regular), glyphs.coverage(full.regular)
    assert small < whole and len(small) * 10 < len(whole)
    assert glyphs.missing(CHINESE, [subset.regular]) == set()


def test_spaces_and_invisible_joiners_are_never_reported_missing():
    layout = " \u00a0\u202f\u200b\u200c\u200d\u200e\u200f\n\r\t"
    assert glyphs.missing(layout, []) == set()
    assert glyphs.missing(layout + "A", []) == {"A"}  # with no fonts, any ink is missing


def test_a_fonts_own_character_list_is_believed_over_its_character_map(tmp_path, latin):
    listed = tmp_path / "Listed.ttf"
    unlisted = tmp_path / "Unlisted.ttf"
    shutil.copy(latin.regular, listed)
    shutil.copy(latin.regular, unlisted)
    glyphs.list_path(listed).write_text("41 42\n", encoding="utf-8")  # "A" and "B" only
    assert glyphs.list_path(listed) == tmp_path / "Listed.chars"
    assert glyphs.listed_coverage(listed) == {0x41, 0x42}
    assert glyphs.coverage(listed) == {0x41, 0x42}
    assert glyphs.missing("ABC", [listed]) == {"C"}
    assert glyphs.listed_coverage(unlisted) is None
    assert glyphs.missing("ABC", [unlisted]) == set()  # read from the character map
    assert glyphs.coverage(unlisted) == glyphs.coverage(latin.regular)


def test_a_font_collection_is_read_from_its_first_face():
    collection = find_font("Hans", dirs=(Path("/usr/share/fonts/opentype/noto"),)).regular
    assert collection.name == "NotoSansCJK-Regular.ttc"
    covered = glyphs.coverage(collection)
    assert glyphs.missing(CHINESE + "ひらがな", [collection]) == set()
    assert ord("A") in covered and 0x0645 not in covered  # Latin too, but no Arabic
