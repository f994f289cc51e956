"""django-tasks-db's worker (`manage.py db_worker`), logging at warning level by default.

At its default verbosity the worker logs two lines for every task (started, finished):
thousands at `make run`'s start, burying what matters. Here verbosity 1 logs failures and
warnings only; `-v 2` still logs every task, `-v 0` nothing but critical errors."""

import logging

from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand


class Command(WorkerCommand):
    def configure_logging(self, verbosity):
        super().configure_logging(verbosity)
        if verbosity == 1:
            for name in (TASKS_LOGGER, "django_tasks_db"):
                logging.getLogger(name).setLevel(logging.WARNING)
