#!/usr/bin/env bash
# Turns this Debian 12 / Raspberry Pi OS (bookworm) machine into the kiosk, from this checkout.
# Run as root through make: `sudo make install-kiosk` (docs/DEPLOY.md has every step).
#
#   deploy/install.sh [--mode cage|kms] [--root DIR] [--venv DIR]
#
# --mode cage  (default) the kiosk starts at boot inside the cage Wayland compositor;
# --mode kms   it starts straight on KMS/DRM (SDL kmsdrm), without a compositor;
# --root DIR   install into the folder tree DIR instead of the system (as `DESTDIR` does):
#              no apt-get, no account, no systemctl; the files land in DIR/opt, DIR/etc, ...
# --venv DIR   use this existing Python environment for the dependencies instead of making one
#              from PyPI (for an offline install; the tests use it with --root).
#
# What it does: installs the Debian packages the kiosk needs; creates the unprivileged account
# ccsvi-kiosk; installs the app as a release in /opt/ccsvi-kiosk with its own Python
# environment; writes /etc/ccsvi-kiosk/{kiosk.yaml,update.conf,environment} only where they do
# not exist yet (a clinic's settings are never overwritten); creates the folder for natural
# voices, /var/lib/ccsvi-kiosk/voices; installs the systemd units and the PAM file; runs
# `ccsvi-kiosk check` (a failing check installs nothing and enables nothing); enables the kiosk
# unit for the next boot and the nightly update timer.
set -euo pipefail
umask 022

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(dirname "$here")
ROOT=""
MODE=cage
VENV=""
KIOSK_USER=ccsvi-kiosk
UNITS=(ccsvi-kiosk.service ccsvi-kiosk-kms.service ccsvi-kiosk-update.service
       ccsvi-kiosk-update.timer)
PACKAGES=(
  cage xwayland                       # the kiosk compositor, and X11 for Kivy's SDL inside it
  python3-venv git ca-certificates    # the app's Python environment; releases for updates
  espeak-ng alsa-utils                # speech and its player
  fonts-noto-core fonts-noto-cjk fonts-dejavu-core  # Latin, Arabic and Chinese fonts
  libmtdev1 libgl1 libegl1 libgles2 libgl1-mesa-dri libgbm1 libdrm2  # Kivy's input and OpenGL
  util-linux                          # setterm and setpriv
)

log() { echo "install-kiosk: $*"; }
# The checkout usually belongs to the person who cloned it, not to root: trust it explicitly.
srcgit() { git -c safe.directory="$src" -C "$src" "$@"; }
# No systemd running (a chroot building an SD card image): enable units, start nothing.
systemd_running() { [ -d /run/systemd/system ]; }
die() { echo "install-kiosk: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case $1 in
    --mode) MODE=${2:-}; shift ;;
    --root) ROOT=${2:?--root needs a folder}; shift ;;
    --venv) VENV=${2:?--venv needs a folder}; shift ;;
    -h | --help) sed -n '2,20s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option: $1 (see: deploy/install.sh --help)" ;;
  esac
  shift
done
case $MODE in
  cage) UNIT=ccsvi-kiosk.service; OTHER=ccsvi-kiosk-kms.service ;;
  kms) UNIT=ccsvi-kiosk-kms.service; OTHER=ccsvi-kiosk.service ;;
  *) die "--mode must be cage or kms, not '$MODE'" ;;
esac
if [ -n "$ROOT" ]; then
  mkdir -p "$ROOT"
  ROOT=$(cd "$ROOT" && pwd)
  [ "$ROOT" != / ] || ROOT=""
fi
system() { [ -z "$ROOT" ]; }
if system && [ "$(id -u)" -ne 0 ]; then
  die "run this as root: sudo make install-kiosk"
fi

prefix=$ROOT/opt/ccsvi-kiosk
etc=$ROOT/etc/ccsvi-kiosk
voices=$ROOT/var/lib/ccsvi-kiosk/voices  # natural voices the clinic adds (docs/DEPLOY.md)
unitdir=$ROOT/etc/systemd/system

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "not a Debian system; install the equivalents of:" \
    "${missing[*]}"
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

create_account() {
  local group
  if ! id -u "$KIOSK_USER" >/dev/null 2>&1; then
    log "creating the account $KIOSK_USER (no password, no shell, no home)"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin --comment "CCSVI kiosk" "$KIOSK_USER"
  fi
  # The screen, GPU and sound devices (logind also grants them to the active session).
  for group in video render audio; do
    getent group "$group" >/dev/null && usermod -a -G "$group" "$KIOSK_USER"
  done
}

install_if_absent() {  # install_if_absent SOURCE TARGET: never overwrite a clinic's settings
  if [ -e "$2" ]; then
    log "keeping $2"
  else
    install -m 0644 "$1" "$2"
    log "wrote $2"
  fi
}

write_settings() {
  local origin line
  install -d -m 0755 "$etc"
  # Readable by root and the kiosk's account only: `set-pin` stores the staff PIN's hash here.
  if [ -e "$etc/kiosk.yaml" ]; then
    log "keeping $etc/kiosk.yaml"
  else
    # With --root, the settings name the voices folder inside that tree.
    while IFS= read -r line; do
      [[ $line == voices_dir:* ]] && line="voices_dir: $voices"
      printf '%s\n' "$line"
    done <"$here/etc/kiosk.yaml" >"$etc/.kiosk.yaml.new"
    install -m 0640 "$etc/.kiosk.yaml.new" "$etc/kiosk.yaml"
    rm -f "$etc/.kiosk.yaml.new"
    if system; then chgrp "$KIOSK_USER" "$etc/kiosk.yaml"; fi
    log "wrote $etc/kiosk.yaml"
  fi
  install_if_absent "$here/etc/environment" "$etc/environment"
  if [ ! -e "$etc/update.conf" ]; then
    # Updates come from where this checkout came from, if it is a git clone.
    origin=$(srcgit remote get-url origin 2>/dev/null || true)
    while IFS= read -r line; do
      [[ $line == UPDATE_REPO=* ]] && line="UPDATE_REPO=$origin"
      printf '%s\n' "$line"
    done <"$here/etc/update.conf" >"$etc/update.conf"
    chmod 0644 "$etc/update.conf"
    log "wrote $etc/update.conf (updates from: ${origin:-nowhere yet})"
  else
    log "keeping $etc/update.conf"
  fi
}

install_files() {
  install -d -m 0755 "$prefix/bin" "$prefix/releases" "$unitdir" "$ROOT/etc/pam.d" \
    "$ROOT/usr/local/bin"
  # Staff copy voices here as root; the kiosk's account only reads them.
  install -d -m 0755 "$(dirname "$voices")" "$voices"
  install -m 0755 "$here/ccsvi-kiosk" "$prefix/bin/ccsvi-kiosk"
  install -m 0755 "$here/update.sh" "$prefix/bin/ccsvi-kiosk-update"
  install -m 0755 "$here/uninstall.sh" "$prefix/bin/ccsvi-kiosk-uninstall"
  ln -sfn /opt/ccsvi-kiosk/bin/ccsvi-kiosk "$ROOT/usr/local/bin/ccsvi-kiosk"
  ln -sfn /opt/ccsvi-kiosk/bin/ccsvi-kiosk-update "$ROOT/usr/local/bin/ccsvi-kiosk-update"
  install -m 0644 "$here/etc/pam-ccsvi-kiosk" "$ROOT/etc/pam.d/ccsvi-kiosk"
  local unit
  for unit in "${UNITS[@]}"; do
    install -m 0644 "$here/systemd/$unit" "$unitdir/$unit"
  done
}

install_release() {
  local name describe args=()
  describe=$(srcgit describe --tags --always --dirty 2>/dev/null || echo local)
  describe=${describe//[^A-Za-z0-9._+-]/_}
  name="$(date +%Y%m%d-%H%M%S)-$describe"
  args=(--prefix "$prefix" --config "$etc/kiosk.yaml" --update-conf "$etc/update.conf"
        --from-dir "$src" --name "$name")
  [ -z "$VENV" ] || args+=(--venv "$VENV")
  if system && systemd_running; then
    "$prefix/bin/ccsvi-kiosk-update" "${args[@]}"   # restarts the kiosk if it is running
  else
    KIOSK_RESTART_CMD="" "$prefix/bin/ccsvi-kiosk-update" "${args[@]}"
  fi || die "nothing was enabled: the check above failed. Fix what it names, then run" \
    "'sudo make install-kiosk' again."
}

enable_units() {
  local dm
  systemctl disable --quiet "$OTHER" 2>/dev/null || true
  systemctl enable --quiet "$UNIT" ccsvi-kiosk-update.timer
  if systemd_running; then systemctl start ccsvi-kiosk-update.timer; fi
  if systemctl is-enabled --quiet display-manager.service 2>/dev/null; then
    dm=$(basename "$(readlink -f /etc/systemd/system/display-manager.service)")
    log "warning: a desktop login ($dm) is enabled and may take the screen from the kiosk;" \
      "switch it off with: sudo systemctl disable $dm"
  fi
}

if system; then
  install_packages
  create_account
fi
write_settings
install_files
if system && systemd_running; then systemctl daemon-reload; fi
install_release
if system; then
  enable_units
  log "done. The kiosk ($UNIT) starts at the next boot; to start it now (this takes over the"
  log "screen and tty1): sudo systemctl start $UNIT"
  systemd_running || log "(systemd is not running here, so nothing was started or restarted)"
else
  log "done: installed into $ROOT (no packages, account or systemctl in this mode)"
fi
