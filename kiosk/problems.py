"""Problems found in input files, reported as ``file:line: message``.

Every loader collects problems instead of raising, so that ``check`` can list all of them at once
and the kiosk can refuse bad input with one clear line instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: Path | str
    line: int | None
    message: str
    severity: str = "error"  # "error" fails `check`; "warning" is reported only

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {prefix}{self.message}"


class InputError(Exception):
    """Raised when a file cannot be used at all; carries every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
