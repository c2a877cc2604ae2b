"""The plan as a private iCalendar feed (RFC 5545) that calendar apps subscribe to."""

import datetime

import icalendar
from django.urls import reverse
from django.utils import timezone

DAYS_BEHIND, DAYS_AHEAD = 7, 56  # a bounded window, however long the plan runs


def feed(plan, zone, request):
    """The calendar text: one event per planned routine and day, at the person's chosen
    time in their own time zone, from a week ago to eight weeks ahead."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//backlog//plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "backlog: my stretching plan")
    cal.add("x-published-ttl", "PT12H")
    today = timezone.localdate(timezone.now(), zone)
    stamp = timezone.now()
    host = request.get_host()
    for item in plan.items.all():
        url = request.build_absolute_uri(
            reverse("stretches:routine-detail", args=[item.routine.slug])
        )
        for offset in range(-DAYS_BEHIND, DAYS_AHEAD + 1):
            day = today + datetime.timedelta(days=offset)
            times = item.times_on(day)
            if not times:
                continue
            start = datetime.datetime.combine(day, plan.feed_time, zone)
            event = icalendar.Event()
            event.add("uid", f"plan-{item.pk}-{day:%Y%m%d}@{host}")
            event.add("dtstamp", stamp)
            event.add("dtstart", start)
            event.add("duration", datetime.timedelta(minutes=15))
            summary = f"Stretch: {item.routine.title}"
            event.add("summary", summary if times == 1 else f"{summary} ({times} times today)")
            event.add("description", f"Your plan: {item.rhythm()}.\n{url}")
            event.add("url", url)
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
