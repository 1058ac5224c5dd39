"""A new language, start to finish, as docs/TRANSLATING.md tells a volunteer translator to add
one: no code, no developer, and the clinic's config left as it is until the language is ready.

Dutch is not shipped and espeak-ng speaks it. Every command runs as ``python -m kiosk`` in a
fresh process, on a scratch copy of the content and catalogues.
"""

import json
import os
import subprocess
import sys
import wave

import pytest
from PIL import Image, ImageChops

from kiosk import paths
from kiosk.config import load_config
from kiosk.i18n import tools as i18n_tools
from kiosk.i18n.catalogues import po_path

NEW = "nl"
MARK = "·"  # ends every "translation": short, so labels still fit, and drawn by the font


def kiosk(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "KIOSK_CONFIG")}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def translate_everything(path) -> None:
    """What the translator does in Poedit: every entry filled (the English with a mark, its
    placeholders kept), and the new file's header no longer fuzzy."""
    catalog = i18n_tools.read_catalog(path, NEW)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(f"{text}{MARK}" for text in message.id)
        else:
            message.string = f"{message.id}{MARK}"
    catalog.fuzzy = False
    i18n_tools.write_catalog(catalog, path)


def differ(a, b) -> bool:
    with Image.open(a) as one, Image.open(b) as two:
        return ImageChops.difference(one.convert("RGB"), two.convert("RGB")).getbbox() is not None


@pytest.mark.skipif(NEW in load_config(None).languages, reason="Dutch is shipped now")
def test_a_translator_adds_checks_previews_and_hears_a_new_language_without_a_developer(
        project_copy, write_config, tmp_path):
    config = write_config("content_dir: content\nlocales_dir: locales\n")  # nl not listed
    config_text = config.read_text(encoding="utf-8")
    po = po_path(project_copy / "locales", NEW)

    made = kiosk("i18n", "update", "--config", str(config), "--init", NEW)
    assert made.returncode == 0, made.stderr
    lines = made.stdout.splitlines()
    assert f"created {po}" in lines
    assert [line for line in lines if not line.startswith("unchanged ")] == [f"created {po}"]
    header = po.read_text(encoding="utf-8").split('msgid ""')[0]
    assert "#, fuzzy" in header and "qualified medical translator" in header

    translate_everything(po)
    checked = kiosk("i18n", "check", "--config", str(config), "--lang", NEW)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines()[-1] == "i18n check: 0 error(s), 0 warning(s)"
    assert "Traceback" not in checked.stderr

    out = tmp_path / "shots"
    shot = kiosk("snapshot", "--config", str(config), "--lang", NEW, "--out", str(out),
                 "--text-scale", "1.0", "--theme", "dark")
    assert shot.returncode == 0, shot.stderr
    names = {p.name.split("-", 4)[-1].removesuffix(".png"): p for p in out.glob("*.png")}
    assert all(p.name.startswith(f"{NEW}-dark-100-") for p in names.values())
    for view in ("voice", "reading", "reading-paused", "idle-warning"):
        assert view in names, sorted(names)
    first = load_config(config).content_dir
    from kiosk.content.model import load_content

    reader = names[f"reader-{load_content(first).sections[0].id}-p1"]
    # Read aloud is drawn: reading the page changes its buttons. Without a voice both views
    # would say "Audio is not available in this language." and look the same.
    assert differ(reader, names["reading"]) and differ(names["reading"], names["reading-paused"])
    assert differ(reader, names["idle-warning"])

    wav, timings = tmp_path / "page.wav", tmp_path / "page.json"
    spoken = kiosk("speak", "--config", str(config), "--lang", NEW, "--wav", str(wav),
                   "--timings", str(timings))
    assert spoken.returncode == 0, spoken.stderr
    with wave.open(str(wav), "rb") as audio:
        seconds = audio.getnframes() / audio.getframerate()
    said = json.loads(timings.read_text(encoding="utf-8"))
    assert said["language"] == NEW and seconds > 2
    assert abs(said["duration_ms"] / 1000 - seconds) < 0.5
    sentences = said["sentences"]
    assert sentences[-1]["text"].endswith(MARK)  # the Dutch catalogue was read
    words = [w["start_ms"] for s in sentences for w in s["words"]]
    assert len(words) > 5 and words == sorted(words)

    # Nothing outside the translator's own file changed.
    assert config.read_text(encoding="utf-8") == config_text
    assert NEW not in load_config(config).languages
    assert not po_path(paths.LOCALES_DIR, NEW).exists()


def test_a_language_without_a_catalogue_gets_one_clear_line_from_each_command(tmp_path):
    for args in (("i18n", "check", "--lang", "tlh"),
                 ("snapshot", "--lang", "tlh", "--out", str(tmp_path)),
                 ("speak", "--lang", "tlh", "--wav", str(tmp_path / "x.wav"))):
        result = kiosk(*args)
        assert result.returncode in (1, 2), args
        said = result.stdout + result.stderr
        assert "Traceback" not in said and "tlh" in said, args
        assert "catalogue" in said, said
    assert not list(tmp_path.iterdir())  # nothing written
