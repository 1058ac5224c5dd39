"""The unit level runs without Kivy: it is what a newcomer runs first, on any machine.

Two halves: importing every unit test module (and the fixtures they share) loads no Kivy, and
``conftest.py`` here fails any unit test that loads it while it runs.
"""

import subprocess
import sys

from kiosk import paths


def test_collecting_every_unit_test_loads_no_kivy():
    code = ("import sys, pytest\n"
            "rc = pytest.main(['-q', '-o', 'addopts=', '-p', 'no:cacheprovider', '--co', "
            "'tests/unit'])\n"
            "print('KIVY' if 'kivy' in sys.modules else 'CLEAN', int(rc))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=paths.PROJECT_DIR)
    assert result.stdout.strip().splitlines()[-1] == "CLEAN 0", result.stdout[-2000:]


def test_the_guard_sees_kivy_being_loaded():
    code = ("import sys\n"
            "from tests.unit.conftest import loaded_kivy\n"
            "before = loaded_kivy()\n"
            "import kivy.metrics\n"
            "print(before, loaded_kivy())\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=paths.PROJECT_DIR, env={"KIVY_NO_ARGS": "1",
                                                        "KIVY_NO_CONFIG": "1",
                                                        "KIVY_NO_FILELOG": "1", "HOME": "/tmp"})
    assert result.stdout.split() == ["False", "True"], result.stderr[-2000:]
