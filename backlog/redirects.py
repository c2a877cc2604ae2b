"""Where to send someone next: shared by every app (a helper, not a view)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_target(request, default=settings.LOGIN_REDIRECT_URL):
    """The `next` URL (POST or GET) when it points back to this site, else `default`.

    Only a path from the root (or a whole URL of this site) counts: a bare word such as
    `29` or a view's name is neither, and `redirect()` would try to reverse it."""
    target = request.POST.get("next", request.GET.get("next", ""))
    if urlsplit(target).path.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)
