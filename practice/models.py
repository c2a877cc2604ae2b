"""What a signed-in person keeps: favourite routines and a log of practice sessions."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from stretches.models import Routine

PAIN_MESSAGE = "Choose a number from 0 (no pain) to 10 (worst pain)."
PAIN_VALIDATORS = [MinValueValidator(0, PAIN_MESSAGE), MaxValueValidator(10, PAIN_MESSAGE)]


class FavouriteQuerySet(models.QuerySet):
    def routine_ids(self, user):
        """The ids of `user`'s favourite routines (no query for anonymous visitors)."""
        if not user.is_authenticated:
            return set()
        return set(self.filter(user=user).values_list("routine_id", flat=True))


class Favourite(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="favourites")
    created = models.DateTimeField(auto_now_add=True)

    objects = FavouriteQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["user", "routine"], name="favourite_once_per_user")
        ]

    def __str__(self):
        return f"{self.user} ★ {self.routine}"


class PracticeSession(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        STOPPED = "stopped", "Stopped early"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_sessions"
    )
    # An editor deleting a routine must not erase anyone's history, so the title is kept.
    routine = models.ForeignKey(
        Routine, on_delete=models.SET_NULL, null=True, related_name="practice_sessions"
    )
    routine_title = models.CharField(max_length=120)
    status = models.CharField(max_length=12, choices=Status, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty when the routine was finished without Start."
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    step_count = models.PositiveIntegerField(help_text="Steps in the routine at the time.")
    reached_step = models.PositiveIntegerField(
        null=True, blank=True, help_text="The step finished on, or stopped at."
    )
    pain_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=PAIN_VALIDATORS
    )
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN_VALIDATORS)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "practice session"

    def __str__(self):
        return f"{self.user}: {self.routine_title} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("practice:session-detail", args=[self.pk])

    @property
    def day(self):
        """The local calendar day the session belongs to."""
        return timezone.localdate(self.started_at or self.finished_at or self.created)

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    def outcome(self):
        """What happened, in words: “completed”, “stopped at step 3 of 12”…"""
        if self.status == self.Status.STOPPED:
            return f"stopped at step {self.reached_step} of {self.step_count}"
        if self.status == self.Status.COMPLETED:
            return "completed"
        return "started, not finished"

    @classmethod
    def _for(cls, user, routine, **fields):
        return cls(
            user=user,
            routine=routine,
            routine_title=routine.title,
            step_count=len(routine.timeline()),
            **fields,
        )

    @classmethod
    def start(cls, user, routine, pain_before=None):
        session = cls._for(user, routine, started_at=timezone.now(), pain_before=pain_before)
        session.save()
        return session

    @classmethod
    def end(cls, user, routine, status, reached_step, session_id=None):
        """Close the session `session_id` if it is the user's and still open, else record
        a new one without a start (the routine was reached without pressing Start)."""
        session = (
            cls.objects.filter(
                pk=session_id, user=user, routine=routine, status=cls.Status.IN_PROGRESS
            ).first()
            if session_id
            else None
        )
        session = session or cls._for(user, routine)
        session.status = status
        session.finished_at = timezone.now()
        session.reached_step = reached_step
        session.save()
        return session


def current_streak(days, today):
    """Consecutive days of practice ending today, or yesterday if today has none yet."""
    days = set(days)
    day = today if today in days else today - datetime.timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= datetime.timedelta(days=1)
    return streak
