# Shared by the ops scripts (sourced, never run): messages, failing loudly,
# reading KEY=VALUE files without running them as shell code, and the
# prefix every absolute path goes under (OCPIZZA_ROOT, empty in production,
# a temporary folder in tests).
# shellcheck shell=bash

ROOT="${OCPIZZA_ROOT:-}"
SCRIPT_NAME="$(basename "$0")"

say() {
  printf '%s: %s\n' "$SCRIPT_NAME" "$*"
}

fail() {
  printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2
  exit 1
}

# Reads KEY=VALUE lines into the environment; a value may be wrapped in quotes.
# Variables already set in the environment win when keep_set=keep.
load_env_file() {
  local file="$1" keep_set="${2:-}" line key value
  [ -r "$file" ] || fail "cannot read $file"
  while IFS= read -r line || [ -n "$line" ]; do
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    if [[ ! "$line" =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
      say "ignoring a line of $file that is not KEY=VALUE" >&2
      continue
    fi
    key="${BASH_REMATCH[1]}"
    value="${BASH_REMATCH[2]}"
    if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then value="${BASH_REMATCH[1]}"; fi
    if [ "$keep_set" = keep ] && [ -n "${!key+x}" ]; then continue; fi
    export "$key=$value"
  done <"$file"
}

# Fails unless every named command can be run.
need_commands() {
  local command
  for command in "$@"; do
    command -v "${command%% *}" >/dev/null 2>&1 || fail "missing command: ${command%% *}"
  done
}
