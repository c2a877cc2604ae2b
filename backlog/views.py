"""Site-wide endpoints that belong to no app: the health check and uploaded pictures."""

import logging
import mimetypes

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.utils._os import safe_join
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .http import NotFound

log = logging.getLogger(__name__)

# Only what ImageField accepts is served: never HTML, SVG or anything a browser would run.
MEDIA_TYPES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
MEDIA_MAX_AGE = 60 * 60 * 24  # a replaced picture is saved under a new name


def page_not_found(request, exception):
    """The 404 page (handler404): our own words, and a NotFound's message, never Django's."""
    message = str(exception) if isinstance(exception, NotFound) else ""
    return render(request, "404.html", {"message": message}, status=404)


def _redis_configured():
    return settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def _check_cache():
    """Raise when the cache does not answer (the forgiving cache's own fallback aside)."""
    ping = getattr(cache, "ping", None)
    if ping is not None:
        ping()
    else:
        cache.get("backlog:healthz")


@require_safe
@never_cache
def healthz(request):
    """200 when the database (and Redis, when it is the cache) answers, 503 otherwise."""
    checks = {"database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        log.warning("healthz: the database did not answer", exc_info=True)
        checks["database"] = "failing"
    if _redis_configured():
        checks["cache"] = "ok"
        try:
            _check_cache()
        except Exception:
            log.warning("healthz: the cache did not answer", exc_info=True)
            checks["cache"] = "failing"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)


@require_safe
def media(request, path):
    """An uploaded picture from MEDIA_ROOT, for `make serve` and small sites.

    Only image files, only from inside MEDIA_ROOT (safe_join refuses `..`), with their
    type set from the extension and nosniff; anything else is a 404.
    """
    try:
        full_path = safe_join(settings.MEDIA_ROOT, path)
    except Exception as error:  # SuspiciousFileOperation, ValueError (NUL bytes)
        raise Http404("No such picture.") from error
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix not in MEDIA_TYPES:
        raise Http404("No such picture.")
    try:
        response = FileResponse(open(full_path, "rb"))  # noqa: SIM115 (FileResponse closes it)
    except (OSError, ValueError) as error:  # missing, a folder, a NUL byte
        raise Http404("No such picture.") from error
    response["Content-Type"] = mimetypes.guess_type(full_path)[0] or "application/octet-stream"
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    response.same_for_everyone = True  # a picture, not a person's data: cacheable
    return response
