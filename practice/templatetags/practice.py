"""Practice's parts of pages other apps own: the time zone form on the account page, the
bookmarks at the top of the routine list, and the practice session on the finish page."""

from django import template
from django.conf import settings

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
