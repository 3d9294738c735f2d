#!/usr/bin/env bash
# Installs exactly what package-lock.json records. `npm ci` first; if it refuses the lock because
# the registry it can reach lacks some other platform's optional binaries (npm then leaves them out
# of the lock, and `npm ci` later counts them as missing), install from the same lock without
# rewriting it.
set -euo pipefail
log=$(mktemp)
if ! npm ci --no-audit --no-fund 2>"$log"; then
  echo "npm ci refused the lock file ($(grep -c 'Missing:' "$log") optional platform packages unknown to this registry); installing from it with npm install --no-save" >&2
  npm install --no-audit --no-fund --no-save
fi
rm -f "$log"
