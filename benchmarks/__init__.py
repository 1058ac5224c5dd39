"""Speed and memory benchmarks for the kiosk (``make bench``); see ``benchmarks/run.py``.

Kept out of the test suite on purpose: timings depend on the machine, so the goals are checked
here and reported, never asserted by ``make test``.
"""
