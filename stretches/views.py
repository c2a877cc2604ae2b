"""The content's screens: the routine list, a routine (library, own or shared), an exercise,
the urgent signs. The player's screens are the player app's."""

from functools import cache as once

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from . import checkfirst, timeline
from .forms import RoutineFilterForm
from .fragments import remember
from .models import CautionRule, Exercise, Routine, valid_share_token
from .pagecache import public_page, render
from .shortcuts import get_routine_for_user, personal
from .timeline import LEAD_IN_SECONDS


@require_safe
@public_page()
def routine_list(request):
    form = RoutineFilterForm(request.GET or None)
    # The published routines with their steps: content, the same for everyone, made once
    # per pages generation in this process (a signed-in person's list is not page-cached).
    routines = remember(
        "published-routines",
        lambda: list(Routine.objects.published().playable().with_steps()),
        request,
    )
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
        # Made when the page shows them (a template calls a callable), once: the parts
        # that are the same for everyone come from `{% for_everyone %}` when kept.
        "facts": once(lambda: routine.facts(moves, adjustment)),
        "gentler": _gentlest_fitting(routine, applying) if applying and not moves else None,
        "adjustment": adjustment,
        "step_groups": once(lambda: _annotated_groups(routine, adjustment)),
        "changes": adjustment.changes(routine.steps.all()),
        "checked": not missing,
        "cautions": once(routine.cautions),
        # The facts, the safety notes and the steps are content alone: the same for
        # everyone who sees this routine as written (a published routine, no condition of
        # theirs applying, not through a shared link).
        "everyone": routine.is_public and not adjustment.applying and not share,
        "share": share,
        "lead_in": LEAD_IN_SECONDS,
        "lead_in_total": LEAD_IN_SECONDS * len(moves),
    }
    return personal(render(request, "stretches/routine_detail.html", context), adjustment)


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


@require_safe
@public_page()
def routine_detail(request, slug):
    return _routine_page(request, get_routine_for_user(request, slug))


@require_safe
def routine_shared(request, token):
    """A shared routine's page, read-only, for anyone holding the link (404 once revoked)."""
    if not valid_share_token(token):
        raise Http404("No such shared routine.")
    routines = Routine.objects.with_steps().visible_to(request.user, share_token=token)
    routine = get_object_or_404(routines, share_token=token)
    return _routine_page(request, routine, share=token)


@require_safe
@public_page()
def exercise_detail(request, slug):
    exercise = get_object_or_404(Exercise.objects.prefetch_related("variations"), slug=slug)
    return render(request, "stretches/exercise_detail.html", {"exercise": exercise})


@require_safe
@public_page()
def urgent_signs(request):
    return render(request, "stretches/urgent_signs.html")
