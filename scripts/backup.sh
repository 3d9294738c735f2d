#!/usr/bin/env bash
# Backs up Nämndflöde while it runs: the database as one consistent snapshot, then the files.
#
#   scripts/backup.sh <backup-dir>
#
# Reads the apps' own variables (DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME, FILES_DIR, with
# their defaults); DB_USER needs SELECT, SHOW VIEW, TRIGGER and EVENT on the database (the
# migration owner has them). Writes <backup-dir>/database.sql.gz, <backup-dir>/files.tar and
# <backup-dir>/MANIFEST (what, when, and the SHA-256 of both). Redis is not backed up: it holds
# only queues, and every job a state change made is in the database's outbox, which the worker's
# sweeper publishes again when a restored Redis does not have it.
set -euo pipefail
out=${1:?usage: scripts/backup.sh <backup-dir>}
# shellcheck source=scripts/backup-env.sh
source "$(dirname "$0")/backup-env.sh"

mkdir -p "$out"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# 1. The database: one REPEATABLE READ transaction's snapshot of every InnoDB table, no table
#    locked, the apps go on writing. Triggers (the audit log's guards) and routines come along.
mariadb-dump --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" \
  --single-transaction --quick --routines --triggers --events --hex-blob \
  --default-character-set=utf8mb4 --no-tablespaces "$DB_NAME" |
  gzip -6 >"$out/database.sql.gz.part"
mv "$out/database.sql.gz.part" "$out/database.sql.gz"

# 2. The files, after the snapshot: they are stored under their SHA-256 and never changed, so
#    everything the snapshot points at is there (files added since are harmless extras). Bytes
#    that gallring removed between the two steps would be missing: `cli files:verify` after a
#    restore names them, and the gallring list, restored unexecuted, removes their rows again.
mkdir -p "$FILES_DIR"
tar -C "$FILES_DIR" --exclude='*.part' -cf "$out/files.tar.part" .
mv "$out/files.tar.part" "$out/files.tar"

{
  echo "namndflode backup"
  echo "database: $DB_NAME on $DB_HOST:$DB_PORT"
  echo "started: $started"
  echo "finished: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  (cd "$out" && sha256sum database.sql.gz files.tar)
} >"$out/MANIFEST"
echo "backup written to $out"
