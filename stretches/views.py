"""The public screens: the routine list, a routine, an exercise, the player, urgent signs."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from backlog.http import may_be_signed_in

from . import caching
from .forms import PlayerQueryForm, RoutineFilterForm
from .models import Exercise, Routine, RoutineVersion
from .player import (
    Swaps,
    finish_url,
    get_move,
    get_place,
    read_player_query,
    seen_version,
    share_token,
    start_url,
    step_url,
    stop_url,
)
from .timeline import LEAD_IN_SECONDS

# Where a shared panel's links carry the person's practice session id, filled in per request.
SESSION_HOLE = "SESSION-ID"
CARRIED = object()  # _step_context: the session the request carries


def _get_routine_for_user(request, slug, found=None):
    """A routine `request.user` may see (`Routine.is_visible_to`, with the link's `share`
    token); 404 otherwise.

    Steps, exercises and variations come loaded: a published routine from the shared cache
    (no query when warm, two when cold), a draft, an own or a shared routine straight from
    the database, never cached.
    `found` is what `caching.lookup(slug)` returned, when the caller already asked.
    """
    entry, routine = found or caching.lookup(slug)
    share = share_token(request)
    if entry is None:
        raise Http404("No such routine.")
    if entry.pointer.published:
        routine = routine or caching.routine_for(entry, slug)
    elif request.user.is_authenticated or share:
        routine = routine or caching.load_routine(slug)  # a draft, an own or shared one
    else:
        routine = None
    if routine is None or not routine.is_visible_to(request.user, share_token=share):
        raise Http404("No such routine.")
    return routine


def _carried_share(carried):
    return carried.get("share") or ""


def _carried_session(request, carried):
    """The session id the links carry on: opaque here (practice checks it is the person's
    where it acts on it), and only for someone signed in: a visitor has no sessions."""
    return carried["session"] if request.user.is_authenticated else None


def _routine_updated(request, routine, moves, move):
    """Tell a visitor calmly that the routine changed under them, and offer two ways on."""
    carried, bad_query = read_player_query(request, routine, lenient=True)
    if bad_query:
        return bad_query
    swaps = Swaps(carried["use"])
    session_id, share = _carried_session(request, carried), _carried_share(carried)
    if move is None:
        # Past the new end: the finish page, saying why (and never a 404).
        url = finish_url(routine, swaps.use(), session_id, seen_version(request), share)
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    context = {
        "routine": routine,
        "updated": True,
        "move": move,
        "variation": swaps.variation_for(move),
        "count": len(moves),
        "share": share,
        "continue_url": step_url(routine, move, swaps.use(), session_id, share),
        "restart_url": step_url(routine, moves[0], swaps.use(), session_id, share),
        "added": [
            (added, step_url(routine, added, swaps.use(), session_id, share))
            for added in _added_before(request, routine, moves, move)
        ],
    }
    template = "stretches/player.html"
    if request.htmx:
        template += "#panel"
    return render(request, template, context)


def _added_before(request, routine, moves, move, most=5):
    """Poses now before `move` that the visitor had not done when the routine changed:
    added, or moved earlier, since the version their link carries (`RoutineVersion`).
    None known when that version was not kept."""
    played = RoutineVersion.find(routine, seen_version(request))
    number = (request.resolver_match.kwargs if request.resolver_match else {}).get("number", 1)
    if played is None or move is None:
        return []
    done = {old["key"] for old in played.moves[: max(0, number - 1)]}
    return [earlier for earlier in moves[: move.index] if earlier.key not in done][:most]


@require_safe
def routine_list(request):
    form = RoutineFilterForm(request.GET or None)
    routines = list(Routine.objects.published().playable().with_steps())
    if form.is_valid():
        routines = form.filter(routines)
    # Bookmarks come first: practice's `bookmarks_first` tag splits them off in the page.
    return render(request, "stretches/routine_list.html", {"form": form, "routines": routines})


def _routine_page(request, routine, share=""):
    context = {
        "routine": routine,
        "moves": routine.timeline(),
        "cautions": routine.cautions(),
        "share": share,
        "start_url": start_url(routine, share),
        "lead_in": LEAD_IN_SECONDS,
        "lead_in_total": LEAD_IN_SECONDS * len(routine.timeline()),
    }
    return render(request, "stretches/routine_detail.html", context)


@require_safe
def routine_detail(request, slug):
    return _routine_page(request, _get_routine_for_user(request, slug))


@require_safe
def routine_shared(request, token):
    """A shared routine's page, read-only, for anyone holding the link (404 once revoked)."""
    routines = Routine.objects.with_steps().visible_to(request.user, share_token=token)
    routine = get_object_or_404(routines, share_token=token)
    return _routine_page(request, routine, share=token)


@require_safe
def exercise_detail(request, slug):
    exercise = get_object_or_404(Exercise.objects.prefetch_related("variations"), slug=slug)
    return render(request, "stretches/exercise_detail.html", {"exercise": exercise})


@require_safe
def urgent_signs(request):
    return render(request, "stretches/urgent_signs.html")


def _step_context(request, routine, moves, move, session_id=CARRIED):
    """The player's context for `move`: (context, None), or (None, a 400 response).

    The links carry the request's practice session, or `session_id` when given (None, or
    `SESSION_HOLE` for a panel shared by everyone who carries one)."""
    number = move.number
    following = moves[number] if number < len(moves) else None
    carried, bad_query = read_player_query(request, routine)
    if bad_query:
        return None, bad_query
    swaps = Swaps(carried["use"])
    if session_id is CARRIED:
        session_id = _carried_session(request, carried)
    share = _carried_share(carried)
    use = swaps.use()
    variation = swaps.variation_for(move)
    total = routine.total_seconds
    context = {
        "routine": routine,
        "move": move,
        "variation": variation,
        "safety_notes": move.step.safety_notes(variation),
        "count": len(moves),
        "following": following,
        "following_variation": swaps.variation_for(following) if following else None,
        "lead_in": move.lead_in_seconds,
        "remaining_seconds": total - move.starts_at,
        "total_seconds": total,
        "previous_url": (
            step_url(routine, moves[number - 2], use, session_id, share) if number > 1 else None
        ),
        "next_url": step_url(routine, following, use, session_id, share) if following else None,
        # The version played goes to the finish page (and the session): it describes that.
        "finish_url": finish_url(routine, use, session_id, routine.version, share),
        "use": use,
        "session_id": session_id,
        "share": share,
        "version": routine.version,
        "stop_url": stop_url(routine, move, use, session_id, share),
    }
    return context, None


@require_safe
@vary_on_headers("HX-Request", "Cookie")
def play_step(request, slug, number):
    use = request.GET.get("use", "")
    found = caching.lookup(slug)
    entry = found[0]
    # Links made for an older version of the routine take the slow path below, which
    # notices the edit; everything else may come from the cache.
    current = entry is not None and seen_version(request) in ("", entry.pointer.version)
    if current and request.htmx and "share" not in request.GET:
        if not may_be_signed_in(request):
            return _anonymous_panel(request, slug, found, number, use)
        # Read before request.user: a shared panel needs neither the session nor the user.
        if (shared := _shared_panel(request, slug, found, number, use)) is not None:
            return HttpResponse(shared)
        if not request.user.is_authenticated:
            return _anonymous_panel(request, slug, found, number, use)
    routine = _get_routine_for_user(request, slug, found)
    moves, move, updated = get_place(request, routine, number)
    if updated:
        return _routine_updated(request, routine, moves, move)
    context, bad_query = _step_context(request, routine, moves, move)
    if bad_query:
        return bad_query
    template = "stretches/player.html"
    if request.htmx:
        template += "#panel"
    return render(request, template, context)


def _anonymous_panel(request, slug, found, number, use):
    """The htmx panel every anonymous visitor gets: cached per routine version, with an ETag.

    Warm, it costs no query and no rendering; a repeat play with the ETag answers 304.
    """
    entry, _ = found
    if entry is None or not entry.pointer.published:
        raise Http404("No such routine.")
    etag = entry.etag("panel", number, use)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _public(not_modified, etag)
    key = entry.key("panel", number, use)
    panel = cache.get(key)
    if panel is None:
        routine = _published_routine(found, slug)
        panel, bad_query = _render_panel(request, routine, number)
        if bad_query:
            return bad_query
        if _is_public(request) and panel["use"] == use:
            cache.set(key, panel, caching.CONTENT_TTL)
    response = HttpResponse(panel["html"])
    return _public(response, etag) if _is_public(request) else response


def _shared_panel(request, slug, found, number, use):
    """The panel's HTML when it is an anonymous visitor's but for the practice session its
    links carry: every step but the last (Finish is a form with the CSRF token).

    A signed-in player's links carry their open session (`session=`): that panel is cached
    once per step with `SESSION_HOLE` where the id goes, and the id is filled in here.
    Reads neither the session nor the user, so a warm step costs no query. A request
    carrying anything else (`share`, say) renders its own, so state added to the links
    later is never answered from a shared panel. None when it cannot be shared, or the
    query is bad (the slow path then says why, with a 400).
    """
    if set(request.GET) - {"use", "session", "v", "at"}:
        return None
    entry, _ = found
    if entry is None or not entry.pointer.published:
        return None
    try:
        session_id = PlayerQueryForm.base_fields["session"].clean(request.GET.get("session"))
    except ValidationError:
        return None
    hole = SESSION_HOLE if session_id else None
    key = entry.key("panel", number, use, *(["session"] if hole else []))
    panel = cache.get(key)
    if panel is None:
        routine = _published_routine(found, slug)
        if number == len(routine.timeline()):
            return None  # the person's own: not rendered here, let alone cached
        panel, bad_query = _render_panel(request, routine, number, session_id=hole)
        if bad_query:
            return None
        if panel["use"] == use:
            cache.set(key, panel, caching.CONTENT_TTL)
    if panel["last"]:
        return None
    if hole:
        return panel["html"].replace(f"session={hole}", f"session={session_id}")
    return panel["html"]


def _render_panel(request, routine, number, session_id=None):
    """`routine`'s panel for step `number`:
    ({"html": the step's panel, "last": whether it is the last step, "use": the swaps as
    the player's links spell them}, None), or (None, a 400 response). `session_id` is the
    one its links carry (none by default: the request's own is never read here).

    Callers cache a panel only under that spelling of `use`: `?use=012` or another order
    is valid, but renders afresh each time instead of adding keys to the shared cache."""
    moves, move = get_move(routine, number)
    context, bad_query = _step_context(request, routine, moves, move, session_id=session_id)
    if bad_query:
        return None, bad_query
    html = render_to_string("stretches/player.html#panel", context, request)
    return {"html": html, "last": context["following"] is None, "use": context["use"]}, None


def _published_routine(found, slug):
    """The published routine `caching.lookup` found (loaded, from the cache), or 404."""
    entry, routine = found
    routine = routine or caching.routine_for(entry, slug)
    if routine is None:
        raise Http404("No such routine.")
    return routine


def _is_public(request):
    """True when the response may be shared: anonymous and without a CSRF token."""
    return not may_be_signed_in(request) and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")


def _public(response, etag):
    """Let browsers and shared caches keep it, revalidating with the ETag each time."""
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    return response


@require_safe
def play_stop(request, slug, number):
    routine = _get_routine_for_user(request, slug)
    moves, move, updated = get_place(request, routine, number)
    if updated and move is None:
        return _routine_updated(request, routine, moves, move)
    # Someone who is hurting still gets this page when the routine changed: for the
    # matching pose, with links into the routine as it is now.
    carried, bad_query = read_player_query(request, routine, lenient=updated)
    if bad_query:
        return bad_query
    swaps = Swaps(carried["use"])
    session_id, share = _carried_session(request, carried), _carried_share(carried)
    use = swaps.use()
    variation = swaps.variation_for(move)
    easier = move.exercise.easier_variation(than=variation)
    following = moves[move.index + 1] if move.index + 1 < len(moves) else None
    context = {
        "routine": routine,
        "move": move,
        "updated": updated,
        "variation": variation,
        "easier": easier,
        "session_id": session_id,
        "share": share,
        "routine_url": routine.get_share_url() if share else routine.get_absolute_url(),
        "resume_url": step_url(routine, move, use, session_id, share),
        "easier_url": (
            step_url(routine, move, swaps.use(adding=easier), session_id, share) if easier else None
        ),
        "skip_url": step_url(routine, following, use, session_id, share) if following else None,
    }
    return render(request, "stretches/stop.html", context)


@require_safe
def routine_finish(request, slug):
    routine = _get_routine_for_user(request, slug)
    seen = seen_version(request)
    updated = bool(seen) and seen != routine.version
    carried, bad_query = read_player_query(request, routine, lenient=updated)
    if bad_query:
        return bad_query
    share = _carried_share(carried)
    context = {
        "routine": routine,
        "updated": updated,
        # What the person did, when an editor changed the routine while they did it.
        "played": RoutineVersion.find(routine, seen) if updated else None,
        "moves": routine.timeline(),
        "swapped": carried["use"],
        # An opaque id: practice's `finished_session` tag shows it only to its owner.
        "session_id": _carried_session(request, carried),
        "share": share,
        "routine_url": routine.get_share_url() if share else routine.get_absolute_url(),
        "start_url": start_url(routine, share),
    }
    return render(request, "stretches/finish.html", context)
