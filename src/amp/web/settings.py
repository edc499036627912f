"""Django settings of the amp web app, read from the environment.

DATABASE_URL   database (default: SQLite file amp.sqlite3 in the data directory)
AMP_DATA_DIR   data directory (default: ~/.local/share/amp)
AMP_SECRET_KEY secret key (required unless AMP_DEMO=1)
AMP_DEMO=1     demo mode: generated secret key, demo users with weak passwords allowed
DEBUG=1        Django debug mode (off by default)
AMP_ALLOWED_HOSTS comma-separated host names (default: localhost, 127.0.0.1)
AMP_SECURE_COOKIES=0 allow cookies over plain HTTP (on by default outside demo mode)
AMP_BEHIND_PROXY=1 trust X-Forwarded-Proto from a TLS-terminating proxy
AMP_TRUSTED_PROXIES addresses or networks of reverse proxies (comma-separated, default none)
               whose X-Forwarded-For names the client for the login throttle
"""

from __future__ import annotations

import os
import secrets
import warnings
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from amp.web.security import trusted_proxies


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "ja"}


DEMO = _flag("AMP_DEMO")
DEBUG = _flag("DEBUG")
DATA_DIR = Path(os.environ.get("AMP_DATA_DIR") or Path.home() / ".local" / "share" / "amp")

SECRET_KEY = os.environ.get("AMP_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEMO:
        raise ImproperlyConfigured("AMP_SECRET_KEY fehlt (nur im Demo-Modus AMP_DEMO=1 optional).")
    SECRET_KEY = secrets.token_urlsafe(50)

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("AMP_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "ninja",
    "amp.web.plans",
    "amp.web.kennzahlen",
    "amp.web.vollzug",
    "amp.web.land",
    "amp.web.massnahmen",
    "amp.web.fallclearing",
    "amp.web.angebote",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files: cacheable, served first
    "amp.web.security.NoStoreMiddleware",  # outside the rest: also on refusals (CSRF, lockout)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "amp.web.plans.htmx.HtmxSessionMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "amp.web.urls"
WSGI_APPLICATION = "amp.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DATA_DIR / 'amp.sqlite3'}"


DATABASES = {"default": dj_database_url.parse(_database_url(), conn_max_age=60)}
DATABASES["default"]["ATOMIC_REQUESTS"] = True  # every request writes all or nothing

# SQLite for several users (docs/sicherheit.md): WAL lets readers go on while one writes;
# a writer waits up to 20 s for the lock instead of failing with "database is locked";
# transactions take the write lock when they begin (IMMEDIATE), so two saves of one cell
# queue up and the second sees the first (a conflict message) instead of a lock upgrade
# that SQLite can only refuse.
SQLITE_BUSY_SECONDS = 20
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_SECONDS,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}"
            ),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de-de"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# production: `amp manage collectstatic` fills STATIC_ROOT, WhiteNoise serves it;
# demo and development serve straight from the packages - and so does an installation
# whose collectstatic has not run yet, so that `amp manage runserver` never shows a page
# without its CSS
_COLLECTED = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = DEMO or DEBUG or not (_COLLECTED / "amp").is_dir()
STATIC_ROOT: Path | None = _COLLECTED  # always named, so that collectstatic can run at any time
# until it has run the directory may be missing; WhiteNoise then serves from the finders
warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plans:list"
LOGOUT_REDIRECT_URL = "login"

# cookies and headers: secure by default; the local demo runs on plain http
SECURE_COOKIES = _flag("AMP_SECURE_COOKIES", default=not DEMO and not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if SECURE_COOKIES:
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
if _flag("AMP_BEHIND_PROXY"):  # a TLS-terminating proxy sets X-Forwarded-Proto
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# errors with their traceback go to stderr, where gunicorn and systemd's journal keep them
# (Django's default would only mail them to ADMINS, which amp does not set)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Online-Fallclearing: no personal link token in any log line (request lines, errors)
    "filters": {"fallclearing_tokens": {"()": "amp.web.fallclearing.redact.RedactTokens"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "filters": ["fallclearing_tokens"]},
        "server": {"class": "logging.StreamHandler", "filters": ["fallclearing_tokens"]},
    },
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "ERROR"},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
    },
}

# Online-Fallclearing: answers are deleted this many days after submission or expiry
AMP_FALLCLEARING_KEEP_DAYS = int(os.environ.get("AMP_FALLCLEARING_KEEP_DAYS", "90"))

# login throttling: five failures lock the user name and address for an hour
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_ENABLED = _flag("AMP_AXES", default=True)
# the client's address: REMOTE_ADDR, or X-Forwarded-For only from a trusted proxy
AMP_TRUSTED_PROXIES = trusted_proxies(os.environ.get("AMP_TRUSTED_PROXIES", ""))
AXES_CLIENT_IP_CALLABLE = "amp.web.security.client_ip"

# uploads (workbooks up to 10 MB) stay in memory: no temporary file outlives a crash
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
