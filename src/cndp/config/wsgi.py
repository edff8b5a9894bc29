import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cndp.config.settings.prod")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 — the URLconf loaded now rather than by the first request
gc.freeze()
