"""Settings shared by every environment.

Only ``production.py`` reads secrets from the environment; the connection URLs
(``DATABASE_URL``, ``ELASTICSEARCH_URL``, ``SEARCH_ENGINE``) are read here because
each environment picks a default for them.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from search.transport import PlainJsonNode

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "disclosure",
    "portal",
    "vendors",
    "contracts",
    "prices",
    "market",
    "coalitions",
    "airegister",
    "knowledge",
    "search",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_elasticsearch_dsl",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # Django's form templates, for FORM_RENDERER (TemplatesSetting)
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: turns a log-in refused for a lock-out into the log-in
    # page with its message (AXES_LOCKOUT_CALLABLE).
    "axes.middleware.AxesMiddleware",
]

# No inline scripts: pages load their scripts from static files and pass data with
# json_script. Styles may be inline (plotly sets them). Nothing from other origins.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
CMS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)

# Every form through one renderer: NL Design System fields and widgets (portal/form_renderer.py).
FORM_RENDERER = "portal.form_renderer.PortalFormRenderer"

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite file by default; PostgreSQL (or anything dj-database-url knows) via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run`'s start-up work, the task worker and the server write at once: readers
    # never wait for a writer (WAL), and a writer waits its turn (BEGIN IMMEDIATE, up to
    # 20 s) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out log-ins
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# guardian's anonymous user is not needed: anonymous visitors get public pages only.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "portal.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/mijn-portaal/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "portal.staticfinders.PlotlyFinder",  # plotly.min.js from the installed package
]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Confidential uploads (contract spreadsheets): never under MEDIA_URL or STATIC_URL.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": BASE_DIR / "var" / "private", "base_url": None},
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Zorg-ICT Marktportaal"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False
# No Gravatar: the security policy blocks third-party images, and an e-mail hash sent to
# a third party is personal data. The CMS shows initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]

# Background work (django-tasks, as Wagtail uses it), stored in the database and run by
# `manage.py db_worker` (started by `make run`). Tests run tasks immediately.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Contract imports
CONTRACT_IMPORT_MAX_BYTES = 50 * 1024 * 1024
# Zip-bomb limits, checked on an XLSX's directory before anything is unpacked: its
# parts together unpack to at most this, a part over 100 KB to at most RATIO times its
# packed size (Apache POI's default), and it has at most this many parts.
CONTRACT_IMPORT_XLSX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
CONTRACT_IMPORT_XLSX_MAX_RATIO = 100
CONTRACT_IMPORT_XLSX_MAX_MEMBERS = 1000
CONTRACT_IMPORT_MAX_ATTEMPTS = 3  # a background import that fails midway is tried again
ACCESS_LOG_RETENTION_DAYS = 730  # purge_access_log deletes older reads (daily)
# Files with more rows than this are imported by a background task with progress.
CONTRACT_IMPORT_BACKGROUND_ROWS = 2000
# Disclosure control (disclosure/rules.py) for every figure made from confidential data.
# Prudent defaults after the withdrawn US "safety zone": 5 organisations, 25 %, 3 months.
PRICE_MIN_ORGANISATIONS = 5
PRICE_MAX_ORGANISATION_SHARE = 0.25
PRICE_MIN_ORGANISATIONS_FOR_TAILS = 10
PRICE_MIN_AGE_DAYS = 90
# Releases (disclosure/): every figure made from confidential data is computed into an
# immutable release, by `publish_release` (monthly; `make run` runs it with --if-due).
DISCLOSURE_RELEASE_INTERVAL_DAYS = 30
DISCLOSURE_RELEASES_KEPT = 2  # releases whose stored inputs are kept
# A release is checked against the figures shown in the releases of this many days
# before it (a span of time: releases out of turn do not shorten it).
DISCLOSURE_DIFFERENCING_DAYS = 365
# A release out of turn (after an organisation deleted its data) comes at least this
# many days after the latest release; until then it waits (publish_release --if-due).
DISCLOSURE_MIN_RELEASE_GAP_DAYS = 7
DISCLOSURE_CURRENT_CACHE_SECONDS = 5
DISCLOSURE_PARTS_IN_MEMORY = 64
# Noise (see disclosure/statistics.py): Laplace scales relative to the largest single
# contribution (sums) and to the quantile estimates' local sensitivity (quantiles).
DISCLOSURE_SUM_NOISE = 1.0
DISCLOSURE_QUANTILE_NOISE = 1.0
DISCLOSURE_SHARE_STEP = 1.0  # percentage points
# Coalition figures: each organisation's data goes into at most this many distinct
# member sets over the differencing window (disclosure/budget.py).
DISCLOSURE_SETS_PER_ORGANISATION = 12
DISCLOSURE_NOISE_SECRET = ""  # empty: derived from SECRET_KEY
# Benchmarks are published for this many past years and the current one.
PRICE_YEARS_BACK = 5
# Category publications kept in each process's memory (the shared cache holds more).
PRICE_PUBLICATIONS_IN_MEMORY = 24

# Market monitor: years of history, and the sector references for ICT spend as a share
# of revenue (hospitals: IZT benchmark 2025, ../shared/seeds/000_2d868506abe415cf.txt).
MARKET_YEARS = 10
MARKET_SPEND_REFERENCES = dict.fromkeys(
    ["academic_hospital", "top_clinical_hospital", "general_hospital"], 0.058
)

# Coalitions: above this share of the purchasing market the portal warns and asks for
# the competition-law checklist (ACM guidance); uploads of members' documents.
COALITION_MARKET_SHARE_LIMIT = 0.15
COALITION_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
COALITION_DOCUMENT_EXTENSIONS = ("pdf", "docx", "xlsx", "odt", "ods", "txt", "csv")

# FHIR CapabilityStatements (vendors/capability.py): uploads and fetched /metadata.
CAPABILITY_STATEMENT_MAX_BYTES = 5 * 1024 * 1024
CAPABILITY_STATEMENT_FETCH_TIMEOUT = 10  # seconds, for the whole fetch with its redirects
# Fetching a statement by URL (vendors/public_fetch.py) only reaches public addresses on
# these ports, following at most this many redirects (each one checked again).
CAPABILITY_FETCH_PORTS = (80, 443)
CAPABILITY_FETCH_MAX_REDIRECTS = 3
# Loopback is refused like any non-public address; only tests that serve a statement on
# 127.0.0.1 turn this on.
CAPABILITY_FETCH_ALLOW_LOOPBACK = False

# Renewal radar: deadlines within these many months are highlighted.
RENEWAL_URGENT_MONTHS = 6
RENEWAL_SOON_MONTHS = 12
# The daily task e-mails a reminder this many days before a notice deadline.
RENEWAL_REMINDER_DAYS = 90
# An AI application's review is overdue this long after the last one (airegister).
AI_REVIEW_INTERVAL_DAYS = 365
# A shared AI application's owner may start a coalition once this many other care
# providers have expressed interest: with the owner that makes three, the smallest group
# where sharing the work of a joint purchase or co-creation pays off, and two interested
# organisations are not one chance visitor (airegister.sharing).
AI_COALITION_MIN_INTEREST = 2
DEFAULT_FROM_EMAIL = "noreply@zorg-ict-marktportaal.invalid"

# Search engine. SEARCH_ENGINE is "elasticsearch" in production and "osmem" for the
# embedded in-memory engine used locally and in tests (see search/client.py).
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "elasticsearch")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
SEARCH_INDEX_PREFIX = "zorgict"
# One shard is plenty for this data; replicas need a multi-node cluster (deploy/README).
SEARCH_INDEX_SHARDS = int(os.environ.get("SEARCH_INDEX_SHARDS", "1"))
SEARCH_INDEX_REPLICAS = int(os.environ.get("SEARCH_INDEX_REPLICAS", "0"))
SEARCH_TIMEOUT_SECONDS = 2
# Real Elasticsearch has a Dutch stemmer (osmem has none): "contracten" also finds
# "contract". Off unless the engine is Elasticsearch.
SEARCH_DUTCH_STEMMER = SEARCH_ENGINE == "elasticsearch"
ELASTICSEARCH_DSL = {
    "default": {
        # One node, or a cluster's nodes separated by commas.
        "hosts": [url.strip() for url in ELASTICSEARCH_URL.split(",") if url.strip()],
        "request_timeout": SEARCH_TIMEOUT_SECONDS,
        **({"node_class": PlainJsonNode} if SEARCH_ENGINE == "osmem" else {}),
    }
}
# Saves and deletes queue index updates for after commit (search.signals, search.sync)
# rather than indexing inline; ELASTICSEARCH_DSL_AUTOSYNC = False turns that off.
ELASTICSEARCH_DSL_SIGNAL_PROCESSOR = "search.signals.QueuedSignalProcessor"
ELASTICSEARCH_DSL_AUTO_REFRESH = False

# REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # A member's user token, refused for anyone with a second factor.
        "portal.api_auth.SecondFactorAwareTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Only for DRF's stock throttles, should one be used: never read X-Forwarded-For.
    # The portal's throttles take the address from portal.client_address.
    "NUM_PROXIES": 0,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "portal.throttling.AnonymousAddressThrottle",
        "portal.throttling.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_RATE_ANONYMOUS", "120/min"),
        "token": os.environ.get("API_RATE_TOKEN", "1200/min"),
    },
}

# The client's address (portal.client_address: rate limits, log-in lock-out, access log).
# Addresses or networks of the reverse proxies in front of the portal; X-Forwarded-For
# is believed only as far as these wrote it. Empty: no proxy, REMOTE_ADDR is the client.
# production.py reads TRUSTED_PROXIES from the environment.
TRUSTED_PROXIES = []

# Log-in lock-out (django-axes, portal/login.py): AXES_FAILURE_LIMIT failed log-ins for
# one user name from one client address lock that pair (not the user everywhere) for
# AXES_COOLOFF_TIME; one address is locked for all names after
# LOGIN_MAX_FAILURES_PER_ADDRESS failures (None: no such limit). Site administrators see
# and lift lock-outs in the CMS (Settings > Log-in lock-outs).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LOGIN_MAX_FAILURES_PER_ADDRESS = 50
AXES_HANDLER = "portal.login.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "portal.client_address.client_address"
AXES_USERNAME_CALLABLE = "portal.login.attempted_username"
AXES_LOCKOUT_CALLABLE = "portal.login.lockout_response"
AXES_RESET_ON_SUCCESS = True  # a right password before the limit starts the count anew
AXES_ENABLE_ADMIN = False  # no Django admin here: the CMS screen (portal/wagtail_hooks.py)
AXES_DISABLE_ACCESS_LOG = True  # keep failures only, not a record of every log-in
AXES_VERBOSE = False
WAGTAILADMIN_USER_LOGIN_FORM = "portal.login.ThrottledCmsLoginForm"
# Second factor (portal.two_factor): the name authenticator apps show, and how many
# single-use backup codes a user gets.
OTP_TOTP_ISSUER = "Zorg-ICT Marktportaal"
TWO_FACTOR_BACKUP_CODES = 10
SESSION_COOKIE_AGE = 8 * 3600  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SPECTACULAR_SETTINGS = {
    "TITLE": "Zorg-ICT Marktportaal API",
    "DESCRIPTION": "Vendors, products, categories and standards of the Dutch care-ICT market.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["portal.api_schema.only_public_api"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Demo users with printed passwords exist only where this is True (dev and test).
DEMO_USERS_ENABLED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"no_client_error_traceback": {"()": "portal.log_filters.NoClientErrorTraceback"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "django.utils.autoreload": {"level": "WARNING"},
        # A refused or missing page is one line; tracebacks are for server errors.
        "django.request": {"level": "WARNING", "filters": ["no_client_error_traceback"]},
        # runserver's line per request: server errors only (django.request logs the rest).
        "django.server": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
        "axes": {"level": "WARNING"},  # four lines per log-in at INFO
    },
}
