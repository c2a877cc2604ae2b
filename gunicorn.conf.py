"""gunicorn's settings for `make serve` and `make loadtest` (gunicorn reads ./gunicorn.conf.py).

Each may be changed from the environment; gunicorn's own flags override them too.
"""

import os

from backlog.workers import web_concurrency

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers; 2–4 per core is gunicorn's advice.
workers = web_concurrency()
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = os.environ.get("ACCESS_LOG", "-") or None  # ACCESS_LOG= (empty) for none
# Django alone decides whether a request came over HTTPS (TRUST_X_FORWARDED_PROTO):
# gunicorn would otherwise believe X-Forwarded-Proto from any local client.
secure_scheme_headers = {}
