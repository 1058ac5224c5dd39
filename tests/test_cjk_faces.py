"""Chinese is drawn with Chinese glyph shapes: the regional faces copied out of Debian's
Noto CJK collection, whose first face (the only one Kivy opens) is Japanese."""

from fontTools.ttLib import TTCollection, TTFont

from kiosk import cjk_faces
from kiosk.fonts import FONT_DIRS, find_font

COLLECTION = next(folder / "NotoSansCJK-Regular.ttc" for folder in FONT_DIRS
                  if (folder / "NotoSansCJK-Regular.ttc").is_file())


def glyph_program(font, char: str) -> bytes:
    """The outline a face draws for ``char`` (CFF charstring bytes)."""
    name = font.getBestCmap()[ord(char)]
    top = font["CFF "].cff.topDictIndex[0]
    charstring = top.CharStrings[name]
    charstring.compile()
    return charstring.bytecode


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
    choice = find_font("Hans", dirs=(tmp_path, *FONT_DIRS))
    assert choice.regular.name == "NotoSansCJKsc-Regular.otf"
    assert choice.bold.name == "NotoSansCJKsc-Bold.otf"
    assert find_font("Hant", dirs=(tmp_path, *FONT_DIRS)).regular.name == \
        "NotoSansCJKtc-Regular.otf"


def test_without_the_copies_chinese_still_has_the_collection(tmp_path):
    dirs = tuple(d for d in FONT_DIRS if d != cjk_faces.KIOSK_FONT_DIR)
    assert find_font("Hans", dirs=dirs).regular.name == "NotoSansCJK-Regular.ttc"
    assert cjk_faces.extract(tmp_path, dirs=(tmp_path / "none",)) == []
