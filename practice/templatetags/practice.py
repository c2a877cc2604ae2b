"""Practice's parts of pages other apps own: the time zone form on the account page."""

from django import template
from django.conf import settings

from practice.forms import TimeZoneForm
from practice.models import Profile

register = template.Library()


@register.inclusion_tag("practice/includes/time_zone_form.html", takes_context=True)
def time_zone_form(context):
    zone = Profile.time_zone_for(context["user"])
    form = TimeZoneForm(initial={"time_zone": str(zone) if zone else settings.TIME_ZONE})
    return {"form": form, "chosen": zone is not None, "csrf_token": context.get("csrf_token")}
