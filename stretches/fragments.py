"""Parts of pages that are the same for everyone, made once per pages generation and
reused by every request this process serves, a signed-in person's included.

The page cache (`pagecache`) keeps a visitor's whole pages; a signed-in person's pages are
rendered for them each time, but most of what they show is content: a routine card's
picture and facts, the published routines the list shows, a routine's steps. `remember`
keeps such a value in this process's memory under the *pages generation* (the shared
cache's token that changes whenever the content app's rows change, on any server: see
`pagecache`), so it is never older than the content: each request reads the generation
once from the shared cache and everything kept under another generation is dropped.
Entries also expire after `caching.POINTER_TTL`, as the page cache's, for writes that send
no signal.

Only content goes in: `{% for_everyone %}` (stretches' `fragments` tag library) renders its
part from the variables it is given alone, never the page's context (no request, no user,
no CSRF token), so nothing personal can reach a kept part by construction.
"""

import threading
import time

from django.core.cache import cache

from .caching import POINTER_TTL

MOST = 2000  # entries per process: far more than the library's routines and cards

_lock = threading.Lock()
_kept = {"generation": None, "entries": {}}


def pages_generation(request=None):
    """The current pages generation, read from the shared cache once per request."""
    if request is not None and (known := getattr(request, "_pages_generation", None)):
        return known
    from .pagecache import PAGES_KEY, _first_generation

    generation = cache.get(PAGES_KEY) or _first_generation()
    if request is not None:
        request._pages_generation = generation
    return generation


def remember(key, make, request=None):
    """`make()`, computed once per pages generation in this process (see the module); a
    None is never kept."""
    generation = pages_generation(request)
    now = time.monotonic()
    with _lock:
        if _kept["generation"] != generation:
            _kept["generation"], _kept["entries"] = generation, {}
        found = _kept["entries"].get(key)
    if found is not None and found[0] > now:
        return found[1]
    value = make()
    with _lock:
        if value is not None and _kept["generation"] == generation:
            entries = _kept["entries"]
            if len(entries) >= MOST:
                entries.clear()
            entries[key] = (now + POINTER_TTL, value)
    return value


def forget_all():
    """Drop every kept part of this process (tests)."""
    with _lock:
        _kept["generation"], _kept["entries"] = None, {}
