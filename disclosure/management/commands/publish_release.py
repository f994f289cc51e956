from django.core.management.base import BaseCommand

from disclosure import releases


class Command(BaseCommand):
    help = (
        "Compute every figure made from confidential data into a new release (pages, "
        "exports and the API show the latest release). Schedule it monthly, or daily "
        "with --if-due."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-due",
            action="store_true",
            help="Only when the latest release is older than DISCLOSURE_RELEASE_INTERVAL_DAYS.",
        )

    def handle(self, *args, if_due=False, **options):
        if if_due and not releases.is_due():
            latest = releases.current()
            self.stdout.write(f"Release {latest.number} of {latest.as_of} is current.")
            return
        release = releases.publish(
            progress=lambda topic, count: self.stdout.write(f"  {topic}: {count} parts")
        )
        self.stdout.write(self.style.SUCCESS(f"Published release {release.number}."))
