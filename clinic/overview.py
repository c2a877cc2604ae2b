"""What a clinician sees of their patients, read only through the shares: each patient's
weeks (done against planned), flags, a small pain trend, goals, sessions and "this hurts".

Everything is read for all the shares at once in a fixed number of queries, however many
patients and sessions there are, and nothing before a share's first day is read. Days are
counted in the site's time zone, so patients in several zones are compared alike.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from plans import rules
from plans.models import Goal, GoalRating, PlanRoutine, outcome
from plans.progress import weeks_shown
from practice.models import PracticeSession
from stretches.models import Routine, load_steps

QUIET_DAYS = 7  # this many days with nothing done is a flag
FLAG_WINDOW = datetime.timedelta(days=7)
TREND_WIDTH, TREND_HEIGHT = 160, 40
MAX_SESSIONS_SHOWN = 30


@dataclass
class Flag:
    kind: str  # "red", "hurts", "quiet"
    text: str


@dataclass
class Overview:
    share: object
    weeks: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    days: dict = field(default_factory=dict)  # day -> [before sum, before n, after sum, after n]
    goals: list = field(default_factory=list)

    @property
    def patient(self):
        return self.share.patient

    @property
    def this_week(self):
        return self.weeks[0] if self.weeks else None

    def trend(self):
        """Daily average pain before and after, as two small polylines (None: no ratings)."""
        days = sorted(self.days)
        if not days:
            return None
        first, last = days[0], days[-1]
        span = (last - first).days or 1

        def points(total, count):
            result = []
            for day in days:
                values = self.days[day]
                if values[count]:
                    x = 4 + (day - first).days / span * (TREND_WIDTH - 8)
                    y = 4 + (10 - values[total] / values[count]) / 10 * (TREND_HEIGHT - 8)
                    result.append(
                        (round(x, 1), round(y, 1), round(values[total] / values[count], 1))
                    )
            return result

        before, after = points(0, 1), points(2, 3)
        if not (before or after):
            return None
        return {
            "width": TREND_WIDTH,
            "height": TREND_HEIGHT,
            "before": " ".join(f"{x},{y}" for x, y, _ in before),
            "after": " ".join(f"{x},{y}" for x, y, _ in after),
            # Dots too, so a single day shows as a point rather than nothing.
            "before_dots": [(x, y) for x, y, _ in before],
            "after_dots": [(x, y) for x, y, _ in after],
            "text": (
                f"Daily average pain over {len(days)} days with ratings: "
                + (f"before {before[0][2]} then {before[-1][2]}" if before else "no ratings before")
                + ", "
                + (f"after {after[0][2]} then {after[-1][2]}" if after else "no ratings after")
                + " (0 is no pain, 10 the worst)."
            ),
        }


def window(now=None):
    """(today, the first Monday shown) in the site's time zone."""
    today = timezone.localdate(now or timezone.now(), timezone.get_default_timezone())
    return today, weeks_shown(today)[0]


def overviews(shares, now=None):
    """An Overview per share (patients loaded), flagged ones first. Six queries at most."""
    now = now or timezone.now()
    zone = timezone.get_default_timezone()
    today, first = window(now)
    result = {s.patient_id: Overview(s) for s in shares}
    planned = {pid: o for pid, o in result.items() if o.share.plan_and_sessions}
    if planned:
        _read_weeks(planned, today, first, zone)
        _read_flags(planned, today, now, zone)
    with_goals = {pid: o for pid, o in result.items() if o.share.goals}
    if with_goals:
        for goal in goals_of(with_goals):
            goal.shared_ratings = list(goal.ratings.all())
            with_goals[goal.user_id].goals.append(goal)
    return sorted(result.values(), key=lambda o: (not o.flags, o.patient.get_username().lower()))


def goals_of(overviews_by_patient):
    """The patients' goals with the ratings from each share's first day on (two queries)."""
    zone = timezone.get_default_timezone()
    shared = Q(pk__in=[])
    for patient_id, o in overviews_by_patient.items():
        since = datetime.datetime.combine(o.share.starts_on, datetime.time(), zone)
        shared |= Q(goal__user_id=patient_id, rated_at__gte=since)
    ratings = GoalRating.objects.filter(shared).order_by("rated_at", "pk")
    return Goal.objects.filter(user_id__in=overviews_by_patient).prefetch_related(
        Prefetch("ratings", queryset=ratings)
    )


def _earliest(first, zone):
    # `created` is within a day of the session's moment, and it is indexed.
    return datetime.datetime.combine(first, datetime.time(), zone) - datetime.timedelta(days=1)


def _read_weeks(planned, today, first, zone):
    items = PlanRoutine.objects.filter(plan__user_id__in=planned).select_related("plan")
    routines_of = {}
    for o in planned.values():
        o.weeks = weeks_shown(today)[1]
    for item in items:
        o = planned[item.plan.user_id]
        routines_of.setdefault(item.plan.user_id, set()).add(item.routine_id)
        for week in o.weeks:
            for offset in range(7):
                day = week.monday + datetime.timedelta(days=offset)
                if o.share.starts_on <= day <= today:
                    week.planned += item.times_on(day)
    rows = (
        PracticeSession.objects.filter(user_id__in=planned, created__gte=_earliest(first, zone))
        .exclude(status=PracticeSession.Status.IN_PROGRESS)
        .with_day(zone)
        .filter(local_day__gte=first)
        .values("user_id", "local_day", "routine_id", "status")
        .annotate(
            n=Count("pk"),
            before_sum=Sum("pain_before"),
            before_n=Count("pain_before"),
            after_sum=Sum("pain_after"),
            after_n=Count("pain_after"),
        )
        .order_by()
    )
    for row in rows:
        o = planned[row["user_id"]]
        day = row["local_day"]
        if day < o.share.starts_on or day > today:
            continue
        sums = o.days.setdefault(day, [0, 0, 0, 0])
        sums[0] += row["before_sum"] or 0
        sums[1] += row["before_n"]
        sums[2] += row["after_sum"] or 0
        sums[3] += row["after_n"]
        if row["routine_id"] not in routines_of.get(row["user_id"], ()):
            continue
        week = o.weeks[(day - first).days // 7]
        if row["status"] == PracticeSession.Status.COMPLETED:
            week.finished += row["n"]
        else:
            week.tried += row["n"]
    for o in planned.values():
        o.weeks.reverse()


def _read_flags(planned, today, now, zone):
    since = today - datetime.timedelta(days=QUIET_DAYS - 1)
    recent = (
        PracticeSession.objects.filter(user_id__in=planned, created__gte=_earliest(since, zone))
        .exclude(status=PracticeSession.Status.IN_PROGRESS)
        .with_day(zone)
        .filter(local_day__gte=since)
        .select_related("follow_up")
        .only(
            "user_id",
            "status",
            "pain_before",
            "pain_after",
            "started_at",
            "finished_at",
            "created",
            "reached_step",
            "routine_title",
            "follow_up__morning_pain",
        )
        .order_by("created", "pk")
    )
    done = set()
    red, hurts = {}, {}
    for session in recent:
        o = planned[session.user_id]
        if session.local_day < o.share.starts_on or session.local_day > today:
            continue
        done.add(session.user_id)
        if outcome(session).colour is rules.Colour.RED:
            red[session.user_id] = session
        if session.status == PracticeSession.Status.STOPPED:
            hurts[session.user_id] = session
    for patient_id, o in planned.items():
        if patient_id in red:
            s = red[patient_id]
            o.flags.append(
                Flag("red", f"Red session on {s.local_day:%a %-d %b}: {s.routine_title}")
            )
        if patient_id in hurts:
            s = hurts[patient_id]
            o.flags.append(
                Flag(
                    "hurts",
                    f"“This hurts” on {s.local_day:%a %-d %b}: {s.routine_title}, "
                    f"step {s.reached_step}",
                )
            )
        if patient_id not in done and o.share.starts_on <= since:
            o.flags.append(Flag("quiet", f"Nothing done in the last {QUIET_DAYS} days"))


def sessions(share, now=None):
    """The patient's latest finished or stopped sessions since the share's first day (oldest
    first, at most MAX_SESSIONS_SHOWN), with follow-ups, and each stop's exercise."""
    zone = timezone.get_default_timezone()
    found = list(
        PracticeSession.objects.filter(
            user_id=share.patient_id, created__gte=_earliest(share.starts_on, zone)
        )
        .exclude(status=PracticeSession.Status.IN_PROGRESS)
        .with_day(zone)
        .filter(local_day__gte=share.starts_on)
        .select_related("follow_up")
        .order_by("-created", "-pk")[:MAX_SESSIONS_SHOWN]
    )
    found.reverse()
    stopped = [s for s in found if s.status == PracticeSession.Status.STOPPED and s.routine_id]
    routines = {r.pk: r for r in Routine.objects.filter(pk__in={s.routine_id for s in stopped})}
    load_steps(list(routines.values()))
    for session in found:
        session.colour = outcome(session).colour
        session.morning = outcome(session).morning
        session.stopped_at = None
        if session in stopped and session.routine_id in routines and session.reached_step:
            moves = routines[session.routine_id].timeline()
            if 0 < session.reached_step <= len(moves):
                session.stopped_at = moves[session.reached_step - 1].step.exercise
    return found
