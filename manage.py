#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as error:
        # An unreachable database is the commonest start-up failure: say so plainly.
        from django.conf import settings

        database = settings.DATABASES["default"]
        where = database.get("HOST") or database.get("NAME")
        sys.stderr.write(
            f"Cannot use the database ({database['ENGINE'].rsplit('.', 1)[-1]} at {where}): "
            f"{str(error).strip()}\nCheck DATABASE_URL and that the database server runs.\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
