"""Per-address limits that do not depend on the username: failed sign-ins, sign-ups and
password-reset requests, counted in the cache and answered with the calm 429 page.

django-axes locks a username from one address; an attacker who tries a new username each
time is never locked by it, and each try costs a password hash. These limits count by
address alone, so a spray from one address stops cheaply, before any hashing.
"""

import ipaddress

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render

# Which POSTs each limit guards, by URL name; a failed sign-in is counted by the signal.
GUARDED = {
    "login": "sign-in",
    "admin:login": "sign-in",
    "signup": "sign-up",
    "password_reset": "password-reset",
}


def _valid(address):
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request):
    """The client's address: REMOTE_ADDR, or behind PROXY_COUNT proxies the address the
    first of them saw, read from the right of X-Forwarded-For (a client can prepend
    anything to that header, but not append). None when there is no valid address."""
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    if settings.PROXY_COUNT:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= settings.PROXY_COUNT:
            return _valid(forwarded[-settings.PROXY_COUNT]) or remote
    return remote


def _key(limit, request):
    return f"backlog:limit:{limit}:{client_address(request) or 'unknown'}"


def is_limited(limit, request):
    allowed, _ = settings.ADDRESS_LIMITS[limit]
    return (cache.get(_key(limit, request)) or 0) >= allowed


def count(limit, request):
    """Count one use of `limit` from this request's address; the window starts at the first."""
    _, window = settings.ADDRESS_LIMITS[limit]
    key = _key(limit, request)
    cache.add(key, 0, timeout=int(window.total_seconds()))
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr: start a new window
        cache.set(key, 1, timeout=int(window.total_seconds()))


@receiver(user_login_failed)
def count_failed_sign_in(sender, credentials, request=None, **kwargs):
    if request is not None:
        count("sign-in", request)


class AddressLimitMiddleware:
    """Answer 429 to a guarded POST from an address over its limit, before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        limit = GUARDED.get(request.resolver_match.view_name)
        if limit is None:
            return None
        if is_limited(limit, request):
            _, window = settings.ADDRESS_LIMITS[limit]
            context = {"limit": limit, "cooloff_timedelta": window}
            return render(request, "registration/locked_out.html", context, status=429)
        if limit != "sign-in":  # sign-ins count only when they fail (the signal above)
            count(limit, request)
        return None
