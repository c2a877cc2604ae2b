"""The player's screens: a step (its htmx panel cached for everyone who may share it),
Before you start, the health answers, "this hurts" and "well done"."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import (
    condition,
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from backlog.http import may_be_signed_in
from stretches import caching, cautions, checkfirst, timeline
from stretches.fragments import remember
from stretches.models import Condition, RoutineVersion
from stretches.pagecache import public_page, render
from stretches.shortcuts import get_routine_for_user, personal

from . import panels
from .carried import (
    Swaps,
    finish_url,
    get_place,
    read_player_query,
    seen_version,
    stale,
    start_url,
    step_url,
    stop_url,
)
from .forms import CheckFirstForm


def _carried_share(carried):
    return carried.get("share") or ""


def _carried_session(request, carried):
    """The session id the links carry on: opaque here (practice checks it is the person's
    where it acts on it), and only for someone signed in: a visitor has no sessions."""
    return carried["session"] if request.user.is_authenticated else None


def _routine_updated(request, routine, moves, move, carried):
    """Tell a visitor calmly that the routine changed under them, and offer two ways on
    (`carried`: the player's state, read leniently: see `read_player_query`)."""
    adjustment, _ = routine.adjusted(carried["c"])
    swaps = Swaps(carried["use"], adjustment)
    session_id, share = _carried_session(request, carried), _carried_share(carried)
    c = checkfirst.encode(adjustment.applying) if carried["c"] is not None else ""
    if move is None:
        # Past the new end: the finish page, saying why (and never a 404).
        url = finish_url(routine, swaps.use(), session_id, seen_version(request), share, c)
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    context = {
        "routine": routine,
        "updated": True,
        "move": move,
        "variation": swaps.variation_for(move),
        "count": len(moves),
        "share": share,
        "continue_url": step_url(routine, move, swaps.use(), session_id, share, c),
        "restart_url": step_url(routine, moves[0], swaps.use(), session_id, share, c),
        "added": [
            (added, step_url(routine, added, swaps.use(), session_id, share, c))
            for added in _added_before(request, routine, moves, move)
        ],
    }
    template = "player/player.html"
    if request.htmx:
        template += "#panel"
    return personal(render(request, template, context), adjustment)


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


def _check_first(request, routine, number):
    """A step asked for without `c`: this start has not been through the check first.

    Someone who answered every question this routine asks goes on to the step, carrying
    what applies to them; anyone else goes to Before you start. Either way the response is
    theirs alone. None when the routine asks nothing (no rule of its exercises names a
    condition): the step plays as written.
    """
    if not cautions.named_conditions(routine.caution_rules()):
        return None
    slug = routine.slug
    missing, applying = checkfirst.for_routine(request, routine)
    query = request.GET.copy()
    if missing:
        query["step"] = number
        url = reverse("player:check-first", args=[slug]) + "?" + query.urlencode()
    else:
        query["c"] = checkfirst.encode(applying)
        url = reverse("player:play-step", args=[slug, number]) + "?" + query.urlencode()
    response = HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    patch_cache_control(response, private=True, no_store=True)
    return response


CHECK_CARRIED = ("use", "session", "share")  # the player's state Before you start passes on


@require_http_methods(["GET", "HEAD", "POST"])
def check_first(request, slug):
    """Before you start: the conditions this routine names that the person has not answered,
    as check boxes, with "None of these apply to me"; then step `step` of the routine."""
    routine = get_routine_for_user(request, slug)
    missing, applying = checkfirst.for_routine(request, routine)
    step = request.GET.get("step", "1")
    number = int(step) if step.isascii() and step.isdigit() and len(step) < 6 else 1
    number = number if 1 <= number <= max(1, len(routine.timeline())) else 1
    carried = {key: request.GET[key][:64] for key in CHECK_CARRIED if request.GET.get(key)}
    form = CheckFirstForm(request.POST or None, conditions=missing)
    if request.method == "POST" and form.is_valid():
        checkfirst.remember(request, missing, form.applying())
        missing, applying = checkfirst.for_routine(request, routine)
    if not missing:
        url = reverse("player:play-step", args=[slug, number])
        query = urlencode(carried | {"c": checkfirst.encode(applying)})
        return redirect(f"{url}?{query}#start")
    known = checkfirst.answers(request)
    named = cautions.named_conditions(routine.caution_rules())
    context = {
        "routine": routine,
        "form": form,
        "answered": [condition for condition in named if known.get(condition.pk)],
        "share": carried.get("share", ""),
        "routine_url": (
            routine.get_share_url() if carried.get("share") else routine.get_absolute_url()
        ),
    }
    response = render(request, "player/check_first.html", context, status=200)
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_POST
@login_required
def health_profile(request):
    """The account page's health answers: what applies, saved for every condition at once."""
    conditions = list(Condition.objects.all())
    if "forget" in request.POST:
        checkfirst.forget(request)
    else:
        form = CheckFirstForm(request.POST, conditions=conditions, profile=True)
        if not form.is_valid():
            return render(
                request, "player/bad_query.html", {"message": form.error_text()}, status=400
            )
        checkfirst.remember(request, conditions, form.applying())
    return redirect(reverse("account") + "#health")


@dataclass
class StepPlan:
    """How a request for a step is answered, decided once: its carried state read once
    (spelling only: `use` is checked against the routine where it renders), and once
    whether the panel everyone shares may answer it."""

    response: HttpResponse | None = None  # a 400 for a bad query, or the check first
    spelled: dict | None = None
    found: tuple = (None, None)  # caching.lookup's (entry, routine)
    shared: bool = False  # the shared panel may answer (if it is not the last step)
    etag: str | None = None  # set when it is an anonymous visitor's: public, with an ETag


def _step_plan(request, slug, number):
    """The request's `StepPlan`, made on first use (by `condition`'s etag_func, before the
    view) and kept on the request for the view."""
    if (plan := getattr(request, "_step_plan", None)) is None:
        plan = request._step_plan = _plan_step(request, slug, number)
    return plan


def _plan_step(request, slug, number):
    found = caching.lookup(slug)
    if "c" not in request.GET:
        found = (found[0], get_routine_for_user(request, slug, found))
        if gate := _check_first(request, found[1], number):
            return StepPlan(response=gate)
    entry = found[0]
    # Links made for an older version of the routine are rendered for the person, which
    # notices the edit; so are the steps of anyone to whom one of the routine's conditions
    # applies, a shared routine's and every whole page.
    shared = _everyones_panel(request, entry) and bool(request.htmx)
    if not shared:
        return StepPlan(found=found)
    # The whole query is checked before any cache is read: a bad one is a 400 whether
    # the cache is cold or warm (`use` against the routine where the panel renders).
    spelled, bad_query = read_player_query(request, None)
    if bad_query:
        return StepPlan(response=bad_query)
    etag = None if may_be_signed_in(request) else panels.etag(found, number, request)
    return StepPlan(spelled=spelled, found=found, shared=True, etag=etag)


def _everyones_panel(request, entry):
    """True when the step's panel may be the one everyone shares (`panels`): a published
    routine at the version the links carry, no condition of the person's applying, not
    through a shared link."""
    return (
        entry is not None
        and entry.pointer.published
        and seen_version(request) in ("", entry.pointer.version)
        and request.GET.get("c", checkfirst.NONE) == checkfirst.NONE
        and "share" not in request.GET
    )


def _step_etag(request, slug, number):
    return _step_plan(request, slug, number).etag


@require_safe
@vary_on_headers("HX-Request", "Cookie")
@public_page(queries=("", "c=0"))  # the whole first page, for a visitor
@condition(etag_func=_step_etag)
def play_step(request, slug, number):
    """A step of the player: the whole page, or its htmx panel. An anonymous visitor's panel
    comes from the shared cache with an ETag (a repeat play answers 304, from `condition`);
    a signed-in player's too, their session id put into its slots; anything else is
    rendered for the person."""
    plan = _step_plan(request, slug, number)
    if plan.response is not None:
        return plan.response
    if plan.shared and plan.etag:
        html, bad_query = panels.anonymous(request, plan.found, slug, number)
        return bad_query or _public(HttpResponse(html), request)
    if plan.shared:
        # Read before request.user: a shared panel needs neither the session nor the user.
        session_id = plan.spelled["session"]
        html = panels.for_session(request, plan.found, slug, number, session_id)
        if html is not None:
            return HttpResponse(html)
        if not request.user.is_authenticated:
            html, bad_query = panels.anonymous(request, plan.found, slug, number)
            return bad_query or HttpResponse(html)
    return _own_step(request, slug, number, plan)


def _timeline_links(routine, moves, context):
    """Every step of this run as the person plays it (their swaps, `c`, session and the
    version started): its link, its stop page and how long it lasts with its lead-in. The
    page lists them for player.js (catching up after a hidden tab, saving for offline)."""
    session_id = context["session_id"]
    if not routine.is_public:
        return _links(routine, moves, context, session_id)
    # A published routine's links are the same for everyone but for the session id: made
    # once per pages generation in this process, the person's id put into their slots.
    key = ("timeline", routine.pk, routine.version, context["use"], context["share"])
    key += (context["c"], session_id is not None)

    def links_for_everyone():
        slot = panels.new_slot() if session_id is not None else None
        return slot, _links(routine, moves, context, slot)

    slot, links = remember(key, links_for_everyone)
    if slot is None:
        return links
    return [
        {
            name: panels.fill(value, slot, session_id) if isinstance(value, str) else value
            for name, value in link.items()
        }
        for link in links
    ]


def _links(routine, moves, context, session_id):
    carried = (context["use"], session_id, context["share"], context["c"])
    return [
        {
            "url": step_url(routine, each, *carried),
            "stop": stop_url(routine, each, *carried),
            "seconds": each.lead_in_seconds + each.seconds,
        }
        for each in moves
    ]


def _own_step(request, slug, number, plan):
    """The step rendered for this person: their conditions, a shared or own routine, an
    edited routine, a whole page or their last step."""
    routine = get_routine_for_user(request, slug, plan.found)
    # Read once, against the routine: after an edit, a swap whose exercise left is dropped.
    carried, bad_query = read_player_query(request, routine, lenient=stale(request, routine))
    if bad_query:
        return bad_query
    applying = carried["c"]
    moves, move, updated = get_place(request, routine, number, applying)
    if updated:
        return _routine_updated(request, routine, moves, move, carried)
    session_id = _carried_session(request, carried)
    context = panels.step_context(routine, moves, move, carried, session_id)
    template = "player/player.html"
    if request.htmx:
        template += "#panel"
    else:
        context["timeline"] = _timeline_links(routine, moves, context)
        if _everyones_panel(request, plan.found[0]) and move.number == number:
            # The whole page around the panel everyone gets (their session id in it), as
            # their htmx steps: every step but the last (its Finish is theirs alone).
            html = panels.for_session(request, plan.found, slug, number, session_id)
            if html is not None:
                context["panel_html"] = mark_safe(html)  # rendered by our template
    response = personal(render(request, template, context), routine.adjusted(applying)[0])
    if not routine.is_public:
        # A shared (or own) routine's step, its panel too: kept by nobody's cache, as its page.
        patch_cache_control(response, private=True, no_store=True)
    return response


def _public(response, request):
    """Let browsers and shared caches keep it, revalidating with the ETag (`condition`
    adds it) each time; unless the response sets a CSRF cookie."""
    if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        patch_cache_control(response, public=True, no_cache=True)
    return response


@require_safe
@public_page(queries=("", "c=0"))
def this_hurts(request, slug, number):
    routine = get_routine_for_user(request, slug)
    # Someone who is hurting still gets this page when the routine changed: for the
    # matching pose, with links into the routine as it is now.
    carried, bad_query = read_player_query(request, routine, lenient=stale(request, routine))
    if bad_query:
        return bad_query
    applying = carried["c"]
    moves, move, updated = get_place(request, routine, number, applying)
    if updated and move is None:
        return _routine_updated(request, routine, moves, move, carried)
    adjustment, _ = routine.adjusted(applying)
    swaps = Swaps(carried["use"], adjustment)
    session_id, share = _carried_session(request, carried), _carried_share(carried)
    c = checkfirst.encode(adjustment.applying) if applying is not None else ""
    use = swaps.use()
    variation = swaps.variation_for(move)
    easier = _easier_for(move, variation, adjustment)
    following = moves[move.index + 1] if move.index + 1 < len(moves) else None
    context = {
        "routine": routine,
        "move": move,
        "updated": updated,
        "variation": variation,
        "easier": easier,
        "session_id": session_id,
        "share": share,
        "c": c,
        "routine_url": routine.get_share_url() if share else routine.get_absolute_url(),
        "resume_url": step_url(routine, move, use, session_id, share, c),
        "easier_url": (
            step_url(routine, move, swaps.use(adding=easier), session_id, share, c)
            if easier
            else None
        ),
        "skip_url": step_url(routine, following, use, session_id, share, c) if following else None,
    }
    return personal(render(request, "player/this_hurts.html", context), adjustment)


def _easier_for(move, variation, adjustment):
    """The next easier rung below `variation` that the person's conditions allow as it is."""
    easier = move.exercise.easier_variation(than=variation)
    while easier is not None:
        outcome = adjustment.outcome(move.exercise.pk, easier)
        if not outcome.skipped and outcome.variation == easier:
            return easier
        easier = move.exercise.easier_variation(than=easier)
    return None


@require_safe
def well_done(request, slug):
    routine = get_routine_for_user(request, slug)
    seen = seen_version(request)
    updated = bool(seen) and seen != routine.version
    carried, bad_query = read_player_query(request, routine, lenient=updated)
    if bad_query:
        return bad_query
    share = _carried_share(carried)
    adjustment, moves = routine.adjusted(carried["c"])
    c = checkfirst.encode(adjustment.applying) if carried["c"] is not None else ""
    context = {
        "routine": routine,
        "updated": updated,
        "moves": moves,
        "total_seconds": timeline.total_seconds(moves),
        "changes": adjustment.changes(routine.steps.all()),
        # Each exercise done, once, in the order it first came.
        "exercises_done": list({move.step.exercise_id: move.exercise for move in moves}.values()),
        # What the person did, when an editor changed the routine while they did it.
        "played": RoutineVersion.find(routine, seen) if updated else None,
        "swapped": carried["use"],
        # An opaque id: practice's `finished_session` tag shows it only to its owner.
        "session_id": _carried_session(request, carried),
        "share": share,
        "routine_url": routine.get_share_url() if share else routine.get_absolute_url(),
        "start_url": start_url(routine, share),
        "c": c,
    }
    return personal(render(request, "player/well_done.html", context), adjustment)
