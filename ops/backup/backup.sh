#!/usr/bin/env bash
# The daily backup of the OC Pizza database, run by cron on the database
# server (ocpizza-backup.cron). One consistent dump while orders keep
# arriving (mysqldump --single-transaction: one InnoDB snapshot, no lock),
# compressed, encrypted to the operators' public key, copied off the server,
# and ten days kept. Any failed step, inside a pipe too, ends the run with a
# message on stderr (mailed by cron), in syslog, and exit status 1.
#
# Settings: BACKUP_ENV_FILE (default /etc/ocpizza/backup.env), see
# backup.env.example. The per-store versions the dump holds are its own
# `stores` rows, read in the same snapshot as the orders (verify.sh uses them).
set -Eeuo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../scripts/lib.sh
. "$here/../scripts/lib.sh"

BACKUP_ENV_FILE="${BACKUP_ENV_FILE:-$ROOT/etc/ocpizza/backup.env}"
if [ -r "$BACKUP_ENV_FILE" ]; then load_env_file "$BACKUP_ENV_FILE" keep; fi

: "${BACKUP_DATABASE:=pizzeria_management}"
: "${BACKUP_DIR:=$ROOT/var/backups/ocpizza}"
: "${BACKUP_KEEP_DAYS:=10}"
: "${BACKUP_DEST:=}"
: "${BACKUP_GPG_RECIPIENT_FILE:=$ROOT/etc/ocpizza/backup-public-key.asc}"
: "${BACKUP_MYSQL_DEFAULTS:=$ROOT/etc/ocpizza/backup.my.cnf}"
: "${BACKUP_RSYNC_SSH:=ssh -o BatchMode=yes}"
: "${BACKUP_ON_FAILURE:=}"
: "${MYSQLDUMP:=mysqldump}"
: "${GZIP:=gzip}"
: "${GPG:=gpg}"
: "${RSYNC:=rsync}"

step="starting"
reason=""
partial=""

# Inside this script a refusal goes through on_failure too (logged, hook run).
fail() {
  reason="$*"
  return 1
}

on_failure() {
  local status=$?
  local message="backup of $BACKUP_DATABASE FAILED while $step: ${reason:-exit status $status}"
  [ -n "$partial" ] && rm -f "$partial"
  printf '%s: %s\n' "$SCRIPT_NAME" "$message" >&2
  logger -p user.err -t ocpizza-backup "$message" 2>/dev/null || true
  if [ -n "$BACKUP_ON_FAILURE" ]; then $BACKUP_ON_FAILURE "$message" || true; fi
  exit 1
}
trap on_failure ERR

check_settings() {
  step="checking the settings"
  [[ "$BACKUP_DATABASE" =~ ^[A-Za-z0-9_]{1,64}$ ]] || fail "BACKUP_DATABASE is not a database name"
  [[ "$BACKUP_KEEP_DAYS" =~ ^[1-9][0-9]*$ ]] || fail "BACKUP_KEEP_DAYS must be a number of days"
  [ -n "$BACKUP_DEST" ] || fail "BACKUP_DEST is not set: a copy must leave this server"
  [ -r "$BACKUP_GPG_RECIPIENT_FILE" ] ||
    fail "cannot read the public key $BACKUP_GPG_RECIPIENT_FILE (BACKUP_GPG_RECIPIENT_FILE)"
  [ -r "$BACKUP_MYSQL_DEFAULTS" ] ||
    fail "cannot read $BACKUP_MYSQL_DEFAULTS (BACKUP_MYSQL_DEFAULTS: [client] user, password)"
  need_commands "$MYSQLDUMP" "$GZIP" "$GPG" "$RSYNC" sha256sum
  mkdir -p "$BACKUP_DIR"
}

# MySQL's mysqldump needs --set-gtid-purged=OFF, or it asks for RELOAD with GTIDs on;
# MariaDB's does not know the option.
gtid_option() {
  if $MYSQLDUMP --help 2>/dev/null | grep -q -- '--set-gtid-purged'; then
    echo "--set-gtid-purged=OFF"
  fi
}

dump() {
  local name="$1"
  step="dumping, compressing and encrypting $BACKUP_DATABASE"
  partial="$BACKUP_DIR/.$name.partial"
  # shellcheck disable=SC2046 # gtid_option prints one option or nothing
  $MYSQLDUMP --defaults-extra-file="$BACKUP_MYSQL_DEFAULTS" \
    --single-transaction --quick --routines --triggers --hex-blob --no-tablespaces \
    --default-character-set=utf8mb4 $(gtid_option) "$BACKUP_DATABASE" |
    $GZIP -c |
    GNUPGHOME="${GNUPGHOME:-$BACKUP_DIR/.gnupg}" $GPG --batch --yes --quiet --trust-model always \
      --recipient-file "$BACKUP_GPG_RECIPIENT_FILE" --encrypt --output "$partial"
  [ -s "$partial" ] || fail "the encrypted dump is empty"

  step="recording the checksum"
  local hash
  hash="$(sha256sum <"$partial" | cut -d' ' -f1)"
  echo "$hash  $name" >"$BACKUP_DIR/$name.sha256"
  mv "$partial" "$BACKUP_DIR/$name"
  partial=""
}

copy_off_server() {
  local name="$1"
  step="copying $name to $BACKUP_DEST"
  if is_local "$BACKUP_DEST"; then mkdir -p "$BACKUP_DEST"; fi
  $RSYNC -a --partial-dir=.rsync-partial -e "$BACKUP_RSYNC_SSH" \
    "$BACKUP_DIR/$name" "$BACKUP_DIR/$name.sha256" "${BACKUP_DEST%/}/"
}

is_local() {
  [[ "$1" != *:* ]]
}

main() {
  check_settings
  mkdir -p "$BACKUP_DIR/.gnupg" && chmod 700 "$BACKUP_DIR/.gnupg"
  local started name
  started=$(date +%s)
  name="$BACKUP_DATABASE-$(date -u +%Y-%m-%dT%H%M%SZ).sql.gz.gpg"

  dump "$name"
  copy_off_server "$name"

  step="removing dumps older than $BACKUP_KEEP_DAYS days"
  "$here/rotate.sh" "$BACKUP_DIR" "$BACKUP_DATABASE" "$BACKUP_KEEP_DAYS"
  if is_local "$BACKUP_DEST"; then
    "$here/rotate.sh" "$BACKUP_DEST" "$BACKUP_DATABASE" "$BACKUP_KEEP_DAYS"
  fi

  step="recording the success"
  date -u +%Y-%m-%dT%H:%M:%SZ >"$BACKUP_DIR/last-success"
  say "kept $name ($(stat -c %s "$BACKUP_DIR/$name") bytes, $(($(date +%s) - started)) s)," \
    "copied to $BACKUP_DEST"
}

main "$@"
