"""A person's plan: the routines they mean to do and when, the rung they are on for each
exercise, how their back answered each session, and their own goals.

Everything here is one person's: never in the admin, in their history download, and
deleted with their account (every row hangs off the user by a cascading foreign key).
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.db import models
from django.urls import reverse
from django.utils import timezone

from practice.models import PAIN_VALIDATORS, PracticeSession, Profile
from stretches.models import Exercise, Routine, Variation
from stretches.text import text_problem

from . import rules

MAX_ROUTINES = 3
MAX_GOALS = 3
RERATE_AFTER = datetime.timedelta(days=14)
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ALL_WEEK = 0b1111111
FEED_TOKEN_BYTES = 24


def weekday_bits(days):
    """A set of weekday numbers (Monday 0 … Sunday 6) as the bits PlanRoutine stores."""
    return sum(1 << int(day) for day in set(days))


def zone_for(user):
    """The time zone a person's days are counted in: theirs, or the site's."""
    return Profile.time_zone_for(user) or timezone.get_default_timezone()


def no_control_characters(value):
    """The site's one rule for typed text (`stretches.text`), as a field validator."""
    if problem := text_problem(value):
        raise ValidationError(problem)


class Plan(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan"
    )
    # The private calendar feed: an unguessable token in its URL, or None when revoked.
    feed_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    feed_time = models.TimeField(
        default=datetime.time(8, 0), help_text="When the calendar shows each planned session."
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user_id"]

    def __str__(self):
        return f"{self.user}'s plan"

    def get_absolute_url(self):
        return reverse("plans:plan")

    def renew_feed(self):
        self.feed_token = secrets.token_urlsafe(FEED_TOKEN_BYTES)
        self.save(update_fields=["feed_token"])

    def revoke_feed(self):
        self.feed_token = None
        self.save(update_fields=["feed_token"])


class PlanRoutine(models.Model):
    """One routine in a plan, and its rhythm: which weekdays, how often, for how long."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    weekdays = models.PositiveSmallIntegerField(
        default=0b0011111,
        validators=[
            MinValueValidator(1, "Choose at least one day."),
            MaxValueValidator(ALL_WEEK, "Choose days of the week."),
        ],
        help_text="Bits: Monday is 1, Tuesday 2, … Sunday 64.",
    )
    times_per_day = models.PositiveSmallIntegerField(
        default=1,
        validators=[
            MinValueValidator(1, "At least once a day."),
            MaxValueValidator(3, "At most three times a day."),
        ],
    )
    weeks = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, "At least one week."),
            MaxValueValidator(52, "At most 52 weeks; leave it empty for no end."),
        ],
        help_text="Empty: no end.",
    )
    starts_on = models.DateField()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "routine"], name="plan_routine_once")
        ]

    def __str__(self):
        return f"{self.plan}: {self.routine}"

    def weekday_numbers(self):
        return [day for day in range(7) if self.weekdays & (1 << day)]

    @property
    def ends_on(self):
        """The last day of the plan for this routine, or None when it has no end."""
        if self.weeks is None:
            return None
        return self.starts_on + datetime.timedelta(weeks=self.weeks, days=-1)

    def times_on(self, day):
        """How many times this routine is planned on `day`."""
        if day < self.starts_on or (self.ends_on and day > self.ends_on):
            return 0
        return self.times_per_day if self.weekdays & (1 << day.weekday()) else 0

    def rhythm(self):
        """“Once a day, Monday to Friday, for 6 weeks”, in words."""
        times = {1: "Once a day", 2: "Twice a day", 3: "Three times a day"}[self.times_per_day]
        days = self.weekday_numbers()
        if len(days) == 7:
            when = "every day"
        elif days == [0, 1, 2, 3, 4]:
            when = "Monday to Friday"
        else:
            when = ", ".join(WEEKDAY_NAMES[d] for d in days)
        length = "with no end" if self.weeks is None else f"for {self.weeks} weeks"
        return f"{times}, {when}, {length}"


class Rung(models.Model):
    """The rung a person is on for an exercise: a variation, or None for the plain one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rungs"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    variation = models.ForeignKey(
        Variation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    since = models.DateTimeField(default=timezone.now)
    # Set by a physiotherapist's prescription: the ladder suggests no move from this rung.
    locked = models.BooleanField(default=False)

    class Meta:
        ordering = ["user_id", "exercise_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="rung_once_per_exercise")
        ]

    def __str__(self):
        return f"{self.user}: {self.exercise} on rung {self.ladder}"

    @property
    def ladder(self):
        return self.variation.ladder if self.variation else 0

    def clean(self):
        if self.variation and self.variation.exercise_id != self.exercise_id:
            raise ValidationError({"variation": "That is a variation of another exercise."})


class LadderAnswer(models.Model):
    """A suggestion the person accepted or declined, with the last session behind it, so
    a declined suggestion is not asked again until a newer session says something new."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ladder_answers"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    direction = models.CharField(
        max_length=6, choices=[(d.value, d.value) for d in rules.Direction]
    )
    accepted = models.BooleanField()
    last_session_id = models.BigIntegerField(null=True, blank=True)
    from_ladder = models.SmallIntegerField(default=0)
    to_ladder = models.SmallIntegerField(default=0)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        verb = "accepted" if self.accepted else "declined"
        return f"{self.user} {verb} {self.direction} for {self.exercise}"


class SessionFollowUp(models.Model):
    """What came after a session: the next morning's pain, and whether the red-session
    note was shown."""

    session = models.OneToOneField(
        PracticeSession, on_delete=models.CASCADE, primary_key=True, related_name="follow_up"
    )
    morning_pain = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=PAIN_VALIDATORS
    )
    morning_answered_at = models.DateTimeField(null=True, blank=True)
    red_note_shown_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-session_id"]
        verbose_name = "session follow-up"

    def __str__(self):
        return f"Follow-up of {self.session_id}"


def outcome(session):
    """The session as the rule reads it (its follow-up loaded, or none)."""
    follow_up = getattr(session, "follow_up", None) if has_follow_up(session) else None
    return rules.Outcome(
        when=session.finished_at or session.started_at or session.created,
        pain_before=session.pain_before,
        pain_after=session.pain_after,
        stopped=session.status == PracticeSession.Status.STOPPED,
        morning=follow_up.morning_pain if follow_up else None,
        session_id=session.pk,
    )


def has_follow_up(session):
    """Whether the session's follow-up row exists (loaded by select_related, no query)."""
    try:
        session.follow_up  # noqa: B018  (a loaded or missing reverse one-to-one)
    except SessionFollowUp.DoesNotExist:
        return False
    return True


class Goal(models.Model):
    """Something hard to do because of the back, in the person's own words (PSFS)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    activity = models.CharField(
        max_length=80, validators=[no_control_characters, ProhibitNullCharactersValidator()]
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return self.activity

    @property
    def latest_rating(self):
        """The newest rating (from the prefetched ratings), or None."""
        ratings = list(self.ratings.all())
        return ratings[-1] if ratings else None


SCORE_MESSAGE = "Choose a number from 0 (cannot do it) to 10 (as well as before)."


class GoalRating(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0, SCORE_MESSAGE), MaxValueValidator(10, SCORE_MESSAGE)]
    )
    rated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["rated_at", "pk"]

    def __str__(self):
        return f"{self.goal}: {self.score}/10"
