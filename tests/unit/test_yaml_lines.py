import pytest

from kiosk.problems import InputError
from kiosk.yaml_lines import load_yaml_text


def test_keys_and_items_remember_their_lines():
    data = load_yaml_text("a: 1\nb:\n  - x\n  - y\nc:\n  d: 2\n", "f.yaml")
    assert data.line_of("a") == 1
    assert data.line_of("b") == 2
    assert data["b"].line_of(1) == 4
    assert data["c"].line_of("d") == 6


def test_duplicate_keys_are_refused_with_both_lines():
    with pytest.raises(InputError) as error:
        load_yaml_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert str(error.value) == ("f.yaml:3: YAML error: duplicate key 'a' "
                                "(first given on line 1)")


def test_python_object_tags_are_refused():
    with pytest.raises(InputError) as error:
        load_yaml_text("a: !!python/object/apply:os.system ['true']\n", "f.yaml")
    problem = error.value.problems[0]
    assert problem.line == 1
    assert "Python object tags are refused" in problem.message


def test_syntax_errors_name_the_line():
    with pytest.raises(InputError) as error:
        load_yaml_text("a: 1\nb: [1, 2\nc: 3\n", "f.yaml")
    assert error.value.problems[0].path == "f.yaml"
    assert error.value.problems[0].line == 3
