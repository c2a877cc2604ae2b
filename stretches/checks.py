"""System checks for the published-routine cache (`stretches.caching`)."""

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Error, Tags, register
from django.utils.module_loading import import_string

from backlog.workers import web_concurrency


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Refuse a cache that only one process sees when several workers serve the site: an
    editor's save would clear only the worker that made it, and the others would go on
    serving the old safety text for as long as their panels live (a day).

    Django's DummyCache passes: it keeps nothing, so it can serve nothing stale.
    """
    workers = web_concurrency()
    backend = settings.CACHES["default"]["BACKEND"]
    if workers > 1 and issubclass(import_string(backend), LocMemCache):
        return [
            Error(
                f"The default cache ({backend}) lives in one process, but "
                f"WEB_CONCURRENCY={workers} workers will serve the site: a save in the "
                "admin would reach only the worker that made it.",
                hint="Use the file-based default (CACHE_DIR), or set REDIS_URL; or serve "
                "with WEB_CONCURRENCY=1.",
                id="stretches.E001",
            )
        ]
    return []
