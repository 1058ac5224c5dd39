"""Only ``kiosk.ui`` may import Kivy: the core loads, checks and reasons without a display.

Every module outside ``kiosk.ui`` is found by walking the package (a new module is covered
without editing this file), imported in a fresh interpreter, and the source is also scanned, so
an import hidden inside a function (a signal handler, say) is caught before it ever runs.
"""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import kiosk

PACKAGE = Path(kiosk.__file__).parent


def core_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(kiosk.__path__, "kiosk.")
                  if not (info.name == "kiosk.ui" or info.name.startswith("kiosk.ui."))
                  and info.name != "kiosk.__main__")


def test_the_walk_finds_the_core_packages():
    found = core_modules()
    for name in ("kiosk.speech.worker", "kiosk.speech.engines.pyttsx3_engine", "kiosk.cli",
                 "kiosk.content.model", "kiosk.interaction.switch_scan", "kiosk.stand_ins"):
        assert name in found
    assert not [name for name in found if name.startswith("kiosk.ui")]


def test_no_module_outside_ui_loads_kivy():
    code = ("import sys\n"
            f"for name in {core_modules()!r}:\n"
            "    __import__(name)\n"
            "from kiosk.loading import load_kiosk\n"
            "load_kiosk(None)\n"
            "print(sorted(m for m in sys.modules if m == 'kivy' or m.startswith('kivy.')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def kivy_imports(path: Path) -> list[int]:
    """Lines of ``path`` that import Kivy, wherever they are in the file."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        if any(name == "kivy" or name.startswith("kivy.") for name in names):
            lines.append(node.lineno)
    return lines


def test_no_source_outside_ui_imports_kivy_even_inside_a_function():
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}"
             for path in sorted(PACKAGE.rglob("*.py")) if "ui" not in path.relative_to(
                 PACKAGE).parts[:1]
             for line in kivy_imports(path)]
    assert found == []


def test_the_scan_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "handler.py"
    module.write_text("def stop():\n    from kivy.app import App\n    return App\n")
    assert kivy_imports(module) == [2]


def test_check_command_does_not_import_kivy():
    code = ("import sys, io, contextlib\n"
            "from kiosk.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['check'])\n"
            "print('kivy' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_no_module_grows_past_400_lines():
    """A module that long holds more than one concern: split it before it grows further."""
    long = {str(path.relative_to(PACKAGE.parent)): lines for path in PACKAGE.rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_the_package_top_level_stays_small():
    """Packages by concern: a new module belongs in one of them, not beside them."""
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top
