"""Keep the published-routine cache (`stretches.caching`) true to the database.

Saving or deleting a step bumps its routine's `updated`, so `Routine.version` changes; a
routine's pointer is rewritten whenever it or a step changes; any exercise or variation
change starts a new library generation; any change to the content app's rows starts a new
pages generation (`stretches.pagecache`). Each write happens at once and again after
commit: see `stretches.caching` for why.
"""

import threading

from django.core.signals import request_started
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from . import caching, pagecache
from .models import (
    CautionRule,
    Condition,
    Exercise,
    OfferedRoutine,
    Routine,
    RoutineStep,
    RoutineVersion,
    Variation,
)

# (routine, transaction) pairs whose version before the first change is kept already;
# forgotten when the transaction commits, and at the start of every request.
_kept = threading.local()


def _kept_in_this_transaction():
    if not hasattr(_kept, "pks"):
        _kept.pks = set()
    return _kept.pks


@receiver(request_started, dispatch_uid="stretches-forget-kept-versions")
def forget_kept_versions(**kwargs):
    _kept.pks = set()


def keep_version_before_change(routine_pk):
    """Keep the routine's committed version (RoutineVersion) before its first change in a
    transaction: an admin save of ten steps keeps the version people are playing, not ten
    half-saved ones."""
    if routine_pk is None:
        return
    if connection.in_atomic_block:
        # One transaction: the outermost atomic block (a new one for each admin save).
        key = (routine_pk, id(connection.atomic_blocks[0]))
        kept = _kept_in_this_transaction()
        if key in kept:
            return
        kept.add(key)
        transaction.on_commit(lambda: _kept_in_this_transaction().discard(key))
    RoutineVersion.keep(routine_pk)


@receiver(pre_save, sender=Routine, dispatch_uid="stretches-routine-keep-version")
def routine_about_to_change(sender, instance, raw=False, update_fields=None, **kwargs):
    # Sharing changes no step and not the version: nothing to keep.
    if instance.pk and not raw and not (update_fields and set(update_fields) <= SHARING):
        keep_version_before_change(instance.pk)


SHARING = {"share_token", "shared_at"}


@receiver(pre_save, sender=RoutineStep, dispatch_uid="stretches-step-keep-version")
@receiver(pre_delete, sender=RoutineStep, dispatch_uid="stretches-step-delete-keep-version")
def step_about_to_change(sender, instance, raw=False, origin=None, **kwargs):
    if raw or isinstance(origin, Routine):
        return
    keep_version_before_change(instance.routine_id)


def _slug_changed(slugs):
    for slug in slugs:
        caching.forget_pointer(slug)
    transaction.on_commit(lambda: [caching.refresh_pointer(slug) for slug in slugs])


@receiver(pre_save, sender=Routine, dispatch_uid="stretches-routine-remember-slug")
def remember_previous_slug(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        instance._previous_slug = (
            Routine.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )


@receiver(post_save, sender=Routine, dispatch_uid="stretches-routine-saved")
@receiver(post_delete, sender=Routine, dispatch_uid="stretches-routine-deleted")
def routine_changed(sender, instance, **kwargs):
    previous = getattr(instance, "_previous_slug", None)
    _slug_changed({instance.slug, previous} - {None})


@receiver(post_save, sender=RoutineStep, dispatch_uid="stretches-step-saved")
@receiver(post_delete, sender=RoutineStep, dispatch_uid="stretches-step-deleted")
def step_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw or isinstance(origin, Routine):
        return  # loaded from a fixture, or the routine itself is being deleted
    routines = Routine.objects.filter(pk=instance.routine_id)
    routines.update(updated=timezone.now())
    _slug_changed(set(routines.values_list("slug", flat=True)))


@receiver(post_save, sender=Exercise, dispatch_uid="stretches-exercise-saved")
@receiver(post_delete, sender=Exercise, dispatch_uid="stretches-exercise-deleted")
@receiver(post_save, sender=Variation, dispatch_uid="stretches-variation-saved")
@receiver(post_delete, sender=Variation, dispatch_uid="stretches-variation-deleted")
# The cached routines carry their exercises' caution rules and conditions: a new "avoid"
# rule must reach the next step played, not wait for the cache to expire.
@receiver(post_save, sender=CautionRule, dispatch_uid="stretches-rule-saved")
@receiver(post_delete, sender=CautionRule, dispatch_uid="stretches-rule-deleted")
@receiver(post_save, sender=Condition, dispatch_uid="stretches-condition-saved")
@receiver(post_delete, sender=Condition, dispatch_uid="stretches-condition-deleted")
def library_changed(sender, raw=False, **kwargs):
    if raw:
        return
    caching.new_library_generation()
    transaction.on_commit(caching.new_library_generation)


# Every model whose rows a public page shows (`stretches.pagecache`); not HealthAnswer (a
# person's own) nor RoutineVersion (kept for links to older versions, never cached).
PAGE_CONTENT = (Exercise, Variation, Routine, OfferedRoutine, RoutineStep, Condition, CautionRule)


def content_changed(sender, raw=False, **kwargs):
    """A row a public page shows was saved or deleted: every public page is made again."""
    if raw:
        return
    pagecache.new_pages_generation()
    transaction.on_commit(pagecache.new_pages_generation)


for model in PAGE_CONTENT:
    post_save.connect(content_changed, sender=model, dispatch_uid=f"pages-saved-{model.__name__}")
    post_delete.connect(
        content_changed, sender=model, dispatch_uid=f"pages-deleted-{model.__name__}"
    )
