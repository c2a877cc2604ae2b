"""A plan read against what happened: Today, the last five weeks, the rungs and the
ladder's suggestions. Each reads a bounded window of sessions in a fixed number of queries,
however long the person's history is."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from practice.models import PracticeSession
from stretches.models import Routine, load_steps

from . import rules
from .models import (
    LadderAnswer,
    Plan,
    PlanRoutine,
    Rung,
    SessionFollowUp,
    has_follow_up,
    outcome,
    zone_for,
)

WEEKS_SHOWN = 5  # this week and the last four
LOCKED_REASON = "Your physiotherapist set this rung: stay on it, and ask them before you move."


def load_plan(user):
    """The person's plan with its routines, their steps, exercises and variations, or None.

    A routine they may no longer play (unpublished, emptied) is left out until it is back."""
    plan = Plan.objects.filter(user=user).first()
    if plan is None:
        return None  # one query, and no playable-routines query built for nobody's plan
    playable = Routine.objects.visible_to(user).playable()
    items = PlanRoutine.objects.filter(routine__in=playable).select_related("routine")
    prefetch_related_objects([plan], Prefetch("items", queryset=items))
    load_steps([item.routine for item in plan.items.all()])
    return plan


def rungs_for(user):
    """{exercise id: Rung} for the person (one query)."""
    return {r.exercise_id: r for r in Rung.objects.filter(user=user).select_related("variation")}


def use(routine, rungs):
    """The player's `use` value that plays `routine` with the person's rungs ("" for none)."""
    exercise_ids = {step.exercise_id for step in routine.steps.all()}
    return ",".join(
        str(rung.variation_id)
        for exercise_id, rung in sorted(rungs.items())
        if exercise_id in exercise_ids and rung.variation_id
    )


def sessions_since(user, first_day, zone):
    """The person's finished and stopped sessions from `first_day` (in `zone`) on, oldest
    first, with `local_day` and their follow-ups (one query)."""
    earliest = datetime.datetime.combine(first_day, datetime.time(), zone)
    return list(
        PracticeSession.objects.filter(
            user=user, created__gte=earliest - datetime.timedelta(days=1)
        )
        .exclude(status=PracticeSession.Status.IN_PROGRESS)
        .with_day(zone)
        .filter(local_day__gte=first_day)
        .select_related("follow_up")
        .order_by("created", "pk")
    )


@dataclass
class TodayItem:
    item: PlanRoutine
    planned: int
    finished: list = field(default_factory=list)
    tried: list = field(default_factory=list)

    @property
    def to_do(self):
        return max(self.planned - len(self.finished), 0)


@dataclass
class Week:
    monday: datetime.date
    planned: int = 0
    finished: int = 0
    tried: int = 0
    is_current: bool = False

    @property
    def label(self):
        return "This week" if self.is_current else f"Week of {self.monday:%-d %b}"


def today(user, plan, now=None):
    """What Today shows: each routine planned today (or done today) with its sessions, the
    one Start (the routine and the `use` value for the person's rungs), the morning question
    and a red session's note (shown once)."""
    zone = zone_for(user)
    now = now or timezone.now()
    day = timezone.localdate(now, zone)
    yesterday = day - datetime.timedelta(days=1)
    sessions = sessions_since(user, yesterday, zone)
    items, start = [], None
    if plan is not None:
        rungs = rungs_for(user)
        for item in plan.items.all():
            mine = [s for s in sessions if s.local_day == day and s.routine_id == item.routine_id]
            entry = TodayItem(
                item,
                item.times_on(day),
                [s for s in mine if s.status == PracticeSession.Status.COMPLETED],
                [s for s in mine if s.status == PracticeSession.Status.STOPPED],
            )
            if entry.planned or mine:
                items.append(entry)
            if start is None and entry.to_do:
                start = (item.routine, use(item.routine, rungs))
    return {
        "items": items,
        "start": start,
        "morning": _morning_question(sessions, yesterday),
        "red": _red_note_once(sessions, now),
        "zone": zone,
    }


def _morning_question(sessions, yesterday):
    """Yesterday's last session, if its morning has not been asked about yet."""
    for session in reversed(sessions):
        if session.local_day != yesterday:
            continue
        follow_up = getattr(session, "follow_up", None) if has_follow_up(session) else None
        return None if follow_up and follow_up.morning_answered_at else session
    return None


def _red_note_once(sessions, now):
    """The latest red session since yesterday whose note has not been shown: marked shown
    now (one conditional write), so the note appears once."""
    for session in reversed(sessions):
        if outcome(session).colour is not rules.Colour.RED:
            continue
        follow_up = session.follow_up if has_follow_up(session) else None
        if follow_up and follow_up.red_note_shown_at:
            return None
        shown, created = SessionFollowUp.objects.get_or_create(
            session=session, defaults={"red_note_shown_at": now}
        )
        if not created:
            shown = SessionFollowUp.objects.filter(
                pk=session.pk, red_note_shown_at__isnull=True
            ).update(red_note_shown_at=now)
        return session if shown else None
    return None


def weeks_shown(day):
    """The weeks shown on `day`, oldest first and each still at zero: the first Monday, and
    this week and the last four as `Week`s (the plan page's and the clinic's)."""
    this_monday = day - datetime.timedelta(days=day.weekday())
    first = this_monday - datetime.timedelta(weeks=WEEKS_SHOWN - 1)
    return first, [
        Week(first + datetime.timedelta(weeks=n), is_current=n == WEEKS_SHOWN - 1)
        for n in range(WEEKS_SHOWN)
    ]


def weeks(user, plan, now=None):
    """This week and the last four, newest first: planned, finished and tried (stopped
    early), counting the plan's routines only."""
    zone = zone_for(user)
    day = timezone.localdate(now or timezone.now(), zone)
    first, result = weeks_shown(day)
    items = list(plan.items.all()) if plan else []
    routine_ids = {item.routine_id for item in items}
    for week in result:
        for offset in range(7):
            date = week.monday + datetime.timedelta(days=offset)
            if date <= day:
                week.planned += sum(item.times_on(date) for item in items)
    for session in sessions_since(user, first, zone):
        if session.routine_id not in routine_ids:
            continue
        week = result[(session.local_day - first).days // 7]
        if session.status == PracticeSession.Status.COMPLETED:
            week.finished += 1
        else:
            week.tried += 1
    return list(reversed(result))


@dataclass
class ExerciseLadder:
    exercise: object
    rung: object  # the Variation, or None for the plain exercise
    suggestion: rules.Suggestion
    target: object = None  # the variation suggested (None: the plain exercise)
    locked: bool = False  # set by a physiotherapist: no move is suggested

    @property
    def ladder(self):
        return self.rung.ladder if self.rung else 0


def _neighbours(exercise, ladder):
    """The next easier and next harder rung from `ladder`: (found, variation) pairs, the
    variation None for the plain exercise (rung 0). A harder variation best shown in
    person first is never suggested."""
    rungs = {v.ladder: v for v in exercise.variations.all()} | {0: None}
    easier = max((n for n in rungs if n < ladder), default=None)
    harder = min((n for n in rungs if n > ladder), default=None)
    if harder is not None and rungs[harder] and rungs[harder].show_in_person_first:
        harder = None
    return (
        (easier is not None, rungs.get(easier)),
        (harder is not None, rungs.get(harder)),
    )


def ladders(user, plan, now=None):
    """Each exercise of the plan's routines, its rung, and the ladder's suggestion: a
    declined suggestion is not repeated until a newer session is behind it."""
    now = now or timezone.now()
    if plan is None:
        return []
    exercises, routines_of = {}, {}
    for item in plan.items.all():
        for step in item.routine.steps.all():
            if not step.exercise.variations.all():
                continue  # no ladder to climb
            exercises.setdefault(step.exercise_id, step.exercise)
            routines_of.setdefault(step.exercise_id, set()).add(item.routine_id)
    rungs = rungs_for(user)
    zone = zone_for(user)
    first = timezone.localdate(now - rules.LOOK_BACK, zone)
    sessions = sessions_since(user, first, zone)
    answers = {}
    # Only answers to suggestions the rule can still make (their sessions are this recent).
    recent_answers = LadderAnswer.objects.filter(
        user=user, exercise_id__in=exercises, created__gte=now - rules.LOOK_BACK
    )
    for answer in recent_answers.order_by("created"):
        answers[answer.exercise_id] = answer  # the latest wins
    result = []
    for exercise_id, exercise in exercises.items():
        rung = rungs.get(exercise_id)
        variation = rung.variation if rung else None
        ladder = variation.ladder if variation else 0
        (can_ease, easier), (can_harden, harder) = _neighbours(exercise, ladder)
        history = [outcome(s) for s in sessions if s.routine_id in routines_of[exercise_id]]
        suggestion = rules.suggest(
            history,
            now,
            on_rung_since=rung.since if rung else None,
            can_go_harder=can_harden,
            can_go_easier=can_ease,
        )
        if rung and rung.locked:
            # A physiotherapist set this rung: the ladder never suggests moving from it.
            suggestion = rules.Suggestion(rules.Direction.STAY, LOCKED_REASON)
        answer = answers.get(exercise_id)
        if (
            suggestion.direction is not rules.Direction.STAY
            and answer is not None
            and answer.direction == suggestion.direction
            and answer.last_session_id == suggestion.latest_session_id
        ):
            suggestion = rules.Suggestion(rules.Direction.STAY, "Stay on this rung.")
        target = {rules.Direction.EASIER: easier, rules.Direction.HARDER: harder}.get(
            suggestion.direction
        )
        result.append(
            ExerciseLadder(exercise, variation, suggestion, target, bool(rung and rung.locked))
        )
    return result
