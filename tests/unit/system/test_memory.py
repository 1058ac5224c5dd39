"""Free heap memory goes back to the system (the kiosk does this after every screen), and the
resident size the soak compares."""

from kiosk.system.memory import release_free_memory, resident_kb


def test_freed_memory_in_the_middle_of_the_heap_is_given_back():
    blocks = [bytes(2000) for _ in range(40_000)]  # ~80 MB in malloc'd blocks, then one more
    keep = bytes(2000)  # on top, so the heap cannot simply shrink from its end
    del blocks
    before = resident_kb()
    assert release_free_memory()  # glibc: the kiosk's platforms all use it
    after = resident_kb()
    assert before - after > 40_000, (before, after)  # most of the ~80 MB is back
    assert keep == bytes(2000)


def test_resident_size_is_read_and_follows_allocations():
    before = resident_kb()
    block = bytearray(64 * 1024 * 1024)  # zero pages are not resident until written
    block[::4096] = b"x" * len(block[::4096])
    assert resident_kb() - before > 50 * 1024
    del block
