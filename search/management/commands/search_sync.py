from django.core.management.base import BaseCommand, CommandError

from search.sync import retry_pending


class Command(BaseCommand):
    help = "Retry the search-index updates that failed (engine down); run it periodically."

    def handle(self, *args, **options):
        done, left = retry_pending()
        self.stdout.write(f"{done} index updates done, {left} still pending.")
        if left:
            raise CommandError(f"{left} updates could not be applied yet.", returncode=1)
