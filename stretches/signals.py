"""A change to a step is a change to its routine: it moves the routine's version on."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Routine, RoutineStep


@receiver(post_save, sender=RoutineStep, dispatch_uid="stretches-step-saved")
@receiver(post_delete, sender=RoutineStep, dispatch_uid="stretches-step-deleted")
def touch_routine(sender, instance, origin=None, **kwargs):
    if isinstance(origin, Routine):
        return  # the routine itself is being deleted
    # An update, not routine.save(): one query, and no stale routine fields written back.
    Routine.objects.filter(pk=instance.routine_id).update(updated=timezone.now())
