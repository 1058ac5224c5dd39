import datetime as dt
import re
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.content.model import CONTENT_FILE, Source, check_content, load_content, message_context
from kiosk.problems import InputError

TODAY = dt.date(2026, 11, 21)


def test_shipped_content_is_complete_and_cited():
    content = load_content(paths.CONTENT_DIR, TODAY)
    assert len(content.sections) >= 9
    source_ids = {s.id for s in content.sources}
    for section in content.sections:
        assert section.pages
        for page in section.pages:
            assert page.paragraphs
            assert page.sources and set(page.sources) <= source_ids
    assert content.metadata.next_review > content.metadata.checked_on


def _break(project_copy: Path, old: str, new: str, count: int = 1) -> Path:
    path = project_copy / "content" / CONTENT_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_unknown_key_is_an_error_with_its_line(project_copy):
    path = _break(project_copy, "    summary:", "    sumary:")
    _content, problems = check_content(project_copy / "content", TODAY)
    line = _line_of(path, "sumary:")
    assert any(str(p).startswith(f"{path}:{line}: unknown key 'sumary'") for p in problems)


def test_dangling_source_id_is_an_error(project_copy):
    path = _break(project_copy, "sources: [", "sources: [no-such-study, ")
    line = _line_of(path, "no-such-study")
    with pytest.raises(InputError) as error:
        load_content(project_copy / "content", TODAY)
    assert re.search(rf"{re.escape(str(path))}:{line}: .*unknown source 'no-such-study'",
                     str(error.value))


def test_duplicate_section_id_is_an_error(project_copy):
    content = load_content(paths.CONTENT_DIR, TODAY)
    first, second = content.sections[0].id, content.sections[1].id
    path = _break(project_copy, f"id: {second}", f"id: {first}")
    with pytest.raises(InputError) as error:
        load_content(project_copy / "content", TODAY)
    assert f"duplicate section id '{first}'" in str(error.value)
    assert f"{path}:" in str(error.value)


def test_missing_field_is_an_error(project_copy):
    path = _break(project_copy, '    summary: "', '    # summary: "')
    with pytest.raises(InputError) as error:
        load_content(project_copy / "content", TODAY)
    assert "missing key 'summary'" in str(error.value)
    assert f"{path}:" in str(error.value)


def test_a_page_without_sources_is_an_error(project_copy):
    path = project_copy / "content" / CONTENT_FILE
    text = path.read_text(encoding="utf-8")
    start = text.index("sources: [")
    end = text.index("]", start)
    path.write_text(text[:start] + "sources: []" + text[end + 1:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    with pytest.raises(InputError) as error:
        load_content(project_copy / "content", TODAY)
    assert f"{path}:{line}: section 'what_is_ccsvi' page 1 must cite at least one source" in str(
        error.value)


def test_yaml_syntax_error_names_file_and_line(project_copy):
    path = project_copy / "content" / CONTENT_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "  broken: [unclosed")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_content(project_copy / "content", TODAY)
    problem = error.value.problems[0]
    assert problem.path == path and problem.line is not None


def test_overdue_review_is_a_warning_not_an_error():
    content, problems = check_content(paths.CONTENT_DIR, dt.date(2099, 1, 1))
    assert content is not None
    assert any(p.severity == "warning" and "review was due" in p.message for p in problems)


def test_citation_has_one_full_stop_after_et_al():
    source = Source("x", "Smith A, Jones B, et al.", "A study", "Journal 1(2):3-4", 2018,
                    "PMID 1")
    assert source.citation() == "Smith A, Jones B, et al. A study. Journal 1(2):3-4, 2018. PMID 1."


def test_message_context_names_owner_and_field():
    assert message_context("what_is_ccsvi", "title") == "what_is_ccsvi.title"
