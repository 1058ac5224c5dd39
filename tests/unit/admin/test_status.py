"""The staff screen's facts, gathered from the real kiosk files without a display."""

import datetime as dt

from kiosk.admin.status import (
    StartupCheck,
    gather,
    headphones_description,
)
from kiosk.speech.players import AplayPlayer
from kiosk.speech.recording import RecordingPlayer
from kiosk.speech.worker_client import WorkerSynthesizer
from kiosk.stand_ins import SpySynthesizer

TODAY = dt.date(2026, 11, 21)


def facts_of(kiosk_data, **overrides):
    options = {"screen_px": (1920, 1080), "voices": {"en", "fr", "de"},
               "engine": "espeak-ng 1.51", "player": "sound: test", "check": None,
               "today": TODAY, **overrides}
    return {fact.label: fact.lines for fact in gather(kiosk_data, **options)}


def test_content_version_check_date_and_screen(kiosk_data):
    facts = facts_of(kiosk_data)
    meta = kiosk_data.content.metadata
    assert facts["Content"] == (f"version {meta.content_version}",
                                f"facts checked {meta.checked_on.isoformat()}, next review "
                                f"{meta.next_review.isoformat()}")
    assert facts["Screen"] == ("476 x 268 mm (from the config), 1920 x 1080 pixels, "
                               "4.0 px/mm",)
    overdue = facts_of(kiosk_data, today=meta.next_review + dt.timedelta(days=1))
    assert overdue["Content"][1].endswith("(OVERDUE)")


def test_every_configured_language_with_its_catalogue_status(kiosk_data):
    lines = facts_of(kiosk_data)["Languages"]
    assert [line.split(":")[0] for line in lines] == list(kiosk_data.config.languages)
    assert lines[0] == "en: offered; the source language"
    assert "fr: offered; 100% translated, 0 fuzzy, 0 problem(s), " in lines[1]


def test_a_fuzzy_or_missing_translation_shows(kiosk_data, project_copy):
    from dataclasses import replace

    po = project_copy / "locales" / "de" / "LC_MESSAGES" / "kiosk.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('\nmsgid "Home"\n', '\n#, fuzzy\nmsgid "Home"\n', 1),
                  encoding="utf-8")
    data = replace(kiosk_data, config=replace(kiosk_data.config,
                                              locales_dir=project_copy / "locales"))
    german = next(line for line in facts_of(data)["Languages"] if line.startswith("de:"))
    assert "1 fuzzy, 1 problem(s)" in german
    assert german.startswith("de: offered; 99% translated")


def test_speech_voices_found_and_missing(kiosk_data):
    engine, voices, sound, jack = facts_of(kiosk_data)["Speech"]
    assert sound == "sound: test"
    assert jack == "headphone jack: not known"
    assert engine == "espeak-ng 1.51"
    assert voices == ("voices for en, fr, de; none for es, it, pt_BR, ar, zh_Hans "
                      "(3 languages in all)")
    assert facts_of(kiosk_data, voices=None)["Speech"][1] == "voices: still being looked up"
    assert "none found" in facts_of(kiosk_data, voices=set())["Speech"][1]


def test_the_real_speech_engine_and_player_describe_themselves():
    described = WorkerSynthesizer().description()
    assert described.startswith("espeak-ng 1.") and "separate process" in described
    assert "stand-in" in SpySynthesizer().description()
    assert "recorded, not played" in RecordingPlayer().description()
    assert "sound card" in AplayPlayer().description()


def test_the_headphone_jack_is_described_for_staff(kiosk_data):
    assert headphones_description(True, True) == "headphone jack: headphones in (watched)"
    assert headphones_description(True, False) == "headphone jack: empty (watched)"
    assert "does not report it" in headphones_description(True, None)
    assert "not watched" in headphones_description(False, None)
    jack = headphones_description(True, False)
    assert facts_of(kiosk_data, headphones=jack)["Speech"][3] == jack


def test_the_startup_check_runs_the_real_check(kiosk_data):
    check = StartupCheck(None, now=lambda: dt.datetime(2026, 11, 21, 9, 30))
    assert facts_of(kiosk_data, check=check)["Last check"][0].startswith("not run yet")
    result = check.run_now()
    assert result.errors == 0
    lines = facts_of(kiosk_data, check=check)["Last check"]
    assert lines[0] == f"OK, {result.warnings} warning(s), at 2026-11-21 09:30"


def test_a_failed_check_shows_its_first_problems(write_config):
    path = write_config("screen:\n  width_mm: -3\n  height_mm: -4\n")
    check = StartupCheck(path, now=lambda: dt.datetime(2026, 11, 21, 9, 30))
    check.run_now()
    lines = check.lines()
    assert lines[0] == "FAILED, 2 error(s), 0 warning(s), at 2026-11-21 09:30"
    assert lines[1].startswith(f"{path}:2: screen.width_mm: -3 mm")


def test_long_problem_lists_are_cut_short():
    found = [f"x.po:{n}: warning: fuzzy" for n in range(1, 9)]
    check = StartupCheck(None, run=lambda _path: (0, found))
    check.run_now()
    lines = check.lines()
    assert lines[0].startswith("OK, 8 warning(s), at ")
    assert lines[1:] == (*found[:4], "... and 4 more (run: ccsvi-kiosk check)")


def test_a_check_that_cannot_run_says_so():
    def broken(_path):
        raise OSError("no such program")

    check = StartupCheck(None, run=broken)
    assert check.run_now().summary().startswith("could not run (exit code -1)")
    assert check.lines()[1] == "the check could not run: no such program"


def test_each_configured_language_shows_its_voices_and_what_speaks_it(kiosk_data):
    from kiosk.speech.choice import LanguageVoices

    table = [LanguageVoices("en", "en_US-joe-medium", "gmw/en", "natural"),
             LanguageVoices("fr", None, "roa/fr", "clear"),
             LanguageVoices("de", "de_DE-thorsten-medium", "gmw/de", "clear"),
             LanguageVoices("xx", None, None, "none")]
    engine, *voices, sound, _jack = facts_of(kiosk_data, voice_table=table)["Speech"]
    assert engine == "espeak-ng 1.51" and sound == "sound: test"
    assert voices == [
        "en: natural en_US-joe-medium, clear gmw/en; speaks with the natural voice (Piper)",
        "fr: no natural voice, clear roa/fr; speaks with the clear voice (espeak-ng)",
        "de: natural de_DE-thorsten-medium, clear gmw/de; speaks with the clear voice "
        "(espeak-ng)",
        "xx: no voice; read-aloud unavailable"]
    # Until the voices are known, the table is not asked for: the look-up is still running.
    assert facts_of(kiosk_data, voices=None, voice_table=table)["Speech"][1] == (
        "voices: still being looked up")


def test_a_failed_natural_voice_is_one_warning_line(kiosk_data):
    from kiosk.speech.choice import LanguageVoices

    error = ("RuntimeError: natural voice /var/lib/ccsvi-kiosk/voices/en_US-joe-medium.onnx "
             "cannot be loaded: " + "x" * 200)
    lines = facts_of(kiosk_data, natural_failure=error,
                     voice_table=[LanguageVoices("en", "en_US-joe-medium", "gmw/en",
                                                 "clear")])["Speech"]
    warnings = [line for line in lines if "WARNING" in line]
    assert len(warnings) == 1 and lines[1] == warnings[0]  # right under the engines
    assert warnings[0].startswith("WARNING: the natural voice failed (RuntimeError: natural "
                                  "voice en_US-joe-medium.onnx cannot be loaded: xxx")
    assert warnings[0].endswith("...); espeak-ng took over") and len(warnings[0]) < 160
    assert not [line for line in facts_of(kiosk_data)["Speech"] if "WARNING" in line]
