"""The core must run without Kivy: no display is needed to load, check or reason about it."""

import subprocess
import sys

CORE = ["kiosk.content", "kiosk.i18n", "kiosk.session", "kiosk.speech", "kiosk.input_policy",
        "kiosk.config", "kiosk.loading", "kiosk.check", "kiosk.pagination", "kiosk.theme",
        "kiosk.sizes", "kiosk.fonts", "kiosk.cli", "kiosk.i18n_tools", "kiosk.i18n_cli",
        "kiosk.readability", "kiosk.bidi_text", "kiosk.glyphs", "kiosk.extract",
        "kiosk.admin_pin", "kiosk.admin_status", "kiosk.memory"]


def test_core_modules_do_not_import_kivy():
    code = ("import sys\n"
            f"for name in {CORE!r}:\n"
            "    __import__(name)\n"
            "from kiosk.loading import load_kiosk\n"
            "load_kiosk(None)\n"
            "print(sorted(m for m in sys.modules if m == 'kivy' or m.startswith('kivy.')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_check_command_does_not_import_kivy():
    code = ("import sys, io, contextlib\n"
            "from kiosk.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['check'])\n"
            "print('kivy' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
