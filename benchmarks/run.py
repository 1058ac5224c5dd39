"""``make bench``: measure the kiosk against its speed and memory goals, print a table, and
write ``bench.json``; ``--readme`` also puts the table into docs/PERFORMANCE.md.

Everything runs headless (SDL ``offscreen``) on the real kiosk. The figures that depend on how
fast the machine is at that moment are measured side by side with a reference in the same run:
cold start and memory against a bare Kivy app as it comes (one Label, same window size),
started alternately (bare, kiosk, bare, kiosk...), each in a fresh process. The same bare app
with the kiosk's own Kivy settings (``kiosk.ui.env``) is measured in every pair as well, and
shown beside the reference. Each figure is the median over several runs (``--runs`` processes
for the UI timings, ``--pairs`` starts).

Every figure is measured twice: on the whole machine, then with every process (speech workers
included) pinned to one core (``taskset -c 0``), a rough stand-in for a small kiosk PC. A goal
holds only if both columns meet it. The espeak-ng figures use espeak-ng in every language; the
natural voice's (Piper, in its own worker) have the visitor press Read aloud 0.5 s after the
page appears. Time to first speech is from process start until the welcome screen, asked for at
the first frame, would be heard. On a terminal a progress bar shows how far the run is.

    python -m benchmarks.run [--quick] [--readme] [--json bench.json]
    python -m benchmarks.run --readme-only          # the table from an existing bench.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, fields, replace
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERFORMANCE = ROOT / "docs" / "PERFORMANCE.md"  # where the table lives (once README.md)
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
SCHEMA = 1
NATURAL_AFTER_SHOWN_S = 0.5  # Read aloud this long after the page appears, as a quick visitor
BESIDE = "against the bare app with the kiosk's settings"


@dataclass(frozen=True)
class Figure:
    key: str
    name: str
    value: float
    unit: str  # "ms", "x" or "MB"
    goal: float | None  # the value must be at most this; None: reported, no goal
    detail: str  # the numbers behind the value, for the table
    one_core: float | None = None  # the same figure with everything on CPU 0 (taskset -c 0)
    one_core_detail: str = ""
    beside: str = ""  # shown after the value, e.g. the ratio against another reference

    @property
    def passed(self) -> bool:
        """Within the goal on the whole machine and on one core."""
        return self.goal is None or all(v <= self.goal for v in (self.value, self.one_core)
                                        if v is not None)

    def shown(self, value: float | None = None) -> str:
        value = self.value if value is None else value
        if self.unit == "x":
            return f"{value:.2f}×"
        return f"{value:.0f} MB" if self.unit == "MB" else f"{value:.1f} ms"

    def shown_one_core(self) -> str:
        return "—" if self.one_core is None else self.shown(self.one_core)

    def goal_shown(self) -> str:
        if self.goal is None:
            return "—"
        return f"≤ {self.goal:g}×" if self.unit == "x" else f"≤ {self.goal:g} {self.unit}"

    def result(self) -> str:
        if self.goal is None:
            return "reported"
        return "pass" if self.passed else "**FAIL**"


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p % of values at or below."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def median(values: list[float]) -> float:
    return float(statistics.median(values))


# Running the probes -------------------------------------------------------------------------
def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["SDL_VIDEODRIVER"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _run_json(args: list[str], timeout: float, one_core: bool = False) -> dict:
    """Run ``python -m <args>`` in a fresh process; its last stdout line is a JSON object.
    ``one_core``: the process and every process it starts may run on CPU 0 only
    (``taskset -c 0``, or the same affinity set before it starts where there is no taskset)."""
    env = _child_env()
    command = [sys.executable, "-m", *args]
    pin = None
    if one_core and shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    elif one_core:
        pin = lambda: os.sched_setaffinity(0, {0})  # noqa: E731
    env["BENCH_T0_NS"] = str(time.monotonic_ns())
    done = subprocess.run(command, cwd=ROOT, env=env, timeout=timeout, preexec_fn=pin,
                          capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(args)} failed (exit {done.returncode}):\n"
                           f"{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def machine(graphics: dict, raw: dict) -> dict:
    model = platform.processor() or platform.machine()
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
        if found:
            model = found.group(1).strip()
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "kivy": metadata.version("kivy"),
        "os": platform.platform(terse=True),
        "sdl_video_driver": graphics.get("sdl_video_driver", ""),
        "gl_renderer": graphics.get("gl_renderer", ""),
        "gl_version": graphics.get("gl_version", ""),
        "load_average": [round(raw.get("load_before", 0.0), 1),
                         round(raw.get("load_after", 0.0), 1)],
    }


# The measurements ---------------------------------------------------------------------------
def steps(pairs: int, runs: int, memory_pairs: int, natural: bool) -> int:
    """How many fresh processes ``measure`` starts, for the progress bar."""
    return (max(3, runs * 3) + pairs * 3 + memory_pairs * 3 + runs
            + (runs if natural else 0) + pairs * (2 if natural else 1))


def measure(pairs: int, runs: int, memory_pairs: int, ui_args: list[str],
            visit_languages: list[str] = (), log=print,
            natural_args: list[str] | None = None, one_core: bool = False,
            step=lambda: None) -> dict:
    """Every figure's raw numbers, each from fresh processes; ``one_core``: every process,
    and every process it starts, on CPU 0 only. ``step`` is called after each process."""
    where = "one core" if one_core else "whole machine"

    def run_json(args: list[str], timeout: float) -> dict:
        found = _run_json(args, timeout, one_core=one_core)
        step()
        if one_core and found.get("cpus", [0]) != [0]:
            raise RuntimeError(f"the one-core run was not on one core: {found['cpus']}")
        return found

    def probe_(kind: str, *extra: str) -> dict:
        return run_json(["benchmarks.probe", kind, *extra], 120)

    # How busy the machine was (1-minute load average), since other work slows every figure.
    raw: dict = {"cold": [], "memory": [], "ui": [], "first_speech": [],
                 "load_before": os.getloadavg()[0]}
    log(f"bench ({where}): catalogue load x{max(3, runs * 3)}")
    raw["catalogue_ms"] = [probe_("catalogues")["load_ms"] for _ in range(max(3, runs * 3))]
    log(f"bench ({where}): cold start, {pairs} pairs (bare, kiosk)")
    for _ in range(pairs):
        bare, flat, kiosk = probe_("bare"), probe_("bare-flat"), probe_("kiosk")
        if kiosk["shown"]["screen"] != "welcome" or not kiosk["shown"]["languages"]:
            raise RuntimeError(f"the kiosk's first frame is not the welcome screen: {kiosk}")
        raw["cold"].append({"bare": bare, "bare_flat": flat, "kiosk": kiosk})
    log(f"bench ({where}): time to first speech, {pairs} starts of each voice")
    for _ in range(pairs):  # alternately, so both see the same machine
        kinds = ["clear", "natural"] if natural_args is not None else ["clear"]
        raw["first_speech"].append({kind: probe_("first-speech", kind) for kind in kinds})
    log(f"bench ({where}): memory, {memory_pairs} pairs (bare, kiosk visiting every language)")
    for _ in range(memory_pairs):
        raw["memory"].append({"bare": probe_("bare"), "bare_flat": probe_("bare-flat"),
                              "visit": probe_("visit", *visit_languages)})
    for number in range(runs):
        log(f"bench ({where}): UI response times, run {number + 1} of {runs}")
        raw["ui"].append(run_json(["benchmarks.ui_bench", *ui_args], 1200))
    if natural_args is not None:
        raw["natural"] = []
        for number in range(runs):
            log(f"bench ({where}): natural voice, run {number + 1} of {runs}")
            found = run_json(["benchmarks.ui_bench", *natural_args], 1200)
            if one_core and found.get("natural_worker_cpus") != [0]:
                raise RuntimeError("the natural voice's worker was not on one core: "
                                   f"{found.get('natural_worker_cpus')}")
            raw["natural"].append(found)
    raw["load_after"] = os.getloadavg()[0]
    return raw


def figures(raw: dict) -> list[Figure]:
    cold = raw["cold"]
    bare_ms = [pair["bare"]["first_frame_ms"] for pair in cold]
    kiosk_ms = [pair["kiosk"]["first_frame_ms"] for pair in cold]
    ratio = median([k / b for k, b in zip(kiosk_ms, bare_ms, strict=True)])
    # The bare app drawn with the kiosk's own Kivy settings (no multisampling, images through
    # SDL): shown beside the reference (Kivy as it comes), so a reader sees what they do.
    flat_ms = [pair["bare_flat"]["first_frame_ms"] for pair in cold]
    flat_ratio = median([k / b for k, b in zip(kiosk_ms, flat_ms, strict=True)])

    def ui(kind: str, field: str, p: float, keep=lambda s: True) -> list[float]:
        return per_run(raw["ui"], kind, field, p, keep)

    warm = lambda s: s.get("warm", True)  # noqa: E731 - a filter, read where it is used
    switch50, switch95 = ui("language_switch", "drawn_ms", 50, warm), \
        ui("language_switch", "drawn_ms", 95, warm)
    # The UI thread's own time (CPU), so other programs on the machine do not count; the wall
    # clock figures are in the details.
    turn50, turn95 = ui("page_turn", "cpu_ms", 50), ui("page_turn", "cpu_ms", 95)
    same = lambda s: not s["topic_change"]  # noqa: E731
    turn_same95 = ui("page_turn", "cpu_ms", 95, same)
    nogc = lambda s: s["gc_ms"] < 20  # noqa: E731 - no full garbage collection in the turn
    turn_nogc95 = ui("page_turn", "cpu_ms", 95, nogc)
    wall95 = ui("page_turn", "laid_out_ms", 95)
    drawn95 = ui("page_turn", "drawn_ms", 95)
    onset50, onset95 = ui("speech_onset", "onset_ms", 50), ui("speech_onset", "onset_ms", 95)
    idle_worker = lambda s: s.get("backlog", 0) == 0  # noqa: E731
    onset_idle95 = ui("speech_onset", "onset_ms", 95, idle_worker)
    synthesized = lambda s: s.get("synthesized_ms") is not None  # noqa: E731
    synth50 = ui("speech_onset", "synthesized_ms", 50, synthesized)
    pressed50 = ui("speech_onset", "after_shown_ms", 50)
    frames = [median([s["frames"] for s in run["language_switch"]]) for run in raw["ui"]]
    switch_laid95 = ui("language_switch", "laid_out_ms", 95, warm)
    stop50, stop95 = ui("speech_stop", "stop_ms", 50), ui("speech_stop", "stop_ms", 95)
    memory = raw["memory"]
    mb = lambda kb: f"{median(kb) / 1024:.0f} MB"  # noqa: E731
    bare_kb = [pair["bare"]["vmhwm_kb"] for pair in memory]
    ui_kb = [pair["visit"]["vmhwm_kb"] for pair in memory]
    all_kb = [pair["visit"]["vmhwm_kb"] + pair["visit"]["worker_vmhwm_kb"] for pair in memory]
    flat_kb = [pair["bare_flat"]["vmhwm_kb"] for pair in memory]
    flat = f"bare with the kiosk's settings {mb(flat_kb)}"
    return [
        Figure("cold_start_ratio", "Cold start to first frame, kiosk / bare Kivy", ratio, "x",
               1.3, f"kiosk {median(kiosk_ms):.0f} ms, bare {median(bare_ms):.0f} ms "
                    f"(median of {len(cold)} pairs); bare with the kiosk's settings "
                    f"{median(flat_ms):.0f} ms ({flat_ratio:.2f}×)"),
        Figure("language_switch_p95", "Language switch, tap to redrawn page (p95)",
               median(switch95), "ms", 50,
               f"p50 {median(switch50):.0f} ms; laid out p95 {median(switch_laid95):.0f} ms; "
               f"{median(frames):.0f} frames drawn; first switch to each language excluded"),
        Figure("page_turn_p95", "Page turn, Next to laid out, UI-thread time (p95)",
               median(turn95), "ms", 16,
               f"p50 {median(turn50):.1f} ms; within a topic p95 {median(turn_same95):.1f} ms; "
               f"turns without a full garbage collection p95 {median(turn_nogc95):.1f} ms; "
               f"wall clock p95 {median(wall95):.0f} ms, to drawn {median(drawn95):.0f} ms"),
        Figure("speech_onset_p95", "Speech onset, Read aloud to first audio (p95)",
               median(onset95), "ms", 150, f"p50 {median(onset50):.0f} ms (first sentence "
               f"ready {median(synth50):+.0f} ms from the press, pressed "
               f"{median(pressed50):.0f} ms after the page appeared), real espeak-ng worker; "
               f"p95 {median(onset_idle95):.0f} ms when it had nothing queued"),
        Figure("speech_stop_p95", "Speech stop, touch to silence (p95)", median(stop95), "ms",
               100, f"p50 {median(stop50):.1f} ms; Stop button and a touch on the text"),
        *natural_figures(raw),
        Figure("catalogue_load", "Catalogue load, all languages (median)",
               median(raw["catalogue_ms"]), "ms", 100,
               f"{len(raw['catalogue_ms'])} fresh processes, every .po read and checked"),
        Figure("memory_ratio", "Peak memory, kiosk UI process / bare Kivy",
               median(ui_kb) / median(bare_kb), "x", 1.3,
               f"{mb(ui_kb)} vs {mb(bare_kb)}, every language visited; {flat}",
               beside=f"{median(ui_kb) / median(flat_kb):.2f}× {BESIDE}"),
        Figure("memory_ratio_with_worker", "Peak memory with the speech worker / bare Kivy",
               median(all_kb) / median(bare_kb), "x", 1.3,
               f"{mb(all_kb)} (UI + worker) vs {mb(bare_kb)}; {flat}",
               beside=f"{median(all_kb) / median(flat_kb):.2f}× {BESIDE}"),
        *first_speech_figures(raw),
    ]


def per_run(runs: list[dict], kind: str, field: str, p: float, keep=lambda s: True
            ) -> list[float]:
    """The p-th percentile of each UI run's samples of ``kind`` (those ``keep`` accepts, or all
    if it accepts none), one value per run."""
    values = []
    for run in runs:
        samples = [s[field] for s in run[kind] if keep(s)] or [s[field] for s in run[kind]]
        values.append(percentile(samples, p))
    return values


def natural_figures(raw: dict) -> list[Figure]:
    """Onset, stop and real-time factor of the natural voice, and its worker's peak memory
    (none when Piper was not there to measure)."""
    runs = raw.get("natural")
    if not runs:
        return []
    onset50 = per_run(runs, "speech_onset", "onset_ms", 50)
    onset95 = per_run(runs, "speech_onset", "onset_ms", 95)
    idle95 = per_run(runs, "speech_onset", "onset_ms", 95, lambda s: s["backlog"] == 0)
    pressed = median(per_run(runs, "speech_onset", "after_shown_ms", 50))
    onsets = [s for run in runs for s in run["speech_onset"]]
    prepared = sum(s["synthesized_ms"] is not None and s["synthesized_ms"] <= 0 for s in onsets)
    queued = sum(s["backlog"] > 0 for s in onsets)
    stop50 = per_run(runs, "speech_stop", "stop_ms", 50)
    stop95 = per_run(runs, "speech_stop", "stop_ms", 95)
    rtf50 = per_run(runs, "real_time_factor", "rtf", 50)
    rtf95 = per_run(runs, "real_time_factor", "rtf", 95)
    sentences = runs[0]["real_time_factor"]
    synth50 = per_run(runs, "real_time_factor", "synth_ms", 50)
    audio50 = median([s["audio_ms"] for s in sentences])
    memory = [run["natural_worker_vmhwm_kb"] for run in runs]
    clear = [run["worker_vmhwm_kb"] for run in runs if run["worker_vmhwm_kb"]]
    return [
        Figure("natural_onset_p95", "Natural voice onset, Read aloud to first audio (p95)",
               median(onset95), "ms", 150,
               f"p50 {median(onset50):.0f} ms; pressed {pressed:.0f} ms after the page "
               f"appeared; first sentence ready before the press in {prepared} of "
               f"{len(onsets)} readings; {queued} began with the worker still busy (the last "
               f"page's sentences), p95 {median(idle95):.0f} ms without those; real Piper "
               f"worker"),
        Figure("natural_stop_p95", "Natural voice stop, touch to silence (p95)",
               median(stop95), "ms", 100,
               f"p50 {median(stop50):.1f} ms; Stop button and a touch on the text"),
        Figure("natural_rtf_p95", "Natural voice real-time factor, synthesis / audio time (p95)",
               median(rtf95), "x", None,
               f"p50 {median(rtf50):.3f}×; {len(sentences)} content sentences one at a time, "
               f"median {median(synth50):.0f} ms for {audio50 / 1000:.1f} s of audio"),
        Figure("natural_worker_memory", "Peak memory of the natural speech worker, voice loaded",
               median(memory) / 1024, "MB", None,
               f"VmHWM after loading the voice and speaking ({len(memory)} processes); the "
               f"espeak-ng worker beside it "
               + (f"{median(clear) / 1024:.0f} MB" if clear else "not started")),
    ]


def first_speech_figures(raw: dict) -> list[Figure]:
    """From process start until the welcome screen could be heard, for each kind of voice."""
    found = []
    names = {"clear": ("clear", "espeak-ng (clear voice)"), "natural": ("natural",
                                                                         "natural voice")}
    for kind, (key, label) in names.items():
        starts = [start[kind] for start in raw.get("first_speech", []) if kind in start]
        if not starts:
            continue
        sound = [s["first_sound_ms"] for s in starts]
        frame = [s["first_frame_ms"] for s in starts]
        engines = sorted({f"{s['engine']} {s['voice']}" for s in starts})
        found.append(Figure(
            f"first_speech_{key}", f"Time to first speech, {label} (median)", median(sound),
            "ms", None, f"process start to the first sound of the welcome screen read out "
                        f"at the first frame ({median(frame):.0f} ms): worker started, voice "
                        f"loaded, sentence made; {', '.join(engines)}; {len(starts)} starts"))
    return found


def all_figures(raw: dict) -> list[Figure]:
    """Each figure on the whole machine, with the same figure on one core beside it."""
    whole = figures(raw)
    pinned = {f.key: f for f in figures(raw["one_core"])} if raw.get("one_core") else {}
    merged = []
    for figure in whole:
        other = pinned.get(figure.key)
        if other is not None:
            figure = replace(figure, one_core=other.value, one_core_detail=(
                f"{other.detail}" + (f"; {other.beside}" if other.beside else "")))
        merged.append(figure)
    return merged


# Output -------------------------------------------------------------------------------------
def table(found: list[Figure]) -> str:
    rows = ["| figure | whole machine | one core | goal | result | details |",
            "|---|---|---|---|---|---|"]
    for f in found:
        beside = f" ({f.beside})" if f.beside else ""
        pinned = f"<br>one core: {f.one_core_detail}" if f.one_core_detail else ""
        rows.append(f"| {f.name} | {f.shown()}{beside} | {f.shown_one_core()} | "
                    f"{f.goal_shown()} | {f.result()} | {f.detail}{pinned} |")
    return "\n".join(rows)


def machine_line(info: dict) -> str:
    return (f"{info['cpu']}, {info['cores']} cores; Python {info['python']}, Kivy "
            f"{info['kivy']}; SDL video driver `{info['sdl_video_driver']}`, OpenGL "
            f"{info['gl_renderer']} ({info['gl_version']}); {info['os']}" + _load(info))


def _load(info: dict) -> str:
    if "load_average" not in info:
        return ""
    start, end = info["load_average"]
    return f"; load average {start:g} at the start, {end:g} at the end"


def readme_block(report: dict) -> str:
    names = {field.name for field in fields(Figure)}
    found = [Figure(**{k: v for k, v in f.items() if k in names}) for f in report["figures"]]
    stages = all_stages_text(report).replace("\n", "  \n")
    return (f"{START}\n{table(found)}\n\nMeasured {report['date']} on: "
            f"{machine_line(report['machine'])}.\n\nWhere the start-up time goes (median "
            f"per stage, from process start):  \n{stages}\n{END}")


def update_readme(report: dict, path: Path = PERFORMANCE) -> None:
    """Replace the table between the markers in ``path`` (named for the ``--readme`` flag)."""
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"bench: {path} has no {START} ... {END} markers")
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    path.write_text(before + readme_block(report) + after, encoding="utf-8")


def cold_start_stages(raw: dict) -> dict[str, dict[str, float]]:
    """Median milliseconds spent in each stage of the start, for the kiosk and the bare app."""
    found: dict[str, dict[str, float]] = {}
    for kind in ("bare", "kiosk"):
        runs = [pair[kind]["stages"] for pair in raw["cold"]]
        names = list(runs[0])
        found[kind] = {}
        for before, name in zip(["start", *names], names, strict=False):
            spans = [r[name] - (r[before] if before != "start" else 0.0) for r in runs]
            found[kind][name] = round(median(spans), 1)
    return found


def stages_text(stages: dict[str, dict[str, float]], where: str = "") -> str:
    return "\n".join(f"cold start{where}, {kind}: " + ", ".join(
        f"{name} +{ms:.0f} ms" for name, ms in spans.items()) for kind, spans in stages.items())


def all_stages_text(report: dict) -> str:
    text = stages_text(report["cold_start_stages"])
    if report.get("cold_start_stages_one_core"):
        text += "\n" + stages_text(report["cold_start_stages_one_core"], " on one core")
    return text


def build_report(raw: dict, settings: dict) -> dict:
    found = all_figures(raw)
    graphics = raw["cold"][0]["bare"]["shown"]
    return {
        "schema": SCHEMA,
        "date": dt.date.today().isoformat(),
        "machine": machine(graphics, raw),
        "settings": settings,
        "figures": [{**asdict(f), "passed": f.passed} for f in found],
        "cold_start_stages": cold_start_stages(raw),
        "cold_start_stages_one_core": (cold_start_stages(raw["one_core"])
                                       if raw.get("one_core") else {}),
        "raw": raw,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=9, help="cold starts of each app")
    parser.add_argument("--memory-pairs", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3, help="processes for the UI timings")
    parser.add_argument("--quick", action="store_true",
                        help="one of everything (checks the benchmark works; numbers are rough)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench.json")
    parser.add_argument("--readme", action="store_true",
                        help="also update the table in docs/PERFORMANCE.md (it used to be in "
                             "README.md; the flag kept its name)")
    parser.add_argument("--readme-only", action="store_true",
                        help="update docs/PERFORMANCE.md's table from --json without measuring")
    args = parser.parse_args(argv)
    if args.readme_only:
        update_readme(json.loads(args.json.read_text(encoding="utf-8")))
        print(f"bench: docs/PERFORMANCE.md table updated from {args.json}")
        return 0
    natural_args = ["--voice", "natural", "--speech-only",
                    "--after-shown", str(NATURAL_AFTER_SHOWN_S)]
    if args.quick:
        args.pairs, args.memory_pairs, args.runs = 1, 1, 1
        languages = ["en", "ar"]
        ui_args = ["--rounds", "1", "--speech-rounds", "1", "--languages", *languages,
                   "--page-languages", "en", "--max-pages", "3"]
        natural_args += ["--speech-rounds", "2", "--rtf-sentences", "3"]
    else:
        languages = []  # all
        ui_args = ["--rounds", "3", "--speech-rounds", "3"]
        natural_args += ["--speech-rounds", "20", "--rtf-sentences", "30"]
    from kiosk.progress import progress
    from kiosk.speech.factory import natural_engine_installed

    natural = natural_engine_installed()
    total = 2 * steps(args.pairs, args.runs, args.memory_pairs, natural)
    with progress(total, "bench", unit="process") as bar:
        # On a terminal the bar names the step; otherwise each step is a line, as before.
        log = bar.describe if bar.shown else (
            lambda m: print(m, file=sys.stderr, flush=True))
        if not natural:
            log("bench: Piper is not installed (make setup installs it): no natural-voice "
                "figures")
            natural_args = None
        settings = {"pairs": args.pairs, "memory_pairs": args.memory_pairs, "runs": args.runs,
                    "ui_args": ui_args, "natural_args": natural_args,
                    "visit_languages": languages or "all", "quick": args.quick}
        raw = measure(args.pairs, args.runs, args.memory_pairs, ui_args, languages, log=log,
                      natural_args=natural_args, step=bar.update)
        raw["one_core"] = measure(args.pairs, args.runs, args.memory_pairs, ui_args,
                                  languages, log=log, natural_args=natural_args,
                                  one_core=True, step=bar.update)
    report = build_report(raw, settings)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    print(table(all_figures(raw)))
    print("\n" + all_stages_text(report))
    print(f"\nmachine: {machine_line(report['machine'])}")
    print(f"bench: wrote {args.json}")
    if args.readme:
        update_readme(report)
        print("bench: docs/PERFORMANCE.md table updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
