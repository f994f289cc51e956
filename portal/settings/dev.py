"""Local development: runs on embedded defaults (SQLite, osmem)."""

import os

from .base import *  # noqa: F403

# `make run` is what a new user tries: it sets PORTAL_DEBUG=0 so that errors show the
# portal's own 403/404/500 pages (runserver --insecure still serves the static files).
# Other manage.py commands keep Django's debug pages.
DEBUG = os.environ.get("PORTAL_DEBUG", "1") == "1"
SERVE_MEDIA = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_USERS_ENABLED = True
# A file cache is shared by runserver and the scheduled commands (publish_release).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": BASE_DIR / "var" / "cache",  # noqa: F405
    }
}
# Django's own console handler (DEBUG only) would print every django.* line a second
# time: the root handler (settings.LOGGING) prints them once.
LOGGING["loggers"]["django"] = {"handlers": [], "level": "INFO"}  # noqa: F405
