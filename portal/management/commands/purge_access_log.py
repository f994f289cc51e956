from django.conf import settings
from django.core.management.base import BaseCommand

from portal.access_log import purge_old_entries


class Command(BaseCommand):
    help = "Delete access-log entries older than ACCESS_LOG_RETENTION_DAYS (run daily)."

    def handle(self, *args, **options):
        deleted = purge_old_entries()
        days = settings.ACCESS_LOG_RETENTION_DAYS
        self.stdout.write(f"{deleted} access-log entries older than {days} days deleted.")
