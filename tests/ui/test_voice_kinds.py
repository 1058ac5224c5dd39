"""Natural and clear voices in the real kiosk, with the real engines: the choice on the Voice
screen, what is heard after it, one visit in two languages, and what the staff screen says.

The synthesizer is the kiosk's own (``create_synthesizer("worker")``: espeak-ng and Piper, each
in its worker process); only the sound card is stood in for, by the recording player, so "heard"
means the sentence handed to the player (``reader.synthesis``) and the engine that made it.
"""

import os
import shutil
import time
from dataclasses import replace

import pytest

from kiosk.config import ScreenSize
from kiosk.interaction.session import TEXT_SCALES, Location
from kiosk.speech import create_synthesizer
from kiosk.speech.choice import ChoosingSynthesizer
from kiosk.speech.pronunciation import pronunciations_from
from kiosk.speech.voice_files import packaged_models
from kiosk.speech.worker_client import WorkerSynthesizer
from kiosk.stand_ins import SpySynthesizer
from kiosk.ui.widgets import TextBlock
from tests.ui.harness import layout_problems, visible_labels_of
from tests.ui.test_admin_gate import PIN, PIN_HASH, hold, type_pin

KINDS = ("voice_kind:natural", "voice_kind:clear")


@pytest.fixture(scope="module")
def real_synthesizer(kiosk_data):
    synthesizer = create_synthesizer("worker",
                                     pronunciations=pronunciations_from(kiosk_data.catalogues))
    assert isinstance(synthesizer, ChoosingSynthesizer) and synthesizer.natural is not None, (
        "Piper is not installed: run make setup")
    yield synthesizer
    synthesizer.close()


def speaking_with(ui, synthesizer):
    """The kiosk's speech handed to ``synthesizer``, its voices known; returns the one it had."""
    before = ui.app.speech.synthesizer
    ui.app.speech.use_synthesizer(synthesizer)
    assert ui.app.speech.wait_for_voices(30)
    return before


@pytest.fixture
def kiosk(ui, real_synthesizer):
    """The running kiosk speaking with the real engines, for one test."""
    spy = speaking_with(ui, real_synthesizer)
    yield ui
    speaking_with(ui, spy)


def heard(ui, timeout: float = 60.0):
    """The sentence the visitor hears now, once it is synthesized and handed to the player."""
    reader = ui.app.speech.reader
    deadline = time.monotonic() + timeout
    while reader.synthesis is None and reader.active and time.monotonic() < deadline:
        time.sleep(0.01)
        ui.app.speech.tick(0)
        ui.pump(1)
    assert reader.synthesis is not None, f"nothing heard (read-aloud: {reader.error})"
    return reader.synthesis


def open_page(ui, language: str) -> None:
    ui.tap(f"language:{language}")
    ui.tap(f"topic:{ui.app.data.content.sections[0].id}")


def kind_buttons(ui) -> list[str]:
    return [b.action for b in ui.buttons() if b.action.startswith("voice_kind:")]


def read_aloud(ui):
    """Touch Read aloud; the first sentence of the page as it is heard."""
    ui.tap("read_aloud")
    synthesis = heard(ui)
    assert ui.app.speech.reader.player.played[-1][0] == synthesis.wav  # handed to the player
    page = ui.app.current_screen.body.source_text
    assert page.startswith(synthesis.utterance.text.strip()[:20])
    return synthesis


# The choice on the Voice screen -----------------------------------------------------------------

def test_english_offers_a_natural_and_a_clear_voice_french_does_not(kiosk):
    open_page(kiosk, "en")
    kiosk.tap("voice")
    assert kind_buttons(kiosk) == list(KINDS)
    natural, clear = (kiosk.button(action) for action in KINDS)
    assert (natural.text, clear.text) == ("Natural voice", "Clear voice")
    assert natural.selected and natural.icon == "check"  # the default, shown by more than colour
    assert not clear.selected
    assert layout_problems(kiosk) == []
    kiosk.tap("language")
    kiosk.tap("language:fr")  # back where the visitor was, now in French
    assert kiosk.app.current_screen.title_text == "Voix"
    assert kind_buttons(kiosk) == []  # French has espeak-ng only: nothing to choose
    assert {"rate:1.0", "volume:0.6", "keep_reading:off"} <= {b.action for b in kiosk.buttons()}


def test_clear_is_heard_from_espeak_ng_and_natural_from_piper(kiosk):
    open_page(kiosk, "en")
    kiosk.tap("voice")
    kiosk.tap("voice_kind:clear")
    assert kiosk.button("voice_kind:clear").selected
    assert not kiosk.button("voice_kind:natural").selected
    kiosk.tap("done")
    clear = read_aloud(kiosk)
    assert clear.engine == "espeak-ng" and clear.utterance.kind == "clear"
    kiosk.tap("stop_speech")
    kiosk.tap("voice")
    kiosk.tap("voice_kind:natural")
    kiosk.tap("done")
    natural = read_aloud(kiosk)
    assert natural.engine == "piper" and natural.voice == "en_US-joe-medium"
    assert natural.utterance.text == clear.utterance.text  # the same sentence, another voice


def test_a_new_visit_starts_with_the_natural_voice_again(kiosk):
    open_page(kiosk, "en")
    kiosk.tap("voice")
    kiosk.tap("voice_kind:clear")
    kiosk.app.reset_visit()
    open_page(kiosk, "en")
    assert read_aloud(kiosk).engine == "piper"


def test_in_guide_mode_the_choice_is_confirmed_in_the_voice_just_chosen(kiosk):
    kiosk.tap("audio_guide")
    topic = f"topic:{kiosk.app.data.content.sections[0].id}"
    for action in ("language:en", topic, "voice"):
        kiosk.tap(action)  # guide mode: the first touch speaks a button, the second uses it
        kiosk.tap(action)
    assert kiosk.app.manager.current == "voice"
    kiosk.tap("voice_kind:clear")  # first touch: its name, still in the natural voice
    name = heard(kiosk)
    assert (name.utterance.text, name.engine) == ("Clear voice", "piper")
    kiosk.tap("voice_kind:clear")  # second touch: chosen, and said so in the clear voice
    confirmed = heard(kiosk)
    assert confirmed.utterance.text == "Clear voice: chosen."
    assert confirmed.engine == "espeak-ng"


# One visit, two languages -----------------------------------------------------------------------

def test_one_visit_reads_english_naturally_then_french_clearly(kiosk):
    open_page(kiosk, "en")
    english = read_aloud(kiosk)
    assert (english.engine, english.utterance.language) == ("piper", "en")
    kiosk.tap("stop_speech")
    kiosk.tap("language")
    kiosk.tap("language:fr")
    assert kiosk.app.session.location.screen == "reader"  # the same page, now in French
    french = read_aloud(kiosk)
    assert (french.engine, french.utterance.language) == ("espeak-ng", "fr")
    assert french.utterance.kind == "natural"  # still the visitor's choice; French has no
    assert french.utterance.text != english.utterance.text  # natural voice, so espeak-ng


# What fits ------------------------------------------------------------------------------------

@pytest.mark.parametrize("screen_mm", [(476, 268), (527, 296)])
def test_the_voice_screen_fits_with_both_kinds_in_every_language(ui, kiosk_data, screen_mm):
    """Where a clinic adds a natural voice, any language may show the row: two spies stand
    for the two engines here, so every language has both, at every text size."""
    spy = speaking_with(ui, ChoosingSynthesizer(SpySynthesizer(), SpySynthesizer()))
    problems = []
    try:
        for language in kiosk_data.config.languages:
            problems += voice_screen_problems(ui, kiosk_data, screen_mm, language)
    finally:
        speaking_with(ui, spy)
    assert problems == []


def test_the_english_voice_screen_fits_a_15_inch_screen_at_every_text_size(kiosk, kiosk_data):
    assert voice_screen_problems(kiosk, kiosk_data, (344, 194), "en") == []


def voice_screen_problems(ui, kiosk_data, screen_mm, language) -> list[str]:
    """What does not fit on the Voice screen, with both kinds shown, at every text size."""
    ui.app.replace_data(replace(kiosk_data, config=replace(kiosk_data.config,
                                                           screen=ScreenSize(*screen_mm))))
    problems = []
    try:
        for scale in TEXT_SCALES:
            ui.app.reset_visit()
            ui.app.session.language = language
            ui.app.session.set_text_scale(scale)
            ui.app.show(Location("voice"))
            ui.pump(1)
            assert sorted(kind_buttons(ui)) == sorted(KINDS), language  # ar: mirrored
            problems += [f"{language} {scale}: {p}" for p in layout_problems(ui)]
    finally:
        ui.app.replace_data(kiosk_data)
    return problems


# The staff screen -----------------------------------------------------------------------------

@pytest.fixture
def staff(kiosk, kiosk_data):
    """The real-engine kiosk with a staff PIN set (as tests/ui/test_admin_gate.py's)."""
    def with_pin(screen=kiosk_data.config.screen):
        kiosk.app.replace_data(replace(kiosk_data, config=replace(
            kiosk_data.config, admin_pin_hash=PIN_HASH, screen=screen)))
        kiosk.idle(5)
        kiosk.pump(2)

    kiosk.app.admin_gate.lockout.clear()
    kiosk.with_pin = with_pin
    with_pin()
    yield kiosk
    kiosk.app.replace_data(kiosk_data)


def staff_text(ui) -> list[str]:
    ui.up(hold(ui, 5))
    type_pin(ui, PIN)
    assert ui.app.manager.current == "admin"
    shown = "\n".join(w.source_text for w in ui.widgets() if isinstance(w, TextBlock))
    return shown.splitlines()


def test_the_staff_screen_lists_each_languages_voices_and_what_speaks_it(staff):
    lines = staff_text(staff)
    voices = {line.split(":")[0]: line for line in lines
              if " voice" in line and line.split(":")[0] in staff.app.data.config.languages}
    assert list(voices) == list(staff.app.data.config.languages)
    english = voices.pop("en")
    assert english.startswith("en: natural en_US-joe-medium, clear ")
    assert english.endswith("; speaks with the natural voice (Piper)")
    for code, line in voices.items():
        assert line.startswith(f"{code}: no natural voice, clear "), line
        assert line.endswith("; speaks with the clear voice (espeak-ng)"), line
    assert not [line for line in lines if "WARNING" in line]
    assert layout_problems(staff) == []


@pytest.fixture
def broken_natural(tmp_path, kiosk_data):
    """The kiosk's synthesizer with a corrupt English natural voice in its voices folder,
    named so that it is chosen over the packaged one."""
    packaged = packaged_models()[0]
    model = tmp_path / "en_US-broken-medium.onnx"
    model.write_bytes(os.urandom(1_500_000))
    shutil.copy(packaged.with_name(packaged.name + ".json"), model.with_name(model.name + ".json"))
    synthesizer = ChoosingSynthesizer(
        WorkerSynthesizer(engine="espeak-ng"),
        WorkerSynthesizer(engine="piper", voices_dir=tmp_path),
        pronunciations=pronunciations_from(kiosk_data.catalogues))
    yield synthesizer
    synthesizer.close()


def test_a_failed_natural_voice_is_heard_from_espeak_ng_and_staff_are_told(
        staff, kiosk_data, broken_natural):
    speaking_with(staff, broken_natural)  # given back to the spy by ``kiosk``
    deadline = time.monotonic() + 30  # English's voice is loaded as the voices are known
    while not broken_natural.failures and time.monotonic() < deadline:
        time.sleep(0.05)
    assert broken_natural.failures == 1 and broken_natural.natural_held
    open_page(staff, "en")
    assert read_aloud(staff).engine == "espeak-ng"  # the visitor still hears the page
    staff.tap("stop_speech")
    staff.with_pin(ScreenSize(344, 194))  # the small reference screen: all still fits
    lines = staff_text(staff)
    warnings = [line for line in lines if line.startswith("WARNING")]
    assert len(warnings) == 1
    assert warnings[0].startswith("WARNING: the natural voice failed (RuntimeError: natural voice ")
    assert "en_US-broken-medium.onnx cannot be loaded" in warnings[0]
    assert warnings[0].endswith("); espeak-ng took over")
    english = next(line for line in lines if line.startswith("en: natural "))
    assert english.startswith("en: natural en_US-broken-medium, clear ")
    assert english.endswith("speaks with the clear voice (espeak-ng)")
    assert layout_problems(staff) == []
    assert any("WARNING" in label.text for label in visible_labels_of(staff))
