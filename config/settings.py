"""Settings, read from the environment only (see the README's configuration table).

The embedded default (no variables set, DEBUG=1) runs on SQLite under var/ with a
file-system Celery broker; production sets DATABASE_URL, REDIS_URL and SECRET_KEY.
"""

from __future__ import annotations

import datetime
import re
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_secret, env_str
from lib.keyring import development_keyring, parse_keyring
from lib.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
# Local state of the embedded default (SQLite files, broker folders, dev secrets). Never
# committed: .gitignore lists it.
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)


def _development_secret_key() -> str:
    """A per-machine key kept in DATA_DIR, so sessions survive restarts in development."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off")
    SECRET_KEY = _development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin with the staff site of access/sites.py (second factor, issue 14).
    "config.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "auditlog",
    # Issue 14, items 1-2: TOTP second factor with backup codes, and lockout.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "axes",
    # The catalogue first: its checks and registries are ready before the record apps.
    "sorn",
    "keystore",
    "access",
    "customers",
    "orders",
    "mailers",
    "marketing",
    "retention",
    "access_requests",
    "audit",
]

MIDDLEWARE = [
    # Issue 14, item 8: one redacted access line per request, outermost so that it sees
    # every answer (lib/logs.py).
    "lib.logs.AccessLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed a second factor.
    "django_otp.middleware.OTPMiddleware",
    # Sign-out everywhere and the idle timeout end a session here, before any view sees
    # its user (access/sessions.py).
    "access.sessions.StaffSessionMiddleware",
    # Every read the policy gate lets through is recorded, one insert per request; a read
    # that cannot be recorded is not sent (audit/reads.py).
    "audit.reads.AccessEventMiddleware",
    # Every write is logged (django-auditlog) with its user and trusted client address.
    "audit.changes.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its refusal.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Production serves its collected static files itself (gunicorn has no static server);
    # in development `runserver` serves them from the apps' folders.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]


def _throttle_rate(name: str, default: str) -> str:
    """A REST framework throttle rate: a count and a period (s, m, h or d), e.g. 60/m."""
    rate = env_str(name, default)
    if not re.fullmatch(r"[1-9][0-9]{0,8}/[smhd]", rate):
        raise ImproperlyConfigured(
            f"{name} must be a count and a period (s, m, h or d), e.g. 60/m; got {rate!r}"
        )
    return rate


# Databases --------------------------------------------------------------------------

# SQLite settings that survive a web process and a Celery worker writing at once
# (DESIGN.md, "Verified on our machines"): wait for locks, take the write lock at BEGIN,
# and use WAL so readers do not block the writer.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def _database(url: str, variable: str) -> dict:
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("CONN_MAX_AGE", 60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"{variable} is not a database URL: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # No JIT: the retention plan's set-wise conditions (many EXISTS over small
        # indexed sets) cost PostgreSQL more to compile than to run (1.6 s of a 2 s query
        # measured on the dashboard); the service's queries are short OLTP ones.
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"-c jit=off {options.get('options', '')}".strip()
    return config


_keystore_url = env_str("KEYSTORE_DATABASE_URL")
if not _keystore_url:
    if not DEBUG:
        raise ImproperlyConfigured("KEYSTORE_DATABASE_URL must be set when DEBUG is off")
    _keystore_url = f"sqlite:///{DATA_DIR / 'keystore.sqlite3'}"

DATABASES = {
    "default": _database(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"), "DATABASE_URL"
    ),
    # The key store holds every record's data key, wrapped. It is a database of its own so
    # that destroying a key (cryptographic erase, NIST SP 800-88) reaches every copy of the
    # records database, backups included, and so that it can keep a shorter backup
    # retention than the records (README, "Encryption at rest").
    "keystore": _database(_keystore_url, "KEYSTORE_DATABASE_URL"),
}
DATABASE_ROUTERS = ["keystore.routers.KeystoreRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# NIST SP 800-63B, 5.1.1.2 (memorized secrets): at least 8 characters (15 asked here,
# which 800-63B rev. 4 sets for a password used alone; ours is paired with a second
# factor, but staff accounts open every record); compared against a list of commonly
# used, expected or compromised values; no composition rules (no "a digit and a symbol"),
# which 800-63B forbids. Django's NumericPasswordValidator is dropped: it is a
# composition rule ("not entirely numeric"), and a long all-digit secret that is not
# on the list is acceptable under 800-63B; short or common ones are refused by the
# length and list checks anyway. The list is Django's 20,000 common passwords (offline:
# there is no network to ask a breach corpus); a larger vendored list can replace it by
# PASSWORD_LIST_PATH without code changes.
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 15, minimum=8)
_password_list = env_str("PASSWORD_LIST_PATH")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {
        "NAME": "django.contrib.auth.password_validation.CommonPasswordValidator",
        "OPTIONS": {"password_list_path": _password_list} if _password_list else {},
    },
]

# Sign-in (issue 14, items 1-3; NIST SP 800-63B AAL2) -----------------------------------

# django-axes checks every authenticate() first, so a locked-out account or address is
# refused before its password is even compared.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# One sign-in page for the admin and the staff pages: password, then the second factor
# (access/signin.py).
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "admin:index"
LOGOUT_REDIRECT_URL = "two_factor:login"
# A second factor for every staff account, read by the admin site on every request
# (access/sites.py). Off only in development, where the demo users of `./dev run` sign
# in with their password alone and the sign-in page says so.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", not DEBUG)
if not STAFF_MFA_REQUIRED and not DEBUG:
    raise ImproperlyConfigured("STAFF_MFA_REQUIRED may be turned off only with DEBUG on")
# django-two-factor-auth: the admin is protected by our own site, not by its patch of
# AdminSite.login; no "remember this browser" cookie (a stolen password plus a stolen
# cookie would skip the second factor); the password step is good for 5 minutes.
TWO_FACTOR_PATCH_ADMIN = False
TWO_FACTOR_LOGIN_TIMEOUT = 300
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Privacy Act records")
# Nobody reads another account's TOTP secret or its QR code in the admin: django-otp's
# device admin answers 403 for them (and so never looks a device up that is not there).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Lockout (django-axes): after SIGN_IN_FAILURE_LIMIT failures in a row an account is
# locked, and so is the client address that made them, each on its own count (800-63B
# 5.2.2 rate limiting). A security administrator unlocks in the admin; with
# SIGN_IN_LOCKOUT_MINUTES above 0 the lock also lifts by itself after that time.
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
_lockout_minutes = env_int("SIGN_IN_LOCKOUT_MINUTES", 0, minimum=0)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=_lockout_minutes) if _lockout_minutes else None
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client's address as the audit takes it: X-Forwarded-For only from TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "audit.reads.client_address"
AXES_RESET_ON_SUCCESS = True
# ... of that account from that address only (access/signin.py SignInFailures).
AXES_HANDLER = "access.signin.SignInFailures"
# Successful sign-ins are not kept by axes (the audit has what matters); failures are
# counted in axes.AccessAttempt, with the password fields of every sign-in form masked.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_SENSITIVE_PARAMETERS = [
    "auth-password",
    "token-otp_token",
    "backup-otp_token",
    "otp_token",
]
# No username or address in log lines (logs carry no personal data): axes names the
# request's path only.
AXES_VERBOSE = False
AXES_CLIENT_STR_CALLABLE = "access.signin.client_str"
AXES_ENABLE_ADMIN = False  # our own, for security administrators (access/signin.py)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# JSON under the API (the token endpoint), that page elsewhere.
AXES_LOCKOUT_CALLABLE = "access.signin.lockout_response"
# Failed and locked-out calls of the API's token endpoint: counted by axes like the form,
# and throttled per client address (access/api.py).
API_SIGN_IN_RATE = _throttle_rate("API_SIGN_IN_RATE", "10/m")

# Sessions (issue 14, item 3) -------------------------------------------------------------

# NIST SP 800-63B, 4.2.3 (AAL2): reauthentication after 30 minutes of inactivity at most
# and every 12 hours whatever the activity; the idle limit here is shorter by default.
STAFF_IDLE_TIMEOUT_MINUTES = env_int("STAFF_IDLE_TIMEOUT_MINUTES", 15, minimum=1, maximum=30)
SESSION_COOKIE_AGE = env_int("SESSION_MAX_HOURS", 12, minimum=1, maximum=12) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Static files -------------------------------------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
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

# Security -----------------------------------------------------------------------------

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# Not readable by scripts (session theft through an injected script). SameSite: Sessions.
SESSION_COOKIE_HTTPONLY = True
# SECURE_SSL_REDIRECT and HSTS: "Production deployment" below.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Proxies whose X-Forwarded-For is believed when recording a client's address (audit);
# any other sender's header is ignored, since a client can forge it.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
if env_bool("TRUST_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Production deployment (issue 14, item 5) ---------------------------------------------

# `manage.py check --deploy` is clean with DEBUG off (tests/config/test_deploy_check.py):
# HTTPS only, by default. Federal sites are HTTPS-only with HSTS (OMB M-15-13; CISA BOD
# 18-01, which also has agencies preload their domains), so production defaults to a
# year's HSTS over subdomains, preload-ready; development keeps plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# Health and readiness answer plain HTTP: the container's own probe and a load balancer's
# call them on the loopback or the private network, not through the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Content-Security-Policy (issue 14, item 4) -------------------------------------------

# django-csp 4 (csp.middleware): one policy for every page, the public pages, the admin and
# the API docs alike. No page of ours has inline script, inline style or a `style`
# attribute (the admin's own templates have none since Django 4.1; the API docs run
# drf-spectacular's split view, whose init script is a URL of its own), so scripts and
# styles come only from our own origin: no 'unsafe-inline', no 'unsafe-eval', no hashes
# to keep in step with a vendored file. The API docs alone add `data:` images for Swagger
# UI's icons (config/urls.py). OWASP ASVS 4.0.3, 14.4.3 and 14.4.7.
# Templates: no <script> without src, no <style>, no style="…", no on…= handlers, no
# javascript: links; a page's script goes in static/js/, its style in static/css/.
# The other headers are set above: HSTS (production), X-Frame-Options DENY, nosniff, and
# Referrer-Policy "same-origin": our own pages still send a Referer, which Django's CSRF
# check needs over HTTPS when a browser sends no Origin, while no other site learns an
# admin address (a record's number, a change list's filters) from a link followed.
INSTALLED_APPS.append("csp")  # its system checks refuse django-csp 3's CSP_* settings
# Just inside SecurityMiddleware, so that an answer made by any later middleware (a sign-in
# redirect, a refusal) carries the policy too.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # The header's successor to X-Frame-Options DENY (kept above for old browsers).
        "frame-ancestors": ["'none'"],
        # Violations are logged without personal data (config/security.py).
        "report-uri": ["/csp-report/"],
    },
}

# Readiness of Celery beat (issue 14, item 7): beat touches this file on every tick of its
# scheduler (config/beat.py); `bin/service ready beat` finds it fresh or not.
BEAT_HEARTBEAT_FILE = Path(env_str("BEAT_HEARTBEAT_FILE", str(DATA_DIR / "beat.heartbeat")))
# How old the heartbeat may be: beat ticks at least every 5 seconds (django-celery-beat's
# DatabaseScheduler), so a minute means it has stopped ticking.
BEAT_HEARTBEAT_MAX_AGE = env_int("BEAT_HEARTBEAT_MAX_AGE", 60, minimum=10)

# E-mail goes to the console unless a real backend is configured.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "privacy@localhost")

# API ----------------------------------------------------------------------------------

# Bounds on what a client may send (lib/api.py); past them the answer is a 400 or a 413
# in JSON naming the limit, never a 500. The body limit is Django's own, for every request
# (the admin's forms included; uploaded files do not count against it).
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 500, minimum=1)
# json.loads recurses once per level: the bound stays far below Python's recursion limit.
API_MAX_JSON_DEPTH = env_int("API_MAX_JSON_DEPTH", 32, minimum=1, maximum=256)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024, minimum=1)

_API_ANON_RATE = _throttle_rate("API_ANON_RATE", "60/m")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "lib.schema.DocumentedErrorsAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "access.authentication.AccountTokenAuthentication",
        "access.authentication.VerifiedSessionAuthentication",
    ],
    # Deny by default: a resource that is public (the catalogue) says so itself.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Cursor pagination in record-number order, ?cursor= and ?page_size= checked; 50
    # records unless the client asks (at most API_MAX_PAGE_SIZE). Issue 13, item 4.
    "DEFAULT_PAGINATION_CLASS": "lib.api.BoundedCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PARSER_CLASSES": [
        "lib.api.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Every error one JSON shape: {"error", "detail", "fields"} (lib/api.py).
    "EXCEPTION_HANDLER": "lib.api.exception_handler",
    # Each service account at its own rate (access/service_accounts.py); besides, only
    # views that name a throttle are throttled: the request's status for its requester
    # (access_requests/api.py) and the token sign-in, per client address, "count/period"
    # with the period s, m, h or d.
    "DEFAULT_THROTTLE_CLASSES": ["access.service_accounts.ServiceAccountThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": _API_ANON_RATE, "sign_in": API_SIGN_IN_RATE},
}
# API tokens (django-rest-knox): stored as SHA-512 digests, expiring, revocable.
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(hours=env_int("API_TOKEN_TTL_HOURS", 10)),
    "AUTH_HEADER_PREFIX": "Token",
    "USER_SERIALIZER": None,
    "TOKEN_LIMIT_PER_USER": env_int("API_TOKENS_PER_USER", 20),
}

# Superusers are for installation: in the record views they hold these roles only (none by
# default), so day-to-day work always runs under a role (access/policy.py).
POLICY_SUPERUSER_ROLES = env_list("POLICY_SUPERUSER_ROLES", [])

SPECTACULAR_SETTINGS = {
    "TITLE": "Privacy Act records service API",
    "DESCRIPTION": (
        "Systems of records kept under the Privacy Act of 1974 (5 U.S.C. 552a): the "
        "published notices as data, and the records they govern."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Interactive docs from local static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Two resources have a "status": each set of choices keeps a name of its own (the
    # orders' the name it had before requests joined the API).
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "orders.constants.OrderStatus",
        "RequestStatusEnum": "access_requests.models.RequestStatus",
        # Choices two record models share, now that every record model is a resource.
        "ProductCategoryEnum": "orders.constants.ProductCategory",
        "MailerProductEnum": "mailers.constants.MailerProduct",
        "OfflinePaymentMethodEnum": "orders.constants.OfflinePaymentMethod",
        "OrderReferralMethodEnum": "orders.constants.ReferralMethod",
    },
}

# Celery -------------------------------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
CELERY_DATA_DIR = DATA_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
    CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL)
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
else:
    # Embedded broker: kombu's file-system transport. In and out folders must be the same
    # folder, and every folder must exist before a worker starts (DESIGN.md).
    CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
    CELERY_RESULT_BACKEND = env_str(
        "CELERY_RESULT_BACKEND", f"file://{CELERY_DATA_DIR / 'results'}"
    )
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = False

# The cache holds rate-limit counters (issue 11, item 6): Redis when there is one, shared
# by every web process; the process's own memory in the embedded default. CACHE_URL
# should name a Redis database of its own: clearing the cache empties its whole database,
# which must not be the broker's.
CACHE_URL = env_str("CACHE_URL", REDIS_URL)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
# django-celery-beat's DatabaseScheduler, with a heartbeat for readiness (config/beat.py).
CELERY_BEAT_SCHEDULER = "config.beat:HeartbeatScheduler"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Encryption at rest ---------------------------------------------------------------------

# Master keys and the blind-index key (lib/keyring.py). Never in the database, never
# committed; a malformed keyring stops start-up with a message naming the defect.
_keyring_text = env_secret("KEYRING")
if not _keyring_text:
    if not DEBUG:
        raise ImproperlyConfigured("KEYRING (or KEYRING_FILE) must be set when DEBUG is off")
    _keyring_text = development_keyring(DATA_DIR / "keys" / "keyring.json")
KEYRING = parse_keyring(_keyring_text)

# Audit of writes (django-auditlog), into audit.ChangeEntry, whose content is sealed under
# each record's data key (audit/changes.py).
AUDITLOG_LOGENTRY_MODEL = "audit.ChangeEntry"
AUDITLOG_DISABLE_REMOTE_ADDR = True  # set by audit.changes from trusted addresses only

# FOIA.gov Agency API (access_requests/foia.py) ------------------------------------------

# The shared secret the national FOIA portal sends in the FOIA-API-SECRET header. Unset
# with DEBUG off: every delivery is refused (never an empty secret matching an empty
# header). Unset in development: a fixed, public value, so `./dev run` can be curled.
FOIA_API_DEVELOPMENT_SECRET = "foia-gov-development-secret"  # noqa: S105 (public, DEBUG only)
FOIA_API_SECRET = env_secret("FOIA_API_SECRET") or (FOIA_API_DEVELOPMENT_SECRET if DEBUG else None)
if FOIA_API_SECRET is not None and len(FOIA_API_SECRET) < 16:
    raise ImproperlyConfigured("FOIA_API_SECRET must be at least 16 characters")
# The largest delivery taken, in bytes: the request's PDF and its attachments come
# base64-encoded in the JSON (a third larger than the files); each file is at most 10 MB
# (access_requests.documents). Past it, a 413 in the spec's error shape.
FOIA_API_MAX_BODY_SIZE = env_int("FOIA_API_MAX_BODY_SIZE", 40 * 1024 * 1024, minimum=1024)

# Retention and disposal (retention/) ---------------------------------------------------

# When set, the nightly purge only plans; a records officer approves each plan in the admin
# before anything is destroyed.
RETENTION_REQUIRE_APPROVAL = env_bool("RETENTION_REQUIRE_APPROVAL", False)
# Issue 11: a web request whose e-mail link is not followed within these days is
# destroyed (access_requests.tasks.destroy_unverified_requests).
UNVERIFIED_REQUEST_DAYS = env_int("UNVERIFIED_REQUEST_DAYS", 7, minimum=1)
# A verification link works this many hours (and once); never longer than the request is kept.
REQUEST_VERIFICATION_HOURS = min(
    env_int("REQUEST_VERIFICATION_HOURS", 72, minimum=1), UNVERIFIED_REQUEST_DAYS * 24
)
# Issue 12, item 4: a records package stays on the requester's status page this many days.
REQUEST_PACKAGE_DAYS = env_int("REQUEST_PACKAGE_DAYS", 30, minimum=1)
# Issue 11, item 6: submissions of the public request form allowed per client address and
# per e-mail address, as django-ratelimit rates ("count/period").
REQUEST_RATE_PER_ADDRESS = env_str("REQUEST_RATE_PER_ADDRESS", "10/h")
REQUEST_RATE_PER_EMAIL = env_str("REQUEST_RATE_PER_EMAIL", "3/h")
# How far past today a purge's as-of date may be (0: today at the latest). Plans may look
# further ahead; a purge ahead of the calendar would destroy records early.
RETENTION_MAX_FUTURE_DAYS = env_int("RETENTION_MAX_FUTURE_DAYS", 0)
RETENTION_BATCH_SIZE = env_int("RETENTION_BATCH_SIZE", 5000)

# Demo data ----------------------------------------------------------------------------

# Password of the demo staff users that `seed_demo` creates (development only).
DEMO_PASSWORD = env_secret("DEMO_PASSWORD", "")

# Logging (issue 14, item 8) ----------------------------------------------------------

# One JSON object per line on standard error for every process (web, worker, beat, and
# gunicorn's own log through config/gunicorn.py): time, level, logger, message, and the
# request id and path while a request is served. Identifiers only, never personal data:
# every handler redacts query values and secret path segments (lib/logs.py), and the
# access log is AccessLogMiddleware's (MIDDLEWARE), not gunicorn's or runserver's.
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got {LOG_LEVEL!r}"
    )
LOGGING = logging_config(LOG_LEVEL)
