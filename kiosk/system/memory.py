"""Giving freed memory back to the system, for a kiosk that runs for weeks.

glibc keeps memory freed by ``free()`` inside the process for reuse, and returns it to the
system only from the top of the heap. A kiosk frees a whole screen of widgets and text at every
screen change, scattered through the heap, so its resident size crept up in steps over a day
and never came down. ``malloc_trim`` hands every free page back (about 10 MB after a visit in
eight languages, in well under a millisecond). Plain Python, no Kivy.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from pathlib import Path

_libc = None
_looked_up = False


def _trim_function():
    global _libc, _looked_up
    if not _looked_up:
        _looked_up = True
        name = ctypes.util.find_library("c")
        try:
            _libc = ctypes.CDLL(name) if name else None
        except OSError:
            _libc = None
    return getattr(_libc, "malloc_trim", None)


def release_free_memory() -> bool:
    """Return free heap pages to the system; False where the C library cannot (not glibc)."""
    trim = _trim_function()
    if trim is None:
        return False
    trim(0)
    return True


def resident_kb() -> int:
    """Resident memory of this process now (VmRSS), in kB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
