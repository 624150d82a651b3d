#!/usr/bin/env bash
# Proves a backup can be restored: loads the newest dump (or the one named)
# into a scratch database on the live server, then compares it with the
# live database up to the store versions the dump recorded. A sale row
# carries the version of the store at which it last changed, so every live
# row at or below the dump's version of its store must be in the dump as it
# is, and every row of the dump must be live as it is, unless it changed
# after the dump. Needs the backup private key (GNUPGHOME) and an account
# that reads the live database and creates and drops the scratch one.
#   verify.sh [DUMP]      (default: the newest dump in BACKUP_DIR)
# Settings: BACKUP_ENV_FILE as backup.sh; VERIFY_LIVE_DATABASE (default
# BACKUP_DATABASE), VERIFY_SCRATCH_DATABASE (default <live>_verify_<time>),
# VERIFY_KEEP_SCRATCH=1 keeps it; MYSQL the client command.
set -Eeuo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../scripts/lib.sh
. "$here/../scripts/lib.sh"

BACKUP_ENV_FILE="${BACKUP_ENV_FILE:-$ROOT/etc/ocpizza/backup.env}"
if [ -r "$BACKUP_ENV_FILE" ]; then load_env_file "$BACKUP_ENV_FILE" keep; fi
: "${BACKUP_DATABASE:=pizzeria_management}"
: "${BACKUP_DIR:=$ROOT/var/backups/ocpizza}"
: "${VERIFY_LIVE_DATABASE:=$BACKUP_DATABASE}"
: "${VERIFY_SCRATCH_DATABASE:=${VERIFY_LIVE_DATABASE}_verify_$(date -u +%s)}"
: "${VERIFY_KEEP_SCRATCH:=0}"
: "${MYSQL:=mysql}"
export MYSQL

live="$VERIFY_LIVE_DATABASE"
scratch="$VERIFY_SCRATCH_DATABASE"
[[ "$live" =~ ^[A-Za-z0-9_]{1,64}$ ]] || fail "not a database name: $live"
[[ "$scratch" =~ ^[A-Za-z0-9_]{1,64}$ ]] || fail "not a database name: $scratch"
[ "$live" != "$scratch" ] || fail "the scratch database cannot be the live one"

# Sales rows versioned by themselves, and rows that belong to an order.
VERSIONED_TABLES=(orders rejections journal_entries)
ORDER_CHILD_TABLES=(order_lines order_vat payments)

sql() {
  # shellcheck disable=SC2086 # MYSQL may carry options
  $MYSQL --batch --skip-column-names "$@"
}

newest_dump() {
  local newest
  newest="$(ls -1 "$BACKUP_DIR" 2>/dev/null |
    grep -E "^$BACKUP_DATABASE-[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{6}Z\.sql\.gz\.gpg$" |
    LC_ALL=C sort | tail -n 1 || true)"
  [ -n "$newest" ] || fail "no dump of $BACKUP_DATABASE in $BACKUP_DIR"
  echo "$BACKUP_DIR/$newest"
}

cleanup() {
  if [ "$VERIFY_KEEP_SCRATCH" != 1 ]; then
    sql -e "DROP DATABASE IF EXISTS \`$scratch\`" || say "could not drop $scratch: drop it by hand"
  fi
}

# The columns, or the primary key columns, of a table of the live database, one per line.
columns() {
  sql -e "SELECT column_name FROM information_schema.columns
    WHERE table_schema = '$live' AND table_name = '$1' ORDER BY ordinal_position"
}
key_columns() {
  sql -e "SELECT column_name FROM information_schema.key_column_usage
    WHERE table_schema = '$live' AND table_name = '$1' AND constraint_name = 'PRIMARY'
    ORDER BY ordinal_position"
}

# "a.`c1` <=> b.`c1` AND ..." over the given columns.
equal_on() {
  local a="$1" b="$2" column out=""
  shift 2
  for column in "$@"; do out+="${out:+ AND }$a.\`$column\` <=> $b.\`$column\`"; done
  echo "$out"
}

problems=0
# Runs a COUNT(*) query; a count above zero is a problem, named by the label.
expect_none() {
  local label="$1" query="$2" count
  count="$(sql -e "$query")"
  if [ "$count" != 0 ]; then
    say "PROBLEM: $count $label"
    problems=$((problems + count))
  fi
}

has_table() {
  [ "$(sql -e "SELECT COUNT(*) FROM information_schema.tables
    WHERE table_schema IN ('$live', '$scratch') AND table_name = '$1'")" = 2 ]
}

compare_versioned() {
  local table="$1" same_key same_row
  local -a all key
  mapfile -t all < <(columns "$table")
  mapfile -t key < <(key_columns "$table")
  same_key="$(equal_on l s "${key[@]}")"
  same_row="$(equal_on l s "${all[@]}")"
  local L="\`$live\`.\`$table\`" S="\`$scratch\`.\`$table\`" V="\`$scratch\`.stores"

  expect_none "$table rows of the dump are newer than their store's version (not one snapshot)" \
    "SELECT COUNT(*) FROM $S s JOIN $V v ON v.id = s.store_id WHERE s.version > v.version"
  expect_none "live $table rows at or below the dump's version are missing or different in it" \
    "SELECT COUNT(*) FROM $L l JOIN $V v ON v.id = l.store_id WHERE l.version <= v.version
     AND NOT EXISTS (SELECT 1 FROM $S s WHERE $same_key AND $same_row)"
  expect_none "$table rows of the dump are gone or different live, with no later change" \
    "SELECT COUNT(*) FROM $S s JOIN $V v ON v.id = s.store_id
     WHERE NOT EXISTS (SELECT 1 FROM $L l WHERE $same_key
       AND (l.version > v.version OR ($same_row)))"
  say "$table: $(sql -e "SELECT COUNT(*) FROM $S") rows of the dump compared"
}

compare_order_children() {
  local table="$1" same_key same_row
  local -a all key
  mapfile -t all < <(columns "$table")
  mapfile -t key < <(key_columns "$table")
  same_key="$(equal_on l s "${key[@]}")"
  same_row="$(equal_on l s "${all[@]}")"
  local L="\`$live\`.\`$table\`" S="\`$scratch\`.\`$table\`" V="\`$scratch\`.stores"
  local O="\`$live\`.orders"

  expect_none "live $table rows of orders at or below the dump's version missing or different" \
    "SELECT COUNT(*) FROM $L l JOIN $O o ON o.id = l.order_id JOIN $V v ON v.id = o.store_id
     WHERE o.version <= v.version AND NOT EXISTS (SELECT 1 FROM $S s WHERE $same_key AND $same_row)"
  expect_none "$table rows of the dump are gone or different live, their order unchanged since" \
    "SELECT COUNT(*) FROM $S s LEFT JOIN $O o ON o.id = s.order_id
     LEFT JOIN $V v ON v.id = o.store_id
     WHERE o.id IS NULL OR (o.version <= v.version
       AND NOT EXISTS (SELECT 1 FROM $L l WHERE $same_key AND $same_row))"
  say "$table: $(sql -e "SELECT COUNT(*) FROM $S") rows of the dump compared"
}

main() {
  local dump="${1:-}"
  [ -n "$dump" ] || dump="$(newest_dump)"
  say "restoring $dump into the scratch database $scratch"
  trap cleanup EXIT
  "$here/restore.sh" --no-version-jump --strip-definers "$dump" "$scratch" >/dev/null

  say "the dump's store versions (store, version):"
  sql -e "SELECT id, version FROM \`$scratch\`.stores ORDER BY id" | sed 's/^/  /'
  expect_none "stores of the dump are missing live or behind the dump's version" \
    "SELECT COUNT(*) FROM \`$scratch\`.stores s LEFT JOIN \`$live\`.stores l ON l.id = s.id
     WHERE l.id IS NULL OR l.version < s.version"

  local table
  for table in "${VERSIONED_TABLES[@]}"; do
    if has_table "$table"; then compare_versioned "$table"; fi
  done
  for table in "${ORDER_CHILD_TABLES[@]}"; do
    if has_table "$table"; then compare_order_children "$table"; fi
  done

  if [ "$problems" -gt 0 ]; then fail "$dump does NOT match $live: $problems rows differ"; fi
  say "OK: $dump matches $live up to the dump's store versions"
}

main "$@"
