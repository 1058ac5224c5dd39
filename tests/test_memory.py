"""Free heap memory goes back to the system (the kiosk does this after every screen)."""

from pathlib import Path

from kiosk.memory import release_free_memory


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_freed_memory_in_the_middle_of_the_heap_is_given_back():
    blocks = [bytes(2000) for _ in range(40_000)]  # ~80 MB in malloc'd blocks, then one more
    keep = bytes(2000)  # on top, so the heap cannot simply shrink from its end
    del blocks
    before = rss_kb()
    assert release_free_memory()  # glibc: the kiosk's platforms all use it
    after = rss_kb()
    assert before - after > 40_000, (before, after)  # most of the ~80 MB is back
    assert keep == bytes(2000)
