"""Settings, read from environment variables with safe defaults.

CAITIEN_DEBUG        "1" for development (default "0")
CAITIEN_SECRET_KEY   signing key; when unset one is generated once into var/secret_key
CAITIEN_HOSTS        comma-separated allowed hosts (default "127.0.0.1,localhost")
CAITIEN_VAR_DIR      where the SQLite database and uploads live (default ./var)
DATABASE_URL         e.g. postgres://postgres@127.0.0.1:5432/caitien; SQLite at var/ when unset
CAITIEN_EMAIL_URL    console: (default), file:///folder, smtp://user:password@host:port[?tls=1|?ssl=1]
CAITIEN_EMAIL_FROM   the sender of notification e-mails
CAITIEN_SITE_URL     the site's address, for links in e-mails (default http://127.0.0.1:8000)
CAITIEN_LOGIN_ATTEMPTS   wrong passwords (same user name and address) before a lockout (default 5)
CAITIEN_LOCKOUT_MINUTES  a lockout ends by itself after these minutes; 0: only the admin unlocks (default 60)
CAITIEN_PROXY_COUNT      reverse proxies in front, whose X-Forwarded-For gives the client address (default 0)
CAITIEN_TRUSTED_PROXIES  addresses/CIDRs of the reverse proxies whose X-Forwarded-For is trusted (default none)
CAITIEN_SESSION_HOURS    a session ends after these hours without a request (default 8)
"""

import importlib.util
import os
from pathlib import Path

import dj_database_url

from caitien.notifications.email_url import EmailUrlError, email_settings

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("CAITIEN_VAR_DIR", Path.cwd() / "var")).resolve()

DEBUG = os.environ.get("CAITIEN_DEBUG", "0") == "1"
_TESTING = os.environ.get("CAITIEN_TESTING") == "1"


def _secret_key():
    """The key from the environment, else one generated once and kept in var/ (never a shared default)."""
    key = os.environ.get("CAITIEN_SECRET_KEY", "").strip()
    if key:
        return key
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("CAITIEN_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
if _TESTING:
    ALLOWED_HOSTS = ["*"]
    # The test cast logs in a dozen people per test; the slow production hash would dominate the run.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# django-ninja's templates and static files (the API docs page without a CDN), found without importing
# it: as an installed app it was imported by every `caitien` command, a third of their start-up.
NINJA_DIR = Path(importlib.util.find_spec("ninja").submodule_search_locations[0])

INSTALLED_APPS = [
    "caitien.schools",
    "caitien.catalog",
    "caitien.assessments",
    "caitien.plans",
    "caitien.audit",
    "caitien.imports",
    "caitien.checks",
    "caitien.api",
    "caitien.web",
    "caitien.offices",
    "caitien.escalations",
    "caitien.notifications",
    "caitien.monitoring",
    "caitien.people",
    "caitien.evidence",
    "caitien.execution",
    "caitien.tokens",
    "caitien.backups",
    "caitien.accounts",
    "axes",  # login throttling and lockout (caitien.accounts)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "caitien.web.params.StripNulMiddleware",  # PostgreSQL refuses NUL in text
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "caitien.accounts.sessions.IdleSessionMiddleware",
    "csp.middleware.CSPMiddleware",
    "caitien.accounts.headers.SecurityHeadersMiddleware",
    "caitien.web.method_page.MethodNotAllowedPageMiddleware",  # no browser-drawn 405 page
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the Vietnamese login page
]

ROOT_URLCONF = "caitien.urls"
WSGI_APPLICATION = "caitien.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "caitien.schools.context.current_context",
                "caitien.notifications.context.unread",
            ],
            "builtins": ["caitien.schools.templatetags.perms"],
        },
    }
]


def _database():
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        # Tests close connections after each request: a live server thread keeping one open
        # would stop the throwaway test database from being dropped.
        # Connections are kept between requests (each gunicorn thread has its own) and checked
        # before reuse, so a restarted database server costs one failed check, not a 500.
        return dj_database_url.parse(url, conn_max_age=0 if _TESTING else 60, conn_health_checks=True)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "caitien.sqlite3",
        "OPTIONS": {
            # WAL lets readers go on while a plan is saved; the busy timeout makes
            # concurrent writers wait instead of failing with "database is locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "schools.User"

AUTH_PASSWORD_VALIDATORS = [  # caitien/accounts/passwords.py: Django's rules with Vietnamese messages
    {"NAME": "caitien.accounts.passwords.MinimumLength"},
    {"NAME": "caitien.accounts.passwords.NotLikeThePerson"},
    {"NAME": "caitien.accounts.passwords.NotCommon"},
    {"NAME": "caitien.accounts.passwords.NotOnlyDigits"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
THOUSAND_SEPARATOR = "."
DECIMAL_SEPARATOR = ","

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static", NINJA_DIR / "static"]  # caitien/static is not inside an app
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# Uploads: a plan file is at most a few megabytes; bigger requests are refused early.
CAITIEN_MAX_UPLOAD_BYTES = int(os.environ.get("CAITIEN_MAX_UPLOAD_BYTES", 15 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = CAITIEN_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Security: login lockout, sessions, response headers (caitien/accounts; README "Security") ---
# Debug pages only on a developer's own machine: CAITIEN_DEBUG=1 is ignored when the site answers
# other hosts than the loopback or runs behind HTTPS, and even a debug page hides secrets and URLs.
if DEBUG and (
    not set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "::1", "[::1]"}
    or os.environ.get("CAITIEN_HTTPS") == "1"
):
    DEBUG = False
DEFAULT_EXCEPTION_REPORTER_FILTER = "caitien.accounts.headers.HiddenEnvironmentFilter"
# A locked-out person is refused before their password is checked: the lockout backend comes first.
AUTHENTICATION_BACKENDS = [
    "caitien.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("CAITIEN_LOGIN_ATTEMPTS", "5"))
# Locked per login name *and* address: a school behind one address is not locked out by one
# person's typing, and nobody locks a principal out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
CAITIEN_LOCKOUT_MINUTES = int(os.environ.get("CAITIEN_LOCKOUT_MINUTES", "60"))  # 0: until unlocked
if CAITIEN_LOCKOUT_MINUTES:
    import datetime as _dt

    AXES_COOLOFF_TIME = _dt.timedelta(minutes=CAITIEN_LOCKOUT_MINUTES)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "caitien.accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "caitien.web.client.axes_client_ip"
CAITIEN_PROXY_COUNT = int(os.environ.get("CAITIEN_PROXY_COUNT", "0"))  # reverse proxies in front
# The reverse proxies whose X-Forwarded-For is believed (caitien.web.client), e.g. "127.0.0.1,10.0.0.0/24".
CAITIEN_TRUSTED_PROXIES = os.environ.get("CAITIEN_TRUSTED_PROXIES", "")
AXES_ENABLE_ADMIN = False  # caitien.accounts.admin shows the lockouts in Vietnamese
AXES_VERBOSE = False
# Sessions end after CAITIEN_SESSION_HOURS (default 8: a working day) without a request
# (caitien.accounts.sessions renews them at most every 15 minutes), and when the browser closes.
SESSION_COOKIE_AGE = int(float(os.environ.get("CAITIEN_SESSION_HOURS", "8")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
# Headers: no framing, a short referrer, no camera/microphone/…, and a Content-Security-Policy
# without inline scripts or eval (every script is a static file; htmx runs with allowEval false).
REFERRER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = REFERRER_POLICY
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), "
    "accelerometer=(), gyroscope=(), magnetometer=(), fullscreen=(self)"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # No style attribute or <style> in the templates either (scripts may still set element.style).
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

# Notification e-mail (caitien.notifications): where it goes, who sends it, how links are written.
try:
    globals().update(email_settings(os.environ.get("CAITIEN_EMAIL_URL")))
except EmailUrlError as exc:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(str(exc)) from None
DEFAULT_FROM_EMAIL = os.environ.get("CAITIEN_EMAIL_FROM", "").strip() or "Cải Tiến <khong-tra-loi@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CAITIEN_SITE_URL = os.environ.get("CAITIEN_SITE_URL", "").strip() or "http://127.0.0.1:8000"

# Shared cache (download limits, caitien.web.ratelimit): in the database, so several app servers
# count against the same numbers; `migrate` creates its table. CAITIEN_DOWNLOAD_RATE: downloads of
# plan documents per client, "count/seconds".
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "caitien_cache"}}
CAITIEN_DOWNLOAD_RATE = os.environ.get("CAITIEN_DOWNLOAD_RATE", "").strip() or (
    "100000/600" if _TESTING else "30/600"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CAITIEN_LOG_LEVEL", "WARNING")},
}

# --- Serving, background jobs and files on more than one machine ---------------------------------
# CAITIEN_HTTPS          "1" behind HTTPS: secure cookies, HSTS, redirect to https, proxy header trusted
# CAITIEN_STORAGE_URL    where uploaded files go: unset = the folder var/media; s3://KEY:SECRET@HOST/BUCKET?region=…
# CAITIEN_WEB_WORKERS    gunicorn worker processes of `make run` / scripts/serve (default 2 × cores + 1, at most 8)
# CAITIEN_IMPORT_CPU_SECONDS, CAITIEN_IMPORT_MEMORY_MB, CAITIEN_IMPORT_WALL_SECONDS: limits of reading one upload
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "caitien.jobs"]

# Jobs live in a table of the shared database; `caitien worker` runs them (caitien/jobs).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Static files are served by the application (whitenoise), from var/static filled by collectstatic.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
_PRODUCTION_STATIC = not DEBUG and not _TESTING
WHITENOISE_MANIFEST_STRICT = False  # a file missing from the manifest is served unhashed, not a 500
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise looks there at start (collectstatic fills it)

from caitien.storage_url import StorageUrlError, storage_settings  # noqa: E402

try:
    STORAGES = {
        "default": storage_settings(os.environ.get("CAITIEN_STORAGE_URL"), media_root=MEDIA_ROOT),
        "staticfiles": {
            "BACKEND": "caitien.serving.StaticFilesStorage"
            if _PRODUCTION_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
except StorageUrlError as exc:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(str(exc)) from None

if os.environ.get("CAITIEN_HTTPS", "0") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # other sites of the domain are not ours to decide
    # The reverse proxy ends TLS and says so in this header (deploy/nginx.conf sets it).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Reading one uploaded file (caitien/imports/tasks.py): a child process with these limits.
CAITIEN_IMPORT_CPU_SECONDS = int(os.environ.get("CAITIEN_IMPORT_CPU_SECONDS", 180))
CAITIEN_IMPORT_MEMORY_MB = int(os.environ.get("CAITIEN_IMPORT_MEMORY_MB", 1024))
CAITIEN_IMPORT_WALL_SECONDS = int(os.environ.get("CAITIEN_IMPORT_WALL_SECONDS", 300))
# The function that reads an upload in that child (tests name a hostile reader here).
CAITIEN_IMPORT_READER = "caitien.planfile.readers.read_with_text"
