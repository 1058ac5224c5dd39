"""``ccsvi-kiosk snapshot``: every screen as PNG, with real text in every script."""

from pathlib import Path

from PIL import Image, ImageChops

from kiosk import paths


def ink_fraction(path: Path) -> float:
    """Share of pixels that differ from the background colour (the corner pixel)."""
    with Image.open(path) as image:
        rgb = image.convert("RGB").resize((480, 270))
        background = Image.new("RGB", rgb.size, rgb.getpixel((2, rgb.height - 2)))
        changed = ImageChops.difference(rgb, background).convert("L").point(
            lambda v: 255 if v else 0)
        return changed.histogram()[255] / (rgb.width * rgb.height)


def test_snapshot_writes_every_screen_and_page_with_real_text(tmp_path, kiosk):
    out = tmp_path / "shots"
    result = kiosk("snapshot", "--out", str(out), "--lang", "en", "--text-scale", "1.0", "2.0")
    assert result.returncode == 0, result.stderr
    shots = sorted(out.glob("*.png"))
    names = [p.name for p in shots]
    for scale in ("100", "200"):
        assert any(n.startswith(f"en-dark-{scale}-") and n.endswith("-welcome.png")
                   for n in names)
        assert any(f"-{scale}-" in n and "-settings" in n for n in names)
        assert any(f"-{scale}-" in n and "-sources-p1" in n for n in names)
    from kiosk.content.model import load_content

    sections = load_content(paths.CONTENT_DIR).sections
    for section in sections:
        assert any(f"reader-{section.id}-p1" in n for n in names)
    assert len([n for n in names if "-200-" in n]) > len([n for n in names if "-100-" in n])
    for path in shots:
        with Image.open(path) as image:
            assert image.size == (1920, 1080)
        assert ink_fraction(path) > 0.01, f"{path.name} looks blank"


def test_snapshot_of_arabic_and_chinese_shows_their_scripts(tmp_path, kiosk):
    out = tmp_path / "shots"
    result = kiosk("snapshot", "--out", str(out), "--lang", "ar", "zh_Hans", "--size", "960x540")
    assert result.returncode == 0, result.stderr
    for language in ("ar", "zh_Hans"):
        shots = sorted(out.glob(f"{language}-*.png"))
        assert any(p.name.endswith("-welcome.png") for p in shots)
        assert all(ink_fraction(p) > 0.01 for p in shots)


def test_snapshot_rejects_unknown_options_clearly(tmp_path, kiosk):
    result = kiosk("snapshot", "--out", str(tmp_path), "--lang", "tlh")
    assert result.returncode == 2
    assert "not offered" in result.stderr and "Traceback" not in result.stderr
