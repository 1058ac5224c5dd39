#!/usr/bin/env bash
# Removes the kiosk that deploy/install.sh installed: `sudo make uninstall-kiosk`.
#
#   deploy/uninstall.sh [--purge] [--root DIR]
#
# Stops and disables the kiosk units and the update timer, and removes them, the PAM file, the
# commands in /usr/local/bin, everything in /opt/ccsvi-kiosk (every release and its Python
# environment) and the voice cache in /var/cache/ccsvi-kiosk. The settings in /etc/ccsvi-kiosk
# and the clinic's voices in /var/lib/ccsvi-kiosk are kept, so a reinstall finds them again;
# --purge removes them too, and the ccsvi-kiosk account. The Debian packages stay installed.
# --root DIR removes an install made with `install.sh --root DIR` (no systemctl, no account).
set -euo pipefail

ROOT=""
PURGE=no
KIOSK_USER=ccsvi-kiosk
UNITS=(ccsvi-kiosk.service ccsvi-kiosk-kms.service ccsvi-kiosk-update.service
       ccsvi-kiosk-update.timer)

log() { echo "uninstall-kiosk: $*"; }
die() { echo "uninstall-kiosk: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case $1 in
    --purge) PURGE=yes ;;
    --root) ROOT=${2:?--root needs a folder}; shift ;;
    -h | --help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option: $1 (see: deploy/uninstall.sh --help)" ;;
  esac
  shift
done
if [ -n "$ROOT" ]; then
  [ -d "$ROOT" ] || die "$ROOT is not a folder"
  ROOT=$(cd "$ROOT" && pwd)
  [ "$ROOT" != / ] || ROOT=""
fi
system() { [ -z "$ROOT" ]; }
if system && [ "$(id -u)" -ne 0 ]; then
  die "run this as root: sudo make uninstall-kiosk"
fi

systemd_running() { [ -d /run/systemd/system ]; }
if system && command -v systemctl >/dev/null; then
  if systemd_running; then systemctl stop "${UNITS[@]}" 2>/dev/null || true; fi
  systemctl disable --quiet "${UNITS[@]}" 2>/dev/null || true
fi
for unit in "${UNITS[@]}"; do
  rm -f "$ROOT/etc/systemd/system/$unit"
done
rm -f "$ROOT/etc/pam.d/ccsvi-kiosk" "$ROOT/usr/local/bin/ccsvi-kiosk" \
  "$ROOT/usr/local/bin/ccsvi-kiosk-update"
rm -rf "$ROOT/opt/ccsvi-kiosk" "$ROOT/var/cache/ccsvi-kiosk"
log "removed the units, the commands, /opt/ccsvi-kiosk and /var/cache/ccsvi-kiosk"
if system && systemd_running; then
  systemctl daemon-reload || true
fi

if [ "$PURGE" = yes ]; then
  rm -rf "$ROOT/etc/ccsvi-kiosk" "$ROOT/var/lib/ccsvi-kiosk"
  log "removed /etc/ccsvi-kiosk and the voices in /var/lib/ccsvi-kiosk"
  if system && id -u "$KIOSK_USER" >/dev/null 2>&1; then
    userdel "$KIOSK_USER" && log "removed the account $KIOSK_USER"
  fi
else
  log "kept the settings in /etc/ccsvi-kiosk and the voices in /var/lib/ccsvi-kiosk (remove" \
    "them too with: sudo make uninstall-kiosk PURGE=1)"
fi
