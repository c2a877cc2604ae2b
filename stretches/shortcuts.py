"""Finding a routine for a request, for every app's views (as `django.contrib.sites.shortcuts`
is for sites): who may see it is `Routine.is_visible_to` / `RoutineQuerySet.visible_to`."""

from django.http import Http404
from django.utils.cache import patch_cache_control

from . import caching
from .fragments import remember


def share_token(request):
    """The share token a link carries (`share`), bounded; "" when there is none."""
    return request.GET.get("share", "")[:64]


def get_routine_for_user(request, slug, found=None):
    """A routine `request.user` may see (`Routine.is_visible_to`, with the link's `share`
    token), loaded for its pages and the player; 404 otherwise.

    Steps, exercises and variations come loaded: a published routine from the shared cache
    (no query when warm, four when cold), a draft, an own or a shared routine straight from
    the database, never cached.
    `found` is what `caching.lookup(slug)` returned, when the caller already asked.
    """
    entry, routine = found or caching.lookup(slug)
    share = share_token(request)
    if entry is None:
        raise Http404("No such routine.")
    if entry.pointer.published:
        # Kept in this process too, under the shared entry's key (its version and library
        # generation) and the pages generation: no unpickling of the routine per request.
        key = ("routine", entry.key("data"))
        routine = routine or remember(key, lambda: caching.routine_for(entry, slug), request)
    elif request.user.is_authenticated or share:
        routine = routine or caching.load_routine(slug)  # a draft, an own or shared one
    else:
        routine = None
    if routine is None or not routine.is_visible_to(request.user, share_token=share):
        raise Http404("No such routine.")
    return routine


def personal(response, adjustment):
    """Keep a response made for someone's conditions out of every shared cache."""
    if adjustment.applying:
        patch_cache_control(response, private=True, no_store=True)
    return response
