"""The soak test's short form: 1,000 random visitor actions on the real app (``make soak`` runs
20,000). A failure shows the seed and the last actions; set ``SOAK_SEED`` to replay one."""

import json
import os
import random
import subprocess
import sys
import threading

import pytest
from kivy.clock import Clock

from kiosk.progress import progress
from kiosk.ui.headless.monkey.actions import Monkey
from kiosk.ui.headless.monkey.result import SoakResult, measure_growth


def monkey(*args, tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    out = tmp_path / "soak.json"
    # As `make soak` runs it: without the Kivy settings this test process has made, so a Kivy
    # import before the soak sets Kivy up would show (Kivy would read the soak's arguments).
    clean = {name: value for name, value in os.environ.items() if not name.startswith("KIVY_")}
    result = subprocess.run([sys.executable, "-m", "kiosk.ui.headless.monkey", "--json", str(out),
                             "--speech", "recording", *args],
                            capture_output=True, text=True, timeout=1800, env=clean)
    return result, (json.loads(out.read_text()) if out.exists() else None)


def test_a_thousand_random_actions_raise_nothing_and_reach_every_screen(tmp_path):
    seed = int(os.environ.get("SOAK_SEED") or random.SystemRandom().randrange(10**9))
    result, summary = monkey("--actions", "1000", "--seed", str(seed),
                             "--max-growth-mb", "-1", tmp_path=tmp_path)
    report = result.stdout + result.stderr  # the seed and the last 30 actions, on failure
    assert summary is not None, report
    assert summary["errors"] == [], report
    assert summary["done"] == 1000, report
    assert summary["visited"] == summary["screens"], report
    assert {"welcome", "topics", "reader", "help", "settings", "voice"} <= set(summary["screens"])
    assert result.returncode == 0, report
    # Memory is only reported here: 1,000 actions barely pass the warm-up (make soak checks it).
    print(f"soak seed {seed}: VmRSS {summary['rss_warm_kb'] // 1024} MB after warm-up, "
          f"{summary['growth_mb']:+.1f} MB by the end; {summary['cpu_seconds']} s CPU")


def test_a_seed_replays_the_same_visit(tmp_path):
    runs = [monkey("--actions", "40", "--seed", "7", "--warmup", "40",
                   "--max-growth-mb", "-1", tmp_path=tmp_path / str(n)) for n in (1, 2)]
    (first, one), (second, two) = runs
    assert one is not None and two is not None, first.stderr + second.stderr
    assert len(one["last_actions"]) == 30
    assert one["last_actions"] == two["last_actions"]
    assert "soak: seed 7, 40 actions" in first.stdout
    assert "\r" not in first.stdout + first.stderr  # piped: no progress bar


def test_errors_kivy_or_a_thread_only_log_still_fail_the_run_and_show_the_seed(ui, monkeypatch):
    def thread_fails():
        raise RuntimeError("worker thread broke")

    def clock_fails(_dt):
        raise ValueError("a clock callback broke")

    thread = threading.Thread(target=thread_fails, name="doomed")
    original = Monkey.act_wait

    def act_wait(self):
        thread.start()
        thread.join()
        return original(self)

    monkeypatch.setattr(Monkey, "act_wait", act_wait)
    result = Monkey(ui, seed=5).run(40, warmup=40)
    monkeypatch.undo()
    assert any("worker thread broke" in e for e in result.errors)
    failures = result.failures(None)
    assert failures and result.done < 40
    assert result.history[-1].startswith(f"#{result.done - 1} ")

    Clock.schedule_once(clock_fails, 0)
    result = Monkey(ui, seed=6).run(10, warmup=10)
    assert any("a clock callback broke" in e for e in result.errors)
    assert "a clock callback broke" in result.history[-1]


def test_each_action_done_is_counted_for_the_bar_make_soak_shows_on_a_terminal(ui):
    with progress(12, "soak", unit="action", quiet=True) as counter:  # counts, draws nothing
        result = Monkey(ui, seed=11).run(12, warmup=12, progress=counter)
    assert counter.n == result.done == 12 == counter.total


def test_memory_is_read_between_visitors_and_compared_by_medians_of_thirds(ui, monkeypatch):
    import statistics

    from kiosk.ui.headless.monkey import actions

    monkeypatch.setattr(actions, "VISITOR_EVERY", 10)
    result = Monkey(ui, seed=8).run(60, warmup=0)
    assert [index for index, _kb in result.rss_samples] == [0, 10, 20, 30, 40, 50, 60]
    values = [kb for _index, kb in result.rss_samples]
    assert result.rss_warm_kb == round(statistics.median(values[:2]))  # a third of 7
    assert result.rss_end_kb == round(statistics.median(values[-2:]))
    slope = statistics.linear_regression([0, 10, 20, 30, 40, 50, 60], values).slope
    assert result.rss_trend_mb * 1024 == pytest.approx(slope * 60)
    assert ui.app.session.location.screen == "welcome"  # the last reading: a visit reset


def test_the_visitor_finishes_every_frame_as_a_display_would(ui, monkeypatch):
    """The offscreen window's buffer swap does nothing, so unless the visitor finishes each
    frame, the software renderer keeps the drawing commands of every redraw queued (about one
    byte per pixel each) and a memory reading depends on how many happened to be waiting."""
    from kivy.core.window import Window

    from kiosk.system.memory import release_free_memory, resident_kb

    redraws, grown_kb = 20, []

    def act_wait(self):
        release_free_memory()
        before = resident_kb()
        for _ in range(redraws):
            Window.canvas.ask_update()
            self.driver.pump(1)
        release_free_memory()
        grown_kb.append(resident_kb() - before)
        return "redrew the screen"

    monkeypatch.setattr(Monkey, "act_wait", act_wait)
    monkeypatch.setattr(Monkey, "WEIGHTS", {"wait": 1.0})
    Monkey(ui, seed=9).run(2, warmup=2)
    queued_kb = redraws * Window.width * Window.height / 1024  # what queued frames held
    assert len(grown_kb) == 2 and max(grown_kb) < queued_kb / 4, (grown_kb, queued_kb)


def _readings(values_mb: list[float]) -> SoakResult:
    result = SoakResult(seed=1, actions=len(values_mb) * 500, screens=set())
    result.done = result.actions
    result.rss_samples = [(i * 500, round(mb * 1024)) for i, mb in enumerate(values_mb)]
    measure_growth(result)
    return result


def test_a_steady_leak_fails_however_the_readings_wander():
    # 0.5 MB more every 500 actions for 16,000 actions, under ±4 MB of renderer noise.
    noise = [4, -4, 0, 3, -3, 1, -1, 4, -4, 2, -2, 0, 3, -3, 1, -1, 4]
    leaking = _readings([200 + 0.5 * i + n for i, n in enumerate(noise * 2)][:33])
    assert leaking.growth_mb > 5 and leaking.rss_trend_mb > 5
    assert [f[:23] for f in leaking.failures(5.0)] == ["resident memory grew by"]


def test_a_slow_steady_rise_fails_on_its_trend():
    # 6.4 MB over the run: the thirds' middles are only 4.4 MB apart, the trend shows it all.
    rising = _readings([200 + 6.4 * i / 32 for i in range(33)])
    assert rising.growth_mb < 5 < rising.rss_trend_mb
    assert [f[:23] for f in rising.failures(5.0)] == ["resident memory grew by"]


def test_readings_that_only_wander_pass():
    noise = [4, -4, 0, 3, -3, 1, -1, 4, -4, 2, -2, 0, 3, -3, 1, -1, 4]
    wandering = _readings([200 + n for n in (noise * 2)][:33])
    assert abs(wandering.growth_mb) < 2 and abs(wandering.rss_trend_mb) < 2
    assert wandering.failures(5.0) == []
