#!/usr/bin/env bash
# Restores a backup of scripts/backup.sh into an empty database and an empty files directory.
#
#   scripts/restore.sh <backup-dir>
#
# Reads DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME and FILES_DIR as the apps do. Refuses a
# database that has tables or a files directory that has files, and a backup whose SHA-256s do not
# match its MANIFEST. Then start the apps on it (they find no migration pending, or apply the ones
# newer than the backup) and run `npm run cli -- files:verify`.
set -euo pipefail
from=${1:?usage: scripts/restore.sh <backup-dir>}
# shellcheck source=scripts/backup-env.sh
source "$(dirname "$0")/backup-env.sh"
db() { mariadb --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" "$@"; }

(cd "$from" && grep -E '^[0-9a-f]{64}  ' MANIFEST | sha256sum --check --quiet) ||
  { echo "restore: the backup in $from does not match its MANIFEST" >&2; exit 1; }
if [[ ! "$DB_NAME" =~ ^[A-Za-z0-9_]+$ ]]; then echo "restore: odd DB_NAME $DB_NAME" >&2; exit 1; fi
db -e "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_swedish_ci"
tables=$(db -N -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB_NAME'")
if [ "$tables" != "0" ]; then
  echo "restore: database $DB_NAME has $tables tables; restore into an empty one" >&2
  exit 1
fi
mkdir -p "$FILES_DIR"
if [ -n "$(find "$FILES_DIR" -type f -print -quit)" ]; then
  echo "restore: $FILES_DIR has files; restore into an empty directory" >&2
  exit 1
fi

gunzip -c "$from/database.sql.gz" | db --default-character-set=utf8mb4 "$DB_NAME"
tar -C "$FILES_DIR" -xf "$from/files.tar"
echo "restored $from into database $DB_NAME and $FILES_DIR"
