"""A patient and their physiotherapist: the invitation that links them, what the patient
shares and for how long, every time the clinician looked, and what the clinician
prescribes for the patient to accept into their plan or not.

Everything here is personal: never in the admin, deleted with either account.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from plans.models import ALL_WEEK, PlanRoutine, no_control_characters
from stretches.models import Exercise, Routine, Variation

CLINICIANS = "Clinicians"
INVITATION_LIFETIME = datetime.timedelta(days=7)
# Letters and digits that cannot be misread for each other when read out or typed.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
MAX_OPEN_INVITATIONS = 20
MAX_PATIENTS_SHOWN = 200


def is_clinician(user):
    """Whether `user` is in the Clinicians group (one query; none for a visitor)."""
    return user.is_authenticated and user.groups.filter(name=CLINICIANS).exists()


def clinicians_group():
    return Group.objects.get(name=CLINICIANS)


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    """What a person typed, as a code: capitals, no spaces or dashes (or "" when unusable)."""
    code = "".join(ch for ch in str(text).upper() if ch not in " -")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return ""
    return code


class Invitation(models.Model):
    """A one-time code a clinician gives a patient: it links them once, and expires."""

    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_invitations"
    )
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_code)
    created = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"Invitation from {self.clinician}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.created + INVITATION_LIFETIME
        super().save(*args, **kwargs)

    def is_open(self, now=None):
        return self.used_at is None and (now or timezone.now()) < self.expires_at

    def get_link(self):
        return reverse("clinic:link") + f"?code={self.code}"

    @property
    def spaced_code(self):
        return f"{self.code[:5]}-{self.code[5:]}"

    def use(self, now):
        """Mark the code used, once, in one conditional UPDATE: True if this call used it."""
        return bool(
            Invitation.objects.filter(pk=self.pk, used_at=None, expires_at__gt=now).update(
                used_at=now
            )
        )


class ShareQuerySet(models.QuerySet):
    def active(self, today=None):
        """Shares in force on `today`: not revoked, started, not ended."""
        today = today or timezone.localdate()
        return self.filter(revoked_at=None, starts_on__lte=today).filter(
            Q(ends_on=None) | Q(ends_on__gte=today)
        )


class Share(models.Model):
    """What a patient lets one clinician see, from a date until a date or until revoked."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_shares"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_patients"
    )
    plan_and_sessions = models.BooleanField(
        "my plan and sessions",
        default=True,
        help_text="Pain before and after, next-morning ratings, “this hurts”, rungs.",
    )
    goals = models.BooleanField("my goals", default=True)
    starts_on = models.DateField(help_text="Sessions from this day on are shared.")
    ends_on = models.DateField(null=True, blank=True, help_text="Empty: until you revoke it.")
    created = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "clinician"],
                condition=Q(revoked_at=None),
                name="one_open_share_per_clinician",
            ),
            models.CheckConstraint(
                condition=Q(ends_on=None) | Q(ends_on__gte=models.F("starts_on")),
                name="share_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.patient} shares with {self.clinician}"

    def get_absolute_url(self):
        return reverse("clinic:patient", args=[self.patient_id])

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end is before the start."})
        if not (self.plan_and_sessions or self.goals):
            raise ValidationError("Choose at least one thing to share.")

    def scopes(self):
        return [
            name
            for name, shared in (
                ("plan and sessions", self.plan_and_sessions),
                ("goals", self.goals),
            )
            if shared
        ]

    def period(self):
        """“from 3 Nov 2026 until revoked”, in words."""
        until = f"until {self.ends_on:%-d %b %Y}" if self.ends_on else "until you revoke it"
        return f"from {self.starts_on:%-d %b %Y} {until}"

    def is_active(self, today=None):
        today = today or timezone.localdate()
        return (
            self.revoked_at is None
            and self.starts_on <= today
            and (self.ends_on is None or self.ends_on >= today)
        )


class AccessLog(models.Model):
    """One clinician looking at one patient's data: who, what, when."""

    class What(models.TextChoices):
        LIST = "list", "My patients (overview)"
        PATIENT = "patient", "Your page (plan, sessions, goals)"
        GOALS = "goals", "Your goals"
        SUMMARY = "summary", "Appointment summary"
        PRESCRIBE = "prescribe", "Prescribing"

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_access_log"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    what = models.CharField(max_length=12, choices=What)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"

    def __str__(self):
        return f"{self.clinician} saw {self.get_what_display()} of {self.patient}"


class Prescription(models.Model):
    """A routine, its rhythm and rungs, and a note, from a clinician for one patient."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the patient"
        ACCEPTED = "accepted", "Accepted into the plan"
        DECLINED = "declined", "Declined"

    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prescriptions"
    )
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="+")
    weekdays = models.PositiveSmallIntegerField(
        default=0b0011111,
        validators=[
            MinValueValidator(1, "Choose at least one day."),
            MaxValueValidator(ALL_WEEK, "Choose days of the week."),
        ],
    )
    times_per_day = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    weeks = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    note = models.CharField(
        max_length=300,
        blank=True,
        validators=[no_control_characters, ProhibitNullCharactersValidator()],
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    created = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.routine} for {self.patient}"

    def rhythm(self):
        """In words, as the plan says it (“Once a day, Monday to Friday, for 6 weeks”)."""
        return PlanRoutine(
            weekdays=self.weekdays, times_per_day=self.times_per_day, weeks=self.weeks
        ).rhythm()


class PrescribedRung(models.Model):
    """Per exercise: the rung to use (None: the plain exercise) and whether it is locked."""

    prescription = models.ForeignKey(Prescription, on_delete=models.CASCADE, related_name="rungs")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    variation = models.ForeignKey(
        Variation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    locked = models.BooleanField(
        default=False, help_text="The patient stays on this rung: the ladder suggests no move."
    )

    class Meta:
        ordering = ["prescription_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["prescription", "exercise"], name="prescribed_rung_once"
            )
        ]

    def __str__(self):
        return f"{self.exercise}: {self.variation or 'plain'}"

    def clean(self):
        if self.variation and self.variation.exercise_id != self.exercise_id:
            raise ValidationError({"variation": "That is a variation of another exercise."})
