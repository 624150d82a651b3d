#!/usr/bin/env bash
# Keeps the last KEEP_DAYS days of dumps of DATABASE in DIR: removes
# DATABASE-YYYY-MM-DDTHHMMSSZ.sql.gz.gpg files (and their .sha256) dated
# before that, by the date in their name, never by file time. Never removes
# the newest dump, nor any file of another name. backup.sh runs it on its
# folder and on a local destination; on a remote backup host, run it there
# from cron (docs/operations.md). BACKUP_TODAY=YYYY-MM-DD fixes "today" (tests).
#   rotate.sh DIR DATABASE KEEP_DAYS
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../scripts/lib.sh
. "$here/../scripts/lib.sh"

[ $# -eq 3 ] || fail "usage: rotate.sh DIR DATABASE KEEP_DAYS"
dir="$1"
database="$2"
keep_days="$3"
[ -d "$dir" ] || fail "no folder $dir"
[[ "$database" =~ ^[A-Za-z0-9_]{1,64}$ ]] || fail "not a database name: $database"
[[ "$keep_days" =~ ^[1-9][0-9]*$ ]] || fail "KEEP_DAYS must be a number of days: $keep_days"

today="${BACKUP_TODAY:-$(date -u +%F)}"
# Dated on or after this day: kept (today counts as one of the days).
first_kept="$(date -u -d "$today - $((keep_days - 1)) days" +%F)"

pattern="^${database}-([0-9]{4}-[0-9]{2}-[0-9]{2})T[0-9]{6}Z\.sql\.gz\.gpg$"
dumps=()
while IFS= read -r name; do
  [[ "$name" =~ $pattern ]] && dumps+=("$name")
done < <(ls -1 "$dir" | LC_ALL=C sort)

removed=0
last=$((${#dumps[@]} - 1))
for i in "${!dumps[@]}"; do
  name="${dumps[$i]}"
  [[ "$name" =~ $pattern ]]
  day="${BASH_REMATCH[1]}"
  if [ "$i" -eq "$last" ] || [[ ! "$day" < "$first_kept" ]]; then continue; fi
  rm -f -- "$dir/$name" "$dir/$name.sha256"
  removed=$((removed + 1))
done
say "kept $((${#dumps[@]} - removed)) dumps of $database in $dir (from $first_kept)," \
  "removed $removed"
