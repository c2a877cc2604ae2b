"""WSGI entry point: `gunicorn backlog.wsgi` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backlog.settings")

application = get_wsgi_application()
