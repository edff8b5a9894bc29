"""Test settings: fast hashing, immediate tasks, in-memory mail. DATABASE_URL selects PostgreSQL."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_VERBOSE = False
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Every kept compiled query is compiled again when used and must be the same (core.compiled_sql): the
# whole suite checks that a query's pickled state is a sound key for its SQL.
CNDP_SQL_CACHE_VERIFY = True
# Every kept page part is rendered again when taken and must be the same (core.fragments): the whole
# suite checks that the data version and the key name everything a part depends on.
CNDP_FRAGMENT_CACHE_VERIFY = True
