#!/usr/bin/env bash
# Restores an encrypted dump made by backup.sh into DATABASE. Needs the
# private key of the backup key pair in GNUPGHOME (it never lives on the
# database server) and a MySQL account that may create the database.
#   restore.sh [--force] [--no-version-jump] [--strip-definers] DUMP DATABASE
# --force            restore over a database that already has tables
#                    (stop every sync server instance first)
# --no-version-jump  keep the store versions as dumped (a scratch copy for
#                    verify.sh); by default every store version jumps ahead
#                    so devices re-download (docs/sync-protocol.md, "After
#                    restoring a backup")
# --strip-definers   the restoring account becomes the triggers' definer
#                    (for an account that may not name another definer)
# MYSQL is the client command (default: mysql), e.g. "mysql --defaults-extra-file=F".
set -Eeuo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../scripts/lib.sh
. "$here/../scripts/lib.sh"

: "${MYSQL:=mysql}"
: "${GPG:=gpg}"
: "${GUNZIP:=gunzip}"
# The same jump as markRestored() in sync-server/src/db/after-restore.ts (a test keeps them equal).
RESTORE_VERSION_JUMP=1000000

force=0
jump=1
strip=0
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=1 ;;
    --no-version-jump) jump=0 ;;
    --strip-definers) strip=1 ;;
    --*) fail "unknown option $1" ;;
    *) break ;;
  esac
  shift
done
usage="restore.sh [--force] [--no-version-jump] [--strip-definers] DUMP DATABASE"
[ $# -eq 2 ] || fail "usage: $usage"
dump="$1"
database="$2"
[ -r "$dump" ] || fail "cannot read $dump"
[[ "$database" =~ ^[A-Za-z0-9_]{1,64}$ ]] || fail "not a database name: $database"
need_commands "$MYSQL" "$GPG" "$GUNZIP"

step="starting"
trap 'fail "restore into $database FAILED while $step: nothing is certain, see above"' ERR

sql() {
  # shellcheck disable=SC2086 # MYSQL may carry options
  $MYSQL --batch --skip-column-names "$@"
}

step="checking the checksum"
if [ -r "$dump.sha256" ]; then
  expected="$(cut -d' ' -f1 <"$dump.sha256")"
  actual="$(sha256sum <"$dump" | cut -d' ' -f1)"
  [ "$expected" = "$actual" ] || fail "$dump does not match $dump.sha256: the copy is damaged"
fi

step="checking the target database"
tables="$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$database'")"
if [ "$tables" != 0 ] && [ "$force" = 0 ]; then
  fail "$database already has $tables tables: restore into a new database, or stop every" \
    "sync server instance and pass --force"
fi
sql -e "CREATE DATABASE IF NOT EXISTS \`$database\`
  CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

step="decrypting and loading $dump"
filter=(cat)
# mysqldump writes triggers as /*!50017 DEFINER=`user`@`host`*/.
if [ "$strip" = 1 ]; then filter=(sed -E 's#/\*!50017 DEFINER=`[^`]*`@`[^`]*`\*/ ##'); fi
$GPG --batch --quiet --decrypt "$dump" | $GUNZIP -c | "${filter[@]}" | sql "$database"

step="reading the store versions of the dump"
say "the dump holds these store versions (store, version):"
sql "$database" -e "SELECT id, version FROM stores ORDER BY id" | sed 's/^/  /'

if [ "$jump" = 1 ]; then
  step="moving every store version ahead"
  sql "$database" -e "UPDATE stores SET min_pull_version = version + $RESTORE_VERSION_JUMP,
    version = version + $RESTORE_VERSION_JUMP"
  say "store versions moved $RESTORE_VERSION_JUMP ahead: devices will re-download, keeping" \
    "their outbox, and resend what the dump lacks"
fi
say "restored $dump into $database"
