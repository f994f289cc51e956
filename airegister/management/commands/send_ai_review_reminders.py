from django.core.management.base import BaseCommand

from airegister.reminders import send_ai_review_reminders


class Command(BaseCommand):
    help = "E-mail overdue AI-register reviews (run daily; once per application per interval)."

    def handle(self, *args, **options):
        sent = send_ai_review_reminders.call()
        self.stdout.write(f"{sent} herinnering(en) verstuurd.")
