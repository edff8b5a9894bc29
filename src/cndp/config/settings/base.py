"""Shared settings. Every value a deployment changes comes from an environment variable.

Environment variables (all optional in development):
    DATABASE_URL      postgres://user:pass@host:5432/name — default: SQLite file db.sqlite3 in the project folder
    SECRET_KEY        required in production
    DEBUG             1/0
    ALLOWED_HOSTS     comma-separated host names
    CSRF_TRUSTED_ORIGINS  comma-separated origins (https://cndp.example.gov.vn)
    CNDP_API_TOKEN_DAYS   days an API token stays valid (default 30)
    CNDP_JOB_TIMEOUT_MINUTES  a long job still running after this long is taken for dead (default 240)
    CNDP_JOB_RESULT_DAYS      days a long job's result file is kept (default 30; `cndp manage jobs_cleanup`)
    CNDP_TRUSTED_PROXIES  addresses of the reverse proxies whose X-Forwarded-For is believed (default 127.0.0.1,::1)
    EMAIL_URL-like:   EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
    CNDP_DATA_DIR     where the SQLite file, media and sent mail go (default: the project folder)
    CNDP_SQL_CACHE    0 compiles every query again (default 1: compiled SELECTs kept per process)
    CNDP_SQL_CACHE_SIZE   compiled SELECTs kept per process at most (default 1000)
    CNDP_FRAGMENT_CACHE   0 renders every list table and home page again (default 1: kept under the data version)
    CNDP_FRAGMENT_TTL     seconds a kept page part lives at most (default 600)
    CNDP_CACHE_ENTRIES    entries of the per-process cache at most (default 1000)
    CNDP_PG_PREPARED  0 turns PostgreSQL prepared statements off (behind pgbouncer in transaction mode before 1.21)
    TASKS_BACKEND     database (default) or immediate
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/cndp
PROJECT_DIR = PACKAGE_DIR.parents[1]  # the repository root
DATA_DIR = Path(os.environ.get("CNDP_DATA_DIR", PROJECT_DIR))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop"  # prod refuses it
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "cndp.core",
    "cndp.places",
    "cndp.accounts",
    "cndp.party",
    "cndp.congress",
    "cndp.elections",
    "cndp.obligations",
    "cndp.extension",
    "cndp.followup",
    "cndp.clusters",
    "cndp.indicators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cndp.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cndp.config.urls"
WSGI_APPLICATION = "cndp.config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

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
                "cndp.core.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must hold a congress: many clerks and check-in desks writing at once.
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock when a transaction
    # begins, so a writer waits (up to `timeout` seconds) instead of failing with "database is locked"
    # when two read-then-write transactions collide; synchronous=NORMAL is durable enough under WAL.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No Memoize plans: costing one for each lookup join of a list page (the project list joins six
    # reference tables) took PostgreSQL 15 to 30 ms of planning for a query that runs in 0.5 ms; without
    # it the plans are as fast and planned in 3 ms (benchmarks/pages.py).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (_options.get("options", "") + " -c enable_memoize=off").strip()
    # Prepared statements: the parameters sent apart from the query (server-side binding), so a query of
    # the same shape has the same text and is planned once per connection (psycopg prepares it from its
    # second run). A list page's queries were planned on every request: 15-20 % of its time on
    # PostgreSQL. Behind pgbouncer in transaction mode (before 1.21's `max_prepared_statements`), set
    # CNDP_PG_PREPARED=0.
    if os.environ.get("CNDP_PG_PREPARED", "1") != "0":
        _options.setdefault("server_side_binding", True)
        _options.setdefault("prepare_threshold", 2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Compiled SELECTs kept per process (core.compiled_sql): a list page's queries are not compiled again on
# every request. CNDP_SQL_CACHE=0 turns it off; CNDP_SQL_CACHE_SIZE entries at most per process.
CNDP_SQL_CACHE = os.environ.get("CNDP_SQL_CACHE", "1") != "0"
CNDP_SQL_CACHE_SIZE = int(os.environ.get("CNDP_SQL_CACHE_SIZE", "1000"))
CNDP_SQL_CACHE_VERIFY = False  # every kept result compiled again and compared (the test settings)
# Page parts kept under the data version (core.fragments, core.data_version): a list's table and filters
# and the home page's figures are rendered again only after a committed change. CNDP_FRAGMENT_CACHE=0
# turns it off; CNDP_FRAGMENT_TTL seconds at most (the bound for writes made outside Django).
CNDP_FRAGMENT_CACHE = os.environ.get("CNDP_FRAGMENT_CACHE", "1") != "0"
CNDP_FRAGMENT_TTL = int(os.environ.get("CNDP_FRAGMENT_TTL", "600"))
CNDP_FRAGMENT_CACHE_VERIFY = False  # every kept part rendered again and compared (the test settings)
# Each process keeps its own (the data version, in the database, is what makes a kept part valid; a
# process never needs another's). CNDP_CACHE_ENTRIES bounds it (a list part is 20-60 KB).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CNDP_CACHE_ENTRIES", "1000"))},
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "cndp.accounts.backends.PermissionBackend",  # Django's ModelBackend, permissions in one query
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Throttled failed logins: 5 failures for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Password spraying: an address is locked too after 20 failures across user names (a whole office may
# share one address); the client's address read behind the proxy (cndp.accounts.login_limits).
AXES_HANDLER = "cndp.accounts.login_limits.AddressLimitedHandler"
AXES_CLIENT_IP_CALLABLE = "cndp.accounts.login_limits.client_ip"
CNDP_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("CNDP_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
CNDP_TRUSTED_PROXIES = env_list("CNDP_TRUSTED_PROXIES", "127.0.0.1,::1")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10  # one working day
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts only from our own static files, no inline script, no
# eval (htmx's hx-on and eval are switched off in base.html). Styles allow 'unsafe-inline': style
# attributes are written by ECharts' SVG text, by Swagger UI and by a few templates (bar widths).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Vietnamese first: Vietnamese is the source language, English a translation.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["cndp.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CNĐP <no-reply@cndp.local>")

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("TASKS_BACKEND") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# Long jobs (core.jobs): one still «running» after CNDP_JOB_TIMEOUT_MINUTES is taken for dead (its worker
# stopped: its transaction was rolled back) and shown failed; result files go after CNDP_JOB_RESULT_DAYS.
CNDP_JOB_TIMEOUT_MINUTES = int(os.environ.get("CNDP_JOB_TIMEOUT_MINUTES", "240"))
CNDP_JOB_RESULT_DAYS = int(os.environ.get("CNDP_JOB_RESULT_DAYS", "30"))

# API tokens expire after this many days; POST /api/token/ then issues a new one.
CNDP_API_TOKEN_DAYS = int(os.environ.get("CNDP_API_TOKEN_DAYS", "30"))
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cndp.core.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["cndp.core.api.permissions.ModelActionPermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "cndp.core.api.schema.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CNĐP API",
    "DESCRIPTION": "API của hệ thống CNĐP — Cục Công nghiệp địa phương, Bộ Công Thương.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and the docs describe every endpoint and filter: for signed-in users only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",  # not the CDN's (closed network, Content-Security-Policy)
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for a choice set shared by extension's progress reports and the reporting calendar.
    "ENUM_NAME_OVERRIDES": {
        "ReportBasisEnum": "cndp.obligations.choices.Basis",
        "ReportStateEnum": "cndp.obligations.choices.State",
        "DeadlineKindEnum": "cndp.followup.choices.DeadlineKind",
        "ClusterStatusEnum": "cndp.clusters.choices.ClusterStatus",
        "ClusterProjectStatusEnum": "cndp.clusters.choices.ProjectStatus",
    },
}

DJANGO_TABLES2_TEMPLATE = "core/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
