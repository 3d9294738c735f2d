# Sourced by backup.sh and restore.sh: the apps' own variables, with the apps' defaults
# (config/env.ts), and the password where the MariaDB clients read it without a command line.
DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-3306}
DB_USER=${DB_USER:-root}
DB_NAME=${DB_NAME:-namndflode}
FILES_DIR=${FILES_DIR:-./var/files}
export MYSQL_PWD=${DB_PASSWORD:-}
