# The steps install.sh, update.sh and rollback.sh share (sourced, never
# run): where things live, fetching and building a release, migrating,
# switching the `current` link, and restarting the instances one at a time.
# Every command is named by a variable so tests can point it at a double.
# shellcheck shell=bash

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

: "${OCPIZZA_HOME:=$ROOT/srv/ocpizza}"
: "${OCPIZZA_ENV:=$ROOT/etc/ocpizza/ocpizza.env}"
: "${OCPIZZA_REPO:=https://github.com/ocpizza/ocpizza-pos.git}"
# supervisor (as the old app) or systemd.
: "${OCPIZZA_SUPERVISOR:=supervisor}"
# The instance ports, as in the nginx upstream and the supervisor / systemd files.
: "${OCPIZZA_PORTS:=8081 8082 8083}"
# Seconds an instance may take to answer /health/ready after a restart, and between checks.
: "${OCPIZZA_READY_TIMEOUT_S:=60}"
: "${OCPIZZA_READY_POLL_S:=1}"
# Releases kept on disk for rollback (current included).
: "${OCPIZZA_KEEP_RELEASES:=5}"
: "${GIT:=git}"
: "${NPM:=npm}"
: "${NODE:=node}"
: "${CURL:=curl}"
: "${SUPERVISORCTL:=supervisorctl}"
: "${SYSTEMCTL:=systemctl}"

RELEASES="$OCPIZZA_HOME/releases"
CURRENT="$OCPIZZA_HOME/current"
HISTORY="$OCPIZZA_HOME/history"

# Only one deployment at a time: a second one waits for nothing and stops.
take_deploy_lock() {
  mkdir -p "$OCPIZZA_HOME"
  exec 9>"$OCPIZZA_HOME/.deploy.lock"
  flock -n 9 || fail "another install, update or rollback is running"
}

# Clones REF (a tag or branch) into a new release folder; prints the folder.
fetch_release() {
  local ref="$1" dir
  [[ "$ref" =~ ^[A-Za-z0-9._/-]{1,80}$ ]] || fail "not a release name: $ref"
  dir="$RELEASES/${ref//\//-}-$(date -u +%Y%m%d%H%M%S)"
  mkdir -p "$RELEASES"
  $GIT -c advice.detachedHead=false clone --quiet --depth 1 --branch "$ref" \
    "$OCPIZZA_REPO" "$dir" >&2 || fail "cannot fetch release $ref from $OCPIZZA_REPO"
  echo "$dir"
}

# Installs the exact dependencies of the lock file and builds the counter app.
build_release() {
  local dir="$1"
  say "installing dependencies and building the app in $dir"
  (cd "$dir" && $NPM ci --no-audit --no-fund && $NPM run build -w pwa) ||
    fail "the build of $dir failed: nothing was switched, the running version is untouched"
}

# Counters still running the previous page may ask for its hashed files for a while.
keep_previous_assets() {
  local previous="$1" next="$2"
  [ -d "$previous/pwa/dist/assets" ] || return 0
  mkdir -p "$next/pwa/dist/assets"
  cp -n "$previous/pwa/dist/assets/"* "$next/pwa/dist/assets/" 2>/dev/null || true
}

# Applies the new release's migrations with the migration account (MIGRATION_DATABASE_URL).
# They must work with the previous release too: it keeps running until each restart.
migrate_release() {
  local dir="$1"
  shift
  say "applying the migrations of $dir"
  (cd "$dir" && $NODE --import tsx ops/scripts/migrate.ts "$@") ||
    fail "the migrations failed: the running version is untouched; see the message above"
}

current_release() {
  if [ -L "$CURRENT" ]; then readlink -f "$CURRENT"; fi
}

# Points `current` at DIR in one step (a new link renamed over the old one).
switch_current() {
  local dir="$1"
  ln -sfn "$dir" "$CURRENT.next"
  mv -T "$CURRENT.next" "$CURRENT"
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $dir" >>"$HISTORY"
  say "current release: $dir"
}

# The release that was current before DIR, from the history file.
release_before() {
  local dir="$1"
  [ -f "$HISTORY" ] || return 0
  awk '{ print $2 }' "$HISTORY" | grep -vxF "$dir" | tail -n 1 || true
}

# A release that failed: out of the history (a rollback never picks it) and off the disk.
forget_release() {
  local dir="$1"
  if [ -f "$HISTORY" ]; then
    awk -v dir="$dir" '$2 != dir' "$HISTORY" >"$HISTORY.next"
    mv "$HISTORY.next" "$HISTORY"
  fi
  rm -rf -- "$dir"
}

restart_instance() {
  local index="$1" port="$2"
  case "$OCPIZZA_SUPERVISOR" in
    supervisor) $SUPERVISORCTL restart "ocpizza:ocpizza-$index" >/dev/null ;;
    systemd) $SYSTEMCTL restart "ocpizza@$port" ;;
    *) fail "OCPIZZA_SUPERVISOR must be supervisor or systemd, not $OCPIZZA_SUPERVISOR" ;;
  esac
}

wait_until_ready() {
  local port="$1" waited=0
  until $CURL -fsS --max-time 2 "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if awk "BEGIN { exit !($waited >= $OCPIZZA_READY_TIMEOUT_S) }"; then return 1; fi
    sleep "$OCPIZZA_READY_POLL_S"
    waited="$(awk "BEGIN { print $waited + $OCPIZZA_READY_POLL_S }")"
  done
}

# Restarts the instances one after the other, each ready before the next goes down, so
# nginx always has one to send requests to. Returns 1 at the first that does not get ready.
rolling_restart() {
  local index=0 port
  for port in $OCPIZZA_PORTS; do
    index=$((index + 1))
    say "restarting instance $index (port $port)"
    restart_instance "$index" "$port" || return 1
    if ! wait_until_ready "$port"; then
      say "instance $index (port $port) is not ready after $OCPIZZA_READY_TIMEOUT_S s" >&2
      return 1
    fi
  done
}

# Keeps the newest OCPIZZA_KEEP_RELEASES release folders, and always the current one.
prune_releases() {
  local keep current dir
  current="$(current_release)"
  keep="$OCPIZZA_KEEP_RELEASES"
  while IFS= read -r dir; do
    [ "$dir" = "$current" ] && continue
    rm -rf -- "$dir"
    say "removed the old release $dir"
  done < <(ls -1dt "$RELEASES"/*/ 2>/dev/null | sed 's#/$##' | tail -n +"$((keep + 1))")
}
