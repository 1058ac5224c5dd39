"""A checked copy of what ``load_kiosk`` read, reused while every file it read is unchanged.

Reading and checking the content, every catalogue, CLDR's language names and dates and the
Arabic face's character map was a third of the time to the first frame, on every start, for
files that change a few times a year. As Sphinx and mypy do, the result is kept with a
fingerprint of every input, and used only when all of them match: the text of the config,
content and catalogue files (SHA-256), the font files the choice depends on (size and time:
hashing 20 MB of CJK faces would cost more than it saves), the kiosk's own code and the
Python and Babel it runs on. Anything changed, missing or unreadable means a full load and
check, so a broken file is found and refused exactly as without the copy. Only ``run`` uses it;
``check`` always reads everything.

The copy is a pickle in the kiosk's own cache directory (``paths.cache_dir``), written by the
kiosk's own account; one file per config path, replaced atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk import paths
from kiosk.config import KioskConfig
from kiosk.loading import KioskData

log = logging.getLogger(__name__)

FORMAT = 1  # raise when the stored shape changes


@dataclass
class _Entry:
    key: str  # what must match before the inputs are even looked at
    inputs: dict[str, str]  # path -> fingerprint, for every file the load depended on
    data: KioskData
    coverage: dict[str, frozenset[int]]  # character maps the first frame needs


def load_kiosk_cached(config_path: Path | None, today: dt.date | None = None,
                      cache_dir: Path | None = None) -> KioskData:
    """``load_kiosk(config_path, today)``, from the checked copy when nothing has changed.
    Raises ``InputError`` exactly as ``load_kiosk`` does (a broken file is never cached)."""
    today = today or dt.date.today()
    where = _entry_path(config_path, cache_dir)
    key = _key(config_path, today)
    entry = _read(where, key)
    if entry is not None:
        from kiosk.fonts import glyphs

        glyphs.remember(entry.coverage)
        return entry.data
    from kiosk.config import load_config
    from kiosk.loading import load_kiosk

    # Fingerprints taken before reading: a file edited while it is read is read again next time.
    inputs = _inputs(load_config(config_path))
    data = load_kiosk(config_path, today)
    _write(where, _Entry(key, inputs, data, _coverage(data)))
    return data


def has_fresh_copy(config_path: Path | None, today: dt.date | None = None,
                   cache_dir: Path | None = None) -> bool:
    """Whether a start now would use the checked copy (every input unchanged)."""
    today = today or dt.date.today()
    return _read(_entry_path(config_path, cache_dir), _key(config_path, today)) is not None


def _entry_path(config_path: Path | None, cache_dir: Path | None) -> Path:
    name = _digest(str(config_path and config_path.resolve()))[:16]
    return (cache_dir or paths.cache_dir()) / f"start-{name}.pickle"


def _key(config_path: Path | None, today: dt.date) -> str:
    """Everything that changes the result besides the files: the day (review warnings), the
    code and the libraries that read the files."""
    parts = [str(FORMAT), today.isoformat(), str(config_path), sys.version, _babel_version(),
             _code_fingerprint()]
    return _digest("\n".join(parts))


def _babel_version() -> str:
    """Babel's CLDR data names the languages and writes the dates: a new Babel, new files."""
    from importlib.util import find_spec

    spec = find_spec("babel")
    return _file_stat(Path(spec.origin)) if spec and spec.origin else "none"


def _code_fingerprint() -> str:
    """Size and time of every module of the kiosk: an update changes some of them."""
    found = []
    for folder, _dirs, files in os.walk(paths.PACKAGE_DIR):
        for name in files:
            if name.endswith((".py", ".yaml")):
                stat = os.stat(os.path.join(folder, name))
                found.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return _digest("\n".join(sorted(found)))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "missing"
    except OSError as exc:  # unreadable: never equal to a stored hash
        return f"unreadable {exc.errno} {os.urandom(8).hex()}"


def _file_stat(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _inputs(config: KioskConfig) -> dict[str, str]:
    """Every file the load reads or looks for, with its fingerprint (``_fingerprint``)."""
    from kiosk.fonts.faces import candidate_files

    texts = [*config.files, *_tree(config.content_dir), *_tree(config.locales_dir)]
    found = {f"text:{path}": _file_hash(path) for path in texts}
    found.update({f"font:{path}": _file_stat(path) for path in candidate_files()})
    # The folders themselves: a file added (a new catalogue, a second content file) counts.
    found.update({f"dir:{folder}": _listing(folder)
                  for folder in (config.content_dir, config.locales_dir)})
    return found


def _tree(folder: Path) -> list[Path]:
    return sorted(Path(root) / name for root, _dirs, files in os.walk(folder) for name in files)


def _listing(folder: Path) -> str:
    return _digest("\n".join(map(str, _tree(folder))))


def _fingerprint(name: str) -> str:
    kind, _, path = name.partition(":")
    if kind == "text":
        return _file_hash(Path(path))
    if kind == "font":
        return _file_stat(Path(path))
    return _listing(Path(path))


def _read(where: Path, key: str) -> _Entry | None:
    try:
        with open(where, "rb") as stored:
            entry = pickle.load(stored)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged copy is only a slower start
        log.info("start-up cache %s not used: %s", where, exc)
        return None
    if not isinstance(entry, _Entry) or entry.key != key:
        return None
    changed = next((name for name, print_ in entry.inputs.items()
                    if _fingerprint(name) != print_), None)
    if changed is not None:
        log.info("start-up cache: %s changed; reading everything again", changed)
        return None
    return entry


def _coverage(data: KioskData) -> dict[str, frozenset[int]]:
    """The character maps ``kiosk.ui.measure`` reads for faces with a fallback (Arabic)."""
    from kiosk.fonts.glyphs import coverage

    faces = [face for choice in data.fonts.values() if choice.fallback is not None
             for face in (choice.regular, choice.bold)]
    return {str(face): coverage(face) for face in faces}


def _write(where: Path, entry: _Entry) -> None:
    part = None
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where.parent, suffix=".part",
                                         delete=False) as part:
            pickle.dump(entry, part, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part.name, where)
    except Exception as exc:  # read-only or full disk: start anyway, only slower next time
        log.info("start-up cache %s not written: %s", where, exc)
        if part is not None:
            with contextlib.suppress(OSError):
                os.unlink(part.name)
