#!/usr/bin/env bash
# Puts a failed backup on the managers' alerts list: set it as
# BACKUP_ON_FAILURE in backup.env. backup.sh calls it with the failure
# message; it posts the message to the app's POST /api/v1/alerts/backup-failure
# with the operator's token, so the managers of every store see it in
# /manage/alerts beside the mail cron sends.
#
# Settings (backup.env): OCPIZZA_API_URL (e.g. https://caisse.ocpizza.fr) and
# OCPIZZA_ADMIN_TOKEN_FILE (a file holding ADMIN_TOKEN, mode 0600).
set -euo pipefail

BACKUP_ENV_FILE="${BACKUP_ENV_FILE:-/etc/ocpizza/backup.env}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../scripts/lib.sh
. "$here/../scripts/lib.sh"
if [ -r "$BACKUP_ENV_FILE" ]; then load_env_file "$BACKUP_ENV_FILE" keep; fi

message="${1:?usage: report-failure.sh MESSAGE}"
: "${OCPIZZA_API_URL:?OCPIZZA_API_URL is not set (backup.env)}"
: "${OCPIZZA_ADMIN_TOKEN_FILE:?OCPIZZA_ADMIN_TOKEN_FILE is not set (backup.env)}"
: "${CURL:=curl}"

# JSON string: backslashes and quotes escaped, control characters dropped.
escaped="$(printf '%s' "${message:0:480}" | tr -d '\000-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
token="$(tr -d '[:space:]' < "$OCPIZZA_ADMIN_TOKEN_FILE")"

$CURL --fail --silent --show-error --max-time 20 \
  -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
  --data "{\"message\":\"$escaped\"}" \
  "$OCPIZZA_API_URL/api/v1/alerts/backup-failure" >/dev/null
