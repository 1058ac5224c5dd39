"""The read-aloud controller, with the recording synthesizer and a clock moved by hand."""

from concurrent.futures import Future

from kiosk.speech.read_aloud import ReadAloud, sentence_spans
from kiosk.speech.recording import RecordingPlayer
from kiosk.speech.types import SpeechUnavailable
from kiosk.stand_ins import ManualClock, SpySynthesizer

TEXT = "One two three. Four five.\n\nSix seven eight nine."


def make(**kwargs):
    clock = ManualClock()
    synth = SpySynthesizer(ms_per_word=400)
    reader = ReadAloud(synth, RecordingPlayer(clock=clock), **kwargs)
    return reader, synth, clock


def word(text, highlight):
    return text[highlight.word[0]:highlight.word[1]] if highlight and highlight.word else None


def test_sentences_are_found_with_their_offsets():
    spans = sentence_spans(TEXT)
    assert [TEXT[a:b] for a, b in spans] == ["One two three.", "Four five.",
                                             "Six seven eight nine."]
    chinese = "你好。再见！"
    assert [chinese[a:b] for a, b in sentence_spans(chinese)] == ["你好。", "再见！"]


def test_highlight_follows_playback_not_synthesis():
    reader, synth, clock = make()
    reader.start(TEXT, "en")
    assert len(synth.spoken) == 3  # the whole page was synthesized at once...
    assert word(TEXT, reader.tick()) == "One"  # ...but only the first word has been heard
    clock.advance(0.45)
    assert word(TEXT, reader.tick()) == "two"
    clock.advance(0.4)
    highlight = reader.tick()
    assert word(TEXT, highlight) == "three."
    assert TEXT[highlight.sentence[0]:highlight.sentence[1]] == "One two three."
    clock.advance(0.4)  # the first sentence's audio ends: the next one starts
    reader.tick()
    assert word(TEXT, reader.tick()) == "Four"


def test_pause_resume_repeat_and_stop():
    reader, _synth, clock = make()
    reader.start(TEXT, "en")
    reader.tick()
    clock.advance(0.45)
    reader.pause()
    clock.advance(5)  # paused: nothing moves
    assert word(TEXT, reader.tick()) == "two"
    reader.resume()
    clock.advance(0.4)
    assert word(TEXT, reader.tick()) == "three."
    reader.repeat()
    assert word(TEXT, reader.tick()) == "One"  # the sentence again, from its start
    reader.stop()
    assert reader.tick() is None and not reader.active


def test_the_end_of_the_page_is_reported_for_keep_reading():
    finished = []
    reader, _synth, clock = make(on_finished=lambda: finished.append(True))
    reader.start("Short page.", "en")
    reader.tick()
    clock.advance(2)
    reader.tick()
    reader.tick()
    assert finished == [True] and not reader.active


def test_rate_and_language_reach_the_synthesizer():
    reader, synth, _clock = make()
    reader.start(TEXT, "fr", rate=2.0, volume=0.8)
    assert {(u.language, u.rate, u.volume) for u in synth.spoken} == {("fr", 2.0, 0.8)}


class LosesTheFirstSentence(SpySynthesizer):
    """As when the worker dies mid-sentence: the first request fails, the next are served."""

    def synthesize(self, utterance):
        if getattr(self, "lost", False):
            return super().synthesize(utterance)
        self.lost = True
        failed: Future = Future()
        failed.set_exception(SpeechUnavailable("the speech worker stopped"))
        return failed


def test_a_lost_sentence_is_requested_again_once():
    synth = LosesTheFirstSentence()
    reader = ReadAloud(synth, RecordingPlayer(clock=ManualClock()))
    reader.start(TEXT, "en")
    sentences = len(sentence_spans(TEXT))
    assert len(synth.spoken) == sentences - 1  # the first was lost
    reader.tick()  # notices the loss and asks again for it and the rest
    assert word(TEXT, reader.tick()) == "One"
    assert len(synth.spoken) == 2 * sentences - 1 and reader.error is None


def test_no_voice_stops_with_a_reason():
    clock = ManualClock()
    reader = ReadAloud(SpySynthesizer(languages=frozenset({"en"})),
                       RecordingPlayer(clock=clock))
    reader.start(TEXT, "ar")
    for _ in range(3):
        reader.tick()
    assert not reader.active and "no voice" in reader.error


def test_sentence_audio_is_deleted_when_no_longer_needed(tmp_path):
    from concurrent.futures import Future

    from kiosk.speech.types import Synthesis

    class FileSynthesizer(SpySynthesizer):
        def synthesize(self, utterance):
            result = super().synthesize(utterance).result()
            wav = tmp_path / f"{len(self.spoken)}.wav"
            wav.write_bytes(b"RIFF")
            future: Future = Future()
            future.set_result(Synthesis(utterance, wav, result.duration_ms, result.words))
            return future

    clock = ManualClock()
    reader = ReadAloud(FileSynthesizer(), RecordingPlayer(clock=clock))
    reader.start(TEXT, "en")
    reader.tick()
    assert len(list(tmp_path.glob("*.wav"))) == 3
    reader.stop()  # stopped mid-page: the played and the unplayed audio both go
    assert list(tmp_path.glob("*.wav")) == []


class SlowSynthesizer(SpySynthesizer):
    """Answers only when told to, as the real worker answers a few milliseconds later."""

    def __init__(self):
        super().__init__(ms_per_word=400)
        self.waiting: list[tuple[Future, Future]] = []

    def synthesize(self, utterance):
        done, pending = super().synthesize(utterance), Future()
        self.waiting.append((done, pending))
        return pending

    def answer_first(self):
        done, pending = self.waiting.pop(0)
        pending.set_result(done.result())


def test_the_ui_hears_as_soon_as_the_first_sentence_is_ready_and_not_sounding_before():
    clock = ManualClock()
    synth = SlowSynthesizer()
    reader = ReadAloud(synth, RecordingPlayer(clock=clock))
    reader.start(TEXT, "en")
    ready = []
    reader.when_ready(lambda: ready.append(True))
    reader.tick()
    assert not ready and not reader.sounding  # still being synthesized: nothing to hear
    synth.answer_first()
    assert ready == [True]  # told at once, not on a later tick
    assert word(TEXT, reader.tick()) == "One" and reader.sounding
