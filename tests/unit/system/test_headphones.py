"""Headphone jack detection through ALSA (``amixer``), read without the UI."""

import os
import stat

from kiosk.system.headphones import HeadphoneWatch, card_numbers, headphones_plugged, jacks_in

# What `amixer -c 0 contents` prints on an Intel HDA laptop (abridged): the jack controls are
# read-only booleans on the CARD interface.
HDA_CONTENTS = """\
numid=17,iface=CARD,name='Headphone Jack'
  ; type=BOOLEAN,access=r-------,values=1
  : values={headphone}
numid=16,iface=CARD,name='Mic Jack'
  ; type=BOOLEAN,access=r-------,values=1
  : values=on
numid=1,iface=MIXER,name='Master Playback Volume'
  ; type=INTEGER,access=rw---R--,values=1,min=0,max=87,step=0
  : values=60
numid=19,iface=CARD,name='Front Headphone Jack'
  ; type=BOOLEAN,access=r-------,values=1
  : values=off
"""
CARDS = """\
 0 [PCH            ]: HDA-Intel - HDA Intel PCH
                      HDA Intel PCH at 0xb1210000 irq 146
 1 [HDMI           ]: HDA-Intel - HDA ATI HDMI
                      HDA ATI HDMI at 0xb1140000 irq 147
"""


def test_the_jack_controls_and_their_state_are_read():
    assert jacks_in(HDA_CONTENTS.format(headphone="on")) == {
        "Headphone Jack": True, "Front Headphone Jack": False}  # the microphone is not one
    assert jacks_in(HDA_CONTENTS.format(headphone="off"))["Headphone Jack"] is False
    assert jacks_in("numid=1,iface=MIXER,name='Master Playback Volume'\n  : values=60\n") == {}


def test_cards_are_listed_and_no_sound_means_no_cards(tmp_path):
    cards = tmp_path / "cards"
    cards.write_text(CARDS, encoding="utf-8")
    assert card_numbers(cards) == ["0", "1"]
    assert card_numbers(tmp_path / "missing") == []


def fake_amixer(tmp_path, per_card: dict[str, str]):
    """An amixer that prints what a card would (this machine has no sound card)."""
    for card, text in per_card.items():
        (tmp_path / f"card{card}.txt").write_text(text, encoding="utf-8")
    script = tmp_path / "amixer"
    script.write_text('#!/bin/sh\ncat "$(dirname "$0")/card$2.txt" 2>/dev/null\n',
                      encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    cards = tmp_path / "cards"
    cards.write_text(CARDS, encoding="utf-8")
    return cards, str(script)


def test_any_card_with_headphones_in_counts(tmp_path):
    cards, amixer = fake_amixer(tmp_path, {"0": HDA_CONTENTS.format(headphone="on"), "1": ""})
    assert headphones_plugged(cards, amixer) is True
    (tmp_path / "card0.txt").write_text(HDA_CONTENTS.format(headphone="off"), encoding="utf-8")
    assert headphones_plugged(cards, amixer) is False
    os.remove(tmp_path / "card0.txt")  # a card without jack detection (HDMI, a Pi)
    assert headphones_plugged(cards, amixer) is None
    assert headphones_plugged(cards, str(tmp_path / "no-amixer")) is None


def test_only_a_change_is_reported_not_what_is_found_at_start():
    states = iter([True, True, False, None, False, True])
    changes = []
    watch = HeadphoneWatch(changes.append, read=lambda: next(states))
    for _ in range(6):
        watch.check()
    assert changes == [False, True]  # left in overnight: not a request; unknown: no change


def test_the_watch_reads_in_its_own_thread_until_stopped():
    import threading

    changed = threading.Event()
    changes = []
    values = iter([False, True])

    def on_change(plugged):
        changes.append(plugged)
        changed.set()

    watch = HeadphoneWatch(on_change, interval=0.01, read=lambda: next(values, True))
    watch.start()
    assert changed.wait(5)
    watch.stop()
    watch._thread.join(5)
    assert changes == [True] and not watch._thread.is_alive()
