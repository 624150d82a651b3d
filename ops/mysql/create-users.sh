#!/usr/bin/env bash
# Creates the application, migration and backup accounts of ops/mysql/users.sql.
# Names and hosts come from the environment (defaults below); passwords too,
# and are never printed. Run on the database server as an administrator:
#   APP_PASSWORD=... MIGRATE_PASSWORD=... BACKUP_PASSWORD=... \
#   APP_HOST=10.0.0.10 ops/mysql/create-users.sh
# MYSQL names the client command (default: mysql), e.g. "mysql -h db -uroot -p".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${DATABASE:=pizzeria_management}"
: "${APP_USER:=ocpizza_app}"
: "${MIGRATE_USER:=ocpizza_migrate}"
: "${BACKUP_USER:=ocpizza_backup}"
: "${APP_HOST:=localhost}"
: "${BACKUP_HOST:=localhost}"
: "${MYSQL:=mysql}"

fail() {
  echo "create-users: $*" >&2
  exit 1
}

for name in APP_PASSWORD MIGRATE_PASSWORD BACKUP_PASSWORD; do
  [ -n "${!name:-}" ] || fail "$name is not set: generate one with: openssl rand -base64 24"
  # Quotes or backslashes would break out of the SQL string.
  [[ "${!name}" =~ ^[A-Za-z0-9+/=_.-]{16,}$ ]] ||
    fail "$name must be at least 16 letters, digits or + / = _ . - (openssl rand -base64 24)"
done
for name in DATABASE APP_USER MIGRATE_USER BACKUP_USER; do
  [[ "${!name}" =~ ^[A-Za-z0-9_]{1,32}$ ]] || fail "$name must be letters, digits and _ only"
done
for name in APP_HOST BACKUP_HOST; do
  [[ "${!name}" =~ ^[A-Za-z0-9.%_:-]{1,60}$ ]] || fail "$name is not a host name or address"
done

sql="$(<"$here/users.sql")"
for name in DATABASE APP_USER MIGRATE_USER BACKUP_USER APP_HOST BACKUP_HOST \
  APP_PASSWORD MIGRATE_PASSWORD BACKUP_PASSWORD; do
  sql="${sql//\{\{$name\}\}/${!name}}"
done
if [[ "$sql" == *"{{"* ]]; then
  fail "users.sql still holds a {{placeholder}} this script does not fill"
fi

# shellcheck disable=SC2086 # MYSQL may carry options
printf '%s\n' "$sql" | $MYSQL
echo "create-users: $APP_USER, $MIGRATE_USER and $BACKUP_USER can use $DATABASE"
