"""What a signed-in person keeps: favourite routines and a log of practice sessions."""

import datetime
import functools
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from stretches.models import Routine

PAIN_MESSAGE = "Choose a number from 0 (no pain) to 10 (worst pain)."
PAIN_VALIDATORS = [MinValueValidator(0, PAIN_MESSAGE), MaxValueValidator(10, PAIN_MESSAGE)]

# A second tap of Start (or of Finish without Start) within this time is the same session.
SAME_SESSION_WINDOW = datetime.timedelta(minutes=2)


@functools.cache
def time_zone_names():
    """The IANA time zones this server knows, sorted (for the account page's select)."""
    return sorted(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in time_zone_names():
        raise ValidationError("Choose a time zone from the list, such as Europe/London.")


def _lock_user(user):
    """Serialise one person's session writes (a row lock on PostgreSQL; SQLite has one writer)."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk").first()


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


class PracticeSessionQuerySet(models.QuerySet):
    def with_day(self, zone):
        """Annotate `day`: the calendar day in `zone` the session belongs to (as `.day`)."""
        moment = Coalesce("started_at", "finished_at", "created")
        return self.annotate(local_day=TruncDate(moment, tzinfo=zone))

    def practised_days(self, since, zone):
        """The distinct days in `zone` from `since` on with a completed or stopped session."""
        # `created` is within a day of the session's moment, and it is indexed.
        earliest = datetime.datetime.combine(since, datetime.time(), zone) - datetime.timedelta(
            days=1
        )
        days = (
            self.exclude(status=PracticeSession.Status.IN_PROGRESS)
            .filter(created__gte=earliest)
            .with_day(zone)
            .values_list("local_day", flat=True)
            .distinct()
        )
        return {day for day in days if day >= since}

    def streak(self, today, zone):
        """The current streak (see current_streak), read in windows of recent days only."""
        window = 32
        while True:
            streak = current_streak(
                self.practised_days(today - datetime.timedelta(window), zone), today
            )
            if streak < window - 1:
                return streak
            window *= 8

    def rated(self):
        return self.filter(models.Q(pain_before__isnull=False) | models.Q(pain_after__isnull=False))


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
    routine_version = models.CharField(
        max_length=32,
        blank=True,
        help_text="The version of the routine finished (Routine.version), when it was known.",
    )
    pain_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=PAIN_VALIDATORS
    )
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN_VALIDATORS)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    objects = PracticeSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "practice session"

    def __str__(self):
        return f"{self.user}: {self.routine_title} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("practice:session-detail", args=[self.pk])

    @property
    def day(self):
        """The calendar day the session belongs to, in the active (the person's) time zone."""
        return self.day_in(timezone.get_current_timezone())

    def day_in(self, zone):
        return timezone.localdate(self.started_at or self.finished_at or self.created, zone)

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
    def start(cls, user, routine, pain_before=None, at=None):
        """Open a session, or return the one this person opened on `routine` moments ago
        (a double tap, or Start in two tabs), so a second tap never leaves one open forever.
        `at`: when Start was pressed, for a press kept on the device and sent later."""
        now = at or timezone.now()
        with transaction.atomic():
            _lock_user(user)
            session = (
                cls.objects.filter(
                    user=user,
                    routine=routine,
                    status=cls.Status.IN_PROGRESS,
                    # Around `now`, which may be a moment past (a press sent late).
                    started_at__range=(now - SAME_SESSION_WINDOW, now + SAME_SESSION_WINDOW),
                )
                .order_by("-started_at")
                .first()
            )
            if session is None:
                session = cls._for(user, routine, started_at=now, pain_before=pain_before)
                session.save()
            elif pain_before is not None and session.pain_before != pain_before:
                session.pain_before = pain_before  # the latest tap's rating wins
                session.save(update_fields=["pain_before"])
        return session

    def arrived_late(self, pain_before=None, at=None):
        """A Start that arrived after the Finish or Stop that named it: it fills in what
        only it knew, the rating before and when it began, and changes nothing else."""
        changed = []
        if self.started_at is None and at is not None:
            self.started_at = min(at, self.finished_at) if self.finished_at else at
            changed.append("started_at")
        if self.pain_before is None and pain_before is not None:
            self.pain_before = pain_before
            changed.append("pain_before")
        if changed:
            self.save(update_fields=changed)

    def close(self, status, reached_step, routine_version="", at=None):
        """Close this session if it is still open, in one conditional UPDATE, so a double
        tap or two racing requests close it once. True if this call closed it. `at`: when
        the press was made (never before the start), for one kept on the device."""
        finished_at = at or timezone.now()
        if self.started_at and finished_at < self.started_at:
            finished_at = self.started_at
        closed = (
            type(self)
            .objects.filter(pk=self.pk, user_id=self.user_id, status=self.Status.IN_PROGRESS)
            .update(
                status=status,
                finished_at=finished_at,
                reached_step=reached_step,
                routine_version=routine_version,
            )
        )
        self.refresh_from_db()
        return bool(closed)

    @classmethod
    def record_without_start(cls, user, routine, status, reached_step, routine_version="", at=None):
        """Record a session reached without Start (its end only), once for a double tap.
        `at`: when the press was made, for one kept on the device.

        Returns (session, created)."""
        now = at or timezone.now()
        with transaction.atomic():
            _lock_user(user)
            session = cls.objects.filter(
                user=user,
                routine=routine,
                started_at=None,
                status=status,
                reached_step=reached_step,
                finished_at__range=(now - SAME_SESSION_WINDOW, now + SAME_SESSION_WINDOW),
            ).first()
            if session is not None:
                return session, False
            session = cls._for(
                user,
                routine,
                status=status,
                finished_at=now,
                reached_step=reached_step,
                routine_version=routine_version,
            )
            session.save()
        return session, True


class Profile(models.Model):
    """What practice needs to know about a person: the time zone their days are counted in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_profile"
    )
    time_zone = models.CharField(
        max_length=64,
        validators=[validate_time_zone],
        help_text="An IANA time zone name, such as Europe/London.",
    )

    class Meta:
        ordering = ["user_id"]
        verbose_name = "practice profile"

    def __str__(self):
        return f"{self.user}: {self.time_zone}"

    @classmethod
    def time_zone_for(cls, user):
        """The person's time zone, or None when they have not set one (one query)."""
        name = cls.objects.filter(user=user).values_list("time_zone", flat=True).first()
        return zoneinfo.ZoneInfo(name) if name in time_zone_names() else None


def current_streak(days, today):
    """Consecutive days of practice ending today, or yesterday if today has none yet."""
    days = set(days)
    day = today if today in days else today - datetime.timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= datetime.timedelta(days=1)
    return streak


class Receipt(models.Model):
    """A press recorded once: Start, Finish, Stop or a pain rating sent with the key
    the device made when the person pressed. A retry with the same key (a queue sent twice,
    a reload in between, a lost answer) finds this row and changes nothing."""

    class Action(models.TextChoices):
        START = "start", "Start"
        FINISH = "finish", "Finish"
        STOP = "stop", "Stop"
        PAIN = "pain", "Pain rating"

    key = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="receipts"
    )
    action = models.CharField(max_length=8, choices=Action)
    session = models.ForeignKey(
        PracticeSession, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created"]
        verbose_name = "receipt"

    def __str__(self):
        return f"{self.user}: {self.get_action_display()} {self.key}"

    @classmethod
    def session_of(cls, user, key, action, routine):
        """The session the press `action` made with `key` recorded on `routine`, or None (no
        such press arrived, or it is someone else's or another routine's). Presses kept on
        the device name their session this way when its id was not known as they were made:
        a Finish or Stop names the Start kept offline, a rating names the Finish."""
        if key is None:
            return None
        found = (
            cls.objects.filter(key=key, user=user, action=action).select_related("session").first()
        )
        if found is None or found.session is None or found.session.routine_id != routine.pk:
            return None
        return found.session

    @classmethod
    def expect(cls, user, key, action, session):
        """Record now that a press `action` with `key`, not arrived yet, belongs to
        `session`: a Finish that names a Start still on its way closes the session it
        records, and the Start, when it arrives, finds that session (`once`) instead of
        opening a second one. A key that is already someone else's is left alone."""
        if key is None:
            return
        cls.objects.get_or_create(
            key=key, defaults={"user": user, "action": action, "session": session}
        )

    @classmethod
    def once(cls, user, key, action, act):
        """Run `act()` (which returns the session it recorded) once for `key`.

        Returns (session, True) the first time; (the first time's session, False) for every
        retry. The person's row lock makes a retry racing the first wait for it to commit
        (PostgreSQL), as SQLite's single writer does; the unique key is the backstop. A key
        that is someone else's is a LookupError. Without a key, `act()` simply runs."""
        if key is None:
            return act(), True
        with transaction.atomic():
            _lock_user(user)
            found = cls.objects.filter(key=key).select_related("session").first()
            if found is not None:
                if found.user_id != user.pk:
                    raise LookupError("That key is not yours.")
                return found.session, False
            session = act()
            cls.objects.create(key=key, user=user, action=action, session=session)
        return session, True
