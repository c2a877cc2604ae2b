"""Limits on sign-in, sign-up and password reset, counted in the cache and answered with the
calm 429 page.

- Per address, whatever the username: failed sign-ins, sign-ups and password-reset requests.
  django-axes locks a username from one address; an attacker who tries a new username each
  time is never locked by it. These stop a spray from one address cheaply.
- Per account, across addresses: after ACCOUNT_FREE_FAILURES failed sign-ins, each further
  try waits a delay that doubles with each failure (2 s, 4 s, 8 s… at most
  ACCOUNT_MAX_DELAY) after the last one, so guesses spread over many addresses slow down
  while the right password still gets in once the delay has passed. A correct sign-in
  clears the count.
- An address over its sign-in limit still checks a sign-in for an account that has no
  failures, so someone behind the same network as an attacker signs in with the right
  password. A wrong one is answered with the same pause, and counts against the account:
  past its limit, an address gets at most one checked try per account.
"""

import hashlib
import ipaddress
import math
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
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


ACCOUNT_FREE_FAILURES = 5
ACCOUNT_MAX_DELAY = timedelta(minutes=5)
ACCOUNT_WINDOW = timedelta(days=1)  # failures older than a day without a new one are forgotten


def _now():
    return time.time()


def _key(limit, request):
    return f"backlog:limit:{limit}:{client_address(request) or 'unknown'}"


def is_limited(limit, request):
    allowed, _ = settings.ADDRESS_LIMITS[limit]
    return (cache.get(_key(limit, request)) or 0) >= allowed


def _count(key, window):
    cache.add(key, 0, timeout=int(window.total_seconds()))
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr: start a new window
        cache.set(key, 1, timeout=int(window.total_seconds()))


def count(limit, request):
    """Count one use of `limit` from this request's address; the window starts at the first."""
    _count(_key(limit, request), settings.ADDRESS_LIMITS[limit][1])


def _account_keys(username):
    # Hashed: any text a visitor types becomes a short, valid cache key.
    digest = hashlib.blake2b(username.encode("utf-8", "replace"), digest_size=16).hexdigest()
    return f"backlog:limit:account:{digest}", f"backlog:limit:account-last:{digest}"


def account_failures(username):
    """Failed sign-ins for `username` from any address (since the last success, within a day)."""
    return cache.get(_account_keys(username)[0]) or 0


def account_wait(username):
    """Seconds before `username` may try again: 0 until ACCOUNT_FREE_FAILURES failures, then
    2, 4, 8… after the last failure, at most ACCOUNT_MAX_DELAY."""
    failures = cache.get(_account_keys(username)[0]) or 0
    last = cache.get(_account_keys(username)[1])
    if failures <= ACCOUNT_FREE_FAILURES or last is None:
        return 0
    exponent = min(failures - ACCOUNT_FREE_FAILURES, 32)
    delay = min(2**exponent, ACCOUNT_MAX_DELAY.total_seconds())
    return max(0, math.ceil(last + delay - _now()))


def _username(request):
    username = request.POST.get("username", "")
    return username[:150] if isinstance(username, str) else ""


@receiver(user_login_failed)
def count_failed_sign_in(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    count("sign-in", request)
    username = credentials.get("username")
    if isinstance(username, str):
        failures, last = _account_keys(username[:150])
        _count(failures, ACCOUNT_WINDOW)
        cache.set(last, _now(), timeout=int(ACCOUNT_WINDOW.total_seconds()))
    request.sign_in_failed = True


@receiver(user_logged_in)
def forget_failed_sign_ins(sender, request, user, **kwargs):
    cache.delete_many(_account_keys(user.get_username()))


def _paused(request, limit, seconds=None):
    cooloff = timedelta(seconds=seconds) if seconds else settings.ADDRESS_LIMITS[limit][1]
    context = {"limit": limit, "cooloff_timedelta": cooloff}
    return render(request, "registration/locked_out.html", context, status=429)


class AddressLimitMiddleware:
    """Answer 429 to a guarded POST from an address over its limit, before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "over_address_limit", False) and getattr(
            request, "sign_in_failed", False
        ):
            # Let through for an unfailed account, and wrong: the address's pause after all.
            return _paused(request, "sign-in")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        limit = GUARDED.get(request.resolver_match.view_name)
        if limit is None:
            return None
        if limit == "sign-in":
            return self._sign_in(request)
        if is_limited(limit, request):
            return _paused(request, limit)
        count(limit, request)
        return None

    def _sign_in(self, request):
        """Sign-ins count only when they fail (the signal above)."""
        username = _username(request)
        if wait := account_wait(username):
            return _paused(request, "account", wait)
        if not is_limited("sign-in", request):
            return None
        if account_failures(username):
            return _paused(request, "sign-in")
        request.over_address_limit = True
        return None
