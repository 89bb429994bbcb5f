"""Regie settings: one module, everything from the environment (see docs/operations.md).

Secure by default: DEBUG is off, a secret key is required, HTTPS is assumed. ``make demo`` and
``make run`` switch to development mode explicitly with ``REGIE_DEBUG=1``.
"""

from __future__ import annotations

import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from regie import env

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(env.string("REGIE_PROJECT_DIR", str(PACKAGE_DIR.parent.parent)))
DATA_DIR = Path(env.string("REGIE_DATA_DIR", str(PROJECT_DIR / "var")))
NODE_MODULES = Path(env.string("REGIE_NODE_MODULES", str(PROJECT_DIR / "node_modules")))

DEBUG = env.boolean("REGIE_DEBUG", False)

_DEV_SECRET = "regie-development-only-secret-key-never-use-in-production-0123456789"  # noqa: S105
SECRET_KEY = env.string("REGIE_SECRET_KEY", _DEV_SECRET if DEBUG else None, required=not DEBUG)
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured(
        "REGIE_SECRET_KEY must not be the development key when REGIE_DEBUG=0"
    )

ALLOWED_HOSTS = env.strings(
    "REGIE_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("REGIE_ALLOWED_HOSTS must be set when REGIE_DEBUG=0")
CSRF_TRUSTED_ORIGINS = env.strings("REGIE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "regie.core",
    "regie.audit",
    "regie.accounts",
    "regie.organisations",
    "regie.cases",
    "regie.partners",
    "regie.interventions",
    "regie.meetings",
    "regie.intake",
    "regie.woo",
    "regie.scheduling",
    "regie.demo",
    "regie.bench",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "regie.accounts.apps.TotpConfig",  # django_otp.plugins.otp_totp, named in Dutch
    "regie.accounts.apps.StaticConfig",  # django_otp.plugins.otp_static
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "regie.core.middleware.RequestContextMiddleware",
    # Before the session: public pages (``core.anonymous``) are answered without any cookie.
    "regie.core.anonymous.AnonymousPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before any process_view (the CSRF check reads the body); after the user is known.
    "regie.core.limits.RequestSizeMiddleware",
    "regie.accounts.middleware.SessionLifetimeMiddleware",
    "regie.accounts.middleware.MfaRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "regie.core.middleware.PolicyMiddleware",
    "regie.core.errors.ProductNotFoundMiddleware",
    # Last: sees lockouts raised by the authentication backend and turns them into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "regie.urls"
WSGI_APPLICATION = "regie.wsgi.application"
ASGI_APPLICATION = "regie.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "regie.core.context_processors.shell",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env.string("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env.integer("REGIE_DB_CONN_MAX_AGE", 60, minimum=0),
            # A reused connection is checked before a request uses it: after the database
            # restarted, the next request reconnects instead of failing.
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] not in (
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    ):
        raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL or SQLite")
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "regie.sqlite3"),
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            # WAL lets readers proceed while one writer writes; IMMEDIATE takes the write lock
            # at BEGIN so read-then-write transactions (the audit chain) cannot deadlock.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 10,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# ASVS V2.1: length and a breached/common-password check, no composition rules.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

OTP_TOTP_ISSUER = env.string("REGIE_OTP_ISSUER", "Regie")

AXES_FAILURE_LIMIT = env.integer("REGIE_LOCKOUT_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("REGIE_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "regie.accounts.views.locked_out"
AXES_IPWARE_PROXY_COUNT = env.integer("REGIE_PROXY_COUNT", 0, minimum=0) or None
AXES_VERBOSE = False
# Key of the keyed hash that stands in the audit log for a typed username that names no account
# (docs/audit.md). Empty: derived from SECRET_KEY (with a fixed context string).
REGIE_AUDIT_HMAC_KEY = env.string("REGIE_AUDIT_HMAC_KEY")
if REGIE_AUDIT_HMAC_KEY and len(REGIE_AUDIT_HMAC_KEY) < 32:
    raise ImproperlyConfigured("REGIE_AUDIT_HMAC_KEY must be at least 32 characters long")

# --- Request bodies ---------------------------------------------------------------------------
# Form fields and JSON (held in memory) and multipart bodies (with files) are refused with 413
# before they are read (regie.core.limits); the proxy's client_max_body_size should match.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.integer("REGIE_MAX_FORM_BYTES", 2_621_440, minimum=1024)
REGIE_MAX_REQUEST_BYTES = env.integer("REGIE_MAX_REQUEST_BYTES", 10 * 1024 * 1024, minimum=1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Sessions ---------------------------------------------------------------------------------
SESSION_ENGINE = "django.contrib.sessions.backends.db"
REGIE_SESSION_IDLE = timedelta(minutes=env.integer("REGIE_SESSION_IDLE_MINUTES", 15, minimum=1))
REGIE_SESSION_ABSOLUTE = timedelta(hours=env.integer("REGIE_SESSION_ABSOLUTE_HOURS", 12, minimum=1))
SESSION_COOKIE_AGE = int(REGIE_SESSION_ABSOLUTE.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Logs the refusal and answers with Regie's own page (docs/audit.md).
CSRF_FAILURE_VIEW = "regie.core.views.csrf_failure"

# --- Transport security -----------------------------------------------------------------------
HTTPS = env.boolean("REGIE_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS and env.boolean("REGIE_SSL_REDIRECT", True)
# Load balancers probe over plain HTTP on the node itself (docs/operations.md#monitoring).
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.integer("REGIE_HSTS_SECONDS", 31_536_000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("REGIE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.boolean("REGIE_HSTS_PRELOAD", True)
if env.boolean("REGIE_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# One date style per context in both languages (regie/formats/, regie.core.dates).
FORMAT_MODULE_PATH = ["regie.formats"]
TIME_ZONE = env.string("REGIE_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.string("REGIE_STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [PACKAGE_DIR / "static"]
STATICFILES_DIRS += [
    (prefix, NODE_MODULES / package)
    for prefix, package in (
        ("vendor/utrecht", "@utrecht/component-library-css/dist"),
        ("vendor/tokens", "@nl-design-system-unstable/voorbeeld-design-tokens/dist"),
    )
    if (NODE_MODULES / package).is_dir()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # Compressing (gzip and brotli) is most of collectstatic's time; without it, the
            # proxy compresses (deploy/nginx/regie.conf does).
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.boolean("REGIE_STATIC_COMPRESS", True)
            else "whitenoise.storage.ManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = env.boolean("REGIE_STATIC_FROM_FINDERS", DEBUG)
# Before the first collectstatic (development, tests) STATIC_ROOT does not exist yet.
warnings.filterwarnings("ignore", message="No directory at")

# --- Background tasks -------------------------------------------------------------------------
# Stored in the database and run by `regie db_worker`; tests and `REGIE_TASKS_IMMEDIATE=1` run
# them inline.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env.boolean("REGIE_TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env.string(
    "REGIE_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.string("REGIE_EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("REGIE_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env.string("REGIE_EMAIL_USER")
EMAIL_HOST_PASSWORD = env.string("REGIE_EMAIL_PASSWORD")
EMAIL_USE_TLS = env.boolean("REGIE_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env.string("REGIE_EMAIL_FROM", "regie@localhost")

# --- Intervention partners --------------------------------------------------------------------
# Days a partner's request to join a case stays "requested" without a decision; then it
# expires, whether or not the number matched a case (docs/permissions.md).
REGIE_PARTNER_REQUEST_DAYS = env.integer("REGIE_PARTNER_REQUEST_DAYS", 30, minimum=1)

# --- Shareable factsheet (issue 14, docs/informatiebeeld.md) ----------------------------------
# Counts under this are shown as "<T" on the factsheet. 1 hides nothing; 2 is refused: with
# zeros shown, "<2" could only mean 1.
REGIE_FACTSHEET_THRESHOLD = env.integer("REGIE_FACTSHEET_THRESHOLD", 5, minimum=1)
if REGIE_FACTSHEET_THRESHOLD == 2:
    raise ImproperlyConfigured(
        'REGIE_FACTSHEET_THRESHOLD must be 1 or at least 3, got 2 ("<2" would show a 1)'
    )

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"client_errors": {"()": "regie.core.logs.ClientErrorsOnOneLine"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["client_errors"],
        }
    },
    "root": {"handlers": ["console"], "level": env.string("REGIE_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own default handlers would print each of its messages a second time.
        "django": {"handlers": [], "propagate": True},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Regie ------------------------------------------------------------------------------------
REGIE_ADMIN_URL = env.string("REGIE_ADMIN_URL", "beheer/").strip("/") + "/"
REGIE_CASE_PREFIX = env.string("REGIE_CASE_PREFIX", "PGA")
REGIE_RETENTION_YEARS = env.integer("REGIE_RETENTION_YEARS", 5, minimum=1)
# The audit log's own retention (docs/audit.md): events older than this are archived and deleted
# by `regie audit prune`, except those on cases and persons still held. At least a year: the
# database's delete trigger refuses younger events whatever the setting (ADR 0015).
REGIE_AUDIT_RETENTION_YEARS = env.integer("REGIE_AUDIT_RETENTION_YEARS", 5, minimum=1)
REGIE_AUDIT_ARCHIVE_DIR = Path(
    env.string("REGIE_AUDIT_ARCHIVE_DIR", str(DATA_DIR / "audit-archive"))
)
# deduce's lookup structures for the Woo suggestions (docs/woo.md#deduce-cache): built once
# (`regie woo prepare`, run by `make install`), then loaded once per process.
REGIE_WOO_CACHE_DIR = Path(env.string("REGIE_WOO_CACHE_DIR", str(DATA_DIR / "woo-cache")))
# One line per request on the `regie.access` logger (docs/operations.md#access-log); the
# development server prints its own.
REGIE_ACCESS_LOG = env.boolean("REGIE_ACCESS_LOG", not DEBUG)
REGIE_ENVIRONMENT = env.choice(
    "REGIE_ENVIRONMENT",
    "development" if DEBUG else "production",
    ("development", "test", "acceptance", "production"),
)

# --- Woo publication (issue 13, docs/woo.md) --------------------------------------------------
# The publishing organisation in the DiWoo metadata: its TOOI URI (gemeente Amsterdam by default).
REGIE_WOO_PUBLISHER = env.string(
    "REGIE_WOO_PUBLISHER", "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
)
# Where the public pages are reached from outside: absolute URLs in the DiWoo sitemap.
REGIE_PUBLIC_BASE_URL = env.string("REGIE_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The largest document (DOCX, PDF, TXT) a Woo publication may be made from.
REGIE_WOO_MAX_UPLOAD_BYTES = env.integer(
    "REGIE_WOO_MAX_UPLOAD_BYTES", 10 * 1024 * 1024, minimum=1024
)
