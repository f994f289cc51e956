import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.ai_register import seed_demo_ai_register
from demo.coalitions import seed_demo_coalitions
from demo.load import seed_demo_market
from demo.pages import ensure_demo_pages
from demo.users import DEMO_PASSWORD, create_demo_users, demo_authenticator_secrets


class Command(BaseCommand):
    help = (
        "Fill the portal with a fictional market: care providers, vendors, products and "
        "ten years of contracts. Deterministic for a seed; a second run creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "national"], default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-users", action="store_true", help="Do not create demo log-ins.")

    def handle(self, *args, scale, seed, no_users, verbosity, **options):
        started = time.monotonic()

        def progress(done, total, contracts):
            if verbosity > 1 or (verbosity == 1 and (done == total or done % 500 == 0)):
                self.stdout.write(f"  organisations {done}/{total}, contracts created {contracts}")

        try:
            result = seed_demo_market(scale=scale, seed=seed, progress=progress)
        except Exception as err:
            raise CommandError(
                f"Seeding failed, nothing of the failing step was kept: {err}"
            ) from err
        ensure_demo_pages()
        seed_demo_coalitions()
        seed_demo_ai_register()
        self.stdout.write(
            f"Demo market ({scale}, seed {seed}): created {result['organizations']} organisations, "
            f"{result['vendors']} vendors, {result['contracts']} contracts, "
            f"evidence for {result['evidence']} products "
            f"in {time.monotonic() - started:.1f} s."
        )
        if no_users or not settings.DEMO_USERS_ENABLED:
            return
        users = create_demo_users(result["market"])
        self.stdout.write(f"\nDemo log-ins (password for all: {DEMO_PASSWORD}):")
        for username, description in users:
            self.stdout.write(f"  {username:<15} {description}")
        self.stdout.write(
            "\nThese log-ins also ask for a code from an authenticator app with this key "
            "(or: .venv/bin/python scripts/totp_code.py KEY):"
        )
        for username, secret in demo_authenticator_secrets():
            self.stdout.write(f"  {username:<15} {secret}")
