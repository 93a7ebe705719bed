"""
Settings of the URC International Relations portal.

Every knob comes from an environment variable (or a `.env` file beside
manage.py) and has a default that is safe for development. With nothing set
the portal runs on a bare machine: SQLite in the project folder, Celery on a
filesystem broker, a file cache and e-mail printed to the console. Setting
DATABASE_URL and REDIS_URL moves it onto PostgreSQL and Redis with no code
change. README.md and .env.example list every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)

# A key that is only good enough for a developer's laptop. With DEBUG off the
# portal refuses to start on it (or on any other weak key).
DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)


def _is_weak_secret_key(key):
    # The same test as Django's security.W009 deployment check.
    return len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-")


if not DEBUG and _is_weak_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value (50+ characters, not "
        "starting with 'django-insecure-') when DEBUG is off. Generate one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Our apps first, so their templates and translations override the libraries'.
    "accounts",
    "uploads",
    "reminders",
    "gazetteer",
    "associations",
    "partnerships",
    "roadmap",
    "knowledge",
    "urc_portal",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "axes",
    "django_celery_results",
    "health_check",
    "django_htmx",
    "django_countries",
    "phonenumber_field",
    "simple_history",
    "django_filters",
    "django_ratelimit",
]

MIDDLEWARE = [
    # Answers /healthz before host validation and the HTTPS redirect, so a
    # container's healthcheck can reach it by any host name over plain HTTP.
    "urc_portal.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "urc_portal.middleware.UnknownLanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "urc_portal.urls"
WSGI_APPLICATION = "urc_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# SQLite by default. WAL lets readers and one writer work at once, the busy
# timeout makes a second writer wait instead of failing, and IMMEDIATE
# transactions take the write lock up front so a transaction that reads first
# and writes later cannot deadlock against the worker or beat.
SQLITE_PATH = BASE_DIR / "db.sqlite3"
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_TIMEOUT", default=20),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker and results --------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="urc"),
        }
    }
else:
    # A file cache is shared by the web server, the worker and beat alike.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="urc"),
        }
    }

# --- Celery -----------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
if not REDIS_URL:
    _broker_dir = VAR_DIR / "celery-broker"
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        # Exchange tables; kombu's default is a "control" folder wherever the process started.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    # A task whose worker died unacknowledged comes back after this many
    # seconds. Redis's one-hour default would leave an import hanging for an
    # hour; the longest task we run (a large import) stays well under this.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
    }
CELERY_RESULT_BACKEND = REDIS_URL or "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_RESULT_EXPIRES = timedelta(days=7)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = env.str("TIME_ZONE", default="Europe/Moscow")
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The beat schedule lives in one place: urc_portal/celery.py.

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out client before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_ADAPTER = "accounts.adapter.PortalAccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = env.str("EMAIL_SUBJECT_PREFIX", default="[URC] ")
# City officials sign up themselves (and staff approve them); the form adds
# their municipality, position and consent to allauth's (partnerships/forms/requests.py).
PORTAL_SIGNUP_OPEN = env.bool("SIGNUP_OPEN", default=True)
ACCOUNT_SIGNUP_FORM_CLASS = "partnerships.forms.requests.OfficialSignupForm"
# Failed sign-ins are counted and locked out by django-axes alone (below), for
# the portal's form and the admin's alike.
ACCOUNT_RATE_LIMITS = {"login_failed": None}

# Brute-force protection (django-axes) on the portal's sign-in and the admin.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.lockout.username_from_credentials"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0) or None

# --- Partnership requests -------------------------------------------------------
# Submissions (new requests and resubmissions) per account and per address,
# django-ratelimit rates such as "10/h" or "50/d". They are counted in the cache,
# which must be shared by every web worker: Redis in production.
PARTNERSHIP_REQUESTS_PER_ACCOUNT = env.str("PARTNERSHIP_REQUESTS_PER_ACCOUNT", default="10/h")
PARTNERSHIP_REQUESTS_PER_IP = env.str("PARTNERSHIP_REQUESTS_PER_IP", default="30/h")
# Staff get a daily digest of requests that have waited for them longer than this.
PARTNERSHIP_REQUEST_DIGEST_AFTER_DAYS = env.int("PARTNERSHIP_REQUEST_DIGEST_AFTER_DAYS", default=5)
PARTNERSHIP_REQUEST_DIGEST_HOUR = env.int("PARTNERSHIP_REQUEST_DIGEST_HOUR", default=8)
# Django's own RedisCache increments atomically but is not on django-ratelimit's
# list (jsocol/django-ratelimit#283). Without Redis (a developer's machine) the
# file cache counts well enough for one person.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not REDIS_URL:
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# --- Roadmap ---------------------------------------------------------------------
# The person responsible for a milestone is reminded this many days before it starts
# (and once when it becomes overdue), by a daily task at this hour (at half past).
ROADMAP_REMINDER_DAYS_BEFORE = env.int("ROADMAP_REMINDER_DAYS_BEFORE", default=7)
ROADMAP_REMINDER_HOUR = env.int("ROADMAP_REMINDER_HOUR", default=8)
# A staff member's private calendar address stops working after this many days.
ROADMAP_CALENDAR_TOKEN_DAYS = env.int("ROADMAP_CALENDAR_TOKEN_DAYS", default=365)

# --- Records -------------------------------------------------------------------
PHONENUMBER_DEFAULT_REGION = None  # phone numbers are written in international form
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"
PHONENUMBER_DB_FORMAT = "E164"
COUNTRIES_FIRST = ["RU"]
COUNTRIES_FIRST_REPEAT = True
# Kosovo has no ISO 3166 code yet; GeoNames and the European Union use XK.
COUNTRIES_OVERRIDE = {"XK": _("Kosovo")}
SIMPLE_HISTORY_REVERT_DISABLED = False

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="ru")
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Moscow")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Documents and attachments are never under a public URL; views serve them
# after checking who asks.
PROTECTED_MEDIA_ROOT = Path(env.str("PROTECTED_MEDIA_ROOT", default=str(VAR_DIR / "protected")))
# Uploaded documents and attachments: checked by content, at most this large.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_MB", default=20) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Twinning files: refused before parsing above this size; imported by a Celery task above
# this many rows (smaller files are imported while the page waits).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_MB", default=100) * 1024 * 1024
IMPORT_BACKGROUND_ROWS = env.int("IMPORT_BACKGROUND_ROWS", default=2000)
# Open-data exports of the directory: requests per IP, and the largest XLSX (CSV has no limit).
EXPORT_RATE_LIMIT = env.str("EXPORT_RATE_LIMIT", default="30/m")
EXPORT_XLSX_MAX_ROWS = env.int("EXPORT_XLSX_MAX_ROWS", default=20_000)
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")
# The map draws country shapes shipped with the portal; a tile server is optional.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
# Text extraction of knowledge-base attachments (PDF, DOCX, ODT), per file:
# a child process with this much address space and time, and this much text kept.
KNOWLEDGE_EXTRACTION_SECONDS = env.int("KNOWLEDGE_EXTRACTION_SECONDS", default=60)
KNOWLEDGE_EXTRACTION_MEMORY_MB = env.int("KNOWLEDGE_EXTRACTION_MEMORY_MB", default=512)
KNOWLEDGE_EXTRACTION_MAX_CHARS = env.int("KNOWLEDGE_EXTRACTION_MAX_CHARS", default=100_000)
# A knowledge-base search ranks at most this many of its matches (the first
# the index yields) and says when there are more (knowledge/search.py).
KNOWLEDGE_SEARCH_RANK_WINDOW = env.int("KNOWLEDGE_SEARCH_RANK_WINDOW", default=500)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- E-mail -------------------------------------------------------------------
# consolemail:// prints messages in the worker's output; smtp+tls://user:pass@host:587
# sends them; filemail:// writes them to EMAIL_FILE_PATH.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="URC International Relations <noreply@urc.ru>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = 30

# --- Security -----------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Sign-in failures and lock-outs are security events worth keeping.
        "axes": {"level": "WARNING"},
        "django.security": {"level": "WARNING"},
        # Bad Host headers are answered with 400 and need no stack trace.
        "django.security.DisallowedHost": {"level": "ERROR"},
    },
}

ADMINS = [("Project office", a) for a in env.list("ADMINS", default=[])]

# --- Periodic tasks (Celery beat) -------------------------------------------------
# The one schedule of the portal; each capability adds its entry here.
FOLLOW_UP_DIGEST_HOUR = env.int("FOLLOW_UP_DIGEST_HOUR", default=8)
CELERY_BEAT_SCHEDULE = {
    "follow-up-digests": {
        "task": "associations.tasks.send_follow_up_digests",
        "schedule": crontab(hour=FOLLOW_UP_DIGEST_HOUR, minute=0),
    },
    "sweep-stalled-imports": {
        "task": "partnerships.tasks.sweep_stalled_import_jobs",
        "schedule": crontab(minute="*/10"),
    },
    "partnership-request-digests": {
        "task": "partnerships.tasks.send_request_digests",
        "schedule": crontab(hour=PARTNERSHIP_REQUEST_DIGEST_HOUR, minute=15),
    },
    "milestone-reminders": {
        "task": "roadmap.tasks.send_milestone_reminders",
        "schedule": crontab(hour=ROADMAP_REMINDER_HOUR, minute=30),
    },
}
