"""The staff PIN: stored only as a salted scrypt hash, in the clinic's config file.

The config file is readable by the kiosk's user and often copied between kiosks, so it must
never hold the PIN itself. A hash is one self-describing string,
``scrypt$<n>$<r>$<p>$<salt, base64>$<hash, base64>``, so the cost can be raised later without
breaking PINs already set. Only the standard library is used (``hashlib.scrypt``,
``hmac.compare_digest``, ``secrets``). ``set_pin_in_file`` edits the one ``pin_hash`` line of
a hand-written YAML file and keeps everything else, comments included, because clinic staff
annotate their files and would not forgive a tool that rewrites them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.problems import InputError, Problem

PIN_MIN_DIGITS, PIN_MAX_DIGITS = 4, 12
SCHEME = "scrypt"
# About 65 ms and 32 MiB per check on a small PC: slow for guessing, quick for a person.
N, R, P = 2**15, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
# A hash string comes from a hand-edited file: refuse costs that would exhaust a Raspberry Pi.
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16
_MAXMEM = 256 * 2**20

_PIN = re.compile(rf"[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}")


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a PIN (never quoting it), or None if it can."""
    if not _PIN.fullmatch(pin):
        return f"a PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits (0-9), nothing else"
    return None


@dataclass(frozen=True)
class _Parsed:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def _parse(stored: str) -> _Parsed | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        n, r, p = (int(v) for v in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return None
    if (n < 2 or n & (n - 1) or n > _MAX_N or not 1 <= r <= _MAX_R or not 1 <= p <= _MAX_P
            or len(salt) < 8 or len(digest) < 16 or 128 * n * r * p > _MAXMEM // 2):
        return None
    return _Parsed(n, r, p, salt, digest)


def hash_problem(stored: str) -> str | None:
    """Why a configured ``pin_hash`` is unusable, or None (empty means "no PIN set")."""
    if stored == "" or _parse(stored) is not None:
        return None
    return "is not a PIN hash made by 'ccsvi-kiosk set-pin' (set the PIN again with it)"


def _derive(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM,
                          dklen=length)


def hash_pin(pin: str) -> str:
    """A new salted hash of ``pin``; raises ValueError for something that is not a PIN."""
    problem = pin_problem(pin)
    if problem:
        raise ValueError(problem)
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _derive(pin, salt, N, R, P, HASH_BYTES)
    b64 = base64.b64encode
    return f"{SCHEME}${N}${R}${P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True if ``pin`` matches ``stored``. No PIN set, or a broken hash, matches nothing."""
    parsed = _parse(stored)
    if parsed is None or pin_problem(pin):
        return False
    digest = _derive(pin, parsed.salt, parsed.n, parsed.r, parsed.p, len(parsed.digest))
    return hmac.compare_digest(digest, parsed.digest)


# Writing the hash into a config file ------------------------------------------------------------
_PIN_LINE = re.compile(r"^(?P<head>\s*pin_hash\s*:)[^#]*?(?P<comment>\s+#.*)?$")


def with_pin_hash(text: str, stored: str, path: Path | str) -> str:
    """``text`` (a config file) with ``admin: pin_hash:`` set to ``stored``; nothing else moves.

    Where the key and the ``admin`` block are is found by the YAML loader (so comments and
    look-alike lines elsewhere are never touched); the edit itself is textual.
    """
    from kiosk.yaml_lines import load_yaml_text

    data = load_yaml_text(text, path) if text.strip() else None
    value = f'"{stored}"'
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if data is not None and not isinstance(data, dict):
        raise InputError([Problem(path, 1, "the config must be a mapping (key: value lines)")])
    admin = data.get("admin") if data else None
    if data is None or "admin" not in data:
        block = ["\n" if lines and lines[-1].strip() else "",
                 "# Staff exit PIN, stored as a salted hash. Change it with:\n",
                 f"#   ccsvi-kiosk set-pin --config {Path(path).name}\n",
                 "admin:\n", f"  pin_hash: {value}\n"]
        return "".join(lines + block)
    admin_line = data.line_of("admin")
    if isinstance(admin, dict) and "pin_hash" in admin:
        index = admin.line_of("pin_hash") - 1
        match = _PIN_LINE.match(lines[index].rstrip("\n"))
        if match is None:
            raise InputError([Problem(path, index + 1, "admin: write 'pin_hash:' on a line of "
                                                       "its own so set-pin can change it")])
        lines[index] = f"{match['head']} {value}{match['comment'] or ''}\n"
        return "".join(lines)
    raise InputError([Problem(path, admin_line, "admin: write it as 'admin:' with "
                                                "'pin_hash:' indented on the next line")])


def set_pin_in_file(path: Path, stored: str) -> None:
    """Write ``stored`` into the config file at ``path``, atomically, keeping its mode.

    The new text is written to a temporary file beside it and loaded with the kiosk's own
    config loader before it replaces the original, so a kiosk is never left with a file it
    refuses to start with (nor with half a file after a power cut).
    """
    from kiosk.config import load_config

    target = path.resolve()
    exists = target.exists()
    if exists:
        load_config(target)  # a file that is already broken is reported as it is, not edited
        text = target.read_text(encoding="utf-8")
        mode = target.stat().st_mode & 0o7777
    else:
        text, mode = "", 0o644
    new_text = with_pin_hash(text, stored, target)
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".set-pin")
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(new_text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        if exists and os.geteuid() == 0:
            stat = target.stat()
            os.chown(temp, stat.st_uid, stat.st_gid)  # root editing the kiosk user's file
        try:
            written = load_config(temp).admin_pin_hash
        except InputError as exc:  # relabel: the problem is in the edit of ``target``
            raise InputError([Problem(target, p.line, p.message, p.severity)
                              for p in exc.problems]) from None
        if written != stored:
            raise InputError([Problem(target, None, "admin.pin_hash: the edited file does not "
                                                    "read back the new hash; file unchanged")])
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
