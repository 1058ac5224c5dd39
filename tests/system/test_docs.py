"""The documentation keeps its promises.

A conformance row that says "met" is a claim a clinic may rely on, so it must name a test or an
audit line that really exists; the README's screenshots must be exactly the ones
``make docs-images`` redraws from the current code; links, the settings reference and the
architecture map must not go stale as files and settings change; the README stays short; and
nothing points at notes outside the repository, which someone who clones it cannot read. (The
named tests themselves run in ``make test``; this module only checks that the names are real,
so it stays fast.)
"""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACCESSIBILITY = ROOT / "docs" / "ACCESSIBILITY.md"
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"
CONFIGURATION = ROOT / "docs" / "CONFIGURATION.md"
PERFORMANCE = ROOT / "docs" / "PERFORMANCE.md"
README = ROOT / "README.md"
README_MAX_CHARS = 10_000
STATUSES = {"met", "partly met", "not met", "not applicable"}
TEST_REF = re.compile(r"`(tests/[\w/]+\.py)::(\w+)(?:\[[^\]`]*\])?`")
AUDIT_REF = re.compile(r"`audit: ([^`]+)`")
IMAGE_REF = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
LINK_REF = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s#]+)(?:#[^)]*)?\)")

# The clauses and criteria the table must cover: EN 301 549 V3.2.1 clause 5 (closed
# functionality) and the WCAG 2.2 success criteria that apply to a kiosk.
EN_301_549 = ["5.1.2.2", "5.1.3.1", "5.1.3.2", "5.1.3.3", "5.1.3.4", "5.1.3.5", "5.1.3.6",
              "5.1.3.7", "5.1.3.8", "5.1.3.9", "5.1.3.10", "5.1.3.11", "5.1.3.12", "5.1.3.13",
              "5.1.3.14", "5.1.3.15", "5.1.3.16", "5.1.4", "5.1.5", "5.1.6.1", "5.1.6.2", "5.2",
              "5.3", "5.4", "5.5.1", "5.5.2", "5.6.1", "5.6.2", "5.7", "5.8", "5.9"]
WCAG = ["1.4.3", "1.4.4", "1.4.6", "1.4.11", "1.4.12", "2.2.1", "2.3.1", "2.3.3", "2.5.1",
        "2.5.2", "2.5.5", "2.5.7", "2.5.8", "3.1.5", "3.2.6"]


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]  # lower-case column heading -> cell text

    @property
    def status(self) -> str:
        return self.cells["status"].strip("*_ ").lower()

    def where(self) -> str:
        return f"docs/ACCESSIBILITY.md:{self.line}: {next(iter(self.cells.values()))}"


def table_rows(text: str) -> list[Row]:
    """Every body row of every Markdown table that has a Status column."""
    rows: list[Row] = []
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("|"):
            header = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if header is None:
            header = [cell.lower() for cell in cells]
        elif not all(re.fullmatch(r":?-+:?", cell) for cell in cells) and "status" in header:
            rows.append(Row(number, dict(zip(header, cells, strict=True))))
    return rows


@cache
def conformance() -> list[Row]:
    return table_rows(ACCESSIBILITY.read_text(encoding="utf-8"))


@cache
def defined_functions(path: str) -> frozenset[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return frozenset(node.name for node in ast.walk(tree)
                     if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef))


def audit_lines() -> set[str]:
    """The checks ``ccsvi-kiosk audit`` prints: each worst value of ``AuditReport`` (limits in
    kiosk/ui/headless/audit.py) and the two lists, read from the source so no window is opened."""
    tree = ast.parse((ROOT / "kiosk" / "ui" / "headless" / "audit.py").read_text(encoding="utf-8"))
    report = next(node for node in tree.body
                  if isinstance(node, ast.ClassDef) and node.name == "AuditReport")
    worst = {node.target.id for node in report.body
             if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
             and ast.unparse(node.annotation) == "Worst"}
    printed = (ROOT / "kiosk" / "cli" / "audit.py").read_text(encoding="utf-8")
    names = worst | {"overflows", "not reachable by keys"}
    return {name for name in names if f'"{name}"' in printed or f"{name}:" in printed}


def test_the_table_covers_clause_5_and_the_wcag_criteria():
    first_cells = [next(iter(row.cells.values())) for row in conformance()]
    covered = {number for cell in first_cells for number in re.findall(r"\d+(?:\.\d+)+", cell)}
    missing = [number for number in EN_301_549 + WCAG if number not in covered]
    assert not missing, f"no row for {missing}"


def test_every_row_has_a_known_status():
    assert len(conformance()) >= len(EN_301_549) + len(WCAG)
    unknown = [row.where() for row in conformance() if row.status not in STATUSES]
    assert not unknown, unknown


def test_every_met_row_names_its_proof():
    bare = [row.where() for row in conformance() if row.status == "met"
            and not (TEST_REF.search(row.cells["proof"]) or AUDIT_REF.search(row.cells["proof"]))]
    assert not bare, f"'met' without a test or audit line: {bare}"


def test_every_named_test_exists():
    text = ACCESSIBILITY.read_text(encoding="utf-8")
    refs = TEST_REF.findall(text)
    assert len(refs) > 20
    missing = [f"{path}::{name}" for path, name in refs
               if not (ROOT / path).is_file() or name not in defined_functions(path)]
    assert not missing, f"named in docs/ACCESSIBILITY.md but not found: {missing}"


def test_every_named_audit_line_is_one_the_audit_prints():
    known = audit_lines()
    assert {"smallest_target_mm", "lowest_text_contrast", "overflows"} <= known
    named = set(AUDIT_REF.findall(ACCESSIBILITY.read_text(encoding="utf-8")))
    assert named and named <= known, f"not printed by ccsvi-kiosk audit: {named - known}"


def test_the_checker_catches_a_met_row_without_real_proof():
    rows = table_rows("| Clause | Status | Proof |\n|---|---|---|\n"
                      "| 9.9 | met | `tests/system/test_docs.py::no_such_test` |\n"
                      "| 9.8 | met | |\n| 9.7 | not met | |\n")
    assert [row.status for row in rows] == ["met", "met", "not met"]
    path, name = TEST_REF.search(rows[0].cells["proof"]).groups()
    assert name not in defined_functions(path)
    assert not TEST_REF.search(rows[1].cells["proof"])


def readme_images() -> list[str]:
    return IMAGE_REF.findall(README.read_text(encoding="utf-8"))


def test_every_readme_image_exists():
    images = readme_images()
    assert images
    missing = [image for image in images if not (ROOT / image).is_file()]
    assert not missing, missing


def test_make_docs_images_draws_exactly_the_readme_images():
    listed = subprocess.run([sys.executable, str(ROOT / "scripts" / "docs_images.py"), "--list"],
                            capture_output=True, text=True, check=True).stdout.split()
    shown = [Path(image) for image in readme_images()]
    assert all(image.parent == Path("docs/images") for image in shown), shown
    assert sorted(image.name for image in shown) == sorted(listed)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^docs-images:.*\n\t.*scripts/docs_images\.py", makefile, re.MULTILINE)


def test_links_between_the_docs_lead_somewhere():
    broken = []
    for doc in [README, *sorted((ROOT / "docs").glob("*.md"))]:
        for target in LINK_REF.findall(doc.read_text(encoding="utf-8")):
            if "://" not in target and not (doc.parent / target).exists():
                broken.append(f"{doc.relative_to(ROOT)}: {target}")
    assert not broken, broken


def setting_keys(mapping: dict, prefix: str = "") -> list[str]:
    keys = []
    for key, value in mapping.items():
        if isinstance(value, dict):
            keys += setting_keys(value, f"{prefix}{key}.")
        else:
            keys.append(f"{prefix}{key}")
    return keys


def test_the_settings_reference_explains_every_setting():
    shipped = yaml.safe_load((ROOT / "kiosk" / "kiosk.yaml").read_text(encoding="utf-8"))
    keys = setting_keys(shipped)
    assert len(keys) >= 15
    explained = []  # the key cell of every table row whose meaning cell is filled in
    for line in CONFIGURATION.read_text(encoding="utf-8").splitlines():
        cells = line.strip().strip("|").split("|")
        if line.startswith("| `") and len(cells) >= 3 and cells[2].strip():
            explained.append(cells[0])
    missing = [key for key in keys if not any(f"`{key}`" in cell for cell in explained)]
    assert not missing, f"in kiosk/kiosk.yaml, no row in docs/CONFIGURATION.md: {missing}"
    assert "docs/CONFIGURATION.md" in README.read_text(encoding="utf-8")


def test_the_benchmark_table_markers_are_in_the_performance_doc():
    performance = PERFORMANCE.read_text(encoding="utf-8")
    assert performance.count("<!-- bench:start -->") == 1
    assert performance.count("<!-- bench:end -->") == 1
    assert (performance.index("## Benchmarks") < performance.index("<!-- bench:start -->")
            < performance.index("<!-- bench:end -->"))
    assert "<!-- bench:" not in README.read_text(encoding="utf-8")


def test_make_bench_readme_rewrites_the_performance_doc(capsys):
    from benchmarks import run

    assert (run.START, run.END) == ("<!-- bench:start -->", "<!-- bench:end -->")
    assert inspect.signature(run.update_readme).parameters["path"].default == PERFORMANCE
    with pytest.raises(SystemExit):
        run.main(["--help"])
    options = " ".join(capsys.readouterr().out.split()).split("options:", 1)[1]
    readme_help = options.split("--readme ", 1)[1].split("--readme-only", 1)[0]
    assert "docs/PERFORMANCE.md" in readme_help


def test_the_readme_stays_short():
    size = len(README.read_text(encoding="utf-8"))
    assert size <= README_MAX_CHARS, (
        f"README.md has {size:,} characters (at most {README_MAX_CHARS:,}): move the detail "
        "into docs/ and link to it")


def outside_references() -> re.Pattern[str]:
    """References to notes kept outside the repository. Built from pieces, so that this file
    does not match itself."""
    issue = "issue"
    pieces = ["shared" + "/", issue + r" \d", issue + "-level", "tech" + "-notes"]
    return re.compile("|".join(pieces), re.IGNORECASE)


def text_files() -> list[Path]:
    found = [README]
    for folder in ("kiosk", "docs", "tests"):
        found += [path for path in sorted((ROOT / folder).rglob("*"))
                  if path.is_file() and "__pycache__" not in path.parts
                  and path.suffix in {".py", ".md", ".yaml", ".yml", ".txt", ".toml", ".cfg"}]
    return found


def test_nothing_points_outside_the_repository():
    pattern = outside_references()
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in text_files()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert not found, ("cite the public source (a standard's clause, a paper, an upstream "
                       "issue such as owner/repo#123) instead:\n" + "\n".join(found))


def test_the_outside_reference_check_catches_what_it_should():
    pattern = outside_references()
    for bad in ["see " + "shared" + "/research/notes.md", "as " + "Issue" + " 6 says",
                "the " + "issue" + "-level defaults", "tech" + "-notes 2.6"]:
        assert pattern.search(bad), bad
    for good in ["nateshmbhat/pyttsx3#419", "WCAG 2.2 success criterion 2.5.8",
                 "EN 301 549 clause 5.1.4", "an issue with the jack"]:
        assert not pattern.search(good), good


def test_the_architecture_map_names_every_package_and_top_level_module():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    package = ROOT / "kiosk"
    packages = [f"`{path.parent.relative_to(ROOT).as_posix()}/`"
                for path in sorted(package.rglob("__init__.py"))
                if "__pycache__" not in path.parts and path.parent != package]
    modules = [f"`{path.relative_to(ROOT).as_posix()}`" for path in sorted(package.glob("*.py"))
               if path.name != "__init__.py"]
    assert len(packages) >= 13 and len(modules) >= 8
    missing = [name for name in packages + modules if name not in text]
    assert not missing, f"not in docs/ARCHITECTURE.md's map: {missing}"
