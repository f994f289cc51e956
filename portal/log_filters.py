"""Logging filters (settings.LOGGING)."""

import logging


class NoClientErrorTraceback(logging.Filter):
    """Drop the traceback from the log line of a 4xx response (a 403 from PermissionDenied
    carries one): the request was refused on purpose, the server did nothing wrong."""

    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
