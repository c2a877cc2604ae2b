"""Whole public pages from the shared cache, the same for every visitor without a cookie.

The routine list, a routine's page, an exercise's page, the urgent signs, the player's
first load and its stop page are the same for everyone who is not signed in. A view wears
`@public_page(...)` and renders with this module's `render` (a drop-in for Django's):

- A request that may carry anything personal takes the view as it is: a session cookie
  (`backlog.http.may_be_signed_in`), a messages cookie, or a query the page does not
  cache (filters, `share`, another version's links...). So does every htmx request.
- Anyone else gets the page from the cache: no query, no template, no session.
- Cold, the view runs with the request marked: `render` then renders the template from
  content alone (`public_context`: no request, no user, no CSP nonce; the sign-in links'
  `next=` from the path), so nothing personal can reach a shared copy by construction.
  Only a 200 the view did not mark private is kept.
- The one personal bit a visitor's page may need is a CSRF token, for a form they may
  post (Bookmark sends a visitor to sign in). It is rendered as a random slot marker,
  and the page is kept split there (`parts`); each visitor's own token is put in when
  served, and that response is theirs alone (`Cache-Control: private`, as every page
  with a token). A page with no slot is `public, no-cache` with an `ETag`, and a 304
  when the visitor's copy is current.

Entries live under ``stretches:<release>:page:<hash of the path>`` as (generation, parts):
the *pages generation* (``stretches:<release>:pages``) is a new token whenever anything in
the content app is saved or deleted (`stretches.signals.content_changed`, at once and again
after commit, as the library generation), so an edit on any server is seen by every server
at its next request; an entry of another generation is rendered again. One `get_many`
reads the generation and the page. Entries expire after `caching.POINTER_TTL` too: writes
that send no signal (QuerySet.update) are seen within ten minutes, as the player's.
"""

import hashlib
import secrets
from functools import wraps

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render as render_for_the_person
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from backlog.http import may_be_signed_in

from .caching import POINTER_TTL, PREFIX
from .context_processors import urgent_help

PAGES_KEY = PREFIX + "pages"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
_SETTINGS = hashlib.blake2b(repr(sorted(urgent_help(None).items())).encode(), digest_size=6)
SETTINGS = _SETTINGS.hexdigest()  # what the pages show from settings (who to call)


def new_pages_generation():
    cache.set(PAGES_KEY, secrets.token_hex(6), timeout=None)


def public_context(path):
    """What a page rendered for everyone gets besides its own context: the context
    processors' content-only parts, a visitor who is nobody in particular, the path the
    sign-in links come back to, and `for_everyone` (base.html then leaves out the htmx
    CSRF header: a visitor's only form carries its own token). No request, no CSP nonce
    (htmx loads by the CSP's 'self'), no messages, no bookmarks."""
    return {
        "user": AnonymousUser(),
        "next_path": path,
        "for_everyone": True,
        **urgent_help(None),
    }


def render(request, template_name, context=None, status=None):
    """Django's `render`, except while `public_page` renders a page for everyone: then the
    template gets `public_context` and the view's context, never the request, and a slot
    marker for the CSRF token; the response carries the page split there (`parts`)."""
    if not getattr(request, "_rendering_for_everyone", False):
        return render_for_the_person(request, template_name, context, status=status)
    slot = f"slot{secrets.token_hex(16)}"  # no content can contain it
    context = public_context(request.get_full_path()) | {"csrf_token": slot} | (context or {})
    html = render_to_string(template_name, context)
    response = HttpResponse(html, status=status)
    response.parts = html.split(slot)
    return response


def may_share(request, queries):
    """True when the page may come from the shared cache: a GET or HEAD from someone who
    cannot be signed in and has no message waiting, not htmx, whose query is one of
    `queries` (each a query string exactly as the links spell it; "" for none)."""
    return (
        request.method in ("GET", "HEAD")
        and not may_be_signed_in(request)
        and MESSAGES_COOKIE not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
        and request.META.get("QUERY_STRING", "") in queries
    )


def public_page(queries=("",)):
    """Serve the decorated view's page from the shared cache to anyone `may_share` lets
    through (see the module's docstring); everyone else gets the view as it is."""

    def decorator(view):
        @wraps(view)
        def page(request, *args, **kwargs):
            if not may_share(request, queries):
                return view(request, *args, **kwargs)
            key = PREFIX + "page:" + _digest(request.get_full_path())
            cached = cache.get_many([PAGES_KEY, key])
            generation = cached.get(PAGES_KEY) or _first_generation()
            entry = cached.get(key)
            if entry is not None and entry[0] == generation:
                parts = entry[1]
            else:
                request._rendering_for_everyone = True
                try:
                    response = view(request, *args, **kwargs)
                finally:
                    request._rendering_for_everyone = False
                if not _keepable(response):
                    return response
                parts = response.parts
                cache.set(key, (generation, parts), POINTER_TTL)
            if len(parts) > 1:
                # The visitor's own CSRF token: theirs alone (PrivateResponsesMiddleware).
                response = HttpResponse(get_token(request).join(parts))
                patch_vary_headers(response, ["Cookie"])
                return response
            etag = f'"{_digest(f"{key}:{generation}:{SETTINGS}")}"'
            not_modified = get_conditional_response(request, etag=etag)
            return _public(not_modified or HttpResponse(parts[0]), etag)

        return page

    return decorator


def _digest(text):
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _first_generation():
    """After a cache flush: agree on one token across servers (as the library's)."""
    cache.add(PAGES_KEY, secrets.token_hex(6), timeout=None)
    return cache.get(PAGES_KEY) or secrets.token_hex(6)


def _keepable(response):
    """A page rendered for everyone, that the view did not keep for the person alone."""
    control = response.get("Cache-Control", "")
    return (
        hasattr(response, "parts")
        and response.status_code == 200
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


def _public(response, etag):
    """Let browsers and shared caches keep it, revalidating with the ETag each time; never
    for someone with a cookie (they may be signed in: `Vary: Cookie`)."""
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response
