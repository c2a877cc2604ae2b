"""The web app manifest (so the site installs to a home screen) and the service worker that
plays a started routine with the network gone. Neither says anything about anyone: both are
the same for every visitor."""

import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .icons import ICON_SIZES, THEME_LIGHT

WORKER = Path(__file__).resolve().parent / "service_worker.js"
# The pages' modules the worker shares (their rules live once): put in front of it.
SHARED = [Path(settings.BASE_DIR) / "static" / "js" / name for name in ("keys.js", "queue.js")]


@require_safe
def manifest(request):
    icons = [
        {
            "src": static(f"img/icons/icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
        }
        for size in ICON_SIZES
    ]
    icons.append(
        {
            "src": static("img/icons/maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    data = {
        "name": "backlog: stretches for lower back pain",
        "short_name": "backlog",
        "description": "Gentle, timed stretching routines for lower back pain.",
        "id": "/",
        "start_url": reverse("stretches:routine-list"),
        "scope": "/",
        "display": "standalone",
        "background_color": THEME_LIGHT,
        "theme_color": THEME_LIGHT,
        "icons": icons,
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    patch_cache_control(response, public=True, max_age=3600)
    return response


@cache
def _worker_source():
    """The worker, with keys.js (where a panel is kept) and queue.js (the rule that sends
    the presses kept on the device), which the pages import as modules, put in front as
    plain declarations. A classic worker, not
    a module one: Firefox runs module workers only since version 147 (January 2026), and a
    worker that fails to load would leave no offline play at all."""
    parts = []
    for shared in SHARED:
        source = shared.read_text()
        if re.search(r"^\s*import\b", source, re.M):
            raise ImproperlyConfigured(f"{shared.name} must import nothing: the worker has it.")
        parts.append(re.sub(r"^export\s+", "", source, flags=re.M))
    return "\n".join([*parts, WORKER.read_text()])


@require_safe
def service_worker(request):
    response = HttpResponse(_worker_source(), content_type="text/javascript; charset=utf-8")
    # Browsers check for a new worker at least daily; no-cache makes each check a real one.
    patch_cache_control(response, no_cache=True)
    return response
