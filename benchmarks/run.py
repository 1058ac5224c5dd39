"""``make bench``: measure the kiosk against its speed and memory goals, print a table, and
write ``bench.json``; ``--readme`` also puts the table into docs/PERFORMANCE.md.

Everything runs headless (SDL ``offscreen``) on the real kiosk. The figures that depend on how
fast the machine is at that moment are measured side by side with a reference in the same run:
cold start and memory against a bare Kivy app (one Label, same window size and headless
settings, Kivy's default graphics), started alternately (bare, kiosk, bare, kiosk...), each in
a fresh process. The kiosk turns multisampling off (``kiosk.ui.env``); the same bare app without
it is measured in every pair as well, and shown in the details. Each figure is the median over
several runs (``--runs`` processes for the UI timings, ``--pairs`` starts).

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
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERFORMANCE = ROOT / "docs" / "PERFORMANCE.md"  # where the table lives (once README.md)
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
SCHEMA = 1


@dataclass(frozen=True)
class Figure:
    key: str
    name: str
    value: float
    unit: str  # "ms" or "x"
    goal: float  # the value must be at most this
    detail: str  # the numbers behind the value, for the table

    @property
    def passed(self) -> bool:
        return self.value <= self.goal

    def shown(self) -> str:
        return f"{self.value:.2f}×" if self.unit == "x" else f"{self.value:.1f} ms"

    def goal_shown(self) -> str:
        return f"≤ {self.goal:g}×" if self.unit == "x" else f"≤ {self.goal:g} ms"


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


def _run_json(args: list[str], timeout: float) -> dict:
    """Run ``python -m <args>`` in a fresh process; its last stdout line is a JSON object."""
    env = _child_env()
    env["BENCH_T0_NS"] = str(time.monotonic_ns())
    done = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env, timeout=timeout,
                          capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(args)} failed (exit {done.returncode}):\n"
                           f"{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def probe(kind: str, *extra: str) -> dict:
    return _run_json(["benchmarks.probe", kind, *extra], timeout=120)


def catalogue_load(runs: int) -> list[float]:
    """Milliseconds to read and check every configured language's catalogue, each time in a
    fresh process, as at start."""
    return [probe("catalogues")["load_ms"] for _ in range(runs)]


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
def measure(pairs: int, runs: int, memory_pairs: int, ui_args: list[str],
            visit_languages: list[str] = (), log=print) -> dict:
    # How busy the machine was (1-minute load average), since other work slows every figure.
    raw: dict = {"cold": [], "memory": [], "ui": [], "load_before": os.getloadavg()[0]}
    log(f"bench: catalogue load x{max(3, runs * 3)}")
    raw["catalogue_ms"] = catalogue_load(max(3, runs * 3))
    log(f"bench: cold start, {pairs} pairs (bare, kiosk)")
    for _ in range(pairs):
        bare, flat, kiosk = probe("bare"), probe("bare-flat"), probe("kiosk")
        if kiosk["shown"]["screen"] != "welcome" or not kiosk["shown"]["languages"]:
            raise RuntimeError(f"the kiosk's first frame is not the welcome screen: {kiosk}")
        raw["cold"].append({"bare": bare, "bare_flat": flat, "kiosk": kiosk})
    log(f"bench: memory, {memory_pairs} pairs (bare, kiosk visiting every language)")
    for _ in range(memory_pairs):
        raw["memory"].append({"bare": probe("bare"), "bare_flat": probe("bare-flat"),
                              "visit": probe("visit", *visit_languages)})
    for number in range(runs):
        log(f"bench: UI response times, run {number + 1} of {runs}")
        raw["ui"].append(_run_json(["benchmarks.ui_bench", *ui_args], timeout=1200))
    raw["load_after"] = os.getloadavg()[0]
    return raw


def figures(raw: dict) -> list[Figure]:
    cold = raw["cold"]
    bare_ms = [pair["bare"]["first_frame_ms"] for pair in cold]
    kiosk_ms = [pair["kiosk"]["first_frame_ms"] for pair in cold]
    ratio = median([k / b for k, b in zip(kiosk_ms, bare_ms, strict=True)])
    # The bare app drawn without multisampling, as the kiosk draws: shown beside the
    # reference (Kivy's defaults), so a reader sees what that one setting does.
    flat_ms = [pair["bare_flat"]["first_frame_ms"] for pair in cold]
    flat_ratio = median([k / b for k, b in zip(kiosk_ms, flat_ms, strict=True)])

    def ui(kind: str, field: str, p: float, keep=lambda s: True) -> list[float]:
        """The p-th percentile of each UI run (its samples), one value per run."""
        values = []
        for run in raw["ui"]:
            samples = [s[field] for s in run[kind] if keep(s)] or [s[field] for s in run[kind]]
            values.append(percentile(samples, p))
        return values

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
    frames = [median([s["frames"] for s in run["language_switch"]]) for run in raw["ui"]]
    switch_laid95 = ui("language_switch", "laid_out_ms", 95, warm)
    stop50, stop95 = ui("speech_stop", "stop_ms", 50), ui("speech_stop", "stop_ms", 95)
    memory = raw["memory"]
    mb = lambda kb: f"{median(kb) / 1024:.0f} MB"  # noqa: E731
    bare_kb = [pair["bare"]["vmhwm_kb"] for pair in memory]
    ui_kb = [pair["visit"]["vmhwm_kb"] for pair in memory]
    all_kb = [pair["visit"]["vmhwm_kb"] + pair["visit"]["worker_vmhwm_kb"] for pair in memory]
    flat_kb = [pair["bare_flat"]["vmhwm_kb"] for pair in memory]
    flat = f"bare without multisampling {mb(flat_kb)}"
    return [
        Figure("cold_start_ratio", "Cold start to first frame, kiosk / bare Kivy", ratio, "x",
               1.3, f"kiosk {median(kiosk_ms):.0f} ms, bare {median(bare_ms):.0f} ms "
                    f"(median of {len(cold)} pairs); bare without multisampling "
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
               f"synthesized after {median(synth50):.0f} ms), real espeak-ng worker; p95 "
               f"{median(onset_idle95):.0f} ms when it had nothing queued"),
        Figure("speech_stop_p95", "Speech stop, touch to silence (p95)", median(stop95), "ms",
               100, f"p50 {median(stop50):.1f} ms; Stop button and a touch on the text"),
        Figure("catalogue_load", "Catalogue load, all languages (median)",
               median(raw["catalogue_ms"]), "ms", 100,
               f"{len(raw['catalogue_ms'])} fresh processes, every .po read and checked"),
        Figure("memory_ratio", "Peak memory, kiosk UI process / bare Kivy",
               median(ui_kb) / median(bare_kb), "x", 1.3,
               f"{mb(ui_kb)} vs {mb(bare_kb)}, every language visited; {flat} "
               f"({median(ui_kb) / median(flat_kb):.2f}×)"),
        Figure("memory_ratio_with_worker", "Peak memory with the speech worker / bare Kivy",
               median(all_kb) / median(bare_kb), "x", 1.3,
               f"{mb(all_kb)} (UI + worker) vs {mb(bare_kb)}; {flat} "
               f"({median(all_kb) / median(flat_kb):.2f}×)"),
    ]


# Output -------------------------------------------------------------------------------------
def table(found: list[Figure]) -> str:
    rows = ["| figure | value | goal | result | details |", "|---|---|---|---|---|"]
    for f in found:
        rows.append(f"| {f.name} | {f.shown()} | {f.goal_shown()} | "
                    f"{'pass' if f.passed else '**FAIL**'} | {f.detail} |")
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
    found = [Figure(**{k: f[k] for k in ("key", "name", "value", "unit", "goal", "detail")})
             for f in report["figures"]]
    stages = stages_text(report["cold_start_stages"]).replace("\n", "  \n")
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


def stages_text(stages: dict[str, dict[str, float]]) -> str:
    return "\n".join(f"cold start, {kind}: " + ", ".join(f"{name} +{ms:.0f} ms"
                                                         for name, ms in spans.items())
                     for kind, spans in stages.items())


def build_report(raw: dict, settings: dict) -> dict:
    found = figures(raw)
    graphics = raw["cold"][0]["bare"]["shown"]
    return {
        "schema": SCHEMA,
        "date": dt.date.today().isoformat(),
        "machine": machine(graphics, raw),
        "settings": settings,
        "figures": [{**asdict(f), "passed": f.passed} for f in found],
        "cold_start_stages": cold_start_stages(raw),
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
    if args.quick:
        args.pairs, args.memory_pairs, args.runs = 1, 1, 1
        languages = ["en", "ar"]
        ui_args = ["--rounds", "1", "--speech-rounds", "1", "--languages", *languages,
                   "--page-languages", "en", "--max-pages", "3"]
    else:
        languages = []  # all
        ui_args = ["--rounds", "3", "--speech-rounds", "3"]
    settings = {"pairs": args.pairs, "memory_pairs": args.memory_pairs, "runs": args.runs,
                "ui_args": ui_args, "visit_languages": languages or "all", "quick": args.quick}
    raw = measure(args.pairs, args.runs, args.memory_pairs, ui_args, languages,
                  log=lambda m: print(m, file=sys.stderr, flush=True))
    report = build_report(raw, settings)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    print(table([f for f in figures(raw)]))
    print("\n" + stages_text(report["cold_start_stages"]))
    print(f"\nmachine: {machine_line(report['machine'])}")
    print(f"bench: wrote {args.json}")
    if args.readme:
        update_readme(report)
        print("bench: docs/PERFORMANCE.md table updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
