"""On signing in (or up): finish what the visitor started, the routine they bookmarked, and
keep the time zone their browser reported, if they have none yet."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from stretches.models import Routine

from .models import Favourite, Profile, time_zone_names

PENDING_FAVOURITE = "practice:pending-favourite"


@receiver(user_logged_in, dispatch_uid="practice-apply-pending-favourite")
def apply_pending_favourite(sender, request, user, **kwargs):
    routine_id = request.session.pop(PENDING_FAVOURITE, None) if request else None
    if routine_id and Routine.objects.visible_to(user).filter(pk=routine_id).exists():
        Favourite.objects.get_or_create(user=user, routine_id=routine_id)


@receiver(user_logged_in, dispatch_uid="practice-keep-detected-time-zone")
def keep_detected_time_zone(sender, request, user, **kwargs):
    """The sign-in and sign-up forms carry the browser's zone (static/js/time-zone.js)."""
    name = request.POST.get("time_zone", "") if request else ""
    if name in time_zone_names():
        Profile.objects.get_or_create(user=user, defaults={"time_zone": name})
