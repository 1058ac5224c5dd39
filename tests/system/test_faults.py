"""Faults injected into a running kiosk (or into what it loads): it keeps serving visitors,
loses nothing, and tells staff exactly which file and line to fix."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk import cli, loading, paths
from kiosk.fonts import faces as fonts
from kiosk.i18n.catalogues import _, po_path
from kiosk.loading import load_kiosk
from kiosk.speech.choice import ChoosingSynthesizer
from kiosk.speech.voice_files import packaged_models
from kiosk.speech.worker_client import WorkerSynthesizer

TODAY = dt.date(2026, 11, 21)


def kiosk(*args, env_extra=None, cwd=None, timeout=300):
    """``ccsvi-kiosk`` in a child process, as staff or systemd would run it."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "KIOSK_CONFIG")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=timeout)


def run_refuses(config: Path, where: str):
    """``run`` (with a display it could use) refuses in one line naming ``where``; exit 2."""
    result = kiosk("run", "--config", str(config), env_extra={"SDL_VIDEODRIVER": "offscreen"})
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"ccsvi-kiosk: cannot start: {where}"), lines[0]
    assert "Traceback" not in result.stdout + result.stderr


def line_of(path: Path, needle: str) -> int:
    return next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in row)


# Broken files --------------------------------------------------------------------------------
def test_content_with_a_yaml_syntax_error_is_named_by_check_and_refused_by_run(project_copy,
                                                                               write_config):
    content = project_copy / "content" / "explainer.yaml"
    text = content.read_text(encoding="utf-8")
    lines = text.splitlines()
    target = next(n for n, row in enumerate(lines) if row.strip().startswith("title:"))
    lines[target] = lines[target].replace("title:", "title: [unclosed", 1)
    content.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = write_config("content_dir: content\n")
    check = kiosk("check", "--config", str(config))
    assert check.returncode == 1
    problem = next(row for row in check.stdout.splitlines() if row.startswith(str(content)))
    line = int(problem.split(":")[1])
    assert target + 1 <= line <= target + 3, problem  # where the parser noticed, nearby
    assert "YAML error" in problem and "Traceback" not in check.stdout + check.stderr
    run_refuses(config, f"{content}:{line}: YAML error")


def test_a_config_with_a_bad_value_is_named_by_check_and_refused_by_run(write_config):
    config = write_config("fullscreen: true\nidle_timeout_seconds: 5\n")
    check = kiosk("check", "--config", str(config))
    assert check.returncode == 1
    assert f"{config}:2: idle_timeout_seconds: 5 is out of range" in check.stdout
    run_refuses(config, f"{config}:2: idle_timeout_seconds")


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/object:os.system",
                                 "!!python/name:os.system"])
def test_yaml_that_constructs_python_objects_is_refused_in_config(write_config, tmp_path, tag):
    marker = tmp_path / "pwned"
    config = write_config(f"languages: [en]\nfullscreen: {tag} ['touch {marker}']\n")
    check = kiosk("check", "--config", str(config))
    assert check.returncode == 1
    assert f"{config}:2: YAML error" in check.stdout
    assert "Python object tags are refused" in check.stdout
    run_refuses(config, f"{config}:2: YAML error")
    assert not marker.exists()


def test_yaml_that_constructs_python_objects_is_refused_in_content(project_copy, write_config,
                                                                   tmp_path):
    marker = tmp_path / "pwned"
    content = project_copy / "content" / "explainer.yaml"
    lines = content.read_text(encoding="utf-8").splitlines()
    target = next(n for n, row in enumerate(lines) if row.strip().startswith("title:"))
    indent = lines[target][:len(lines[target]) - len(lines[target].lstrip())]
    lines[target] = f"{indent}title: !!python/object/apply:os.system ['touch {marker}']"
    content.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = write_config("content_dir: content\n")
    check = kiosk("check", "--config", str(config))
    assert check.returncode == 1
    assert f"{content}:{target + 1}: YAML error" in check.stdout
    assert "Python object tags are refused" in check.stdout
    run_refuses(config, f"{content}:{target + 1}: YAML error")
    assert not marker.exists()


@pytest.fixture
def broken_german(project_copy, write_config):
    """A copy of the kiosk whose German catalogue stops parsing half-way (an unclosed quote)."""
    po = po_path(project_copy / "locales", "de")
    lines = po.read_text(encoding="utf-8").splitlines()
    target = next(n for n, row in enumerate(lines) if n > len(lines) // 2
                  and row.startswith("msgstr \"") and len(row) > 12)
    lines[target] = lines[target][:-1]  # drop the closing quote
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return write_config("content_dir: content\nlocales_dir: locales\n"), po, target + 1


def test_a_catalogue_that_does_not_parse_is_named_by_check(broken_german):
    config, po, line = broken_german
    check = kiosk("check", "--config", str(config))
    assert check.returncode == 1
    problems = [row for row in check.stdout.splitlines() if row.startswith(str(po))]
    assert len(problems) == 1, check.stdout  # reported once, not again by every other check
    where = int(problems[0].split(":")[1])
    assert line <= where <= line + 2, problems[0]
    assert "does not parse" in problems[0] and "switched off" in problems[0]


def test_a_broken_catalogue_switches_off_only_its_language_in_the_running_kiosk(broken_german,
                                                                                 ui_driver):
    config, _po, _line = broken_german
    original = ui_driver.app.data
    ui_driver.app.replace_data(load_kiosk(config, TODAY))
    try:
        ui_driver.pump(2)
        offered = {b.action for b in ui_driver.buttons() if b.action.startswith("language:")}
        expected = {f"language:{lang.code}" for lang in original.languages} - {"language:de"}
        assert offered == expected
        ui_driver.idle(1)
        ui_driver.tap("language:fr")  # the others still work
        assert ui_driver.app.manager.current == "topics"
        assert ui_driver.button("help").text == "Aide"
    finally:
        ui_driver.app.replace_data(original)


# Missing fonts and voices ---------------------------------------------------------------------
def test_a_missing_font_hides_its_language_and_says_so_in_the_log(ui_driver, monkeypatch,
                                                                   caplog):
    real = fonts.find_font
    monkeypatch.setattr(loading, "find_font",
                        lambda script, *a: None if script == "Hans" else real(script, *a))
    with caplog.at_level(logging.WARNING):
        data = cli.load_or_explain(None)  # what `ccsvi-kiosk run` does before it opens the window
    assert data is not None
    assert any("Han" in r.getMessage() and "Chinese" in r.getMessage()
               for r in caplog.records), caplog.text
    original = ui_driver.app.data
    ui_driver.app.replace_data(data)
    try:
        ui_driver.pump(2)
        offered = {b.action for b in ui_driver.buttons() if b.action.startswith("language:")}
        assert "language:zh_Hans" not in offered
        assert {"language:en", "language:ar", "language:fr"} <= offered
    finally:
        ui_driver.app.replace_data(original)


@pytest.fixture
def espeak_without_german(tmp_path, monkeypatch):
    """espeak-ng's data with the German voice removed, for every worker started from now on
    (espeak-ng reads ``$ESPEAK_DATA_PATH/espeak-ng-data``)."""
    found = [Path(p) for p in ("/usr/lib/x86_64-linux-gnu/espeak-ng-data",
                               "/usr/lib/aarch64-linux-gnu/espeak-ng-data",
                               "/usr/lib/arm-linux-gnueabihf/espeak-ng-data",
                               "/usr/share/espeak-ng-data") if (Path(p) / "lang").is_dir()]
    assert found, "espeak-ng is not installed: run 'make setup'"
    data = tmp_path / "espeak-ng-data"
    data.mkdir()
    for entry in found[0].iterdir():
        if entry.name != "lang":
            (data / entry.name).symlink_to(entry)
    shutil.copytree(found[0] / "lang", data / "lang")
    removed = [p for p in (data / "lang").rglob("de") if p.is_file()]
    assert removed
    for voice in removed:
        voice.unlink()
    monkeypatch.setenv("ESPEAK_DATA_PATH", str(tmp_path))


def use_real_speech(ui, synthesizer) -> None:
    ui.app.speech.use_synthesizer(synthesizer)
    ui.app.speech.wait_for_voices(60)


def wait_until(ui, condition, limit: float = 60.0) -> bool:
    """Let the real worker and Kivy run until ``condition()`` (a bound, not a speed goal)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        ui.pump(1)
        ui.app.speech.tick(0)
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@pytest.fixture
def real_speech(ui):
    recording = ui.app.speech.synthesizer
    synthesizer = WorkerSynthesizer(start_timeout=60)
    yield synthesizer
    ui.app.speech.stop()
    use_real_speech(ui, recording)  # back to the recording doubles, voices looked up again
    synthesizer.close()


def test_a_missing_voice_switches_off_speech_for_that_language_only(espeak_without_german,
                                                                    ui, real_speech):
    use_real_speech(ui, real_speech)
    assert not real_speech.has_voice("de") and real_speech.has_voice("fr")
    section = ui.app.data.content.sections[0].id
    ui.tap("language:de")
    ui.tap(f"topic:{section}")
    assert "read_aloud" not in [b.action for b in ui.buttons()]
    message = _("Audio is not available in this language.")
    assert any(getattr(w, "source_text", "") == message for w in ui.app.current_screen.walk())

    ui.tap("language")
    ui.tap("language:fr")
    assert ui.app.session.location.screen == "reader"
    played = ui.app.speech.reader.player.played
    before = len(played)
    ui.tap("read_aloud")
    assert wait_until(ui, lambda: len(played) > before)
    wav, duration_ms, _volume = played[before]
    assert duration_ms > 300 and wav.suffix == ".wav"  # real French audio, not silence
    assert ui.app.speech.reader.error is None


# The speech worker killed mid-sentence --------------------------------------------------------
def test_read_aloud_survives_the_speech_worker_being_killed_mid_sentence(ui, real_speech):
    use_real_speech(ui, real_speech)
    assert real_speech.has_voice("en")  # the worker is up
    ui.app.session.speech.rate = 0.5  # long sentences: the kill lands while it synthesizes
    ui.tap("language:en")
    ui.tap(f"topic:{ui.app.data.content.sections[1].id}")
    reader = ui.app.speech.reader
    played = reader.player.played
    before = len(played)
    ui.tap("read_aloud")
    sentences = reader.syntheses()
    os.kill(real_speech.pid, signal.SIGKILL)
    assert wait_until(ui, lambda: all(f.done() for f in sentences))
    # Sentences made before the kill (the first, made when the page was shown) play from their
    # files; the first one lost is asked for again from a new worker, and reading goes on.
    lost = next((i for i, f in enumerate(sentences) if f.exception() is not None), None)
    assert lost is not None, "the worker had made the whole page before the kill"
    for index in range(lost + 1):
        assert wait_until(ui, lambda i=index: len(played) > before + i), reader.error
        heard, duration_ms, _volume = played[before + index]
        assert heard.suffix == ".wav" and reader.sentence_index == index
        if index < lost:
            ui.speech_clock.advance(duration_ms / 1000 + 0.1)  # heard to its end
    assert real_speech.restarts == 1
    assert reader.active and reader.error is None
    ui.tap("stop_speech")
    # And the next request is served as usual.
    ui.idle(1)
    heard_before = len(played)
    ui.tap("read_aloud")
    assert wait_until(ui, lambda: len(played) > heard_before)
    assert real_speech.restarts == 1 and reader.error is None


# The natural voice fails -----------------------------------------------------------------------
def natural_and_clear(voices_dir: Path | None = None) -> ChoosingSynthesizer:
    """The kiosk's own pair of engines, each in its worker process."""
    return ChoosingSynthesizer(WorkerSynthesizer(start_timeout=60, engine="espeak-ng"),
                               WorkerSynthesizer(start_timeout=60, engine="piper",
                                                 voices_dir=voices_dir))


def corrupt_english_voice(folder: Path) -> Path:
    """A voices folder whose English model is garbage (it wins over the installed voice)."""
    folder.mkdir(parents=True, exist_ok=True)
    packaged = packaged_models()[0]
    model = folder / "en_US-broken-medium.onnx"
    model.write_bytes(os.urandom(2_000_000))
    shutil.copy(packaged.with_name(packaged.name + ".json"), model.with_name(model.name + ".json"))
    return model


@pytest.fixture
def both_engines(ui):
    recording = ui.app.speech.synthesizer
    made: list[ChoosingSynthesizer] = []

    def make(voices_dir: Path | None = None) -> ChoosingSynthesizer:
        made.append(natural_and_clear(voices_dir))
        use_real_speech(ui, made[-1])
        return made[-1]

    yield make
    ui.app.speech.stop()
    use_real_speech(ui, recording)
    for synthesizer in made:
        synthesizer.close()


def test_killing_the_natural_voice_mid_sentence_hands_the_page_to_espeak_within_a_second(
        ui, both_engines, caplog):
    synthesizer = both_engines()
    assert synthesizer.has_natural("en")
    ui.app.session.speech.rate = 0.5  # long sentences: the kill lands while Piper works
    ui.tap("language:en")
    ui.tap(f"topic:{ui.app.data.content.sections[1].id}")
    reader = ui.app.speech.reader
    with caplog.at_level(logging.WARNING):
        ui.tap("read_aloud")
        os.kill(synthesizer.natural.pid, signal.SIGKILL)
        killed = time.monotonic()
        pending = [future for future in reader.syntheses() if not future.done()]
        assert pending, "Piper had finished the page before the kill"
        done_at: dict[int, float] = {}
        for index, future in enumerate(pending):
            future.add_done_callback(
                lambda _future, i=index: done_at.setdefault(i, time.monotonic()))
        assert wait_until(ui, lambda: len(done_at) == len(pending))
    # A reply already on its way may still arrive from Piper; from the first sentence it had
    # not made, espeak-ng speaks, within a second of the kill.
    engines = [future.result().engine for future in pending]
    assert "espeak-ng" in engines, engines
    first = engines.index("espeak-ng")
    assert set(engines[first:]) == {"espeak-ng"}
    assert done_at[first] - killed < 1.0
    assert synthesizer.failures == 1 and "stopped" in synthesizer.last_failure
    assert sum("natural voice failed" in r.getMessage() for r in caplog.records) == 1
    # Reading goes on, sentence after sentence, until espeak-ng is heard; nothing crashed.
    played = reader.player.played
    heard: list[str] = []
    while True:
        assert wait_until(ui, lambda: reader.synthesis is not None), reader.error
        heard.append(reader.synthesis.engine)
        if heard[-1] == "espeak-ng" or len(heard) > first + 1:
            break
        count = len(played)
        ui.speech_clock.advance(reader.synthesis.duration_ms / 1000 + 0.1)  # heard to its end
        assert wait_until(ui, lambda n=count: len(played) > n), reader.error
    assert heard[-1] == "espeak-ng", heard
    assert reader.error is None and reader.active


def test_a_corrupt_natural_voice_is_named_by_check_and_espeak_speaks_at_once(
        ui, both_engines, tmp_path, write_config):
    model = corrupt_english_voice(tmp_path / "voices")
    synthesizer = both_engines(model.parent)
    # The kiosk loads the start language's voice as soon as its engines answer, long before
    # a visitor can ask for speech; that is when the corrupt file is found.
    assert wait_until(ui, lambda: synthesizer.last_failure is not None)
    ui.tap("language:en")
    ui.tap(f"topic:{ui.app.data.content.sections[0].id}")
    reader = ui.app.speech.reader
    ui.tap("read_aloud")
    pressed = time.monotonic()
    assert wait_until(ui, lambda: reader.synthesis is not None), reader.error
    assert time.monotonic() - pressed < 1.0
    assert reader.synthesis.engine == "espeak-ng" and reader.error is None
    assert str(model) in synthesizer.last_failure
    config = write_config(f"voices_dir: {model.parent}\n")
    result = kiosk("check", "--config", str(config))
    assert f"{model}:" in result.stdout, result.stdout


# A read-only install -------------------------------------------------------------------------
VISIT = textwrap.dedent("""
    import sys
    from kiosk import paths
    assert str(paths.PACKAGE_DIR).startswith(sys.argv[1]), paths.PACKAGE_DIR
    from kiosk.ui import env
    env.prepare(headless=True, size=(1920, 1080))
    from kiosk.loading import load_kiosk
    from kiosk.speech.recording import RecordingPlayer
    from kiosk.speech.worker_client import WorkerSynthesizer
    from kiosk.ui.headless.driver import Driver
    import time

    synthesizer = WorkerSynthesizer(start_timeout=60)
    driver = Driver.start(load_kiosk(None), synthesizer=synthesizer, player=RecordingPlayer())
    app = driver.app
    section = app.data.content.sections[0].id
    for action in ("language:fr", f"topic:{section}", "next", "read_aloud"):
        driver.tap(action)
    deadline = time.monotonic() + 60
    while not app.speech.reader.player.played and time.monotonic() < deadline:
        driver.pump(1)
        time.sleep(0.02)
    assert app.speech.reader.player.played, "nothing was read aloud"
    for action in ("stop_speech", "help", "display", "text_scale:2.0", "theme:light",
                   "language", "language:ar", "language", "language:zh_Hans"):
        driver.tap(action)
    app.reset_visit()
    synthesizer.close()
    print("visit done", app.manager.current)
""")


def tree(root: Path) -> dict[str, tuple]:
    """Every file and folder under ``root`` with its size and modification time."""
    listing = {}
    for path in [root, *root.rglob("*")]:
        info = path.lstat()
        listing[str(path.relative_to(root))] = (stat.S_IFMT(info.st_mode), info.st_size,
                                                info.st_mtime_ns)
    return listing


def test_the_kiosk_runs_from_a_read_only_install_and_writes_nothing(tmp_path):
    install = tmp_path / "opt" / "ccsvi-kiosk"
    install.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    for name in ("kiosk", "content", "locales"):
        shutil.copytree(paths.PROJECT_DIR / name, install / name, ignore=ignore)
    # No home folder can be written either (not even by root: its parent is a file), so
    # Kivy's config and logs, or anything else a library might keep there, cannot be needed.
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    home, work = tmp_path / "a-file" / "home", tmp_path / "work"
    work.mkdir()
    for path in [install, *install.rglob("*")]:  # read-only (which root may ignore: see below)
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    before = tree(install)
    # Python's own bytecode cache is optional and skipped on a read-only folder; it is switched
    # off here because root (as in CI) could write it anyway, and then the listing below would
    # show Python's writes rather than the kiosk's.
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "KIOSK_CONFIG")}
    env.update(PYTHONPATH=str(install), PYTHONDONTWRITEBYTECODE="1", HOME=str(home),
               SDL_VIDEODRIVER="offscreen")
    try:
        result = subprocess.run([sys.executable, "-c", VISIT, str(install)], cwd=work,
                                capture_output=True, text=True, env=env, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "visit done welcome" in result.stdout
        assert tree(install) == before  # nothing written, created or touched in the install
        assert list(work.iterdir()) == []  # nor in the folder it was started from
    finally:
        for path in [install, *install.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


# Stopped by its supervisor ----------------------------------------------------------------------
def speech_workers(pid: int) -> list[int]:
    """The speech worker processes ``pid`` has started (read from /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"kiosk.speech.worker" in command:
                found.append(int(child))
    return found


def test_sigterm_from_the_service_manager_stops_the_running_kiosk_cleanly():
    """systemd stops (and the nightly update restarts) the kiosk with SIGTERM. The kiosk refuses
    close requests from visitors, but must not refuse this, or every stop waits for SIGKILL."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "KIOSK_CONFIG")}
    env["SDL_VIDEODRIVER"] = "offscreen"
    process = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--windowed"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not speech_workers(process.pid) and process.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.2)  # the speech worker starts once the app is built and showing
        worker = speech_workers(process.pid)
        assert worker, "the kiosk did not start"
        time.sleep(1)
        process.send_signal(signal.SIGTERM)
        try:
            _out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("the kiosk was still running a minute after SIGTERM")
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    for pid in worker:  # the speech worker went with it
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(
            f"/proc/{pid}/status").read_text()
