#!/usr/bin/env bash
# Installs the Debian packages the kiosk needs, only those that are missing.
# As root it runs apt-get itself; with password-less sudo it uses sudo; otherwise it prints
# the exact command to run and carries on, because the kiosk still starts without them
# (speech and some scripts are then reported as unavailable).
set -u
packages=(
  python3-venv   # the .venv
  espeak-ng      # text-to-speech voices
  alsa-utils     # aplay, the audio player
  fonts-noto-core fonts-noto-cjk fonts-dejavu-core  # Latin, Chinese and Arabic fonts
  libmtdev1      # Kivy's multitouch input on Linux
  libgl1 libegl1 libgl1-mesa-dri  # OpenGL for Kivy (present on desktop installs, not minimal ones)
  xvfb           # a virtual display for tests, where the offscreen driver is not enough
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: not a Debian-based system; please install the equivalents of: ${missing[*]}" >&2
  exit 0
fi
cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "setup: these Debian packages are missing; please run:" >&2
  echo "  sudo apt-get update && sudo ${cmd[*]}" >&2
  exit 0
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq && "${sudo[@]}" "${cmd[@]}" -qq
