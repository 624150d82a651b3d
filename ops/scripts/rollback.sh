#!/usr/bin/env bash
# Goes back to the release that ran before the current one (or to the
# release folder named), restarting the instances one at a time as
# update.sh does. Migrations are not undone: the previous release works
# with the newer schema (the rule in update.sh).
#   rollback.sh [RELEASE_DIR]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy-lib.sh
. "$here/deploy-lib.sh"

take_deploy_lock
load_env_file "$OCPIZZA_ENV"

current="$(current_release)"
[ -n "$current" ] || fail "no current release in $OCPIZZA_HOME: nothing to roll back"
target="${1:-$(release_before "$current")}"
[ -n "$target" ] || fail "no earlier release in $HISTORY: name a folder of $RELEASES"
target="$(readlink -f "$target")"
[[ "$target" == "$(readlink -f "$RELEASES")"/* && -d "$target" ]] ||
  fail "$target is not a release folder of $RELEASES"
[ "$target" != "$current" ] || fail "$target is already the current release"

switch_current "$target"
if ! rolling_restart; then
  switch_current "$current"
  rolling_restart || true
  fail "the rollback to $target failed and was undone; $current runs. See the logs."
fi
say "rolled back from $current to $target"
