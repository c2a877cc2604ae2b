"""The public screens: the routine list, a routine, an exercise, the player, urgent signs."""

import secrets
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from backlog.http import may_be_signed_in

from . import caching, cautions, checkfirst, timeline
from .forms import CheckFirstForm, RoutineFilterForm
from .models import CautionRule, Condition, Exercise, Routine, RoutineVersion, valid_share_token
from .player import (
    Swaps,
    conditions_carried,
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


def _get_routine_for_user(request, slug, found=None):
    """A routine `request.user` may see (`Routine.is_visible_to`, with the link's `share`
    token); 404 otherwise.

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
    template = "stretches/player.html"
    if request.htmx:
        template += "#panel"
    return _personal(render(request, template, context), adjustment)


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
    # The routine as this person plays it, when they have answered the check first before.
    missing, applying = checkfirst.for_routine(request, routine)
    adjustment, moves = routine.adjusted(applying)
    context = {
        "routine": routine,
        "moves": moves,
        "facts": routine.facts(moves, adjustment),
        "gentler": _gentlest_fitting(routine, applying) if applying and not moves else None,
        "adjustment": adjustment,
        "step_groups": _annotated_groups(routine, adjustment),
        "changes": adjustment.changes(routine.steps.all()),
        "checked": not missing,
        "cautions": routine.cautions(),
        "share": share,
        "start_url": start_url(routine, share),
        "lead_in": LEAD_IN_SECONDS,
        "lead_in_total": LEAD_IN_SECONDS * len(moves),
    }
    return _personal(render(request, "stretches/routine_detail.html", context), adjustment)


def _gentlest_fitting(routine, applying):
    """The gentlest published routine (not `routine`) that leaves something to play for a
    person with the conditions `applying`; None when there is none."""
    rules = Prefetch(
        "steps__exercise__rules",
        queryset=CautionRule.objects.select_related("condition", "instead"),
    )
    candidates = Routine.objects.published().playable().exclude(pk=routine.pk)
    for candidate in candidates.with_steps().prefetch_related(rules).order_by("level", "title"):
        candidate._caution_rules = [
            rule for exercise in candidate.exercises() for rule in exercise.rules.all()
        ]
        if candidate.adjusted(applying)[1]:
            return candidate
    return None


def _annotated_groups(routine, adjustment):
    """The routine's step groups, each step with its `cautions.Outcome` for the person and
    its step numbers in the player as they play it: (group, [(step, outcome, numbers)])."""
    steps = routine.steps.all()
    skip = adjustment.skipped_steps(steps) if adjustment.applying else frozenset()
    return [
        (group, [(step, adjustment.for_step(step), numbers) for step, numbers in group.listed])
        for group in timeline.groups(steps, skip)
    ]


def _personal(response, adjustment):
    """Keep a response made for someone's conditions out of every shared cache."""
    if adjustment.applying:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def routine_detail(request, slug):
    return _routine_page(request, _get_routine_for_user(request, slug))


@require_safe
def routine_shared(request, token):
    """A shared routine's page, read-only, for anyone holding the link (404 once revoked)."""
    if not valid_share_token(token):
        raise Http404("No such shared routine.")
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


def _step_context(routine, moves, move, carried, session_id):
    """The player's context for `move`, from the routine and the carried state alone
    (`carried`: PlayerQueryForm's cleaned data for this routine): no request, no user.
    The links carry `session_id` (None, the person's own, or a shared panel's slot)."""
    number = move.number
    following = moves[number] if number < len(moves) else None
    adjustment, _ = routine.adjusted(carried["c"])
    swaps = Swaps(carried["use"], adjustment)
    share = _carried_share(carried)
    use = swaps.use()
    c = checkfirst.encode(adjustment.applying) if carried["c"] is not None else ""
    outcome = swaps.outcome(move)
    variation = outcome.variation
    total = timeline.total_seconds(moves)
    return {
        "routine": routine,
        "move": move,
        "variation": variation,
        "outcome": outcome,
        "safety_notes": move.step.safety_notes(variation),
        "count": len(moves),
        "following": following,
        "following_variation": swaps.variation_for(following) if following else None,
        "lead_in": move.lead_in_seconds,
        "remaining_seconds": total - move.starts_at,
        "total_seconds": total,
        "previous_url": (
            step_url(routine, moves[number - 2], use, session_id, share, c) if number > 1 else None
        ),
        "next_url": (
            step_url(routine, following, use, session_id, share, c) if following else None
        ),
        # The version played goes to the finish page (and the session): it describes that.
        "finish_url": finish_url(routine, use, session_id, routine.version, share, c),
        "use": use,
        "c": c,
        "session_id": session_id,
        "share": share,
        "version": routine.version,
        "stop_url": stop_url(routine, move, use, session_id, share, c),
    }


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
        url = reverse("stretches:check-first", args=[slug]) + "?" + query.urlencode()
    else:
        query["c"] = checkfirst.encode(applying)
        url = reverse("stretches:play-step", args=[slug, number]) + "?" + query.urlencode()
    response = HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    patch_cache_control(response, private=True, no_store=True)
    return response


CHECK_CARRIED = ("use", "session", "share")  # the player's state Before you start passes on


@require_http_methods(["GET", "HEAD", "POST"])
def check_first(request, slug):
    """Before you start: the conditions this routine names that the person has not answered,
    as check boxes, with "None of these apply to me"; then step `step` of the routine."""
    routine = _get_routine_for_user(request, slug)
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
        url = reverse("stretches:play-step", args=[slug, number])
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
    response = render(request, "stretches/check_first.html", context, status=200)
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
                request, "stretches/bad_query.html", {"message": form.error_text()}, status=400
            )
        checkfirst.remember(request, conditions, form.applying())
    return redirect(reverse("account") + "#health")


@require_safe
@vary_on_headers("HX-Request", "Cookie")
def play_step(request, slug, number):
    found = caching.lookup(slug)
    if "c" not in request.GET:
        found = (found[0], _get_routine_for_user(request, slug, found))
        if gate := _check_first(request, found[1], number):
            return gate
    entry = found[0]
    # Links made for an older version of the routine take the slow path below, which
    # notices the edit; everything else may come from the cache. So may only the steps of
    # someone to whom none of the routine's conditions apply: anyone else's are theirs.
    current = entry is not None and seen_version(request) in ("", entry.pointer.version)
    nothing_applies = request.GET.get("c", checkfirst.NONE) == checkfirst.NONE
    if current and nothing_applies and request.htmx and "share" not in request.GET:
        # The whole query is checked before any cache is read: a bad one is a 400 whether
        # the cache is cold or warm (`use` is checked against the routine when rendered,
        # and only a panel that rendered is ever cached, under that spelling of `use`).
        spelled, bad_query = read_player_query(request, None)
        if bad_query:
            return bad_query
        if not may_be_signed_in(request):
            return _anonymous_panel(request, slug, found, number)
        # Read before request.user: a shared panel needs neither the session nor the user.
        if (shared := _shared_panel(request, slug, found, number, spelled)) is not None:
            return HttpResponse(shared)
        if not request.user.is_authenticated:
            return _anonymous_panel(request, slug, found, number)
    routine = _get_routine_for_user(request, slug, found)
    applying, bad_query = conditions_carried(request)
    if bad_query:
        return bad_query
    moves, move, updated = get_place(request, routine, number, applying)
    if updated:
        return _routine_updated(request, routine, moves, move)
    carried, bad_query = read_player_query(request, routine)
    if bad_query:
        return bad_query
    context = _step_context(routine, moves, move, carried, _carried_session(request, carried))
    template = "stretches/player.html"
    if request.htmx:
        template += "#panel"
    response = _personal(render(request, template, context), routine.adjusted(applying)[0])
    if not routine.is_public:
        # A shared (or own) routine's step, its panel too: kept by nobody's cache, as its page.
        patch_cache_control(response, private=True, no_store=True)
    return response


def _anonymous_panel(request, slug, found, number):
    """The htmx panel every anonymous visitor gets: cached per routine version, with an ETag.

    Warm, it costs no query and no rendering; a repeat play with the ETag answers 304.
    The query was checked by the caller.
    """
    entry, _ = found
    if entry is None or not entry.pointer.published:
        raise Http404("No such routine.")
    use = request.GET.get("use", "")
    c = request.GET.get("c", "")  # "0" or none at all: links carry it on as it came
    etag = entry.etag("panel", number, use, c)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _public(not_modified, etag)
    panel, bad_query = _cached_panel(request, found, slug, number, with_session=False)
    if bad_query:
        return bad_query
    response = HttpResponse(_filled(panel, None))
    return _public(response, etag) if _is_public(request) else response


def _shared_panel(request, slug, found, number, spelled):
    """The panel's HTML when it is an anonymous visitor's but for the practice session its
    links carry: every step but the last (Finish is a form with the CSRF token).

    A signed-in player's links carry their open session (`session=`, checked by the
    caller and here `spelled["session"]`): that panel is cached once per step with a slot
    where the id goes, and the id is put in here. Reads neither the session nor the user,
    so a warm step costs no query. A request carrying anything else (`share`, say) renders
    its own, so state added to the links later is never answered from a shared panel.
    None when it cannot be shared, or `use` is not the routine's (the slow path then says
    why, with a 400).
    """
    if set(request.GET) - {"use", "session", "c", "v", "at"}:
        return None
    entry, _ = found
    if entry is None or not entry.pointer.published:
        return None
    session_id = spelled["session"]
    panel, bad_query = _cached_panel(request, found, slug, number, with_session=bool(session_id))
    if bad_query or panel["last"]:
        return None  # the last step is the person's own: rendered for them alone
    return _filled(panel, session_id)


def _cached_panel(request, found, slug, number, *, with_session):
    """(the shared panel for step `number`, None) from the cache, rendered and cached when
    cold; or (None, a 400 response) when `use` is not the routine's."""
    entry, _ = found
    use = request.GET.get("use", "")
    c = request.GET.get("c", "")
    key = entry.key("panel", number, use, c, *(["session"] if with_session else []))
    panel = cache.get(key)
    if panel is None:
        routine = _published_routine(found, slug)
        carried, bad_query = read_player_query(request, routine)
        if bad_query:
            return None, bad_query
        panel = _render_panel(routine, number, carried, with_session=with_session)
        # A session's last step is never served from here: no need to keep it.
        if panel["use"] == use and not (with_session and panel["last"]):
            cache.set(key, panel, caching.CONTENT_TTL)
    return panel, None


def _render_panel(routine, number, carried, *, with_session):
    """`routine`'s panel for step `number` as everyone gets it, rendered from content alone:
    no request and no user in its context, so nothing personal can reach it.

    {"parts": the panel's HTML, split where a signed-in player's session id goes (one part
    when `with_session` is false), "last": whether it is the last step, "use": the swaps as
    the player's links spell them}. The slots are marked with a random token made for this
    render, which no content can contain.

    Callers cache a panel only under that spelling of `use`: `?use=012` or another order
    is valid, but renders afresh each time instead of adding keys to the shared cache."""
    slot = f"slot{secrets.token_hex(16)}" if with_session else None
    moves, move = get_move(routine, number)
    context = _step_context(routine, moves, move, carried | {"share": ""}, session_id=slot)
    html = render_to_string("stretches/player.html#panel", context)
    parts = html.split(slot) if slot else [html]
    return {"parts": parts, "last": context["following"] is None, "use": context["use"]}


def _filled(panel, session_id):
    """A shared panel's HTML with `session_id` in each of its slots."""
    return str(session_id).join(panel["parts"]) if session_id else "".join(panel["parts"])


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
    applying, bad_query = conditions_carried(request)
    if bad_query:
        return bad_query
    moves, move, updated = get_place(request, routine, number, applying)
    if updated and move is None:
        return _routine_updated(request, routine, moves, move)
    # Someone who is hurting still gets this page when the routine changed: for the
    # matching pose, with links into the routine as it is now.
    carried, bad_query = read_player_query(request, routine, lenient=updated)
    if bad_query:
        return bad_query
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
    return _personal(render(request, "stretches/stop.html", context), adjustment)


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
def routine_finish(request, slug):
    routine = _get_routine_for_user(request, slug)
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
    return _personal(render(request, "stretches/finish.html", context), adjustment)
