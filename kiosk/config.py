"""Kiosk configuration: the shipped defaults, overridden by one clinic file.

Clinic staff edit this file by hand, possibly once, possibly years later. A typo must produce one
line that names the file, the line and the key, never a traceback, and never a kiosk that starts
with a half-understood setting.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.interaction.session import SessionDefaults
from kiosk.problems import InputError, Problem

# Reading and checking (YAML, the schema, Babel's language list, PIN hashes) is imported by
# the functions that do it: a start from the checked copy (``kiosk.loading_cache``) needs only
# the dataclasses below.

CONFIG_ENV = "KIOSK_CONFIG"

_TOP_LEVEL: dict[str, Any] = {
    "languages": list,
    "default_language": str,
    "idle_timeout_seconds": (int, float),
    "idle_warning_seconds": (int, float),
    "fullscreen": bool,
    "screen": dict,
    "display": dict,
    "content_dir": (str, type(None)),
    "locales_dir": (str, type(None)),
    "voices_dir": (str, type(None)),
    "touch": dict,
    "switch_scanning": dict,
    "animations": bool,
    "audio_guide_with_headphones": bool,
    "admin": dict,
}
_SCREEN = {"width_mm": (int, float), "height_mm": (int, float)}
_DISPLAY = {"text_scale": (int, float), "theme": str}
_TOUCH = {"repeat_ignore_ms": (int, float), "hold_ms": (int, float)}
# ``key: 1`` is read by YAML as a number and ``key:`` as nothing; both are meant as key names.
_SCANNING = {"key": (str, int, type(None)), "interval_seconds": (int, float)}
_ADMIN = {"pin_hash": (str, type(None))}
_SECTIONS = {"screen": _SCREEN, "display": _DISPLAY, "touch": _TOUCH,
             "switch_scanning": _SCANNING, "admin": _ADMIN}

# Key names a switch interface may send, spelled as Kivy names them (``Keyboard.keycodes``), so
# the UI can look the key up without guessing. Escape and the modifier keys are left out: the
# kiosk swallows Escape, and a held Shift or Ctrl is not a switch press.
SCAN_KEYS: frozenset[str] = frozenset(
    [chr(c) for c in range(ord("a"), ord("z") + 1)]
    + [str(d) for d in range(10)]
    + [f"f{n}" for n in range(1, 16)]
    + [f"numpad{d}" for d in range(10)]
    + ["spacebar", "enter", "numpadenter", "tab", "backspace", "up", "down", "left", "right",
       "pageup", "pagedown", "home", "end", "insert", "delete"])
_SCAN_KEY_ALIASES = {"space": "spacebar", "return": "enter"}


@dataclass(frozen=True)
class ScreenSize:
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class KioskConfig:
    languages: tuple[str, ...]
    default_language: str
    idle_timeout_seconds: float
    idle_warning_seconds: float
    fullscreen: bool
    screen: ScreenSize
    text_scale: float
    theme: str
    content_dir: Path
    locales_dir: Path
    voices_dir: Path  # natural voices (Piper .onnx + .onnx.json); need not exist by default
    files: tuple[Path, ...]  # the files these values came from, defaults first
    repeat_ignore_ms: int  # a second press this soon after an accepted one is ignored
    hold_ms: int  # how long a finger must rest on a control before its release counts
    scan_key: str  # the key a switch interface sends, as Kivy names it; "" = no scanning
    scan_interval_seconds: float  # how long each control stays highlighted while scanning
    animations: bool  # screen transitions; off unless a clinic turns them on
    audio_guide_with_headphones: bool  # plugging headphones in turns the audio guide on
    admin_pin_hash: str  # see kiosk.admin.pin; "" = no PIN set, so the kiosk cannot be left

    @property
    def session_defaults(self) -> SessionDefaults:
        return SessionDefaults(self.default_language, self.text_scale, self.theme)


def config_path_from(arg: str | Path | None) -> Path | None:
    """The clinic's config file: ``--config`` wins over ``KIOSK_CONFIG``; None means defaults."""
    if arg:
        return Path(arg)
    env = os.environ.get(CONFIG_ENV)
    return Path(env) if env else None


def load_config(path: Path | None = None) -> KioskConfig:
    """Defaults merged with ``path``; raises ``InputError`` naming file, line and key."""
    files = [paths.DEFAULT_CONFIG]
    values, lines = _read(paths.DEFAULT_CONFIG)
    if path is not None:
        if not path.is_file():
            raise InputError([Problem(path, None, "config file not found")])
        override, override_lines = _read(path)
        for key, value in override.items():
            if isinstance(value, dict) and isinstance(values.get(key), dict):
                values[key] = {**values[key], **value}
                lines.update({f"{key}.{k}": override_lines[f"{key}.{k}"] for k in value})
            else:
                values[key] = value
            lines[key] = override_lines[key]
        files.append(path)
    return _build(values, lines, tuple(files))


def _read(path: Path) -> tuple[dict, dict[str, tuple[Path, int]]]:
    """Read one file, check its keys and kinds, and remember (file, line) for every key."""
    from kiosk.schema import check_fields
    from kiosk.yaml_lines import LineDict, load_yaml_file

    data = load_yaml_file(path)
    if data is None:
        data = LineDict()
        data.line, data.key_lines = 1, {}
    problems = check_fields(data, path, 1, "the config", {}, _TOP_LEVEL)
    where: dict[str, tuple[Path, int]] = {}
    if isinstance(data, dict):
        for key in data:
            where[key] = (path, data.line_of(key))
        for key, spec in _SECTIONS.items():
            sub = data.get(key)
            if isinstance(sub, dict):
                problems += check_fields(sub, path, data.line_of(key), key, {}, spec)
                for sub_key in sub:
                    where[f"{key}.{sub_key}"] = (path, sub.line_of(sub_key))
    if problems:
        raise InputError(problems)
    return dict(data), where


def _build(values: dict, lines: dict[str, tuple[Path, int]], files: tuple[Path, ...]
           ) -> KioskConfig:
    from kiosk.admin.pin import hash_problem
    from kiosk.display.theme import THEMES
    from kiosk.i18n.catalogues import known_language
    from kiosk.interaction.session import TEXT_SCALES

    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        path, line = lines.get(key, (files[-1], None))
        problems.append(Problem(path, line, f"{key}: {message}"))

    languages = values.get("languages") or []
    if not languages:
        bad("languages", "list at least one language")
    for code in languages:
        if not isinstance(code, str):
            bad("languages", f"{code!r} is not a language code")
            continue
        if not known_language(code):
            bad("languages", f"{code!r} is not a known language code (examples: en, fr, zh_Hans)")
    default_language = values.get("default_language", "")
    if default_language not in languages:
        bad("default_language", f"{default_language!r} is not one of the languages {languages}")

    timeout = values.get("idle_timeout_seconds", 90)
    if not 15 <= timeout <= 3600:
        bad("idle_timeout_seconds", f"{timeout} is out of range (15 to 3600 seconds)")
    warning = values.get("idle_warning_seconds", 30)
    if not 20 <= warning <= 600:
        bad("idle_warning_seconds", f"{warning} is out of range (20 to 600 seconds: people "
                                    "need at least 20 seconds to answer)")

    screen = values.get("screen", {})
    for key in ("width_mm", "height_mm"):
        size = screen.get(key)
        if size is None:
            bad("screen", f"missing {key!r}")
        elif not 50 <= size <= 3000:
            bad(f"screen.{key}", f"{size} mm is not a plausible screen size (50 to 3000)")

    display = values.get("display", {})
    scale = display.get("text_scale", 1.0)
    if scale not in TEXT_SCALES:
        bad("display.text_scale", f"{scale} is not one of {', '.join(map(str, TEXT_SCALES))}")
    theme = display.get("theme", "dark")
    if theme not in THEMES:
        bad("display.theme", f"{theme!r} is not one of {', '.join(THEMES)}")

    touch = values.get("touch", {})
    repeat_ignore = touch.get("repeat_ignore_ms", 500)
    if not 0 <= repeat_ignore <= 1500:
        bad("touch.repeat_ignore_ms", f"{repeat_ignore} is out of range (0 to 1500 ms)")
    hold = touch.get("hold_ms", 0)
    if not 0 <= hold <= 1000:
        bad("touch.hold_ms", f"{hold} is out of range (0 to 1000 ms)")

    scanning = values.get("switch_scanning", {})
    scan_key = scan_key_name(scanning.get("key"))
    if scan_key is None:
        bad("switch_scanning.key", f"{scanning.get('key')!r} is not a key name the kiosk knows "
                                   "(examples: f8, spacebar, enter, 1, a; empty turns scanning "
                                   "off)")
    interval = scanning.get("interval_seconds", 1.5)
    if not 0.5 <= interval <= 10:
        bad("switch_scanning.interval_seconds", f"{interval} is out of range (0.5 to 10 seconds)")

    pin_hash = (values.get("admin") or {}).get("pin_hash") or ""
    unusable = hash_problem(pin_hash)
    if unusable:
        bad("admin.pin_hash", unusable)

    content_dir = _dir(values, lines, "content_dir", paths.CONTENT_DIR, bad)
    locales_dir = _dir(values, lines, "locales_dir", paths.LOCALES_DIR, bad)
    voices_dir = _dir(values, lines, "voices_dir", paths.VOICES_DIR, bad)

    if problems:
        raise InputError(problems)
    return KioskConfig(
        languages=tuple(languages),
        default_language=default_language,
        idle_timeout_seconds=float(timeout),
        idle_warning_seconds=float(warning),
        fullscreen=values.get("fullscreen", True),
        screen=ScreenSize(float(screen["width_mm"]), float(screen["height_mm"])),
        text_scale=float(scale),
        theme=theme,
        content_dir=content_dir,
        locales_dir=locales_dir,
        voices_dir=voices_dir,
        files=files,
        repeat_ignore_ms=round(repeat_ignore),
        hold_ms=round(hold),
        scan_key=scan_key or "",
        scan_interval_seconds=float(interval),
        animations=values.get("animations", False),
        audio_guide_with_headphones=values.get("audio_guide_with_headphones", True),
        admin_pin_hash=pin_hash,
    )


def scan_key_name(raw: str | int | None) -> str | None:
    """The Kivy name of a configured switch key, "" for none (scanning off), None if unknown.

    Case and a few everyday spellings ("space", "Return") are forgiven: staff copy key names
    from a switch interface's manual, not from Kivy's.
    """
    if raw is None:
        return ""
    name = str(raw).strip().lower()
    if not name:
        return ""
    name = _SCAN_KEY_ALIASES.get(name, name)
    return name if name in SCAN_KEYS else None


def _dir(values: dict, lines: dict, key: str, default: Path, bad) -> Path:
    raw = values.get(key)
    if not raw:
        return default
    path = Path(raw)
    if not path.is_absolute():
        path = lines[key][0].parent / path
    if not path.is_dir():
        bad(key, f"folder {str(path)!r} does not exist")
    return path
