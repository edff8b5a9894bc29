"""Production settings: behind a TLS-terminating reverse proxy, gunicorn + whitenoise, PostgreSQL.

Required: SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS. Optional: STATIC_ROOT (where `collectstatic` writes,
default CNDP_DATA_DIR/staticfiles). See README "Deploy".
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEVELOPMENT_SECRET_KEY, STATIC_ROOT, env_bool

DEBUG = False
# No bypass: production never runs on the public development key (anyone could forge sessions,
# password-reset links and signed values with it).
if os.environ.get("SECRET_KEY", "").strip() in {"", DEVELOPMENT_SECRET_KEY}:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in production to a long random value, not the development key"
    )
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or STATIC_ROOT)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
