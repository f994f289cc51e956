#!/usr/bin/env bash
# Nightly backup: the database (everything that matters) and the private uploads.
# The search indices are not backed up: `manage.py rebuild_search_index` rebuilds them
# from the database (an alias switch, so search keeps working meanwhile).
set -euo pipefail
: "${DATABASE_URL:?}" "${PRIVATE_MEDIA_ROOT:?}"
target=${BACKUP_DIR:-/var/backups/zorgict}/$(date +%Y-%m-%d)
mkdir -p "$target"
pg_dump --format=custom --file="$target/zorgict.dump" "$DATABASE_URL"
tar -C "$PRIVATE_MEDIA_ROOT" -czf "$target/private-media.tar.gz" .
# Restore: pg_restore --clean --dbname="$DATABASE_URL" zorgict.dump; untar the media;
# then python manage.py rebuild_search_index.
