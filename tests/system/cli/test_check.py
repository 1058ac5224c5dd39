"""``ccsvi-kiosk check``: every problem in config, content and catalogues, by file and line."""




def test_check_passes_on_the_shipped_files(kiosk):
    result = kiosk("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("check: OK")


def test_check_fails_on_a_broken_config_with_file_and_line(tmp_path, kiosk):
    config = tmp_path / "clinic.yaml"
    config.write_text("fullscreen: true\nscreen:\n  width_mm: -3\n", encoding="utf-8")
    result = kiosk("check", "--config", str(config))
    assert result.returncode == 1
    assert f"{config}:3: screen.width_mm: -3 mm is not a plausible screen size" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_fails_on_broken_content_with_file_and_line(project_copy, kiosk):
    content = project_copy / "content" / "explainer.yaml"
    text = content.read_text(encoding="utf-8").replace("    title:", "    titel:", 1)
    content.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "titel:" in row)
    config = project_copy / "clinic.yaml"
    config.write_text("content_dir: content\n", encoding="utf-8")
    result = kiosk("check", "--config", str(config))
    assert result.returncode == 1
    assert f"{content}:{line}: unknown key 'titel'" in result.stdout


def test_check_reads_the_config_named_by_the_environment(tmp_path, kiosk):
    config = tmp_path / "env.yaml"
    config.write_text("default_language: xx\n", encoding="utf-8")
    result = kiosk("check", env_extra={"KIOSK_CONFIG": str(config)})
    assert result.returncode == 1
    assert f"{config}:1: default_language" in result.stdout


def test_check_reports_missing_speech_without_failing(kiosk):
    result = kiosk("check", env_extra={"KIOSK_TTS_DRIVER": "no-such-driver"})
    assert result.returncode == 0, result.stdout
    assert "warning: speech: no text-to-speech engine works" in result.stdout
