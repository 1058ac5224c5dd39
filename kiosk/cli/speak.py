"""``ccsvi-kiosk speak``: what read-aloud would say for a page, as one WAV plus timings.

Translators and reviewers hear a page without a kiosk; tests check the audio and the timings.
Each sentence goes through the same worker and engine as the kiosk's read-aloud.
"""

from __future__ import annotations

import json
import sys
import wave
from pathlib import Path

from kiosk.content import localized
from kiosk.i18n import catalogues as i18n
from kiosk.problems import InputError
from kiosk.speech.read_aloud import sentence_spans
from kiosk.speech.types import SpeechUnavailable, Utterance

GAP_MS = 250  # the pause between sentences in the rendered file


def run(args) -> int:
    from kiosk.config import config_path_from
    from kiosk.loading import load_kiosk

    try:
        data = load_kiosk(config_path_from(args.config), preview=[args.lang])
        section = data.content.section(args.section or data.content.sections[0].id)
    except InputError as exc:
        print(f"ccsvi-kiosk: {exc.problems[0]}", file=sys.stderr)
        return 2
    except KeyError:
        ids = ", ".join(s.id for s in data.content.sections)
        print(f"ccsvi-kiosk: no section {args.section!r} (sections: {ids})", file=sys.stderr)
        return 2
    if not 1 <= args.page <= len(section.pages):
        print(f"ccsvi-kiosk: section {section.id!r} has pages 1 to {len(section.pages)}",
              file=sys.stderr)
        return 2
    if args.lang not in [lang.code for lang in data.languages]:
        print(f"ccsvi-kiosk: language {args.lang!r} is not offered and has no usable catalogue"
              f" in {data.config.locales_dir} (run 'ccsvi-kiosk i18n update --init "
              f"{args.lang}')", file=sys.stderr)
        return 2
    i18n.activate(data.catalogues.translator(args.lang))
    text = "\n\n".join(localized.paragraphs(section, args.page - 1))
    from kiosk.speech import create_synthesizer
    from kiosk.speech.pronunciation import pronunciations_from

    # The kiosk's own choice of engine, and the language's pronunciation list, as a visitor
    # would hear them; ``--engine clear`` asks for espeak-ng as the Voice screen's "Clear".
    synthesizer = create_synthesizer("worker", voices_dir=data.config.voices_dir,
                                     pronunciations=pronunciations_from(data.catalogues))
    try:
        if not synthesizer.has_voice(args.lang):
            print(f"ccsvi-kiosk: audio not available in {args.lang!r} (no voice installed)",
                  file=sys.stderr)
            return 2
        if args.engine == "natural" and not synthesizer.has_natural(args.lang):
            print(f"ccsvi-kiosk: no natural voice for {args.lang!r} (add one to "
                  f"{data.config.voices_dir}, docs/DEPLOY.md); '--engine clear' uses "
                  "espeak-ng", file=sys.stderr)
            return 2
        spans = sentence_spans(text)
        futures = [synthesizer.synthesize(Utterance(text[a:b], args.lang, args.rate,
                                                    args.volume, args.engine or "natural"))
                   for a, b in spans]
        results = [future.result(timeout=60) for future in futures]
        timings = write_wav(results, spans, text, args.wav)
    except (SpeechUnavailable, ValueError) as exc:
        print(f"ccsvi-kiosk: speech failed: {exc}", file=sys.stderr)
        return 2
    finally:
        synthesizer.close()
    engines = sorted({synthesis.engine for synthesis in results})
    voices = sorted({synthesis.voice for synthesis in results})
    timings.update(language=args.lang, section=section.id, page=args.page, rate=args.rate,
                   engine=", ".join(engines), voice=", ".join(voices))
    if len(engines) > 1:
        print("ccsvi-kiosk: warning: the natural voice failed during the page; espeak-ng "
              "read the rest", file=sys.stderr)
    if args.timings:
        Path(args.timings).write_text(json.dumps(timings, ensure_ascii=False, indent=2),
                                      encoding="utf-8")
    print(f"wrote {args.wav} ({timings['duration_ms'] / 1000:.1f} s, "
          f"{len(timings['sentences'])} sentences)")
    return 0


def write_wav(results, spans, text: str, out: Path) -> dict:
    """Join the sentences' audio with short pauses; return the timing of every word."""
    frames, params, position, sentences = [], None, 0, []
    for synthesis, (start, end) in zip(results, spans, strict=True):
        with wave.open(str(synthesis.wav), "rb") as audio:
            params = params or audio.getparams()
            rate = audio.getframerate()
            if rate != params.framerate:
                raise ValueError(f"the voices of this page speak at {params.framerate} and "
                                 f"{rate} Hz: cannot join them in one file")
            frames.append(audio.readframes(audio.getnframes()))
            length_ms = round(audio.getnframes() * 1000 / rate)
        sentence_text = text[start:end]
        sentences.append({
            "text": sentence_text, "start_ms": position, "end_ms": position + length_ms,
            "engine": synthesis.engine, "voice": synthesis.voice,
            "words_timed": bool(synthesis.words),
            "words": [{"text": sentence_text[w.start:w.start + w.length],
                       "start_ms": position + w.at_ms} for w in synthesis.words],
        })
        silence = b"\x00\x00" * (rate * GAP_MS // 1000)
        frames.append(silence)
        position += length_ms + GAP_MS
        synthesis.wav.unlink(missing_ok=True)
    with wave.open(str(out), "wb") as target:
        target.setparams(params)
        target.writeframes(b"".join(frames))
    return {"duration_ms": position, "sentences": sentences}
