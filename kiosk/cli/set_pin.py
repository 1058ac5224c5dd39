"""``ccsvi-kiosk set-pin``: store the staff PIN, as a salted hash, in a settings file."""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.cli import EXIT_BAD_INPUT
from kiosk.problems import InputError


def cmd_set_pin(path: Path, from_stdin: bool) -> int:
    """Ask for the PIN twice without echo (or read it from stdin), then store only its hash.

    The PIN itself is never printed or logged, not even in an error message.
    """
    import getpass

    from kiosk.admin.pin import hash_pin, pin_problem, set_pin_in_file

    if from_stdin:
        pin = sys.stdin.readline().strip()
    else:
        try:
            pin = getpass.getpass("New staff PIN (4 to 12 digits): ").strip()
            again = getpass.getpass("The same PIN again: ").strip()
        except (EOFError, KeyboardInterrupt):
            print("\nccsvi-kiosk: set-pin: cancelled; nothing changed", file=sys.stderr)
            return EXIT_BAD_INPUT
        if again != pin:
            print("ccsvi-kiosk: set-pin: the two PINs differ; nothing changed", file=sys.stderr)
            return EXIT_BAD_INPUT
    problem = pin_problem(pin)
    if problem:
        print(f"ccsvi-kiosk: set-pin: {problem}; nothing changed", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        set_pin_in_file(path, hash_pin(pin))
    except InputError as exc:
        print(f"ccsvi-kiosk: set-pin: nothing changed: {exc.problems[0]}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"ccsvi-kiosk: set-pin: cannot write {path}: {exc.strerror}; nothing changed",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"ccsvi-kiosk: staff PIN set in {path} (stored as a salted hash); it takes effect "
          "when the kiosk restarts")
    return 0
