"""Small factories for the plan tests."""

import datetime

from django.utils import timezone

from plans.models import Plan, PlanRoutine, weekday_bits


def make_plan(user, *routines, weekdays=range(7), times_per_day=1, weeks=6, starts_days_ago=0):
    plan = Plan.objects.create(user=user)
    start = timezone.localdate() - datetime.timedelta(days=starts_days_ago)
    for n, routine in enumerate(routines):
        PlanRoutine.objects.create(
            plan=plan,
            routine=routine,
            order=n,
            weekdays=weekday_bits(weekdays),
            times_per_day=times_per_day,
            weeks=weeks,
            starts_on=start,
        )
    return plan
