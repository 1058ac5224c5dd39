import pytest

from kiosk.interaction.session import TEXT_SCALES, Location, Session, SessionDefaults


def test_reset_restores_a_fresh_visit():
    session = Session(SessionDefaults("fr", 1.25, "light"))
    fresh = session.snapshot()
    session.language = "ar"
    session.set_text_scale(2.0)
    session.theme = "dark"
    session.speech.read_aloud = True
    session.speech.volume = 1.0
    session.go(Location("topics"))
    session.go(Location("reader", "what_is_ccsvi", 2))
    session.reset()
    assert session.snapshot() == fresh
    assert session.location == Location("welcome")
    assert session.history == []


def test_back_retraces_history_but_page_turns_are_not_history():
    session = Session()
    session.go(Location("topics"))
    session.go(Location("reader", "a", 0))
    session.go(Location("reader", "a", 1))
    session.go(Location("reader", "a", 2))
    assert session.back() == Location("topics")
    assert session.back() == Location("welcome")
    assert session.back() == Location("welcome")


def test_text_scale_steps_cover_100_to_200_percent():
    assert len(TEXT_SCALES) >= 4
    assert TEXT_SCALES[0] == 1.0 and TEXT_SCALES[-1] == 2.0
    session = Session()
    assert session.step_text_scale(+1) == TEXT_SCALES[1]
    for _ in range(10):
        session.step_text_scale(+1)
    assert session.text_scale == 2.0
    with pytest.raises(ValueError):
        session.set_text_scale(3.0)
