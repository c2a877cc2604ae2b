"""The public screens: the routine list, a routine, an exercise, and the player."""

from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from practice.models import Favourite, PracticeSession

from . import timeline
from .forms import RoutineFilterForm
from .models import Exercise, Routine, Variation
from .timeline import LEAD_IN_SECONDS


def _get_routine_for_user(request, slug, routines=None):
    """A published routine, or a draft for staff previewing it; 404 otherwise."""
    routines = routines if routines is not None else Routine.objects.with_steps()
    return get_object_or_404(routines.visible_to(request.user), slug=slug)


def get_move(routine, number):
    """The routine's moves and its move `number` (1-based), or 404."""
    moves = routine.timeline()
    if not 1 <= number <= len(moves):
        raise Http404(f"“{routine.title}” has {len(moves)} steps; there is no step {number}.")
    return moves, moves[number - 1]


def get_place(request, routine, number):
    """The routine's moves, the move a visitor asked for, and whether the routine changed.

    The player's links carry the routine's version (`v`) and where the move is (`at`,
    see `Move.key`). When `v` is the current version (or missing: a fresh start), move
    `number` is what it always was, or a 404. When an editor changed the routine since,
    numbers may have moved: the move is the best match for `at` (timeline.match), or
    None when the visitor is past the new end; never a 404.
    """
    moves = routine.timeline()
    seen = request.GET.get("v", "")
    if not seen or seen == routine.version:
        return (*get_move(routine, number), False)
    return moves, timeline.match(moves, request.GET.get("at", ""), number), True


def _parse_pk(text):
    """`text` as a primary key, or None when it cannot be one (not digits, 0, too big)."""
    if text.isascii() and text.isdigit() and 0 < int(text) < 2**63:
        return int(text)
    return None


class Swaps:
    """Easier variations chosen on the "this hurts" page, carried in the query string.

    `?use=12,15` means: wherever the routine reaches the exercise of variation 12 (or 15),
    do that variation instead. Only variations of the routine's own exercises count;
    anything else is a 400.
    """

    def __init__(self, routine, raw):
        self.by_exercise = {}
        if not raw:
            return
        wanted = {_parse_pk(part) for part in raw.split(",")}
        if None in wanted:
            raise BadRequest("“use” must be a comma-separated list of variation numbers.")
        exercise_ids = {step.exercise_id for step in routine.steps.all()}
        variations = Variation.objects.filter(pk__in=wanted, exercise_id__in=exercise_ids)
        self.by_exercise = {variation.exercise_id: variation for variation in variations}
        if len(self.by_exercise) != len(wanted):
            raise BadRequest("“use” names variations that are not part of this routine.")

    def variation_for(self, move):
        return self.by_exercise.get(move.step.exercise_id, move.step.variation)

    def use(self, adding=None):
        """The `use` value for these swaps (and `adding`, replacing its exercise's)."""
        chosen = dict(self.by_exercise)
        if adding:
            chosen[adding.exercise_id] = adding
        return ",".join(str(variation.pk) for variation in chosen.values())


def _query(routine, use="", at=""):
    """The player's query string: the swaps, the routine's version, and where a move is."""
    params = {"use": use, "v": routine.version, "at": at}
    return "?" + urlencode({key: value for key, value in params.items() if value}, safe=",")


def _step_url(routine, move, use=""):
    """A link to `move` that still finds it (or says so) if the routine is edited meanwhile."""
    url = reverse("stretches:play-step", args=[routine.slug, move.number])
    return url + _query(routine, use, move.key)


def _finish_url(routine, use="", version=None):
    query = urlencode({key: value for key, value in (("use", use), ("v", version)) if value})
    return reverse("stretches:routine-finish", args=[routine.slug]) + (f"?{query}" if query else "")


def _lenient_swaps(routine, raw):
    """The swaps still possible after an edit; one whose exercise was removed is dropped."""
    try:
        return Swaps(routine, raw)
    except BadRequest:
        return Swaps(routine, "")


def _routine_updated(request, routine, moves, move):
    """Tell a visitor calmly that the routine changed under them, and offer two ways on."""
    swaps = _lenient_swaps(routine, request.GET.get("use", ""))
    if move is None:
        # Past the new end: the finish page, saying why (and never a 404).
        url = _finish_url(routine, swaps.use(), version=request.GET.get("v"))
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    routine.load_exercises([move.step])
    context = {
        "routine": routine,
        "updated": True,
        "move": move,
        "variation": swaps.variation_for(move),
        "count": len(moves),
        "continue_url": _step_url(routine, move, swaps.use()),
        "restart_url": _step_url(routine, moves[0], swaps.use()),
    }
    template = "stretches/player.html"
    if request.htmx:
        template += "#panel"
    return render(request, template, context)


@require_safe
def routine_list(request):
    form = RoutineFilterForm(request.GET or None)
    # A routine with no steps yet has nothing to play.
    routines = [r for r in Routine.objects.published().with_steps() if r.timeline()]
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
        "safety": routine.safety_notes(),
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
@vary_on_headers("HX-Request")
def play_step(request, slug, number):
    routine = _get_routine_for_user(request, slug, Routine.objects.with_step_timings())
    moves, move, updated = get_place(request, routine, number)
    if updated:
        return _routine_updated(request, routine, moves, move)
    following = moves[number] if number < len(moves) else None
    routine.load_exercises([move.step, following.step] if following else [move.step])
    swaps = Swaps(routine, request.GET.get("use", ""))
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
        "previous_url": _step_url(routine, moves[number - 2], use) if number > 1 else None,
        "next_url": _step_url(routine, following, use) if following else None,
        "finish_url": _finish_url(routine, use),
        "use": use,
        "version": routine.version,
        "stop_url": reverse("stretches:play-stop", args=[slug, number])
        + _query(routine, use, move.key),
    }
    template = "stretches/player.html"
    if request.htmx:
        template += "#panel"
    return render(request, template, context)


@require_safe
def play_stop(request, slug, number):
    routine = _get_routine_for_user(request, slug, Routine.objects.with_step_timings())
    moves, move, updated = get_place(request, routine, number)
    if updated and move is None:
        return _routine_updated(request, routine, moves, move)
    # Someone who is hurting still gets this page when the routine changed: for the
    # matching pose, with links into the routine as it is now.
    routine.load_exercises([move.step])
    raw_use = request.GET.get("use", "")
    swaps = _lenient_swaps(routine, raw_use) if updated else Swaps(routine, raw_use)
    variation = swaps.variation_for(move)
    easier = move.exercise.easier_variation(than=variation)
    following = moves[move.index + 1] if move.index + 1 < len(moves) else None
    context = {
        "routine": routine,
        "move": move,
        "updated": updated,
        "variation": variation,
        "easier": easier,
        "resume_url": _step_url(routine, move, swaps.use()),
        "easier_url": _step_url(routine, move, swaps.use(adding=easier)) if easier else None,
        "skip_url": _step_url(routine, following, swaps.use()) if following else None,
    }
    return render(request, "stretches/stop.html", context)


@require_safe
def routine_finish(request, slug):
    routine = _get_routine_for_user(request, slug)
    seen = request.GET.get("v", "")
    updated = bool(seen) and seen != routine.version
    raw_use = request.GET.get("use", "")
    swaps = _lenient_swaps(routine, raw_use) if updated else Swaps(routine, raw_use)
    context = {
        "routine": routine,
        "updated": updated,
        "moves": routine.timeline(),
        "swapped": swaps.by_exercise.values(),
        "favourite_ids": Favourite.objects.routine_ids(request.user),
        "session": _get_finished_session(request, routine),
    }
    return render(request, "stretches/finish.html", context)


def _get_finished_session(request, routine):
    """The signed-in user's session named by `?session=`, or None; 404 for anyone else's."""
    raw = request.GET.get("session")
    if not raw or not request.user.is_authenticated:
        return None
    pk = _parse_pk(raw)
    if pk is None:
        raise BadRequest("“session” must be a session number.")
    return get_object_or_404(PracticeSession, pk=pk, user=request.user, routine=routine)
