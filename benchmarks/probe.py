"""One fresh process: start the real kiosk, or a bare Kivy app, and report when it first drew.

Run by ``benchmarks.run`` as ``python -m benchmarks.probe kiosk|bare`` in a new process for every
start, so each one pays for imports, fonts, the window and the GL context from nothing, as the
kiosk does when the PC is switched on. Both apps are started the same way, with the same
headless settings (``kiosk.ui.env.prepare``) and window size, and the first drawn frame is found
the same way: the first ``on_flip`` of the window, after ``glFinish`` so the frame is really
drawn, not just queued for the GPU. The time is measured from a ``time.monotonic_ns()`` the
parent took just before it started this process (``BENCH_T0_NS``); Linux's monotonic clock is
shared by all processes.

Prints one JSON line on stdout: ``first_frame_ms``, ``vmhwm_kb`` (peak resident set, read from
``/proc/self/status`` a few frames after the first) and a sanity check that the window shows
what it should.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time

WINDOW = (1920, 1080)  # the kiosk's configured screen, as the tests use
FRAMES_AFTER_FIRST = 10  # drawn or idle frames after the first, before the peak RSS is read


def peak_rss_kb(pid: int | str = "self") -> int:
    """VmHWM: the most resident memory the process has ever had (Linux)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc status")


def kiosk_synthesizer(data, voice: str = "clear"):
    """The speech the kiosk builds (``KioskApp.build``): the choosing synthesizer, with the
    pronunciation lists. ``natural``: exactly the kiosk's, espeak-ng and Piper each in its own
    worker; ``clear``: espeak-ng alone, as a kiosk without Piper speaks (the espeak figures)."""
    from kiosk.speech import create_synthesizer
    from kiosk.speech.choice import ChoosingSynthesizer
    from kiosk.speech.pronunciation import pronunciations_from
    from kiosk.speech.worker_client import WorkerSynthesizer

    pronunciations = pronunciations_from(data.catalogues)
    if voice == "natural":
        return create_synthesizer("worker", voices_dir=data.config.voices_dir,
                                  pronunciations=pronunciations)
    if voice != "clear":
        raise ValueError(f"no voice {voice!r} (known: clear, natural)")
    return ChoosingSynthesizer(WorkerSynthesizer(engine="espeak-ng"), None,
                               pronunciations=pronunciations)


def worker_pids(synthesizer) -> dict[str, int | None]:
    """The process ids of the speech workers behind ``synthesizer``: ``clear`` (espeak-ng) and
    ``natural`` (Piper), None where there is none (or it has not started)."""
    if hasattr(synthesizer, "clear"):  # the choosing synthesizer
        natural = getattr(synthesizer, "natural", None)
        return {"clear": getattr(synthesizer.clear, "pid", None),
                "natural": getattr(natural, "pid", None) if natural is not None else None}
    pid = getattr(synthesizer, "pid", None)
    if getattr(synthesizer, "engine", None) == "piper":
        return {"clear": None, "natural": pid}
    return {"clear": pid, "natural": None}


def _since_start_ms() -> float:
    t0 = int(os.environ["BENCH_T0_NS"])
    return (time.monotonic_ns() - t0) / 1e6


def graphics() -> dict:
    """What draws the frames: SDL's video driver and the OpenGL renderer (call after start)."""
    from kivy.graphics.opengl import GL_RENDERER, GL_VERSION, glGetString

    def text(name) -> str:
        value = glGetString(name)
        return value.decode(errors="replace") if isinstance(value, bytes) else str(value)

    return {"sdl_video_driver": os.environ.get("SDL_VIDEODRIVER", ""),
            "gl_renderer": text(GL_RENDERER), "gl_version": text(GL_VERSION)}


def samples() -> int:
    """Samples per pixel of the window's framebuffer (0: not multisampled)."""
    from kivy.graphics.opengl import GL_SAMPLES, glGetIntegerv

    return int(glGetIntegerv(GL_SAMPLES)[0])


# Milliseconds since the process started at which each stage of the start-up was reached,
# reported as ``stages`` so docs/PERFORMANCE.md can say where the time goes.
STAGES: dict[str, float] = {}


def _stage(name: str) -> None:
    STAGES[name] = _since_start_ms()


def _watch_first_frame(app, describe) -> dict:
    """Record the first drawn frame, then let a few frames pass and stop the app."""
    from kivy.clock import Clock
    from kivy.core.window import Window
    from kivy.graphics.opengl import glFinish

    result: dict = {"stages": STAGES}
    app.bind(on_start=lambda *_: _stage("built"))

    def on_flip(*_args):
        if "first_frame_ms" not in result:
            glFinish()
            result["first_frame_ms"] = _since_start_ms()
            _stage("first_frame")
            result["shown"] = describe(app)
            Clock.schedule_once(finish, 0)

    frames = [0]

    def finish(_dt):
        frames[0] += 1
        if frames[0] < FRAMES_AFTER_FIRST:
            Clock.schedule_once(finish, 0)
            return
        result["vmhwm_kb"] = peak_rss_kb()
        app.stop()

    Window.bind(on_flip=on_flip)
    return result


def run_bare(as_it_comes: bool = True) -> dict:
    """The reference: Kivy's smallest app, one Label, same window and headless settings as the
    kiosk, drawn as Kivy draws by default (multisampled). ``bare-flat`` is the same app with
    the kiosk's own Kivy settings (``kiosk.ui.env``: no multisampling, images through SDL), so
    docs/PERFORMANCE.md can show both."""
    from kiosk.ui import env

    env.prepare(headless=True, size=WINDOW, kiosk_settings=not as_it_comes)
    from kivy.core.window import Window  # noqa: F401 - created here, as the kiosk's is

    _stage("window")
    from kivy.app import App
    from kivy.uix.label import Label

    _stage("ui_imported")

    class BareApp(App):
        def build(self):
            return Label(text="Hello", font_size=48)

    app = BareApp()
    result = _watch_first_frame(app, lambda a: {"label": a.root.text,
                                                "size": list(a.root.size), **graphics(),
                                                "samples": samples()})
    app.run()
    return result


def run_kiosk() -> dict:
    """Start exactly as ``ccsvi-kiosk run`` does (``kiosk.cli.run.start_app``), headless."""
    logging.basicConfig(level=logging.WARNING, format="ccsvi-kiosk: %(message)s")
    from kiosk.cli.run import start_app  # with the ``kiosk.cli`` package, as the command

    _stage("core_imported")
    app = start_app(None, headless=True, size=WINDOW, stage=_stage)
    if app is None:
        raise RuntimeError("the kiosk refused to start")

    def describe(a) -> dict:
        buttons = [b for b in a.visible_buttons() if b.width > 0 and b.height > 0]
        return {"screen": a.manager.current, "buttons": len(buttons),
                "languages": sum(b.action.startswith("language:") for b in buttons),
                "samples": samples()}

    result = _watch_first_frame(app, describe)
    app.run()
    pids = worker_pids(app.speech.synthesizer)
    result["worker_pid"] = pids["clear"]  # espeak-ng's
    result["natural_worker_pid"] = pids["natural"]  # Piper's, where it is installed
    return result


def run_first_speech(kind: str) -> dict:
    """Time to first speech: from process start until the kiosk could speak its welcome
    screen. Started as ``run`` starts; at its first frame a visitor asks for the welcome
    screen to be read out (the audio guide's announcement), in the ``kind`` of voice chosen
    (``natural``: the default, Piper where the language has a voice; ``clear``: espeak-ng).
    The time is when the first sound would start playing: workers up, voice loaded, sentence
    made. No sound card is needed: the player records what it would have played."""
    from kivy.clock import Clock
    from kivy.core.window import Window

    from kiosk.cli.run import start_app
    from kiosk.speech.recording import RecordingPlayer

    heard: dict = {}

    class StampingPlayer(RecordingPlayer):
        def play(self, wav, duration_ms, volume):
            heard.setdefault("first_sound_ms", _since_start_ms())
            return super().play(wav, duration_ms, volume)

    player = StampingPlayer()
    app = start_app(None, headless=True, size=WINDOW, stage=_stage, player=player)
    if app is None:
        raise RuntimeError("the kiosk refused to start")
    result: dict = {"kind_of_voice": kind}
    deadline = time.monotonic() + 60

    def ask(*_args):
        Window.unbind(on_flip=ask)
        result["first_frame_ms"] = _since_start_ms()
        app.set_speech(voice_kind=kind)  # the visitor's choices, as the Voice screen makes them
        app.set_audio_guide(True, say=False)
        app.speech.announce_screen(app.current_screen)
        Clock.schedule_interval(wait, 0)

    def wait(_dt):
        if "first_sound_ms" not in heard and time.monotonic() < deadline:
            return None
        synthesis = app.speech.reader.synthesis
        result.update(heard, engine=synthesis.engine if synthesis else "",
                      voice=synthesis.voice if synthesis else "",
                      language=app.session.language)
        app.stop()
        return False

    Window.bind(on_flip=ask)
    app.run()
    if "first_sound_ms" not in heard:
        raise RuntimeError(f"nothing was spoken within 60 s ({kind})")
    return result


def run_visit(languages: list[str] | None = None) -> dict:
    """The kiosk after a visit in every language: the peak memory of a day's use.

    Started like the tests and ``snapshot`` start it (``Driver``), with the real espeak-ng
    worker speaking every language (``kiosk_synthesizer(data, "clear")``).
    In each language a visitor picks the language, opens a topic, turns a page and has it read
    aloud until the first sound, then goes back to the language screen.
    """
    from kiosk.loading import load_kiosk
    from kiosk.speech import create_player

    data = load_kiosk(None)
    from kiosk.ui import env

    env.prepare(headless=True, size=WINDOW)
    from kiosk.ui.headless.driver import Driver

    # espeak-ng in every language, as before the natural voices (whose worker's memory is a
    # figure of its own, from ``benchmarks.ui_bench --voice natural``).
    synthesizer = kiosk_synthesizer(data, "clear")
    player = create_player("auto")  # no sound card here: a recording player
    driver = Driver.start(data, synthesizer=synthesizer, player=player)
    app = driver.app
    deadline = time.monotonic() + 15
    while app.speech.voices is None and time.monotonic() < deadline:
        driver.pump(1)
    codes = languages or [lang.code for lang in data.languages]
    spoken = 0
    for index, code in enumerate(codes):
        if app.session.location.screen != "welcome":
            driver.tap("home")
            driver.tap("language")
        driver.tap(f"language:{code}")
        topics = [b.action for b in driver.buttons() if b.action.startswith("topic:")]
        driver.tap(topics[index % len(topics)])
        if app.current_screen.page_count() > 1:
            driver.tap("next")
        if app.speech.available(code):
            heard = len(getattr(player, "played", []))
            driver.tap("read_aloud")
            deadline = time.monotonic() + 10
            while len(getattr(player, "played", [])) == heard and time.monotonic() < deadline:
                driver.pump(1)
            spoken += len(getattr(player, "played", [])) > heard
            driver.tap("stop_speech")
    driver.pump(5)
    worker = worker_pids(synthesizer)["clear"]
    result = {"languages": codes, "spoken": spoken, "vmhwm_kb": peak_rss_kb(),
              "worker_vmhwm_kb": peak_rss_kb(worker) if worker else 0}
    driver.stop()
    synthesizer.close()
    return result


def run_catalogues() -> dict:
    """Read and check every configured language's catalogue once, as the kiosk does at start
    (Babel and the kiosk's modules are imported first: only the loading is timed)."""
    import babel.messages.pofile  # noqa: F401 - imported where it is used, at the first load

    from kiosk.config import load_config
    from kiosk.i18n.catalogues import Catalogues

    config = load_config(None)
    t0 = time.perf_counter()
    catalogues = Catalogues(config.locales_dir, config.languages)
    elapsed = (time.perf_counter() - t0) * 1000
    return {"load_ms": elapsed, "languages": [c for c in config.languages
                                               if catalogues.is_available(c)]}


def main(argv: list[str]) -> int:
    _stage("interpreter")
    kind = argv[0] if argv else ""
    runs = {"bare": run_bare, "bare-flat": lambda: run_bare(False), "kiosk": run_kiosk,
            "first-speech": lambda: run_first_speech(argv[1] if len(argv) > 1 else "natural"),
            "catalogues": run_catalogues, "visit": lambda: run_visit(argv[1:] or None)}
    if kind not in runs:
        print("usage: python -m benchmarks.probe bare|bare-flat|kiosk|first-speech [natural|clear]"
              "|catalogues|visit [LANG ...]",
              file=sys.stderr)
        return 2
    result = runs[kind]()
    sys.stdout.write(json.dumps({"kind": kind, **result}) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
