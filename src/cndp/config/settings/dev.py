"""Development settings: the default. SQLite in the project folder, debug on, mail to files."""

from .base import *  # noqa: F403
from .base import DATA_DIR, env_bool

DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = DATA_DIR / "var" / "mail"
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Page parts kept under the data version (core.fragments) would outlive an edited template while the data
# stays the same: off while debugging (the development server reloads templates), on otherwise.
CNDP_FRAGMENT_CACHE = env_bool("CNDP_FRAGMENT_CACHE", not DEBUG)
