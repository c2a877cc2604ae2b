"""Check first: what a person told us about their health before their first pose, and the
`c` the player carries so every step plays the routine adjusted for them.

Signed in, the answers are `HealthAnswer` rows (private: the account page shows and edits
them, the history download includes them, deleting the account deletes them); signed out,
they live in the person's session. They are never part of a shared-cacheable response: the
player's links carry only the ids of the conditions that apply to *this routine* (`c`,
"0" when none does), and a step with any is rendered for that person alone.
"""

from django.db import transaction

from . import cautions
from .models import Condition, HealthAnswer

SESSION_KEY = "check_first"
NONE = "0"  # `c` when the person answered and nothing applies


def encode(applying):
    """`c` for the ids of the conditions that apply ("0" when none does)."""
    return ",".join(str(pk) for pk in sorted(applying)) or NONE


def answers(request):
    """{condition id: applies} for everything the person has answered."""
    if request.user.is_authenticated:
        rows = HealthAnswer.objects.filter(user=request.user)
        return dict(rows.values_list("condition_id", "applies"))
    stored = request.session.get(SESSION_KEY, {})
    return {int(pk): bool(applies) for pk, applies in stored.items()}


def remember(request, conditions, applying_ids):
    """Record an answer for each of `conditions`: it applies when its id is in `applying_ids`."""
    if request.user.is_authenticated:
        with transaction.atomic():
            for condition in conditions:
                HealthAnswer.objects.update_or_create(
                    user=request.user,
                    condition=condition,
                    defaults={"applies": condition.pk in applying_ids},
                )
        return
    stored = dict(request.session.get(SESSION_KEY, {}))
    for condition in conditions:
        stored[str(condition.pk)] = condition.pk in applying_ids
    request.session[SESSION_KEY] = stored


def forget(request):
    """Remove every answer (the account page's "Forget my answers")."""
    if request.user.is_authenticated:
        HealthAnswer.objects.filter(user=request.user).delete()
    request.session.pop(SESSION_KEY, None)


def profile(request):
    """Every condition with the person's answer: [(condition, True/False/None)]."""
    known = answers(request)
    return [(condition, known.get(condition.pk)) for condition in Condition.objects.all()]


def for_routine(request, routine):
    """(the conditions `routine` names that the person has not answered yet, the ids of
    those that apply to them). With nothing missing, `encode(applying)` is the player's `c`."""
    named = cautions.named_conditions(routine.caution_rules())
    if not named:
        return [], frozenset()
    known = answers(request)
    missing = [condition for condition in named if condition.pk not in known]
    applying = frozenset(condition.pk for condition in named if known.get(condition.pk))
    return missing, applying
