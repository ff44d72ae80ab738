"""Django settings for Timeledger.

Every setting that differs between machines comes from the environment through the typed helpers in
``timeledger.core.env``; they fail loudly on a malformed value. SQLite is the default database,
PostgreSQL is used whenever ``DATABASE_URL`` says so.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from timeledger.core.env import (
    database,
    env_bool,
    env_dir,
    env_int,
    env_list,
    env_log_level,
    env_rate,
    env_str,
    env_time_zone,
    secret_key,
    test_database_name,
)
from timeledger.periodic import beat_schedule

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = env_dir("TIMELEDGER_VAR_DIR", str(PROJECT_DIR / "var"))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from /static/ (no CDN)
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "timeledger.core",
    "timeledger.accounts",
    "timeledger.clients",
    "timeledger.projects",
    "timeledger.timesheets",
    "timeledger.rates",
    "timeledger.approvals",
    "timeledger.expenses",
    "timeledger.contracts",
    "timeledger.documents",
    "timeledger.invoicing",
    "timeledger.einvoicing",
    "timeledger.billing",
    "timeledger.estimates",
    "timeledger.payments",
    "timeledger.accounting",
    "timeledger.banking",
    "timeledger.autosend",
    "timeledger.webhooks",
    "timeledger.reports",
    "timeledger.integrations",
    "timeledger.onboarding",
    "timeledger.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app server itself (no separate web server needed for a small install).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "timeledger.accounts.tenancy.OrganisationMiddleware",
    "timeledger.accounts.two_factor.TwoFactorMiddleware",
]
# The issuer shown next to the code in authenticator apps.
OTP_TOTP_ISSUER = "Timeledger"

ROOT_URLCONF = "timeledger.urls"
WSGI_APPLICATION = "timeledger.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "timeledger.accounts.context_processors.tenancy",
            ],
        },
    },
]

_default_sqlite = f"sqlite:///{VAR_DIR / 'timeledger.sqlite3'}"
# --- Database URL (h-edges: a bad, empty or unreachable DATABASE_URL is one clear line) -------
# Empty means the default; a malformed URL or a SQLite file in a missing folder is refused by
# ``core.env.database`` naming the variable; connection failures are told by
# ``timeledger.startup`` in the CLI, manage.py and the WSGI server.
DATABASES = {"default": database(_default_sqlite)}
# --- end of the database URL block -------------------------------------------------------------
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on busy_timeout instead of failing with "database is locked" mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)
# The test database: TIMELEDGER_TEST_DB, else one name per checkout on PostgreSQL (two people
# running `make test` against one server must not drop each other's test_timeledger).
_test_db_name = env_str("TIMELEDGER_TEST_DB", "") or (
    test_database_name(PROJECT_DIR)
    if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3"
    else ""
)
if _test_db_name:
    DATABASES["default"]["TEST"] = {"NAME": _test_db_name}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The UI's languages (issue 17): the browser's Accept-Language picks one (LocaleMiddleware); the
# catalogues under locale/ are compiled by `make messages` (part of install).
LANGUAGES = [("en-gb", "English"), ("de", "Deutsch"), ("nl", "Nederlands"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_time_zone("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Serve straight from the apps' static folders when collectstatic has not been run (the empty
# STATIC_ROOT is created so WhiteNoise does not warn about it).
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The project's own CSS/JS live beside the templates, outside any app's static/ folder.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env_dir("MEDIA_ROOT", str(VAR_DIR / "media"))
MEDIA_URL = "media/"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "timeledger@localhost")

# Anyone may create an organisation from the login page; private installs turn this off (the
# first organisation can always be created, on the first-run page or with `timeledger init`).
PUBLIC_SIGNUP = env_bool("TIMELEDGER_PUBLIC_SIGNUP", True)
# The address links in e-mails sent outside a request (CLI, background jobs) start with.
TIMELEDGER_BASE_URL = env_str("TIMELEDGER_BASE_URL", "")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "timeledger.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["timeledger.accounts.permissions.IsOrganisationMember"],
    "DEFAULT_PAGINATION_CLASS": "timeledger.core.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "timeledger.core.api.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Timeledger API",
    "DESCRIPTION": "From logged time to paid invoice. Authenticate with `Authorization: Token <key>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # /api/docs/ loads Swagger UI from our own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Members' "timezone" and the organisation's "time_zone" share one choice list.
    "ENUM_NAME_OVERRIDES": {
        "TimeZoneEnum": "timeledger.core.timeutil.TIMEZONE_CHOICES",
        "AccountingExportFormatEnum": "timeledger.accounting.models.ExportFormat",
        "BankStatementFormatEnum": "timeledger.banking.models.StatementFormat",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "timeledger.core.api.add_error_responses",
        "timeledger.core.api.name_enum_members",
    ],
}

# Background work: Celery with Redis in production; in the embedded default (no broker configured)
# tasks run in-process and `timeledger tick` runs what is due.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# A running billing run silent (no heartbeat) for longer than this died and is marked failed
# (billing.services.fail_stale_runs, when a run starts and from the tick job). Keep it above the
# longest batch a run commits.
BILLING_RUN_STALE_AFTER_MINUTES = env_int("BILLING_RUN_STALE_AFTER_MINUTES", 10)
if BILLING_RUN_STALE_AFTER_MINUTES < 1:
    raise ImproperlyConfigured("BILLING_RUN_STALE_AFTER_MINUTES must be at least 1")
# Billing runs shared by Celery workers (billing.engine.shared): with BILLING_SCALE_OUT the hourly
# run is cut into batches of BILLING_BATCH_PROJECTS projects; BILLING_RUN_TASKS tasks per run are
# sent (at least the number of worker processes that should share it). A batch claimed by a
# worker that died is taken again when its lease (seconds) ends; after BILLING_BATCH_MAX_ATTEMPTS
# claims it is given up and reported as the run's error.
BILLING_SCALE_OUT = env_bool("BILLING_SCALE_OUT", False)
BILLING_BATCH_PROJECTS = env_int("BILLING_BATCH_PROJECTS", 200)
BILLING_RUN_TASKS = env_int("BILLING_RUN_TASKS", 4)
BILLING_BATCH_LEASE_SECONDS = env_int("BILLING_BATCH_LEASE_SECONDS", 60)
BILLING_BATCH_MAX_ATTEMPTS = env_int("BILLING_BATCH_MAX_ATTEMPTS", 3)
for _name in ("BILLING_BATCH_PROJECTS", "BILLING_RUN_TASKS", "BILLING_BATCH_LEASE_SECONDS"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1")
# Periodic tasks (Celery beat): the same list `timeledger tick` runs (timeledger.periodic).
CELERY_BEAT_SCHEDULE = beat_schedule()


_log_level = env_log_level("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": _log_level},
    # Django's own "django" logger has a console handler of its own when DEBUG is on; it also
    # passes each record up to the root's, so every line printed twice. One handler: the root's
    # (at Django's level, INFO, as before). Naming "django" here resets its children, so
    # runserver's request lines ("django.server") are configured again as Django does.
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# --- Hardening: sign-in lockout, API throttles, deployment baseline (issue 12) -----------------
# Kept in one block so the rest of this file stays about what differs between machines.

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account from one
# IP address, that pair is refused (429, accounts/locked_out.html) for the cool-off period; each
# lockout is written to the audit log of the account's organisations (accounts.signals).
INSTALLED_APPS += ["axes", "csp"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's field (it holds the e-mail)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind a proxy the client's address is the first of X-Forwarded-For (TIMELEDGER_BEHIND_PROXY).
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("TIMELEDGER_BEHIND_PROXY", False) else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# API throttles (DRF): per token/user and per anonymous IP, and failed token look-ups per IP
# (accounts.throttling.BadTokenThrottle, checked before the token is). Over the rate: 429 with
# Retry-After. The counters live in Django's cache (per process unless CACHES points at Redis).
# JSON only (views taking a file upload name their own parsers); a nesting bomb is a 400.
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = ["timeledger.core.parsers.JSONParser"]
REST_FRAMEWORK["TEST_REQUEST_DEFAULT_FORMAT"] = "json"
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "timeledger.accounts.throttling.UserThrottle",
    "timeledger.accounts.throttling.AnonThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "user": env_rate("API_THROTTLE_USER", "1200/minute"),
    "anon": env_rate("API_THROTTLE_ANON", "120/minute"),
    "bad_token": env_rate("API_THROTTLE_BAD_TOKEN", "20/minute"),
}
_cache_url = env_str("CACHE_URL", "")
if _cache_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
        }
    }

# Deployment baseline. With DEBUG off cookies are Secure unless COOKIES_SECURE=false (plain-HTTP
# labs); HSTS and the HTTPS redirect are opt-in because they need TLS in front of the app.
SESSION_COOKIE_SECURE = env_bool("COOKIES_SECURE", env_bool("SESSION_COOKIE_SECURE", not DEBUG))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("TIMELEDGER_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): our own scripts and styles only, no inline script (htmx
# runs from /static/ and its requests go to 'self'; behaviour once in inline handlers is in app.js);
# inline styles stay allowed (htmx's indicator style, the invoice document shown in the client's
# page through a sandboxed srcdoc frame, which inherits this policy); the PDF opens top-level.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}
MIDDLEWARE += ["csp.middleware.CSPMiddleware", "axes.middleware.AxesMiddleware"]
