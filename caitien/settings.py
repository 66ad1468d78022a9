"""Settings, read from environment variables with safe defaults.

CAITIEN_DEBUG        "1" for development (default "0")
CAITIEN_SECRET_KEY   signing key; when unset one is generated once into var/secret_key
CAITIEN_HOSTS        comma-separated allowed hosts (default "127.0.0.1,localhost")
CAITIEN_VAR_DIR      where the SQLite database and uploads live (default ./var)
DATABASE_URL         e.g. postgres://postgres@127.0.0.1:5432/caitien; SQLite at var/ when unset
CAITIEN_EMAIL_URL    console: (default), file:///folder, smtp://user:password@host:port[?tls=1|?ssl=1]
CAITIEN_EMAIL_FROM   the sender of notification e-mails
CAITIEN_SITE_URL     the site's address, for links in e-mails (default http://127.0.0.1:8000)
"""

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
    "ninja",  # django-ninja's own templates and static files: the API docs page without a CDN
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
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "caitien.urls"
WSGI_APPLICATION = "caitien.wsgi.application"

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
        return dj_database_url.parse(url, conn_max_age=0 if _TESTING else 60)
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
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
STATICFILES_DIRS = [BASE_DIR / "static"]  # caitien/static is not inside an app
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

# Notification e-mail (caitien.notifications): where it goes, who sends it, how links are written.
try:
    globals().update(email_settings(os.environ.get("CAITIEN_EMAIL_URL")))
except EmailUrlError as exc:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(str(exc)) from None
DEFAULT_FROM_EMAIL = os.environ.get("CAITIEN_EMAIL_FROM", "").strip() or "Cải Tiến <khong-tra-loi@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CAITIEN_SITE_URL = os.environ.get("CAITIEN_SITE_URL", "").strip() or "http://127.0.0.1:8000"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CAITIEN_LOG_LEVEL", "WARNING")},
}
