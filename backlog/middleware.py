"""Keep people's data out of shared caches, decided in one place for every response; refuse
a NUL character in a URL before any view or admin search can pass it to the database;
answer a plain 503 while the database is down; and two of Django's middlewares doing less
on a request that needs none of it (CSP without a nonce, messages never read)."""

import logging

from django.conf import settings
from django.contrib.messages import middleware as messages
from django.contrib.messages.storage import default_storage
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.middleware import csp
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.csp import CSP, build_policy
from django.utils.functional import SimpleLazyObject, empty

from .http import may_be_signed_in

SHARING = {"", "public", "private", "no-store", "max-age", "s-maxage"}


class PrivateResponsesMiddleware:
    """Mark a response `Cache-Control: private, no-store` when a shared cache must not keep it.

    That is when the person may be signed in (the request carries a session cookie, so the
    page may show their data), or the response carries a CSRF token or sets a cookie (a
    cache would hand them to the next visitor). Deciding by the cookie, not by
    `request.user`, costs no query: a panel served from the cache reads no session.
    Anything else, such as an anonymous player panel, stays cacheable, and so does a file
    that is the same for everyone (a view marks it `response.same_for_everyone = True`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._is_private(request, response):
            # Whatever a view said about sharing (public, max-age) no longer holds.
            kept = [
                directive.strip()
                for directive in response.get("Cache-Control", "").split(",")
                if directive.strip().split("=")[0].lower() not in SHARING
            ]
            response["Cache-Control"] = ", ".join(["private", "no-store", *filter(None, kept)])
            patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def _is_private(request, response):
        if getattr(response, "same_for_everyone", False) and not response.cookies:
            return False
        return bool(
            response.cookies
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or may_be_signed_in(request)
        )


class RefuseNulMiddleware:
    """Answer 400 to a URL holding NUL (`%00`) in its path or query string.

    PostgreSQL refuses NUL in any text it is sent, so a lookup by such a value (a share
    token, the admin's search or autocomplete `term`) would fail with a 500. No URL of
    ours means anything with one. Forms refuse NUL in their own fields (Django's
    ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return HttpResponseBadRequest(
                "This address holds a NUL character (%00), which no page of backlog uses.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


log = logging.getLogger(__name__)


class DatabaseDownMiddleware:
    """A view that cannot reach the database answers 503 with a plain page, not a 500.

    The page is rendered without the request (no session, no user: nothing that queries),
    and the cause is logged in one line, beside Django's own "Service Unavailable" line.
    Routine pages and player steps that the cache can answer never get here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        log.warning("The database is not answering (%s): %s answered 503.", exception, request.path)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        add_never_cache_headers(response)
        return response


class ContentSecurityPolicyMiddleware(csp.ContentSecurityPolicyMiddleware):
    """Django's CSP middleware, building a policy without a nonce once per configuration:
    a page from the page cache or a player panel uses no nonce, and building the same
    header string for each of them was a tenth of such a request's time."""

    def process_response(self, request, response):
        if csp.get_nonce(request):
            return super().process_response(request, response)
        for header, config in (
            (CSP.HEADER_ENFORCE, getattr(response, "_csp_config", settings.SECURE_CSP)),
            (
                CSP.HEADER_REPORT_ONLY,
                getattr(response, "_csp_ro_config", settings.SECURE_CSP_REPORT_ONLY),
            ),
        ):
            if config and header not in response:
                response.headers[str(header)] = _policy_without_nonce(config)
        return response


_policies = {}


def _policy_without_nonce(config):
    """`build_policy(config)`, remembered for this very config object (a setting changed in
    a test is a new object, so it is built afresh)."""
    kept = _policies.get(id(config))
    if kept is None or kept[0] is not config:
        kept = _policies[id(config)] = (config, build_policy(config))
    return kept[1]


class MessageMiddleware(messages.MessageMiddleware):
    """django.contrib.messages' middleware, making the message storage only when something
    reads or adds a message: most requests (a player step, a page from the page cache)
    never do, and making it read the session and the cookie storage's setup each time."""

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        stored = getattr(request, "_messages", None)
        if isinstance(stored, SimpleLazyObject) and stored._wrapped is empty:
            return response
        return super().process_response(request, response)
