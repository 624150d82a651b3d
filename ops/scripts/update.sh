#!/usr/bin/env bash
# Updates OC Pizza to another release without stopping the service:
#   update.sh REF        (a git tag such as v1.4.0)
# fetch, npm ci, build, migrations (migration account), switch `current`,
# then restart the instances one at a time, each answering /health/ready
# before the next one goes down; nginx sends requests to the others meanwhile.
#
# The rule that makes this safe: every migration must work with the release
# before it AND the new one, since both run side by side during the restart
# (and after a rollback). Add columns and tables (nullable or with a
# default); never rename, drop or retype in the same release that stops
# using them: drop them one release later. Details: docs/operations.md.
#
# If an instance does not get ready, the update stops, `current` goes back
# to the previous release, and the instances already restarted are
# restarted on it. Settings: see deploy-lib.sh (OCPIZZA_* variables).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy-lib.sh
. "$here/deploy-lib.sh"

[ $# -eq 1 ] || fail "usage: update.sh REF (a release tag, e.g. v1.4.0)"
take_deploy_lock
load_env_file "$OCPIZZA_ENV"

previous="$(current_release)"
[ -n "$previous" ] || fail "no current release in $OCPIZZA_HOME: run install.sh first"

next="$(fetch_release "$1")"
build_release "$next"
keep_previous_assets "$previous" "$next"
migrate_release "$next"

switch_current "$next"
if ! rolling_restart; then
  say "the update to $1 FAILED: going back to $previous" >&2
  switch_current "$previous"
  forget_release "$next"
  rolling_restart || fail "the previous release did not get ready either: see the logs now"
  fail "update to $1 failed and was undone; $previous runs. See the instance's log."
fi
prune_releases
say "updated to $1 ($next)"
