"""Finish what a visitor started before signing in: the routine they bookmarked."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from stretches.models import Routine

from .models import Favourite

PENDING_FAVOURITE = "practice:pending-favourite"


@receiver(user_logged_in, dispatch_uid="practice-apply-pending-favourite")
def apply_pending_favourite(sender, request, user, **kwargs):
    routine_id = request.session.pop(PENDING_FAVOURITE, None) if request else None
    if routine_id and Routine.objects.published().filter(pk=routine_id).exists():
        Favourite.objects.get_or_create(user=user, routine_id=routine_id)
