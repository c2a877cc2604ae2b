"""Settings for `make bench` only: the production settings, plus the baseline view's URLconf."""

import os

from backlog.settings import *  # noqa: F403
from backlog.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "benchmarks.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "benchmarks" / "templates"]
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", BASE_DIR / "staticfiles")
# Loopback over plain HTTP: the production redirect to HTTPS would measure only redirects.
SECURE_SSL_REDIRECT = False
# The shared_cache section's baseline: a cache in each worker's memory (stale across
# workers, so never production's; measured only to show what sharing costs).
if os.environ.get("BENCH_CACHE") == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
