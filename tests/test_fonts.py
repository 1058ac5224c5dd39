from kiosk.fonts import find_font


def test_each_shipped_script_has_an_installed_font():
    for script in ("Latn", "Arab", "Hans"):
        font = find_font(script)
        assert font is not None, f"no font for {script}: run 'make setup'"
        assert font.regular.is_file() and font.bold.is_file()


def test_no_font_is_reported_as_none(tmp_path):
    assert find_font("Arab", dirs=(tmp_path,)) is None
