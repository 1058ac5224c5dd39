"""``ccsvi-kiosk speak``: a page as one WAV with sentence and word timings."""

import json
import subprocess
import sys
import wave


def speak(tmp_path, *args):
    wav, timings = tmp_path / "page.wav", tmp_path / "page.json"
    result = subprocess.run([sys.executable, "-m", "kiosk", "speak", *args, "--wav", str(wav),
                             "--timings", str(timings)], capture_output=True, text=True,
                            timeout=120)
    return result, wav, timings


def test_a_page_renders_with_monotonic_timings_inside_the_audio(tmp_path):
    result, wav, timings = speak(tmp_path, "--lang", "de", "--section", "what_is_ccsvi")
    assert result.returncode == 0, result.stderr
    with wave.open(str(wav), "rb") as audio:
        length_ms = audio.getnframes() * 1000 / audio.getframerate()
    data = json.loads(timings.read_text(encoding="utf-8"))
    assert data["language"] == "de" and abs(data["duration_ms"] - length_ms) < 50
    starts = [w["start_ms"] for s in data["sentences"] for w in s["words"]]
    assert starts == sorted(starts) and starts[0] >= 0 and starts[-1] < length_ms
    for sentence in data["sentences"]:
        assert sentence["start_ms"] <= sentence["words"][0]["start_ms"] < sentence["end_ms"]
        assert all(w["text"] and w["text"] in sentence["text"] for w in sentence["words"])
    assert data["sentences"][0]["text"].startswith("CCSVI")


def test_speed_changes_the_length(tmp_path):
    normal = speak(tmp_path, "--lang", "en", "--page", "2")[2]
    slow_dir = tmp_path / "slow"
    slow_dir.mkdir()
    slow = speak(slow_dir, "--lang", "en", "--page", "2", "--rate", "0.5")[2]
    normal_ms = json.loads(normal.read_text())["duration_ms"]
    slow_ms = json.loads(slow.read_text())["duration_ms"]
    assert slow_ms > 1.6 * normal_ms


def test_bad_requests_get_one_clear_line(tmp_path):
    result, _wav, _timings = speak(tmp_path, "--lang", "en", "--section", "nope")
    assert result.returncode == 2 and "no section 'nope'" in result.stderr
    assert "Traceback" not in result.stderr
