"""Response times of the running kiosk, driven by real touches, in one fresh process.

Run by ``benchmarks.run`` as ``python -m benchmarks.ui_bench --rounds N``; prints one JSON
object. The kiosk is the real one (``kiosk.ui.headless.driver.Driver``: real window, SDL offscreen,
touches through Kivy's input queue) with the kiosk's REAL speech (``benchmarks.probe.
kiosk_synthesizer``: the choosing synthesizer and its worker processes); only the player
records instead of playing, because there is no sound card, and it notes the moment it is
handed audio and the moment it is told to stop.

``--voice clear`` (the default) speaks with espeak-ng alone, in every language, as before the
natural voices. ``--voice natural --speech-only --after-shown 0.5`` measures the natural voice
(Piper, in its own worker) instead: only the languages that have one, Read aloud pressed 0.5 s
after the page appears (a quick visitor; the page's first sentence is synthesized when it is
shown), then ``--rtf-sentences N`` content sentences synthesized one at a time for the
real-time factor (synthesis time / audio duration), and the natural worker's peak memory.
``benchmarks.run`` runs that once on the whole machine and once under ``taskset -c 0``.

Every measured interval starts just before Kivy's event loop receives the finger's release
(or, for "touch to silence", the touch itself) and ends:

- ``laid_out_ms``: when Kivy starts drawing the frame after the widgets have been rebuilt and
  laid out (the window's ``on_draw``), by the wall clock; ``cpu_ms`` is the UI thread's own CPU
  time over the same span (``time.thread_time``), which other programs on a shared machine do
  not inflate, and ``gc_ms`` the part of it the garbage collector took;
- ``drawn_ms``: when that frame is drawn (``on_flip``, after ``glFinish``);
- speech: when the player is handed the first audio, or told to stop (timed without
  ``glFinish``, which the kiosk itself never calls).

If the UI needs more than one frame to settle, the last drawn frame counts. Before each
measured release the loop rests 20 ms, as a finger does, so Kivy's 60 fps limiter has nothing
to wait for inside the measured frame.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.probe import WINDOW, kiosk_synthesizer, peak_rss_kb, worker_pids

SETTLE_FRAMES = 6  # at most this many frames after the release for the UI to settle
SPEECH_TIMEOUT_S = 10.0


@dataclass
class FrameWatch:
    """Times (``perf_counter``) at which the window started drawing and finished a frame, the
    UI thread's CPU time (``thread_time``) when it started drawing, and the garbage
    collector's pauses, so a slow sample can be told apart from a busy machine."""

    draws: list[float] = field(default_factory=list)
    draws_cpu: list[float] = field(default_factory=list)
    flips: list[float] = field(default_factory=list)
    collections: list[tuple[float, float]] = field(default_factory=list)
    # Wait for each frame to be drawn (``glFinish``) so ``flips`` are "drawn" times. Off while
    # speech is timed: the kiosk itself never waits for the renderer, and neither should it
    # while the timed speech tick is due.
    finish: bool = True

    def attach(self) -> None:
        import gc

        from kivy.core.window import Window
        from kivy.graphics.opengl import glFinish

        def on_draw(*_args):
            self.draws.append(time.perf_counter())
            self.draws_cpu.append(time.thread_time())

        def on_flip(*_args):
            if self.finish:
                glFinish()
            self.flips.append(time.perf_counter())

        started = [0.0]

        def on_gc(phase, _info):
            if phase == "start":
                started[0] = time.perf_counter()
            else:
                self.collections.append((started[0], time.perf_counter()))

        Window.bind(on_draw=on_draw, on_flip=on_flip)
        gc.callbacks.append(on_gc)

    def gc_ms(self, t0: float, t1: float) -> float:
        """Time the garbage collector paused the UI thread between ``t0`` and ``t1``."""
        return sum(max(0.0, min(b, t1) - max(a, t0)) for a, b in self.collections) * 1000


def _stamping_player():
    """A recording player (no sound card) that notes when audio is handed over and stopped."""
    from kiosk.speech.recording import RecordedPlayback, RecordingPlayer

    class StampedPlayback(RecordedPlayback):
        def __init__(self, duration_ms, clock, stops):
            super().__init__(duration_ms, clock)
            self._stops = stops

        def stop(self) -> None:
            if not self._stopped:
                self._stops.append(time.perf_counter())
            super().stop()

    class StampingPlayer(RecordingPlayer):
        def __init__(self):
            super().__init__()
            self.starts: list[float] = []
            self.stops: list[float] = []

        def play(self, wav: Path, duration_ms: int, volume: float):
            self.starts.append(time.perf_counter())
            self.played.append((wav, duration_ms, volume))
            return StampedPlayback(duration_ms, self.clock, self.stops)

    return StampingPlayer()


def _stamp_synthesis(synthesizer) -> dict:
    """Note, for each sentence's future, when it was asked for and when the worker's answer
    arrived (a page's first sentence is asked for when the page is shown, before Read aloud)."""
    stamps: dict = {}
    original = synthesizer.synthesize

    def synthesize(utterance):
        asked = time.perf_counter()
        future = original(utterance)
        stamps[future] = (asked, None)
        future.add_done_callback(lambda f: stamps.__setitem__(f, (asked, time.perf_counter())))
        return future

    synthesizer.synthesize = synthesize
    return stamps


def _backlog(synthesizer) -> int:
    """Sentences the speech workers have been asked for and not answered yet."""
    workers = [getattr(synthesizer, "clear", None), getattr(synthesizer, "natural", None)]
    return sum(len(getattr(w, "_pending", ())) for w in [synthesizer, *workers] if w is not None)


def _affinity(pid: int | None) -> list[int]:
    """The CPUs ``pid`` may run on (``taskset -c 0`` leaves one)."""
    import os

    return sorted(os.sched_getaffinity(pid or 0)) if pid is not None else []


class Bench:
    def __init__(self, driver, watch: FrameWatch, player,
                 synthesized: dict | None = None):
        self.synthesized = synthesized if synthesized is not None else {}
        self.driver = driver
        self.app = driver.app
        self.watch = watch
        self.player = player
        self.shown = 0.0  # when the page opened by ``open_reader`` appeared (its first frame)

    # Touches ---------------------------------------------------------------------------------
    def _centre(self, action: str) -> tuple[float, float]:
        self.driver.pump(1)
        button = self.driver.button(action)
        return button.to_window(*button.center)

    def _settle(self, t0: float, cpu0: float) -> dict:
        """Run frames until one draws nothing; times of the last drawn frame after ``t0``
        (``cpu_ms``: the UI thread's CPU time until it started drawing that frame)."""
        from kivy.base import EventLoop

        for _ in range(SETTLE_FRAMES):
            flips = len(self.watch.flips)
            EventLoop.idle()
            if len(self.watch.flips) == flips:
                break
        watch = self.watch
        draws = [i for i, t in enumerate(watch.draws) if t >= t0]
        flips = [t for t in watch.flips if t >= t0]
        if not flips:
            raise RuntimeError("the release drew nothing")
        last = draws[-1]
        return {"laid_out_ms": (watch.draws[last] - t0) * 1000,
                "drawn_ms": (flips[-1] - t0) * 1000, "frames": len(flips),
                "cpu_ms": (watch.draws_cpu[last] - cpu0) * 1000,
                "gc_ms": watch.gc_ms(t0, watch.draws[last])}

    def measured_release(self, action: str) -> dict:
        """Press ``action``'s button, then time its release until the UI is redrawn."""
        from kiosk.ui.headless.kivy_private import dispatch_input

        x, y = self._centre(action)
        self.driver.idle(0.6)  # past the repeat-press guard, as a person's next tap is
        touch = self.driver.down(x, y)
        time.sleep(0.02)
        t0, cpu0 = time.perf_counter(), time.thread_time()
        dispatch_input("end", touch)
        return self._settle(t0, cpu0)

    def pump_until(self, done, timeout: float = SPEECH_TIMEOUT_S) -> bool:
        """Run the event loop at Kivy's normal pace (60 fps) until ``done()``."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.driver.pump(1)
            if done():
                return True
        return False

    # Navigation (not measured) ---------------------------------------------------------------
    def open_reader(self, language: str, section_index: int = 0) -> None:
        from kiosk.interaction.session import Location

        app = self.app
        app.reset_visit()
        app.session.language = language
        section = app.data.content.sections[section_index]
        app.show(Location("topics"))
        flips = len(self.watch.flips)
        app.show(Location("reader", section.id))
        self.driver.pump(3)
        after = self.watch.flips[flips:]
        self.shown = after[0] if after else time.perf_counter()

    # Figures ---------------------------------------------------------------------------------
    def language_switch(self, rounds: int, codes: list[str]) -> list[dict]:
        """From a reader page: Language, then another language; back on the page, translated.

        The first round is a warm-up (each language's fonts are opened the first time it is
        shown) and is reported separately as ``first_ms``.
        """
        self.open_reader(codes[0])
        samples = []
        for round_ in range(rounds + 1):
            for code in codes[1:] + codes[:1]:
                self.driver.tap("language")
                sample = self.measured_release(f"language:{code}")
                if (self.app.session.language != code
                        or self.app.session.location.screen != "reader"):
                    raise RuntimeError(f"switching to {code} did not return to the page")
                samples.append({"language": code, "warm": round_ > 0, **sample})
        return samples

    def page_turn(self, rounds: int, languages: list[str], max_pages: int) -> list[dict]:
        """Next on every page of every topic, from the first page of the first topic to the
        last page of the last (on a topic's last page, Next opens the next topic)."""
        samples = []
        last = self.app.data.content.sections[-1].id
        for round_ in range(rounds):
            for code in languages:
                self.open_reader(code)
                for _ in range(max_pages):
                    before = self.app.session.location
                    if (before.section == last
                            and before.page + 1 >= self.app.current_screen.page_count()):
                        break
                    sample = self.measured_release("next")
                    after = self.app.session.location
                    if after == before:
                        raise RuntimeError("Next did not turn the page")
                    samples.append({"language": code, "round": round_,
                                    "topic_change": after.section != before.section,
                                    **sample})
        return samples

    def speech(self, rounds: int, languages: list[str], after_shown: float | None = None
               ) -> tuple[list[dict], list[dict]]:
        """Read aloud, wait for the first sound, then stop it: with Stop, or a touch on the text.

        Each round reads the first page of a topic in every language, moving on one topic per
        round, as a visitor who reads a little and moves on would. With ``after_shown``, Read
        aloud is released that many seconds after the page appeared (the frames in between
        run at Kivy's pace, so what the kiosk does when a page is shown gets that long);
        without it, as soon as the page is there (a few frames).
        """
        from kiosk.ui.headless.kivy_private import dispatch_input

        onsets, stops = [], []
        self.watch.finish = False
        sections = len(self.app.data.content.sections)
        for round_ in range(rounds):
            for index, code in enumerate(languages):
                if not self.app.speech.available(code):
                    continue
                self.open_reader(code, (round_ + index) % sections)
                started = len(self.player.starts)
                x, y = self._centre("read_aloud")
                self.driver.idle(0.6)
                if after_shown is not None:  # the frames go on while the visitor reads
                    due = self.shown + after_shown
                    self.pump_until(lambda due=due: time.perf_counter() >= due - 0.06,
                                    timeout=after_shown + 5)
                # Sentences still queued from before this page (not its own first one).
                prepared = self.app.speech.reader.prepared
                backlog = max(0, _backlog(self.app.speech.synthesizer)
                              - (prepared is not None and not prepared.done()))
                touch = self.driver.down(x, y)
                time.sleep(0.02)
                if after_shown is not None:
                    time.sleep(max(0.0, self.shown + after_shown - time.perf_counter()))
                t0 = time.perf_counter()
                dispatch_input("end", touch)
                if not self.pump_until(lambda n=started: len(self.player.starts) > n):
                    raise RuntimeError(f"no speech within {SPEECH_TIMEOUT_S} s in {code}")
                played = self.player.starts[started]
                # When the worker delivered the first sentence of this reading (the rest of
                # the onset is the UI noticing it, on its 20 Hz speech tick); negative when it
                # was ready before the press (asked for when the page was shown).
                reader = self.app.speech.reader
                syntheses = reader.syntheses()
                asked, done = self.synthesized.get(syntheses[0] if syntheses else None,
                                                   (None, None))
                onsets.append({"language": code, "onset_ms": (played - t0) * 1000,
                               "synthesized_ms": (done - t0) * 1000 if done else None,
                               "prepared": asked is not None and asked < t0,
                               "after_shown_ms": (t0 - self.shown) * 1000,
                               "backlog": backlog})
                self.pump_until(lambda: False, timeout=0.3)  # it speaks for a moment
                stopped = len(self.player.stops)
                how = "stop_button" if (round_ + index) % 2 == 0 else "touch_text"
                if how == "stop_button":
                    x, y = self._centre("stop_speech")
                    self.driver.idle(0.6)
                    touch = self.driver.down(x, y)
                    time.sleep(0.02)
                    t0 = time.perf_counter()
                    dispatch_input("end", touch)
                else:  # any touch stops reading: the finger lands on the page text
                    body = self.app.current_screen.body
                    x, y = body.to_window(*body.center)
                    self.driver.idle(0.6)
                    time.sleep(0.02)
                    t0 = time.perf_counter()
                    touch = self.driver.touch_at(x, y)
                    dispatch_input("begin", touch)
                self.driver.pump(1)
                if len(self.player.stops) <= stopped:
                    raise RuntimeError(f"{how} did not stop the speech")
                silent = self.player.stops[stopped]
                stops.append({"language": code, "how": how, "stop_ms": (silent - t0) * 1000,
                              "gc_ms": self.watch.gc_ms(t0, silent)})
                if how == "touch_text":
                    self.driver.up(touch)
                self.driver.pump(2)
        self.watch.finish = True
        return onsets, stops

    def real_time_factor(self, sentences: list[str], language: str) -> list[dict]:
        """Synthesize each sentence alone (nothing else queued), through the kiosk's own
        synthesizer: synthesis time (asked to answered) against the audio's duration."""
        from kiosk.speech.read_aloud import _delete_audio
        from kiosk.speech.types import Utterance

        self.app.speech.stop()
        synthesizer = self.app.speech.synthesizer
        if not self.pump_until(lambda: _backlog(synthesizer) == 0, timeout=120):
            raise RuntimeError("the speech workers did not finish their queue")
        samples = []
        for text in sentences:
            asked = time.perf_counter()
            future = synthesizer.synthesize(Utterance(text, language))
            synthesis = future.result(timeout=60)
            elapsed = (time.perf_counter() - asked) * 1000
            _delete_audio(future)
            samples.append({"chars": len(text), "synth_ms": elapsed,
                            "audio_ms": synthesis.duration_ms, "engine": synthesis.engine,
                            "rtf": elapsed / max(1, synthesis.duration_ms)})
        return samples


def content_sentences(data, count: int) -> list[str]:
    """The first ``count`` different sentences of the content (its source language), in the
    order a visitor meets them."""
    from kiosk.speech.read_aloud import sentence_spans

    found: list[str] = []
    for section in data.content.sections:
        for page in section.pages:
            for paragraph in page.paragraphs:
                for start, end in sentence_spans(paragraph):
                    sentence = paragraph[start:end]
                    if sentence not in found:
                        found.append(sentence)
                    if len(found) >= count:
                        return found
    return found


def run(rounds: int, speech_rounds: int, languages: list[str] | None,
        page_languages: list[str] | None, max_pages: int, voice: str = "clear",
        speech_only: bool = False, after_shown: float | None = None,
        rtf_sentences: int = 0) -> dict:
    from kiosk.ui import env

    env.prepare(headless=True, size=WINDOW)
    from kiosk.loading import load_kiosk
    from kiosk.ui.headless.driver import Driver

    data = load_kiosk(None)
    synthesizer = kiosk_synthesizer(data, voice)
    synthesized = _stamp_synthesis(synthesizer)
    player = _stamping_player()
    driver = Driver.start(data, synthesizer=synthesizer, player=player)
    watch = FrameWatch()
    watch.attach()
    bench = Bench(driver, watch, player, synthesized)
    # The voices are asked for in the background at start; wait for the answer, as a visitor
    # does not press Read aloud in the first second either.
    bench.pump_until(lambda: driver.app.speech.voices is not None)
    codes = languages or [lang.code for lang in data.languages]
    result: dict = {"voice": voice, "cpus": _affinity(0)}
    if voice == "natural":
        # Only the languages a natural voice reads; each has its voice loaded before the
        # first reading, as on a kiosk that has been on for a while (the app asks for it at
        # start and when a language is chosen).
        natural = synthesizer.natural
        codes = [code for code in codes if synthesizer.has_natural(code)]
        if natural is None or not codes:
            raise RuntimeError("no natural voice for any of the languages measured "
                               "(is Piper installed, with a voice?)")
        for code in codes:
            natural.prepare(code).result(timeout=120)
    if not speech_only:
        result["language_switch"] = bench.language_switch(rounds, codes)
        result["page_turn"] = bench.page_turn(1, page_languages or codes, max_pages)
    result["speech_onset"], result["speech_stop"] = bench.speech(speech_rounds, codes,
                                                                 after_shown)
    if rtf_sentences:
        result["real_time_factor"] = bench.real_time_factor(
            content_sentences(data, rtf_sentences), codes[0])
    result["voices"] = sorted(driver.app.speech.voices or [])
    result["vmhwm_kb"] = peak_rss_kb()
    pids = worker_pids(synthesizer)
    result["worker_vmhwm_kb"] = peak_rss_kb(pids["clear"]) if pids["clear"] else 0
    if pids["natural"]:  # after its voice was loaded and it spoke
        result["natural_worker_vmhwm_kb"] = peak_rss_kb(pids["natural"])
        result["natural_worker_cpus"] = _affinity(pids["natural"])
    driver.stop()
    synthesizer.close()
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ui_bench")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds through every language for the language switch")
    parser.add_argument("--speech-rounds", type=int, default=3)
    parser.add_argument("--languages", nargs="+", default=None,
                        help="languages to switch between and read aloud (default: all)")
    parser.add_argument("--page-languages", nargs="+", default=None,
                        help="languages to turn every page in (default: --languages)")
    parser.add_argument("--max-pages", type=int, default=10_000,
                        help="at most this many page turns per language")
    parser.add_argument("--voice", choices=("clear", "natural"), default="clear",
                        help="clear: espeak-ng in every language; natural: the kiosk's own "
                             "speech, in the languages with a natural voice")
    parser.add_argument("--speech-only", action="store_true",
                        help="no language switch or page turn timings")
    parser.add_argument("--after-shown", type=float, default=None, metavar="SECONDS",
                        help="release Read aloud this long after the page appeared")
    parser.add_argument("--rtf-sentences", type=int, default=0,
                        help="content sentences to synthesize for the real-time factor")
    args = parser.parse_args(argv)
    result = run(args.rounds, args.speech_rounds, args.languages,
                 args.page_languages or args.languages, args.max_pages, args.voice,
                 args.speech_only, args.after_shown, args.rtf_sentences)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
