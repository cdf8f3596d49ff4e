"""Settings shared by every environment. Every value that differs between installations
comes from an environment variable; the README lists them all."""

import importlib.util
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
env = environ.Env()
VAR_DIR = Path(env.str("QUARTIER_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
IS_PRODUCTION = False  # prod.py: True; `quartier demo` then needs --allow-production
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "django_htmx",
    "csp",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "quartier.core",
    "quartier.accounts",
    "quartier.api",
    "quartier.neighbourhoods",
    "quartier.knowledge",
    "quartier.actors",
    "quartier.places",
    "quartier.alliances",
    "quartier.events",
    "quartier.dialogue",
    "quartier.search",
    "quartier.imports",
    "quartier.projects",
    "quartier.network",
    "quartier.funding",
    "quartier.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "quartier.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "quartier.core.text.CleanTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "quartier.api.middleware.ApiErrorFormatMiddleware",
    "quartier.core.middleware.RateLimitMiddleware",
]

ROOT_URLCONF = "quartier.urls"
WSGI_APPLICATION = "quartier.wsgi.application"

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
                "quartier.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'quartier.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker write while the web process reads.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
elif env.bool("DATABASE_POOL", default=True):
    # Connections are bounded in every mode: each process keeps a psycopg pool of at most
    # DATABASE_POOL_MAX_SIZE connections, whatever number of threads it runs (runserver
    # starts one per request); a request waits up to DATABASE_POOL_TIMEOUT seconds for one.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them; Django must not
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # the pool checks each one it hands out
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=8),
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10),
        "max_idle": 300,
    }
else:
    # without the pool, persistent connections are only bounded where the process model
    # bounds the threads (gunicorn sync workers: one per process); the default closes them
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): log in by e-mail, confirm the address before the first login.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:overview"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Quartier] "
# Brute-force protection: ten failed logins for one e-mail address within 15 minutes lock that
# login for the rest of the window; one address may fail 30 times a minute across all logins.
# The key is the account together with the client's address (quartier.accounts.adapter), so a
# stranger's guesses do not lock the owner out; the client address is taken behind
# TRUSTED_PROXY_COUNT reverse proxies (0: REMOTE_ADDR, no proxy).
ACCOUNT_RATE_LIMITS = {"login_failed": "30/m/ip,10/15m/key"}
ACCOUNT_ADAPTER = "quartier.accounts.adapter.AccountAdapter"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# A personal API token works this many days; a password change or reset revokes all tokens.
API_TOKEN_LIFETIME_DAYS = env.int("API_TOKEN_LIFETIME_DAYS", default=365)
# Creating a token and deleting the account ask for the password again; attempts per user:
PASSWORD_CONFIRMATION_RATE = env.str("PASSWORD_CONFIRMATION_RATE", default="10/h")

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Every mail goes into the outbox (quartier.core.mail) and leaves in a background task
# through the backend of EMAIL_URL, with a timeout and retries with backoff.
OUTBOX_EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_BACKEND = "quartier.core.mail.OutboxBackend"
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=6)
OUTBOX_RETRY_SECONDS = env.float("OUTBOX_RETRY_SECONDS", default=30)  # then 1, 2, 4, 8 min
OUTBOX_LOST_AFTER_SECONDS = 120  # a due mail without a task for that long is enqueued again
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Quartier <quartier@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: Path | None = None  # only production collects static files (prod.py)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Leases of background tasks: `quartier worker` writes a heartbeat every few seconds; a task
# whose worker has not beaten for TASK_WORKER_STALE_SECONDS is requeued (its work is
# all-or-nothing), after TASK_MAX_ATTEMPTS tries it fails with a "try again" button. A task
# claimed by a worker without heartbeat (plain `db_worker`) counts as lost after
# TASK_UNWATCHED_SECONDS. /api/v1/health answers 503 when the worker is stale.
TASK_HEARTBEAT_SECONDS = env.float("TASK_HEARTBEAT_SECONDS", default=5)
TASK_WORKER_STALE_SECONDS = env.float("TASK_WORKER_STALE_SECONDS", default=60)
TASK_MAX_ATTEMPTS = env.int("TASK_MAX_ATTEMPTS", default=3)
TASK_UNWATCHED_SECONDS = env.float("TASK_UNWATCHED_SECONDS", default=1800)

# Map tiles (Leaflet) come from this URL template; empty means "no tiles, table only".
TILE_URL = env.str("TILE_URL", default="")

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# `quartier demo` creates this administrator (only if the address is not taken; an existing
# user's password never changes); the credentials are printed on the console.
DEMO_ADMIN_EMAIL = env.str("DEMO_ADMIN_EMAIL", default="admin@musterstadt.example")
DEMO_ADMIN_PASSWORD = env.str("DEMO_ADMIN_PASSWORD", default="quartier-demo")

# Leaflet's JS and CSS come from the installed django-leaflet package (its Django app needs
# GDAL, which Quartier does not use, so only its static files are served).
STATICFILES_DIRS = [Path(importlib.util.find_spec("leaflet").origin).parent / "static"]  # type: ignore[arg-type, union-attr]

# The address of this installation, for links in e-mails sent outside a request (digests).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Limits (README, "Limits"): what one request or upload may cost the server.
# The matching engine over the API: request body, places and requests per run, the size
# (places × requests) answered within the request (above it the run becomes a background
# task whose result is fetched later), and the feasible pairs per page of `all_pairs`.
MATCHING_API_MAX_BODY_BYTES = env.int("MATCHING_API_MAX_BODY_BYTES", default=1_000_000)
MATCHING_API_MAX_ITEMS = env.int("MATCHING_API_MAX_ITEMS", default=2_000)
MATCHING_API_SYNC_MAX_PAIRS = env.int("MATCHING_API_SYNC_MAX_PAIRS", default=250_000)
MATCHING_API_PAIRS_PAGE_SIZE = env.int("MATCHING_API_PAIRS_PAGE_SIZE", default=500)
# Imports (CSV, XLSX): the upload, the rows, columns and cells of a table, and for XLSX the
# unpacked size of the archive and the compression ratio of any of its parts.
IMPORT_MAX_UPLOAD_BYTES = env.int("IMPORT_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20_000)
IMPORT_MAX_COLUMNS = env.int("IMPORT_MAX_COLUMNS", default=200)
IMPORT_MAX_CELLS = env.int("IMPORT_MAX_CELLS", default=1_000_000)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024)
IMPORT_MAX_COMPRESSION_RATIO = env.int("IMPORT_MAX_COMPRESSION_RATIO", default=100)
# Rate limits ("amount/period", period s, m, h or d, optionally with a number: "10/15m"):
# API requests per client address and per token, and starts of background work (data
# download, import, matching run) per user. Counted in the cache (Redis with several
# processes); over a limit the answer is 429 with Retry-After.
API_RATE_PER_CLIENT = env.str("API_RATE_PER_CLIENT", default="600/m")
API_RATE_PER_TOKEN = env.str("API_RATE_PER_TOKEN", default="300/m")
BACKGROUND_TASK_RATE = env.str("BACKGROUND_TASK_RATE", default="20/h")
# Uploaded images (place photos, logos): at most this many pixels (also Pillow's own limit).
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)

# Content-Security-Policy (django-csp): scripts, styles, fonts and connections only from this
# installation – no inline scripts or styles anywhere (a test checks every template) – and
# images also from the map tile server of TILE_URL.
_TILE_ORIGIN = "/".join(TILE_URL.split("/")[:3]) if TILE_URL.startswith("http") else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features no page of Quartier uses are switched off for every page.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), browsing-topics=()"
)
