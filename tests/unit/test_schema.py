from kiosk.schema import check_fields, is_kind
from kiosk.yaml_lines import load_yaml_text


def test_unknown_missing_and_wrong_kind_are_reported_with_lines():
    data = load_yaml_text("name: x\ncount: yes\nextra: 1\n", "f.yaml")
    problems = check_fields(data, "f.yaml", 1, "thing", {"name": str, "count": int, "need": str})
    text = [str(p) for p in problems]
    assert any(t.startswith("f.yaml:2: thing: 'count' must be a whole number") for t in text)
    assert any(t.startswith("f.yaml:3: unknown key 'extra' in thing") for t in text)
    assert "f.yaml:1: thing: missing key 'need'" in text


def test_booleans_are_not_numbers_but_ints_are_floats():
    assert not is_kind(True, int)
    assert is_kind(3, float)
    assert not is_kind("3", (int, float))
