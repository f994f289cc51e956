from django.core.management.base import BaseCommand

from contracts.reminders import send_renewal_reminders


class Command(BaseCommand):
    help = "E-mail notice-deadline reminders (run daily; sends each reminder once)."

    def handle(self, *args, **options):
        sent = send_renewal_reminders.call()
        self.stdout.write(f"{sent} herinnering(en) verstuurd.")
