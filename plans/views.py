"""The plan, the ladder, goals and the calendar feed: each the signed-in person's own."""

import csv
import datetime
import secrets

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backlog.redirects import redirect_target
from practice.models import PracticeSession
from stretches.models import Routine

from . import calendar, charts, progress
from .forms import (
    FeedForm,
    GoalForm,
    GoalRatingForm,
    LadderAnswerForm,
    MorningForm,
    PlanFormSet,
)
from .models import (
    MAX_GOALS,
    Goal,
    GoalRating,
    LadderAnswer,
    Plan,
    PlanRoutine,
    Rung,
    SessionFollowUp,
    weekday_bits,
    zone_for,
)

DEFAULT_ROUTINE = "gentle-basics"
DEFAULT_RHYTHM = {"weekdays": weekday_bits(range(5)), "times_per_day": 1, "weeks": 6}


def _routine_choices(user):
    return Routine.objects.visible_to(user).playable().order_by("title")


def _get_goal_for_user(request, pk):
    return get_object_or_404(Goal, pk=pk, user=request.user)


@require_safe
@login_required
def plan(request):
    the_plan = progress.load_plan(request.user)
    zone = zone_for(request.user)
    feed_url = None
    if the_plan and the_plan.feed_token:
        feed_url = request.build_absolute_uri(reverse("plans:feed", args=[the_plan.feed_token]))
    with timezone.override(zone):
        return render(
            request,
            "plans/plan.html",
            {
                "plan": the_plan,
                "weeks": progress.weeks(request.user, the_plan),
                "ladders": progress.ladders(request.user, the_plan),
                "zone": zone,
                "feed_url": feed_url,
                # Calendar apps open webcal:// links as a subscription.
                "webcal_url": "webcal://" + feed_url.split("://", 1)[1] if feed_url else None,
                "feed_form": FeedForm(
                    initial={"time": the_plan.feed_time if the_plan else datetime.time(8)}
                ),
            },
        )


def _initial_rows(the_plan):
    rows = [
        {
            "routine": item.routine,
            "weekdays": [str(d) for d in item.weekday_numbers()],
            "times_per_day": item.times_per_day,
            "weeks": item.weeks,
        }
        for item in (the_plan.items.all() if the_plan else [])
    ]
    if not rows:
        default = _routine_choices_default()
        rows = [{"routine": default, "weekdays": [str(d) for d in range(5)], "weeks": 6}]
    return rows


def _routine_choices_default():
    return Routine.objects.published().filter(slug=DEFAULT_ROUTINE).first()


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request):
    the_plan = progress.load_plan(request.user)
    routines = _routine_choices(request.user)
    kwargs = {"form_kwargs": {"routines": routines}}
    if request.method == "POST":
        formset = PlanFormSet(request.POST, **kwargs)
        if formset.is_valid():
            _save_plan(request.user, the_plan, [f.cleaned_data for f in formset.forms])
            messages.success(request, "Your plan is saved.")
            return redirect("plans:plan")
        return render(request, "plans/plan_edit.html", {"formset": formset}, status=400)
    formset = PlanFormSet(initial=_initial_rows(the_plan), **kwargs)
    return render(request, "plans/plan_edit.html", {"formset": formset, "plan": the_plan})


def _save_plan(user, the_plan, rows):
    today = timezone.localdate(timezone.now(), zone_for(user))
    with transaction.atomic():
        the_plan = the_plan or Plan.objects.get_or_create(user=user)[0]
        started = {item.routine_id: item.starts_on for item in the_plan.items.all()}
        the_plan.items.all().delete()
        PlanRoutine.objects.bulk_create(
            PlanRoutine(
                plan=the_plan,
                routine=row["routine"],
                order=n,
                weekdays=weekday_bits(row["weekdays"]),
                times_per_day=row["times_per_day"],
                weeks=row["weeks"],
                # A routine already in the plan keeps its start; a new one starts today.
                starts_on=started.get(row["routine"].pk, today),
            )
            for n, row in enumerate(r for r in rows if r.get("routine"))
        )


@require_POST
@login_required
def plan_default(request):
    """The suggested plan in one tap: Gentle basics, once a day, Monday to Friday, 6 weeks."""
    routine = _routine_choices_default()
    if routine is None or not _routine_choices(request.user).filter(pk=routine.pk).exists():
        raise Http404("The suggested routine is not available.")
    _save_plan(
        request.user,
        progress.load_plan(request.user),
        [{"routine": routine, **{"weekdays": range(5), "times_per_day": 1, "weeks": 6}}],
    )
    messages.success(
        request, "Your plan is set: Gentle basics, once a day, Monday to Friday, for 6 weeks."
    )
    return redirect(redirect_target(request, reverse("plans:plan")))


@require_POST
@login_required
def ladder_answer(request, exercise_id):
    """Accept or decline the suggestion for one exercise of the plan. The suggestion is
    worked out again here, so only what the page offered can be accepted."""
    form = LadderAnswerForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            "Say whether to accept or decline.", status=400, content_type="text/plain"
        )
    the_plan = progress.load_plan(request.user)
    ladder = next(
        (x for x in progress.ladders(request.user, the_plan) if x.exercise.pk == exercise_id), None
    )
    if ladder is None:
        raise Http404("That exercise is not in your plan.")
    direction = form.cleaned_data["direction"]
    if ladder.suggestion.direction != direction:
        messages.info(request, "That suggestion has changed; here is the latest.")
        return redirect("plans:plan")
    accepted = form.cleaned_data["answer"] == "accept"
    target_ladder = ladder.target.ladder if ladder.target else 0
    with transaction.atomic():
        LadderAnswer.objects.create(
            user=request.user,
            exercise_id=exercise_id,
            direction=direction,
            accepted=accepted,
            last_session_id=ladder.suggestion.latest_session_id,
            from_ladder=ladder.ladder,
            to_ladder=target_ladder,
        )
        if accepted:
            Rung.objects.update_or_create(
                user=request.user,
                exercise_id=exercise_id,
                defaults={"variation": ladder.target, "since": timezone.now()},
            )
    if accepted:
        name = ladder.target.name if ladder.target else f"the plain {ladder.exercise.name}"
        messages.success(request, f"{ladder.exercise.name}: you are now on {name}.")
    else:
        messages.success(request, f"{ladder.exercise.name}: you stay where you are.")
    return redirect("plans:plan")


@require_POST
@login_required
def morning(request, pk):
    """How the back is the morning after a session: a rating, or skipped; asked once."""
    session = get_object_or_404(PracticeSession, pk=pk, user=request.user)
    form = MorningForm(request.POST)
    if not form.is_valid():
        return render(request, "plans/bad_morning.html", {"form": form}, status=400)
    SessionFollowUp.objects.update_or_create(
        session=session,
        defaults={"morning_pain": form.cleaned_data["pain"], "morning_answered_at": timezone.now()},
    )
    if form.cleaned_data["pain"] is not None:
        messages.success(request, "Thank you. Your morning rating is saved.")
    return redirect(redirect_target(request, reverse("stretches:routine-list")))


@require_POST
@login_required
def feed_settings(request):
    the_plan = get_object_or_404(Plan, user=request.user)
    form = FeedForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            "Choose renew or revoke, and a time.", status=400, content_type="text/plain"
        )
    if form.cleaned_data["action"] == "revoke":
        the_plan.revoke_feed()
        messages.success(
            request, "Your calendar link is switched off: calendars using it get nothing now."
        )
    else:
        if form.cleaned_data["time"]:
            the_plan.feed_time = form.cleaned_data["time"]
            the_plan.save(update_fields=["feed_time"])
        the_plan.renew_feed()
        messages.success(request, "Your new calendar link is ready. Any old link no longer works.")
    return redirect(reverse("plans:plan") + "#calendar")


@require_safe
def feed(request, token):
    """The plan as an iCalendar feed, for whoever holds the link (404 once revoked)."""
    the_plan = (
        Plan.objects.filter(feed_token__isnull=False, feed_token=token[:64])
        .select_related("user")
        .first()
    )
    if the_plan is None or not secrets.compare_digest(the_plan.feed_token, token):
        raise Http404("No such calendar.")
    # The routines they may still play, as on their own pages.
    playable = Routine.objects.visible_to(the_plan.user).playable()
    items = PlanRoutine.objects.filter(plan=the_plan, routine__in=playable)
    prefetch_related_objects(
        [the_plan], Prefetch("items", queryset=items.select_related("routine"))
    )
    body = calendar.feed(the_plan, zone_for(the_plan.user_id), request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="backlog-plan.ics"'
    return response


def _goals(user):
    return list(
        Goal.objects.filter(user=user).prefetch_related(
            Prefetch("ratings", queryset=GoalRating.objects.order_by("rated_at", "pk"))
        )
    )


@require_http_methods(["GET", "POST"])
@login_required
def goals(request):
    zone = zone_for(request.user)
    form = GoalForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        full = f"You have {MAX_GOALS} goals already: remove one to add another."
        if form.is_valid():
            with transaction.atomic():
                # Two tabs adding at once take turns on the person's row, so the limit holds.
                get_user_model().objects.select_for_update().filter(pk=request.user.pk).first()
                if Goal.objects.filter(user=request.user).count() < MAX_GOALS:
                    goal = Goal.objects.create(
                        user=request.user, activity=form.cleaned_data["activity"]
                    )
                    GoalRating.objects.create(goal=goal, score=form.cleaned_data["score"])
                else:
                    goal = None
            if goal is not None:
                messages.success(request, f"Goal added: “{goal.activity}”.")
                return redirect("plans:goals")
            form.add_error(None, full)
        elif Goal.objects.filter(user=request.user).count() >= MAX_GOALS:
            form.add_error(None, full)
        status = 400
    the_goals = _goals(request.user)
    now = timezone.now()
    sessions = request.user.practice_sessions.rated()[: charts.MAX_POINTS]
    with timezone.override(zone):
        return render(
            request,
            "plans/goals.html",
            {
                "form": form,
                "goals": the_goals,
                "due": [g for g in the_goals if charts.rerate_due(g, now)],
                "chart": charts.goals_chart(the_goals, reversed(list(sessions)), zone),
                "can_add": len(the_goals) < MAX_GOALS,
                "scores": range(11),
            },
            status=status,
        )


@require_POST
@login_required
def goal_rate(request, pk):
    goal = _get_goal_for_user(request, pk)
    form = GoalRatingForm(request.POST)
    if not form.is_valid():
        return HttpResponse(form.errors["score"][0], status=400, content_type="text/plain")
    # A second rating the same day replaces the first (a mis-tap put right), so a goal
    # keeps at most one rating a day.
    since = timezone.now() - datetime.timedelta(hours=20)
    latest = goal.ratings.filter(rated_at__gte=since).order_by("-rated_at").first()
    if latest is not None:
        latest.score = form.cleaned_data["score"]
        latest.save(update_fields=["score"])
    else:
        GoalRating.objects.create(goal=goal, score=form.cleaned_data["score"])
    messages.success(request, f"“{goal.activity}”: {form.cleaned_data['score']}/10 saved.")
    return redirect("plans:goals")


@require_POST
@login_required
def goal_delete(request, pk):
    goal = _get_goal_for_user(request, pk)
    goal.delete()
    messages.success(request, f"Removed the goal “{goal.activity}” and its ratings.")
    return redirect("plans:goals")


def goal_rows(user, zone):
    """Every goal rating of the person, oldest first, as (date, activity, score) rows."""
    ratings = (
        GoalRating.objects.filter(goal__user=user).select_related("goal").order_by("rated_at", "pk")
    )
    for rating in ratings.iterator(chunk_size=500):
        yield (
            timezone.localtime(rating.rated_at, zone).isoformat(),
            rating.goal.activity,
            rating.score,
        )


def _cell(text):
    text = str(text)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


@require_safe
@login_required
def goals_csv(request):
    zone = zone_for(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="backlog-goals.csv"'
    writer = csv.writer(response)
    writer.writerow(["rated_at", "activity", "score"])
    for when, activity, score in goal_rows(request.user, zone):
        writer.writerow([when, _cell(activity), score])
    return response


@require_safe
@login_required
def goals_json(request):
    zone = zone_for(request.user)
    rows = [
        {"rated_at": when, "activity": activity, "score": score}
        for when, activity, score in goal_rows(request.user, zone)
    ]
    response = JsonResponse({"goals": rows}, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="backlog-goals.json"'
    return response


@require_safe
@login_required
def download(request):
    """Everything the plan keeps about the person, as JSON (their history download's part
    from this app; practice's CSV has the sessions themselves)."""
    user, zone = request.user, zone_for(request.user)

    def moment(value):
        return timezone.localtime(value, zone).isoformat() if value else None

    the_plan = progress.load_plan(user)
    follow_ups = SessionFollowUp.objects.filter(session__user=user).order_by("session_id")
    data = {
        "time_zone": str(zone),
        "plan": None
        if the_plan is None
        else {
            "calendar_time": the_plan.feed_time.isoformat(),
            "calendar_link_on": bool(the_plan.feed_token),
            "routines": [
                {
                    "routine": item.routine.title,
                    "weekdays": item.weekday_numbers(),
                    "times_per_day": item.times_per_day,
                    "weeks": item.weeks,
                    "starts_on": item.starts_on.isoformat(),
                }
                for item in the_plan.items.all()
            ],
        },
        "rungs": [
            {
                "exercise": rung.exercise.name,
                "rung": rung.ladder,
                "variation": rung.variation.name if rung.variation else None,
                "since": moment(rung.since),
            }
            for rung in Rung.objects.filter(user=user).select_related("exercise", "variation")
        ],
        "ladder_answers": [
            {
                "exercise": answer.exercise.name,
                "direction": answer.direction,
                "accepted": answer.accepted,
                "from_rung": answer.from_ladder,
                "to_rung": answer.to_ladder,
                "at": moment(answer.created),
            }
            for answer in LadderAnswer.objects.filter(user=user).select_related("exercise")
        ],
        "mornings_after": [
            {
                "session_id": f.session_id,
                "morning_pain": f.morning_pain,
                "answered_at": moment(f.morning_answered_at),
            }
            for f in follow_ups
            if f.morning_answered_at
        ],
        "goals": [
            {
                "activity": goal.activity,
                "ratings": [
                    {"score": r.score, "at": moment(r.rated_at)} for r in goal.ratings.all()
                ],
            }
            for goal in _goals(user)
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="backlog-plan.json"'
    return response
