"""Settings, read from the environment (12-factor); safe defaults for a local run.

Variables: DATABASE_URL, DJANGO_SECRET_KEY, DJANGO_DEBUG, DJANGO_ALLOWED_HOSTS, CACHE_URL,
DJANGO_SECURE (HTTPS-only cookies and HSTS, for production behind TLS).
"""

import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# scripts/serve-production sets it, so manage.py prepares production: manifest storage, real key.
PRODUCTION = env.bool("DJANGO_PRODUCTION", default=False)


def _is_development_entry_point() -> bool:
    # manage.py (runserver, migrate, load_seed) and pytest may fall back to a local key;
    # a WSGI server such as gunicorn may not.
    return Path(sys.argv[0]).name in {"manage.py", "pytest", "py.test"} or "pytest" in sys.modules


SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if PRODUCTION or not (DEBUG or _is_development_entry_point()):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set the DJANGO_SECRET_KEY environment variable to a "
            "long random string before serving the app in production."
        )
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "axes",
    "csp",
    "cooperation.apps.CooperationConfig",
    "agreements.apps.AgreementsConfig",
    "delegations.apps.DelegationsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cooperation.throttling.RateLimitHeaders",
    # Before sessions, authentication and the rest: a cached anonymous read skips them all.
    "cooperation.caching.AnonymousReadCache",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that its process_exception runs first: a database outage becomes a 503, not a 500.
    "cooperation.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "cooperation.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "cooperation.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
else:
    # Short, so that during an outage a worker answers 503 quickly instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Parallel query gives one request several cores; a server answering many requests at once
    # has none to spare, and under load the helpers' start-up and contention cost more than they
    # save (DATABASE_PARALLEL_WORKERS: PostgreSQL's max_parallel_workers_per_gather).
    _parallel = env.int("DATABASE_PARALLEL_WORKERS", default=0)
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", f"-c max_parallel_workers_per_gather={_parallel}"
    )
# Persistent connections: opening one (and SQLite's pragmas) would cost more than a cached read.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)

# PostgreSQL streaming replicas (comma-separated URLs): reads go to them, writes to the primary,
# and a client's reads to the primary for DATABASE_REPLICA_PIN_SECONDS after its own write (see
# cooperation/db_router.py). Without replicas there is no router and no extra middleware.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    DATABASE_REPLICAS.append(f"replica{_number}")
    DATABASES[f"replica{_number}"] = {
        **env.db_url_config(_url),
        "OPTIONS": {**DATABASES["default"]["OPTIONS"]},
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": DATABASES["default"].get("CONN_HEALTH_CHECKS", False),
        # The test runner creates no database for it and points it at the primary's test database.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_REPLICA_PIN_SECONDS = env.int("DATABASE_REPLICA_PIN_SECONDS", default=10)
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["cooperation.db_router.ReplicaRouter"]
    # Inside the page cache (a hit needs no database), outside sessions and authentication.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("cooperation.caching.AnonymousReadCache") + 1,
        "cooperation.db_router.ReplicaReads",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if "locmem" in CACHES["default"]["BACKEND"]:
    # Per process, for `make run`; production shares Redis between workers (CACHE_URL).
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)
# Anonymous reads kept in that cache (see cooperation/caching.py): seconds kept (0 turns it off),
# the max-age that clients and proxies are told, and the largest response kept.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_MAX_BYTES = env.int("PAGE_CACHE_MAX_BYTES", default=2_000_000)
# Totals of filtered lists, kept per filter and data version (see cooperation/counts.py).
COUNT_CACHE_SECONDS = env.int("COUNT_CACHE_SECONDS", default=3600)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or _is_development_entry_point()) and not PRODUCTION
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded signed agreements are private: served through a staff-only view, never as /media/.
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Data releases (manage.py release): frozen files, served by the app under /releases/.
RELEASES_ROOT = Path(env.str("DJANGO_RELEASES_ROOT", default=str(MEDIA_ROOT / "releases")))
RELEASES_LICENSE = env.str("DJANGO_RELEASES_LICENSE", default="CC-BY-4.0")

LOGIN_URL = "admin:login"
# Where a login lands when its ?next= is missing or off-site (Django's default is a 404).
LOGIN_REDIRECT_URL = "admin:index"

# The office whose reports the tracker holds; it is a party to nearly everything, so grouping
# filters match its partners, not the office itself.
HOME_OFFICE = env.str("HOME_OFFICE", default="sipo")
HOME_COUNTRY = env.str("HOME_COUNTRY", default="CN")

# Security headers; cookies and HSTS switch to HTTPS-only with DJANGO_SECURE=true.
SECURE = env.bool("DJANGO_SECURE", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env.bool("DJANGO_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
# Only behind a proxy that always sets these headers may they be trusted; otherwise clients
# could claim HTTPS, or put every login attempt on the proxy's address.
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLED = env.bool("DJANGO_AXES_ENABLED", default=True)
AXES_RESET_ON_SUCCESS = True
# JSON for API clients, plain text elsewhere, as axes would.
AXES_LOCKOUT_CALLABLE = "cooperation.auth_api.lockout_response"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["cooperation.permissions.ReadOrModelPermission"],
    "DEFAULT_FILTER_BACKENDS": ["cooperation.filters.GivenFilters"],
    "DEFAULT_PAGINATION_CLASS": "cooperation.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["cooperation.throttling.AnonRateLimit"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_ANON_RATE", default="600/minute")},
    "DEFAULT_VERSIONING_CLASS": None,
    # A JSON 400, not an HTML page, for a body over DATA_UPLOAD_MAX_MEMORY_SIZE.
    "EXCEPTION_HANDLER": "cooperation.auth_api.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "International Cooperation Tracker API",
    "DESCRIPTION": "Agreements, delegations, meetings and trainings of an IP office, with their sources.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Separate request and response components, so write-only and read-only fields are exact.
    "COMPONENT_SPLIT_REQUEST": True,
    # Security, every error answer, rate-limit headers, CSV columns and filter limits.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cooperation.api_schema.document_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ActivityKindEnum": "cooperation.models.Kind",
        "ActivityTypeEnum": "cooperation.models.ActivityType",
        "OfficeKindEnum": "cooperation.models.OfficeKind",
        "PartyRoleEnum": "cooperation.models.PartyRole",
        "PersonRoleEnum": "cooperation.models.PersonRole",
        "PublicationStatusEnum": "cooperation.models.Status",
        "ValidityStatusEnum": "agreements.models.ValidityStatus",
    },
}

IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

SIMPLE_HISTORY_REVERT_DISABLED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}

# Agreements' expiry reminders (manage.py remind) and the staff desk: mail goes to the console
# unless a backend is configured, e.g. EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="cooperation-tracker@localhost")
AGREEMENT_EXPIRY_WARNING_DAYS = env.int("AGREEMENT_EXPIRY_WARNING_DAYS", default=90)
