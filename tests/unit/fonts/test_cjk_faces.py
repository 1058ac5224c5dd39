"""Chinese is drawn with Chinese glyph shapes: the regional faces copied out of Debian's
Noto CJK collection, whose first face (the only one Kivy opens) is Japanese."""

import os

from fontTools.ttLib import TTCollection, TTFont

from kiosk import paths
from kiosk.fonts import cjk_faces, glyphs
from kiosk.fonts.faces import FONT_DIRS, find_font
from kiosk.i18n.catalogues import Catalogues, po_path

COLLECTION = next(folder / "NotoSansCJK-Regular.ttc" for folder in FONT_DIRS
                  if (folder / "NotoSansCJK-Regular.ttc").is_file())


def glyph_program(font, char: str) -> bytes:
    """The outline a face draws for ``char`` (CFF charstring bytes)."""
    name = font.getBestCmap()[ord(char)]
    top = font["CFF "].cff.topDictIndex[0]
    charstring = top.CharStrings[name]
    charstring.compile()
    return charstring.bytecode


def outline(font, char: str) -> list:
    """The pen strokes of ``char``'s glyph (subroutines and numbering aside)."""
    from fontTools.pens.recordingPen import RecordingPen

    pen = RecordingPen()
    font.getGlyphSet()[font.getBestCmap()[ord(char)]].draw(pen)
    return pen.value


def test_the_chinese_faces_are_copied_out_and_draw_chinese_shapes(tmp_path):
    written = cjk_faces.extract(tmp_path)
    assert {p.name for p in written} == {"NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf",
                                         "NotoSansCJKtc-Regular.otf", "NotoSansCJKtc-Bold.otf"}
    simplified = TTFont(tmp_path / "NotoSansCJKsc-Regular.otf")
    assert simplified["name"].getDebugName(1) == "Noto Sans CJK SC"
    japanese = TTCollection(str(COLLECTION), lazy=True).fonts[0]  # what Kivy would open
    assert japanese["name"].getDebugName(1) == "Noto Sans CJK JP"
    for char in "骨直":  # shapes that differ between Chinese and Japanese
        assert glyph_program(simplified, char) != glyph_program(japanese, char), char


def test_up_to_date_copies_are_kept_and_the_kiosk_prefers_them(tmp_path):
    first = cjk_faces.extract(tmp_path)
    stamps = {p: p.stat().st_mtime_ns for p in first}
    assert cjk_faces.extract(tmp_path) == first
    assert {p: p.stat().st_mtime_ns for p in first} == stamps  # not written again
    choice = find_font("Hans", dirs=(tmp_path, *FONT_DIRS), full=True)
    assert choice.regular.name == "NotoSansCJKsc-Regular.otf"
    assert choice.bold.name == "NotoSansCJKsc-Bold.otf"
    assert find_font("Hant", dirs=(tmp_path, *FONT_DIRS), full=True).regular.name == \
        "NotoSansCJKtc-Regular.otf"


def test_without_the_copies_chinese_still_has_the_collection(tmp_path):
    dirs = tuple(d for d in FONT_DIRS if d != cjk_faces.KIOSK_FONT_DIR)
    assert find_font("Hans", dirs=dirs).regular.name == "NotoSansCJK-Regular.ttc"
    assert cjk_faces.extract(tmp_path, dirs=(tmp_path / "none",)) == []


def test_reading_subsets_draw_every_shipped_character_in_a_fortieth_of_the_file(tmp_path):
    faces = cjk_faces.extract(tmp_path)
    subsets = cjk_faces.make_subsets(faces)
    assert [p.name for p in subsets] == [p.stem + ".subset.otf" for p in faces]
    chinese = set()
    catalogues = Catalogues(paths.LOCALES_DIR, ["zh_Hans", "zh_Hant"])
    for code in ("zh_Hans", "zh_Hant"):  # every translation, each plural form included
        chinese |= {ch for text in catalogues.texts(code) for ch in text}
    chinese |= set("2026年11月21日")  # a long date in Chinese
    assert len([ch for ch in chinese if ord(ch) >= 0x4E00]) > 300  # the test has teeth
    for face, subset in zip(faces, subsets, strict=True):
        assert not glyphs.missing("".join(chinese), [subset]), subset.name
        assert subset.stat().st_size * 40 < face.stat().st_size
        small, whole = TTFont(subset), TTFont(face)
        assert cjk_faces.subset_characters(subset) == set(small.getBestCmap())  # its list
        for char in sorted(ch for ch in chinese if ord(ch) >= 0x4E00)[::25]:
            assert outline(small, char) == outline(whole, char), char  # the same shapes


def test_a_subset_is_made_again_when_a_catalogue_gains_a_character(tmp_path, project_copy):
    sources = (project_copy / "content", project_copy / "locales")
    faces = [f for f in cjk_faces.extract(tmp_path) if "sc-Regular" in f.name]
    first = cjk_faces.make_subsets(faces, sources)
    stamp = first[0].stat().st_mtime_ns
    assert cjk_faces.make_subsets(faces, sources) == first
    assert first[0].stat().st_mtime_ns == stamp  # up to date: not made again
    assert glyphs.missing("龘", first)
    po = po_path(project_copy / "locales", "zh_Hans")
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "Dragon"\nmsgstr "龘"\n',
                  encoding="utf-8")
    os.utime(po, ns=(stamp + 10**9, stamp + 10**9))  # edited after the subset was made
    again = cjk_faces.make_subsets(faces, sources)
    glyphs.coverage.cache_clear()  # the same file name, new contents
    assert not glyphs.missing("龘", again)
    # The next release drops the string; a kiosk still running this one keeps its character.
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "龘"', 'msgstr "龍"'),
                  encoding="utf-8")
    later = again[0].stat().st_mtime_ns + 10**9
    os.utime(po, ns=(later, later))
    third = cjk_faces.make_subsets(faces, sources)
    glyphs.coverage.cache_clear()
    assert not glyphs.missing("龘龍", third)
