#!/usr/bin/env bash
# First installation of OC Pizza on an Ubuntu Server application server:
#   install.sh REF       (a git tag such as v1.0.0), as root
# Installs the system packages, creates the ocpizza user and its folders,
# fetches and builds the release, applies the migrations and seeds an empty
# database (migration account), installs the nginx site and the Supervisor
# program (or the systemd unit), starts the instances and waits until each
# answers /health/ready. Run it again safely: each step checks what exists.
#
# The first run stops after writing /etc/ocpizza/ocpizza.env from the
# example: fill in the secrets (docs/operations.md), then run it again.
# Node.js 20.19 or later must be installed first (NodeSource, see the doc).
# TLS: certbot is run by hand once the DNS name points here (see the doc).
# Settings: OCPIZZA_DOMAIN (default caisse.ocpizza.fr), the OCPIZZA_* of
# deploy-lib.sh; commands APT_GET, USERADD, CHOWN, NGINX, ID for tests.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy-lib.sh
. "$here/deploy-lib.sh"

: "${OCPIZZA_DOMAIN:=caisse.ocpizza.fr}"
: "${APT_GET:=apt-get}"
: "${USERADD:=useradd}"
: "${CHOWN:=chown}"
: "${NGINX:=nginx}"
: "${ID:=id}"
PACKAGES=(nginx supervisor git curl rsync gnupg mysql-client certbot)

[ $# -eq 1 ] || fail "usage: install.sh REF (a release tag, e.g. v1.0.0)"
if [ -z "$ROOT" ] && [ "$(id -u)" != 0 ]; then fail "run as root (sudo)"; fi
[[ "$OCPIZZA_DOMAIN" =~ ^[A-Za-z0-9.-]+$ ]] || fail "OCPIZZA_DOMAIN is not a host name"

install_packages() {
  say "installing ${PACKAGES[*]}"
  DEBIAN_FRONTEND=noninteractive $APT_GET install -y -q "${PACKAGES[@]}" >/dev/null ||
    fail "apt-get could not install ${PACKAGES[*]}"
  local version
  version="$($NODE --version 2>/dev/null || true)"
  [[ "$version" =~ ^v(2[1-9]|[3-9][0-9])\. || "$version" =~ ^v20\.(19|[2-9][0-9])\. ]] ||
    fail "Node.js 20.19 or later is needed (found ${version:-none}): install it from NodeSource"
}

create_user_and_folders() {
  $ID ocpizza >/dev/null 2>&1 ||
    $USERADD --system --home-dir /var/lib/ocpizza --shell /usr/sbin/nologin ocpizza
  mkdir -p "$RELEASES" "$ROOT/var/lib/ocpizza" "$ROOT/var/log/ocpizza" "$ROOT/etc/ocpizza" \
    "$ROOT/var/www/letsencrypt"
  chmod 750 "$ROOT/var/lib/ocpizza" "$ROOT/etc/ocpizza"
  $CHOWN ocpizza:ocpizza "$ROOT/var/lib/ocpizza" "$ROOT/var/log/ocpizza"
  $CHOWN root:ocpizza "$ROOT/etc/ocpizza"
}

# The first run writes the example (from this checkout) and stops: a person types the secrets.
ensure_env_file() {
  [ -f "$OCPIZZA_ENV" ] && return 0
  install -m 640 "$here/../env/ocpizza.env.example" "$OCPIZZA_ENV"
  $CHOWN root:ocpizza "$OCPIZZA_ENV"
  fail "wrote $OCPIZZA_ENV from the example: fill in every secret it names" \
    "(docs/operations.md), then run install.sh again"
}

install_config_files() {
  local release="$1"
  say "installing the nginx site for $OCPIZZA_DOMAIN and the $OCPIZZA_SUPERVISOR files"
  mkdir -p "$ROOT/etc/nginx/sites-available" "$ROOT/etc/nginx/sites-enabled" \
    "$ROOT/etc/nginx/snippets"
  sed "s/caisse\.ocpizza\.fr/$OCPIZZA_DOMAIN/g" "$release/ops/nginx/ocpizza.conf" \
    >"$ROOT/etc/nginx/sites-available/ocpizza"
  cp "$release/ops/nginx/ocpizza-headers.conf" "$ROOT/etc/nginx/snippets/ocpizza-headers.conf"
  ln -sfn ../sites-available/ocpizza "$ROOT/etc/nginx/sites-enabled/ocpizza"
  rm -f "$ROOT/etc/nginx/sites-enabled/default"

  case "$OCPIZZA_SUPERVISOR" in
    supervisor)
      mkdir -p "$ROOT/etc/supervisor/conf.d"
      cp "$release/ops/supervisor/ocpizza.conf" "$ROOT/etc/supervisor/conf.d/ocpizza.conf"
      ;;
    systemd)
      mkdir -p "$ROOT/etc/systemd/system"
      cp "$release/ops/systemd/ocpizza@.service" "$ROOT/etc/systemd/system/ocpizza@.service"
      ;;
    *) fail "OCPIZZA_SUPERVISOR must be supervisor or systemd, not $OCPIZZA_SUPERVISOR" ;;
  esac
}

start_everything() {
  say "starting the instances ($OCPIZZA_PORTS)"
  if [ "$OCPIZZA_SUPERVISOR" = supervisor ]; then
    $SUPERVISORCTL reread >/dev/null && $SUPERVISORCTL update >/dev/null
  else
    $SYSTEMCTL daemon-reload
    local port
    for port in $OCPIZZA_PORTS; do $SYSTEMCTL enable --now "ocpizza@$port"; done
  fi
  local port
  for port in $OCPIZZA_PORTS; do
    wait_until_ready "$port" || fail "the instance on port $port is not ready: see its log"
  done
  # Without a certificate yet, nginx -t fails: the doc's certbot step comes first.
  if $NGINX -t >/dev/null 2>&1; then
    $SYSTEMCTL reload nginx
  else
    say "nginx -t fails (no certificate yet?): run certbot as docs/operations.md says"
  fi
}

main() {
  take_deploy_lock
  install_packages
  create_user_and_folders

  ensure_env_file
  load_env_file "$OCPIZZA_ENV"

  local release
  release="$(current_release)"
  if [ -z "$release" ]; then
    release="$(fetch_release "$1")"
    build_release "$release"
    migrate_release "$release" --seed
    switch_current "$release"
  else
    say "release $release is already current: use update.sh for another one"
  fi
  install_config_files "$release"
  start_everything
  say "installed: https://$OCPIZZA_DOMAIN/ (after the certbot step). Backups: docs/operations.md"
}

main "$@"
