"""Practice's parts of pages other apps own: the time zone form on the account page, the
bookmarks at the top of the routine list, and the practice session on the finish page."""

from django import template
from django.conf import settings
from django.urls import reverse

from player import carried
from practice.forms import TimeZoneForm
from practice.models import PracticeSession, Profile

register = template.Library()


@register.inclusion_tag("practice/includes/time_zone_form.html", takes_context=True)
def time_zone_form(context):
    zone = Profile.time_zone_for(context["user"])
    form = TimeZoneForm(initial={"time_zone": str(zone) if zone else settings.TIME_ZONE})
    return {"form": form, "chosen": zone is not None, "csrf_token": context.get("csrf_token")}


@register.simple_tag(takes_context=True)
def bookmarks_first(context, routines):
    """`routines` split into the person's bookmarked ones and the others, in order."""
    favourite_ids = context.get("favourite_ids") or set()
    return {
        "bookmarked": [r for r in routines if r.pk in favourite_ids],
        "others": [r for r in routines if r.pk not in favourite_ids],
    }


@register.simple_tag(takes_context=True)
def finished_session(context, routine, session_id):
    """The signed-in person's practice session `session_id` of `routine`, or None: the
    player carries the id opaquely, so someone else's id shows nothing here."""
    user = context["user"]
    if session_id is None or not user.is_authenticated:
        return None
    return PracticeSession.objects.filter(pk=session_id, user=user, routine=routine).first()


# --- Practice's parts of the content's and the player's pages: each names practice's URLs
# here, so those apps' templates never do (tests/test_dependencies.py checks it).


@register.inclusion_tag("practice/includes/start_button.html", takes_context=True)
def start_button(context, routine):
    """Start `routine` in one tap: signed in, a POST that records when the session began."""
    return {"routine": routine, "user": context["user"], "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("practice/includes/start_with_rating.html", takes_context=True)
def start_with_rating(context, routine, use=""):
    """Start `routine` by rating one's back from 0 to 10 (or skipping), signed in. With the
    network gone, the press is kept on the device and opens the run saved on it for offline
    (`queue_then`: the address "Save for offline" saved step 1 at), if there is one."""
    return {
        "routine": routine,
        "use": use,
        "csrf_token": context.get("csrf_token"),
        "queue": "Start",
        "queue_then": carried.start_url(routine, use=use),
    }


@register.inclusion_tag("practice/favourite.html#button", takes_context=True)
def bookmark_button(context, routine):
    """The bookmark toggle for `routine` (the page's `favourite_ids` say which are set)."""
    return {
        "routine": routine,
        "favourite_ids": context.get("favourite_ids"),
        "request": context.get("request"),
        "next_url": context.get("next_url"),
        # A page rendered for everyone has no request: its path comes as `next_path`.
        "next_path": context.get("next_path"),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("practice/includes/saved_session.html", takes_context=True)
def saved_session(context, routine, session_id):
    """On the well-done page: the person's session of `routine`, saved, and how their back
    feels now; or, signed out, an invitation to sign in and keep a history."""
    return {
        "routine": routine,
        "session": finished_session(context, routine, session_id),
        "user": context["user"],
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def session_finish_url(routine):
    """Where the player's last step posts Finish: records the session as completed."""
    return reverse("practice:record-finish", args=[routine.slug])


@register.simple_tag
def session_stop_url(routine, number):
    """Where "Stop for today" posts on the "this hurts" page: records the session stopped."""
    return reverse("practice:record-stop", args=[routine.slug, number])
