from kiosk.fonts.faces import find_font


def test_each_shipped_script_has_an_installed_font():
    for script in ("Latn", "Arab", "Hans"):
        font = find_font(script)
        assert font is not None, f"no font for {script}: run 'make setup'"
        assert font.regular.is_file() and font.bold.is_file()


def test_no_font_is_reported_as_none(tmp_path):
    assert find_font("Arab", dirs=(tmp_path,)) is None


def test_chinese_is_read_from_its_subset_unless_the_full_face_is_asked_for():
    subset, full = find_font("Hans"), find_font("Hans", full=True)
    assert subset.subset and subset.bold.name.endswith(".subset.otf")
    assert not full.subset and full.regular.name == "NotoSansCJKsc-Regular.otf"
    assert not find_font("Latn").subset
