"""Settings for backlog, all read from the environment with defaults that work locally.

Local development needs nothing set: DEBUG is on and the database is db.sqlite3.
Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import hashlib
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "True")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only-never-use-in-production"
# Old keys still accepted while rotating SECRET_KEY (README: One server).
SECRET_KEY_FALLBACKS = envlist("SECRET_KEY_FALLBACKS", "")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "adminsortable2",
    # History of exercises and routines in the admin: who changed what, a diff, and restore.
    "reversion",
    "reversion_compare",
    "axes",
    "django_htmx",
    # The pose pictures: figure model, drawings, draw_poses (imports no other app).
    "pictures",
    "stretches",
    # The player: its steps, check first, "this hurts" and well-done pages, and their cache.
    "player",
    "accounts",
    "practice",
    # A person's own routines: built, copied and adjusted in the site (depends on stretches).
    "builder",
    # A person's plan, goals and ladder (depends on stretches and practice).
    "plans",
    # A patient and their physiotherapist: shares, access log, prescriptions (above plans).
    "clinic",
    # Installing, the service worker and offline play (depends on nothing of the others).
    "offline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "backlog.middleware.RefuseNulMiddleware",
    # Its process_exception turns a database that does not answer into a plain 503.
    "backlog.middleware.DatabaseDownMiddleware",
    # Outside sessions and CSRF, so it sees every cookie they set on the way out.
    "backlog.middleware.PrivateResponsesMiddleware",
    # Django's, remembering the nonce-less policy string (backlog.middleware).
    "backlog.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's, making the message storage only when a message is read or added.
    "backlog.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Signing out clears what the device kept for the person (saved runs, queued presses).
    "offline.middleware.ClearSiteDataOnSignOut",
    # Per-address limits on sign-in failures, sign-up and password reset, by any username.
    "accounts.limits.AddressLimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "backlog.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["stretches.templatetags.durations"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stretches.context_processors.urgent_help",
                "practice.context_processors.favourite_ids",
            ],
        },
    },
]

WSGI_APPLICATION = "backlog.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # In production keep connections open between requests (a new PostgreSQL connection
        # is much of a request's time); health checks replace one the server dropped.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent use: readers never block the writer (WAL), a write transaction takes its
    # lock when it begins (IMMEDIATE) so it cannot deadlock upgrading a read lock, and a
    # writer waits up to 20 s for the lock instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

# The published-routine cache (stretches/caching.py) lives here. Every process that serves
# the site must see the same entries, or an editor's save reaches only the process that
# saved: files on this machine by default (every gunicorn worker of `make serve` reads the
# same folder), Redis when REDIS_URL is set (several machines). The folder is one per
# database, so two checkouts or databases on one machine never read each other's entries.
# `stretches.checks` refuses a per-process cache when more than one worker serves.
_database = DATABASES["default"]
_cache_folder = hashlib.blake2b(
    f"{_database['ENGINE']}:{_database.get('HOST')}:{_database.get('PORT')}:{_database['NAME']}".encode(),
    digest_size=6,
).hexdigest()
CACHES = {
    "default": {
        # Django's file-based cache with an atomic `add` (backlog/cache.py).
        "BACKEND": "backlog.cache.FileCache",
        "LOCATION": os.environ.get("CACHE_DIR") or str(BASE_DIR / ".cache" / _cache_folder),
        "OPTIONS": {"MAX_ENTRIES": 5000},
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
    }
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's RedisCache, serving without a cache while Redis is down.
            "BACKEND": "backlog.cache.ForgivingRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
            # A Redis that stops answering fails a request (and /healthz) in seconds.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions are read on every signed-in request: serve them from the shared cache,
    # with the database behind it so a cache restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded pictures. MEDIA_ROOT must be storage every app server shares. With a relative
# MEDIA_URL the app serves it itself (backlog.views.media) unless SERVE_MEDIA is false
# because the web server in front serves /media/; an absolute MEDIA_URL (a media origin)
# is allowed in the CSP's img-src instead.
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = envbool("SERVE_MEDIA", "true") and not urlsplit(MEDIA_URL).netloc

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "backlog.storage.StaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_media = urlsplit(MEDIA_URL)
media_origin = [f"{_media.scheme}://{_media.netloc}"] if _media.netloc else []

# A strict policy, enforced from the first page: no inline script or style anywhere.
# Scripts need the per-request nonce ({% htmx_script %} reads csp_nonce).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *media_origin],
    "media-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# How many reverse proxies stand in front (each appends to X-Forwarded-For). The client's
# address for rate limits is then the PROXY_COUNT-th from the right (accounts.limits).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
# Trust X-Forwarded-Proto only when a proxy sets it (and overwrites what a client sent):
# otherwise any client could claim HTTPS.
if envbool("TRUST_X_FORWARDED_PROTO", "true" if PROXY_COUNT else "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Login rate limit (django-axes): 5 failures for a username from one address lock it
# for 15 minutes, with a clear page (429) instead of the form.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
# Behind N reverse proxies (PROXY_COUNT=N), read the client's address from
# X-Forwarded-For; otherwise every visitor would share the proxy's address.
AXES_CLIENT_IP_CALLABLE = "accounts.limits.client_address"
# Per address, whatever the username (accounts.limits): failed sign-ins, sign-ups and
# password-reset requests allowed per window before the same 429 page.
ADDRESS_LIMITS = {
    "sign-in": (int(os.environ.get("SIGNIN_FAILURES_PER_ADDRESS", "30")), timedelta(minutes=15)),
    "sign-up": (int(os.environ.get("SIGNUPS_PER_ADDRESS", "10")), timedelta(hours=1)),
    "password-reset": (int(os.environ.get("PASSWORD_RESETS_PER_ADDRESS", "5")), timedelta(hours=1)),
}

# Who to call about the urgent signs, which differ by country (e.g. "999" and "NHS 111"
# in the UK). Unset, the pages say "your local emergency number" and "your doctor or your
# local non-emergency medical line": never a number that may be another country's.
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "").strip()
URGENT_ADVICE = os.environ.get("URGENT_ADVICE", "").strip()

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "stretches:routine-list"
LOGOUT_REDIRECT_URL = "stretches:routine-list"


def email_from_url(url):
    """SMTP settings from one URL: smtp://user:password@host:port (plain), smtp+tls://
    (STARTTLS, port 587 by default) or smtps:// (TLS from the start, 465). The user and
    password are percent-encoded (an @ in a user name is %40)."""
    parts = urlsplit(url)
    schemes = {
        "smtp": (False, False, 25),
        "smtp+tls": (True, False, 587),
        "smtps": (False, True, 465),
    }
    if parts.scheme not in schemes:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start smtp://, smtp+tls:// or smtps://, not {parts.scheme}://"
        )
    use_tls, use_ssl, port = schemes[parts.scheme]
    return {
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }


# E-mail (password resets): EMAIL_URL, or EMAIL_HOST with its port, user, password and
# TLS; with neither, e-mails are printed to the console (development).
if os.environ.get("EMAIL_URL"):
    globals().update(email_from_url(os.environ["EMAIL_URL"]))
else:
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
    EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "false")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
_smtp = bool(os.environ.get("EMAIL_URL") or os.environ.get("EMAIL_HOST"))
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if _smtp
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "backlog <noreply@localhost>")
# Errors Django mails to ADMINS (none are set) would come from here.
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# A rejected request (400) logs one line, not a traceback: see backlog/logs.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_for_bad_requests": {"()": "backlog.logs.OneLineForBadRequests"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        name: {"filters": ["one_line_for_bad_requests"]}
        for name in (
            "django.request",
            "django.security.SuspiciousOperation",
            "django.security.TooManyFieldsSent",
            "django.security.TooManyFilesSent",
            "django.security.RequestDataTooBig",
            "django.security.DisallowedHost",
        )
    },
}
