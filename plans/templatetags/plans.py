"""The plan's parts of pages other apps own: Today at the top of the home page, the rung
lines on a routine's page, the plan's downloads on the history page, and the plan's links on
the account page. Other apps' templates reach plans' partials only through these tags."""

from django import template

from plans import progress

register = template.Library()


@register.inclusion_tag("plans/includes/today.html", takes_context=True)
def plan_today(context):
    """Today, for someone signed in: what is planned, what is done, one Start, the morning
    question and a red session's note. Nothing for a visitor (and no query)."""
    user = context["user"]
    if not user.is_authenticated:
        return {"show": False}
    plan = progress.load_plan(user)
    return {
        "show": True,
        "plan": plan,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
        **progress.today(user, plan),
    }


@register.simple_tag(takes_context=True)
def plan_rungs(context, routine):
    """The person's rung for each exercise of `routine` that has a ladder, as
    (exercise, variation or None) pairs, and the player's `use` value that plays them;
    None for a visitor or when the routine is not in their plan."""
    user = context["user"]
    if not user.is_authenticated:
        return None
    plan = progress.load_plan(user)
    if plan is None or routine.pk not in {item.routine_id for item in plan.items.all()}:
        return None
    rungs = progress.rungs_for(user)
    lines = []
    for exercise in routine.exercises():
        if not exercise.variations.all():
            continue
        rung = rungs.get(exercise.pk)
        lines.append((exercise, rung.variation if rung else None))
    return {"lines": lines, "use": progress.use(routine, rungs)}


@register.inclusion_tag("plans/includes/rung_lines.html")
def rung_lines(rungs):
    """The person's rungs in a routine (what `plan_rungs` gave), as a list on its page."""
    return {"rungs": rungs}


@register.inclusion_tag("plans/includes/downloads.html")
def plan_downloads():
    """The plan's part of the history page's downloads."""
    return {}
