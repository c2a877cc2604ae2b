"""Where to send someone next: shared by every app (a helper, not a view)."""

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_target(request, default=settings.LOGIN_REDIRECT_URL):
    """The `next` URL (POST or GET) when it points back to this site, else `default`."""
    target = request.POST.get("next", request.GET.get("next", ""))
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)
