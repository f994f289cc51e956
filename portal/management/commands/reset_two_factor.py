from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.two_factor.services import reset_two_factor


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and backup codes (lost phone). Check who asks "
        "first: the next log-in with the password alone sets up a new app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = reset_two_factor(user=user)
        self.stdout.write(f"{username}: {removed} device(s) removed; set-up again at next log-in.")
