"""The public screens: the routine list, a routine, an exercise, the player, urgent signs."""

from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from backlog.http import NotFound
from practice.models import Favourite, PracticeSession

from . import caching, timeline
from .forms import PlayerQueryForm, RoutineFilterForm
from .models import Exercise, Routine
from .timeline import LEAD_IN_SECONDS


def _get_routine_for_user(request, slug, found=None):
    """A routine `request.user` may see (`Routine.is_visible_to`); 404 otherwise.

    Steps, exercises and variations come loaded: a published routine from the shared cache
    (no query when warm, two when cold), a draft straight from the database, never cached.
    `found` is what `caching.lookup(slug)` returned, when the caller already asked.
    """
    entry, routine = found or caching.lookup(slug)
    if entry is None:
        raise Http404("No such routine.")
    if entry.pointer.published:
        routine = routine or caching.routine_for(entry, slug)
    elif request.user.is_authenticated:
        routine = routine or caching.load_routine(slug)  # a draft, or someone's own
    else:
        routine = None
    if routine is None or not routine.is_visible_to(request.user):
        raise Http404("No such routine.")
    return routine


def get_move(routine, number):
    """The routine's moves and its move `number` (1-based), or 404."""
    moves = routine.timeline()
    if not 1 <= number <= len(moves):
        raise NotFound(f"“{routine.title}” has {len(moves)} steps; there is no step {number}.")
    return moves, moves[number - 1]


def _seen_version(request):
    """The routine version the visitor's link was made for (`v`), or "" for a fresh start."""
    return request.GET.get("v", "")[:32]


def get_place(request, routine, number):
    """The routine's moves, the move a visitor asked for, and whether the routine changed.

    The player's links carry the routine's version (`v`) and where the move is (`at`,
    see `Move.key`). When `v` is the current version (or missing: a fresh start), move
    `number` is what it always was, or a 404. When an editor changed the routine since,
    numbers may have moved: the move is the best match for `at` (timeline.match), or
    None when the visitor is past the new end; never a 404.
    """
    seen = _seen_version(request)
    if not seen or seen == routine.version:
        return (*get_move(routine, number), False)
    moves = routine.timeline()
    return moves, timeline.match(moves, request.GET.get("at", "")[:64], number), True


class Swaps:
    """Easier variations chosen on the "this hurts" page, carried in the query string.

    `?use=12,15` means: wherever the routine reaches the exercise of variation 12 (or 15),
    do that variation instead. Only variations of the routine's own exercises count;
    PlayerQueryForm checks that they belong to the routine.
    """

    def __init__(self, variations=()):
        self.by_exercise = {variation.exercise_id: variation for variation in variations}

    def variation_for(self, move):
        return self.by_exercise.get(move.step.exercise_id, move.step.variation)

    def use(self, adding=None):
        """The `use` value for these swaps (and `adding`, replacing its exercise's)."""
        chosen = dict(self.by_exercise)
        if adding:
            chosen[adding.exercise_id] = adding
        return ",".join(str(variation.pk) for variation in chosen.values())


def read_player_query(request, routine, data=None, *, lenient=False):
    """The player's carried state (`use`, `session`) from the query string, or from `data`.

    Returns (cleaned_data, None), or (None, a 400 response that says what was wrong).
    `lenient` (after an editor changed the routine): a swap whose exercise left the
    routine is dropped rather than refused."""
    data = request.GET if data is None else data
    form = PlayerQueryForm(data, routine=routine)
    if lenient and not form.is_valid() and set(form.errors) == {"use"}:
        data = data.copy()
        data.pop("use", None)
        form = PlayerQueryForm(data, routine=routine)
    if form.is_valid():
        return form.cleaned_data, None
    response = render(
        request, "stretches/bad_query.html", {"message": form.error_text()}, status=400
    )
    return None, response


def _own_session_id(request, routine, pk):
    """`pk` when it is the signed-in person's session of `routine`; None for a visitor (the
    public player carries no session); 404 for anyone else's."""
    if pk is None or not request.user.is_authenticated:
        return None
    if not PracticeSession.objects.filter(pk=pk, user=request.user, routine=routine).exists():
        raise Http404("That practice session is not one of yours.")
    return pk


def _query(routine, use="", at="", session=None):
    """The player's query string: the swaps, the signed-in person's open session, the
    routine's version and where a move is (so an edit made meanwhile is noticed)."""
    params = {"use": use, "session": session, "v": routine.version, "at": at}
    return "?" + urlencode({key: value for key, value in params.items() if value}, safe=",")


def _step_url(routine, move, use="", session=None):
    """A link to `move` that still finds it (or says so) if the routine is edited meanwhile."""
    url = reverse("stretches:play-step", args=[routine.slug, move.number])
    return url + _query(routine, use, move.key, session)


def _finish_url(routine, use="", session=None, version=None):
    params = {"use": use, "session": session, "v": version}
    query = urlencode({key: value for key, value in params.items() if value}, safe=",")
    return reverse("stretches:routine-finish", args=[routine.slug]) + (f"?{query}" if query else "")


def _routine_updated(request, routine, moves, move):
    """Tell a visitor calmly that the routine changed under them, and offer two ways on."""
    carried, bad_query = read_player_query(request, routine, lenient=True)
    if bad_query:
        return bad_query
    swaps = Swaps(carried["use"])
    session_id = _own_session_id(request, routine, carried["session"])
    if move is None:
        # Past the new end: the finish page, saying why (and never a 404).
        url = _finish_url(routine, swaps.use(), session_id, version=_seen_version(request))
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    context = {
        "routine": routine,
        "updated": True,
        "move": move,
        "variation": swaps.variation_for(move),
        "count": len(moves),
        "continue_url": _step_url(routine, move, swaps.use(), session_id),
        "restart_url": _step_url(routine, moves[0], swaps.use(), session_id),
    }
    template = "stretches/player.html"
    if request.htmx:
        template += "#panel"
    return render(request, template, context)


@require_safe
def routine_list(request):
    form = RoutineFilterForm(request.GET or None)
    routines = list(Routine.objects.published().playable().with_steps())
    if form.is_valid():
        routines = form.filter(routines)
    favourite_ids = Favourite.objects.routine_ids(request.user)
    context = {
        "form": form,
        "favourites": [r for r in routines if r.pk in favourite_ids],
        "routines": [r for r in routines if r.pk not in favourite_ids],
        "favourite_ids": favourite_ids,
    }
    return render(request, "stretches/routine_list.html", context)


@require_safe
def routine_detail(request, slug):
    routine = _get_routine_for_user(request, slug)
    context = {
        "routine": routine,
        "moves": routine.timeline(),
        "cautions": routine.cautions(),
        "favourite_ids": Favourite.objects.routine_ids(request.user),
        "lead_in": LEAD_IN_SECONDS,
        "lead_in_total": LEAD_IN_SECONDS * len(routine.timeline()),
    }
    return render(request, "stretches/routine_detail.html", context)


@require_safe
def exercise_detail(request, slug):
    exercise = get_object_or_404(Exercise.objects.prefetch_related("variations"), slug=slug)
    return render(request, "stretches/exercise_detail.html", {"exercise": exercise})


@require_safe
def urgent_signs(request):
    return render(request, "stretches/urgent_signs.html")


def _step_context(request, routine, moves, move):
    """The player's context for `move`: (context, None), or (None, a 400 response)."""
    number = move.number
    following = moves[number] if number < len(moves) else None
    carried, bad_query = read_player_query(request, routine)
    if bad_query:
        return None, bad_query
    swaps = Swaps(carried["use"])
    session_id = _own_session_id(request, routine, carried["session"])
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
            _step_url(routine, moves[number - 2], use, session_id) if number > 1 else None
        ),
        "next_url": _step_url(routine, following, use, session_id) if following else None,
        "finish_url": _finish_url(routine, use, session_id),
        "use": use,
        "session_id": session_id,
        "version": routine.version,
        "stop_url": reverse("stretches:play-stop", args=[routine.slug, number])
        + _query(routine, use, move.key, session_id),
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
    current = entry is not None and _seen_version(request) in ("", entry.pointer.version)
    if current and request.htmx and not request.user.is_authenticated:
        return _anonymous_panel(request, slug, found, number, use)
    if current and request.htmx and (shared := _shared_panel(request, found, number, use)):
        return HttpResponse(shared)
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
    entry, routine = found
    if entry is None or not entry.pointer.published:
        raise Http404("No such routine.")
    etag = entry.etag("panel", number, use)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _public(not_modified, etag)
    key = entry.key("panel", number, use)
    panel = cache.get(key)
    if panel is None:
        routine = routine or caching.routine_for(entry, slug)
        if routine is None:
            raise Http404("No such routine.")
        moves, move = get_move(routine, number)
        context, bad_query = _step_context(request, routine, moves, move)
        if bad_query:
            return bad_query
        html = render_to_string("stretches/player.html#panel", context, request)
        panel = {"html": html, "last": context["following"] is None}
        if _is_public(request):
            cache.set(key, panel, caching.CONTENT_TTL)
    response = HttpResponse(panel["html"])
    return _public(response, etag) if _is_public(request) else response


def _shared_panel(request, found, number, use):
    """The anonymous panel's HTML, when a signed-in person would get exactly the same.

    Only the last step differs today (Finish is a form with the CSRF token), and only
    anonymous requests ever store panels. A request carrying anything but `use` (and the
    version and place every link has) in its
    query string renders its own, so state added to the links for signed-in players is
    never answered from the shared panel. None when it cannot be shared or is not cached.
    """
    if set(request.GET) - {"use", "v", "at"}:
        return None
    entry, _ = found
    if entry is None or not entry.pointer.published:
        return None
    panel = cache.get(entry.key("panel", number, use))
    return panel["html"] if panel and not panel["last"] else None


def _is_public(request):
    """True when the response may be shared: anonymous and without a CSRF token."""
    return not request.user.is_authenticated and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")


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
    session_id = _own_session_id(request, routine, carried["session"])
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
        "resume_url": _step_url(routine, move, use, session_id),
        "easier_url": (
            _step_url(routine, move, swaps.use(adding=easier), session_id) if easier else None
        ),
        "skip_url": _step_url(routine, following, use, session_id) if following else None,
    }
    return render(request, "stretches/stop.html", context)


@require_safe
def routine_finish(request, slug):
    routine = _get_routine_for_user(request, slug)
    seen = _seen_version(request)
    updated = bool(seen) and seen != routine.version
    carried, bad_query = read_player_query(request, routine, lenient=updated)
    if bad_query:
        return bad_query
    context = {
        "routine": routine,
        "updated": updated,
        "moves": routine.timeline(),
        "swapped": carried["use"],
        "favourite_ids": Favourite.objects.routine_ids(request.user),
        "session": _get_finished_session(request, routine, carried["session"]),
    }
    return render(request, "stretches/finish.html", context)


def _get_finished_session(request, routine, pk):
    """The signed-in user's session `pk`, or None; 404 for anyone else's."""
    if pk is None or not request.user.is_authenticated:
        return None
    return get_object_or_404(PracticeSession, pk=pk, user=request.user, routine=routine)
