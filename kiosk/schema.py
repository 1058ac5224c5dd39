"""Tiny field checker shared by the config and content loaders.

Both files are small, hand-edited YAML; the checks people need are "unknown key", "missing key"
and "wrong kind of value", each with the line to look at. A schema library would add a dependency
and still not know our line numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.problems import Problem
from kiosk.yaml_lines import LineDict

_KIND_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping (key: value lines)",
}


def kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_KIND_NAMES.get(k, k.__name__) for k in kinds)


def is_kind(value: Any, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        return False  # YAML `yes` must not pass as a number
    if float in kinds and isinstance(value, int) and not isinstance(value, bool):
        return True
    return isinstance(value, kinds)


def check_fields(
    mapping: Any,
    path: Path | str,
    line: int,
    what: str,
    required: dict[str, type | tuple[type, ...]],
    optional: dict[str, type | tuple[type, ...]] | None = None,
) -> list[Problem]:
    """Report unknown keys, missing keys and values of the wrong kind in one mapping."""
    optional = optional or {}
    if not isinstance(mapping, dict):
        return [Problem(path, line, f"{what} must be a mapping (key: value lines)")]
    line_of = mapping.line_of if isinstance(mapping, LineDict) else (lambda _key: line)
    problems: list[Problem] = []
    allowed = {**required, **optional}
    for key, value in mapping.items():
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            problems.append(Problem(path, line_of(key), f"unknown key {key!r} in {what} "
                                                        f"(known keys: {known})"))
        elif not is_kind(value, allowed[key]):
            expected = kind_name(allowed[key])
            problems.append(Problem(path, line_of(key),
                                    f"{what}: {key!r} must be {expected}, not {value!r}"))
    for key in required:
        if key not in mapping:
            problems.append(Problem(path, getattr(mapping, "line", line) or line,
                                    f"{what}: missing key {key!r}"))
    return problems
