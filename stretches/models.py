"""Exercises, their variations, and routines made of ordered steps.

A routine's steps are what an editor types; `Routine.timeline()` expands them
(rounds, cycles, both sides) into the timed moves the player steps through.
"""

import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, prefetch_related_objects
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.http import int_to_base36
from django.utils.text import slugify

from pictures.drawings import drawing_choices

from . import cautions, timeline
from .text import clean_text

MIN_HOLD_SECONDS = 1
MAX_HOLD_SECONDS = 600

# En and em dashes, the minus sign and friends: a word break, as a hyphen is.
DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def slug_for(text):
    """The slug for a name or title, keeping dashes as word breaks ("Cat–cow" → "cat-cow")."""
    return slugify(DASHES.sub("-", text))


def check_slug_keeps_word_breaks(slug, text):
    """A slug that glued two words at a dash ("catcow" for "Cat–cow") is refused."""
    if DASHES.search(text or "") and slug == slugify(text) and slug != slug_for(text):
        raise ValidationError({"slug": f"Keep the word break at the dash: use “{slug_for(text)}”."})


class Difficulty(models.IntegerChoices):
    GENTLE = 1, "Gentle"
    MODERATE = 2, "Moderate"
    CHALLENGING = 3, "Challenging"


class Equipment(models.TextChoices):
    NONE = "none", "No equipment"
    MAT = "mat", "Mat"
    FOAM_ROLLER = "foam_roller", "Foam roller"
    LIGHT_WEIGHT = "light_weight", "Light weight"
    STRAP = "strap", "Strap, belt or towel"


class Side(models.TextChoices):
    NONE = "none", "No side"
    LEFT = "left", "Left"
    RIGHT = "right", "Right"
    BOTH = "both", "Both sides (left, then right)"


def _scheme(url):
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return ""


class Credited(models.Model):
    """A picture and a video link, each carrying its credit wherever it is shown."""

    picture = models.ImageField(upload_to="pictures/", blank=True)
    picture_alt = models.CharField(
        "picture description",
        max_length=200,
        blank=True,
        help_text="What the picture shows, for people who cannot see it.",
    )
    picture_author = models.CharField(max_length=120, blank=True)
    picture_source_url = models.URLField("picture source", blank=True)
    picture_licence = models.CharField(max_length=120, blank=True)
    video_url = models.URLField("video link", blank=True)
    video_title = models.CharField(max_length=200, blank=True)
    video_author = models.CharField(max_length=120, blank=True)
    video_licence = models.CharField(max_length=120, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        clean_text(self)
        errors = {}
        # URLField alone accepts ftp: and, saved outside a form, anything at all.
        for field in ("picture_source_url", "video_url"):
            url = getattr(self, field).strip()
            if url and _scheme(url) not in {"http", "https"}:
                errors[field] = "Give a link starting with https:// (or http://)."
        if self.picture:
            if not self.picture_alt:
                errors["picture_alt"] = "Describe the picture for people who cannot see it."
            if not self.picture_author:
                errors["picture_author"] = "Credit the picture's author."
            if not self.picture_licence:
                errors["picture_licence"] = "Give the picture's licence."
        if self.video_url:
            if not self.video_author:
                errors["video_author"] = "Credit the video's author."
            if not self.video_licence:
                errors["video_licence"] = "Give the video's licence."
        if errors:
            raise ValidationError(errors)


def validate_side_words(value):
    if value and "{side}" not in value:
        raise ValidationError(
            "Put {side} where the side goes, e.g. “let your knees fall to your {side}”."
        )
    if any(ord(c) < 32 for c in value):
        raise ValidationError("Use plain text on one line.")


class Exercise(Credited):
    class Kind(models.TextChoices):
        YOGA = "yoga", "Yoga pose"
        STRETCH = "stretch", "Stretch"
        FOAM_ROLLING = "foam_rolling", "Foam rolling"
        MOBILITY = "mobility", "Mobility"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.STRETCH)
    summary = models.CharField(max_length=300, help_text="One or two sentences.")
    instructions = models.TextField(help_text="One step per line.")
    why_it_helps = models.TextField(blank=True)
    target_areas = models.CharField(
        max_length=200, blank=True, help_text="Comma-separated, e.g. “lower back, hips”."
    )
    equipment = models.CharField(max_length=20, choices=Equipment, default=Equipment.NONE)
    difficulty = models.PositiveSmallIntegerField(choices=Difficulty, default=Difficulty.GENTLE)
    safety_notes = models.TextField(
        blank=True, help_text="Shown with the pose before and during the hold."
    )
    avoid_if = models.TextField(
        "when not to do it", blank=True, help_text="Conditions under which to skip this exercise."
    )
    side_words = models.CharField(
        "what a side means",
        max_length=120,
        blank=True,
        validators=[validate_side_words],
        help_text="For an exercise done on one side at a time: what “left side” means, with "
        "{side} where left or right goes, e.g. “let your knees fall to your {side}”. "
        "The player says it on every sided step: “Left side: let your knees fall to your "
        "left”.",
    )
    drawing = models.CharField(
        max_length=80,
        blank=True,
        choices=drawing_choices,
        help_text="The drawn picture of this pose, chosen from the drawings that exist. It "
        "shows the left side; a right-side move shows it mirrored. An uploaded picture "
        "(below) replaces it.",
    )
    beyond_article = models.BooleanField(
        "beyond the article",
        default=False,
        help_text="Our own addition, not from the source article (e.g. the gentle basics "
        "a physiotherapist would expect).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stretches:exercise-detail", args=[self.slug])

    def clean(self):
        super().clean()
        check_slug_keeps_word_breaks(self.slug, self.name)
        errors = {}
        if not self.safety_notes.strip():
            errors["safety_notes"] = "Write the safety notes shown with this pose during the hold."
        if not self.avoid_if.strip():
            errors["avoid_if"] = (
                "Say when not to do it (and add a rule per condition below, which the player "
                "acts on)."
            )
        if errors:
            raise ValidationError(errors)
        if (
            self.name
            and Exercise.objects.filter(name__iexact=self.name).exclude(pk=self.pk).exists()
        ):
            raise ValidationError(
                {"name": f"An exercise called “{self.name}” already exists (names ignore case)."}
            )

    def instruction_lines(self):
        return [line.strip() for line in self.instructions.splitlines() if line.strip()]

    def words_for_side(self, side):
        """What doing it on `side` ("left" or "right") means, in words; "" when not set."""
        if side not in (Side.LEFT, Side.RIGHT) or not self.side_words:
            return ""
        return self.side_words.replace("{side}", str(side))

    def target_area_list(self):
        return [area.strip() for area in self.target_areas.split(",") if area.strip()]

    def easier_variation(self, than=None):
        """The next easier rung below `than` (a Variation, or None for the plain exercise).

        Uses the prefetched variations when they are there, so the player does not query.
        """
        level = than.ladder if than else 0
        easier = [v for v in self.variations.all() if v.ladder < level]
        return max(easier, key=lambda v: v.ladder, default=None)


class Variation(models.Model):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="variations")
    name = models.CharField(max_length=120)
    changes = models.TextField("what changes")
    ladder = models.SmallIntegerField(
        "easier ↔ harder",
        help_text="Negative numbers are easier than the plain exercise (which is 0), "
        "positive numbers harder. −1 is the first easier rung.",
    )
    equipment = models.CharField(
        max_length=20,
        choices=Equipment,
        blank=True,
        help_text="Leave blank when it needs the same as the exercise.",
    )
    instructions = models.TextField(
        "how to do it",
        blank=True,
        help_text="One step per line, when this variation is a different position from the "
        "exercise (the player then leads with these). Leave blank when “what changes” says it.",
    )
    safety_note = models.TextField(blank=True)
    drawing = models.CharField(
        max_length=80,
        blank=True,
        choices=drawing_choices,
        help_text="Its own drawing, when its position differs from the exercise's. Leave "
        "blank when it looks like the plain exercise: the exercise's drawing is shown.",
    )
    show_in_person_first = models.BooleanField(
        "best shown in person first",
        default=False,
        help_text="A professional should demonstrate this variation before it is tried alone.",
    )

    class Meta:
        ordering = ["exercise", "ladder"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "ladder"], name="variation_unique_rung_per_exercise"
            ),
            models.UniqueConstraint(
                fields=["exercise", "name"], name="variation_unique_name_per_exercise"
            ),
            models.UniqueConstraint(
                "exercise",
                Lower("name"),
                name="variation_unique_name_per_exercise_any_case",
                violation_error_message="This exercise already has a variation of that name "
                "(names ignore case).",
            ),
            models.CheckConstraint(
                condition=~models.Q(ladder=0),
                name="variation_ladder_not_zero",
                violation_error_message="Rung 0 is the plain exercise; choose another number.",
            ),
        ]

    def __str__(self):
        return f"{self.exercise.name}: {self.name}"

    @property
    def direction(self):
        """Which way it goes from the plain exercise, in words: "easier" or "harder"."""
        return "easier" if self.ladder < 0 else "harder"

    @property
    def is_easier(self):
        return self.ladder < 0

    def clean(self):
        super().clean()
        clean_text(self)
        errors = {}
        if not self.safety_note.strip():
            errors["safety_note"] = "Write the safety note shown with this variation."
        if (
            self.name
            and self.exercise_id
            and Variation.objects.filter(exercise_id=self.exercise_id, name__iexact=self.name)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["name"] = (
                f"This exercise already has a variation called “{self.name}” (names ignore case)."
            )
        if errors:
            raise ValidationError(errors)

    def needed_equipment(self):
        return self.equipment or self.exercise.equipment

    def instruction_lines(self):
        return [line.strip() for line in self.instructions.splitlines() if line.strip()]


SHARE_TOKEN_BYTES = 24  # secrets.token_urlsafe(24): 32 characters, 192 random bits
SHARE_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def valid_share_token(text):
    """True when `text` looks like a share token (checked before it reaches a query)."""
    return isinstance(text, str) and SHARE_TOKEN.fullmatch(text) is not None


class RoutineQuerySet(models.QuerySet):
    """Who may see a routine, and what counts as playable: the one place these rules live."""

    def library(self):
        """The site's own routines, kept by editors (not anyone's own)."""
        return self.filter(owner=None)

    def published(self):
        """Library routines anyone may see."""
        return self.library().filter(is_published=True)

    def visible_to(self, user, share_token=None):
        """What `user` may see: published library routines, drafts too for staff, their
        own routines (nobody else's, staff included), and the routine `share_token` opens
        (a shared link works for anyone holding it, signed in or not)."""
        allowed = Q(owner=None) if user.is_staff else Q(owner=None, is_published=True)
        if user.is_authenticated:
            allowed |= Q(owner=user)
        if share_token and valid_share_token(share_token):
            allowed |= Q(share_token=share_token)
        return self.filter(allowed)

    def playable(self):
        """Routines with at least one step: an empty one has nothing to play."""
        return self.filter(Exists(RoutineStep.objects.filter(routine=OuterRef("pk"))))

    def with_steps(self):
        """Everything the timeline and the player need, in a fixed number of queries."""
        return self.prefetch_related(*_step_prefetches())

    def with_step_timings(self):
        """Only the step fields the timeline needs, for the player's hot path.

        Exercises are not loaded: for pages that only count and time the steps.
        """
        return self.prefetch_related(
            Prefetch(
                "steps",
                queryset=RoutineStep.objects.only(*TIMING_FIELDS).order_by("order", "pk"),
            )
        )


def _step_prefetches():
    return [
        Prefetch(
            "steps",
            # variation__exercise: a variation's name and equipment read its exercise.
            queryset=RoutineStep.objects.select_related("exercise", "variation__exercise").order_by(
                "order", "pk"
            ),
        ),
        "steps__exercise__variations",
    ]


def load_steps(routines):
    """What `with_steps()` loads, for routines fetched by several queries: in two queries
    for all of them together."""
    prefetch_related_objects(routines, *_step_prefetches())
    return routines


class Routine(models.Model):
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    level = models.PositiveSmallIntegerField(choices=Difficulty, default=Difficulty.GENTLE)
    is_published = models.BooleanField(
        "published", default=False, help_text="Drafts are only visible in the admin."
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_routines",
        help_text="Set for a person's own routine, private to them; empty for the library.",
    )
    share_token = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="The unguessable part of a shared, read-only link; empty when not shared.",
    )
    shared_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When its owner last shared it."
    )
    promoted_from = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="promoted_copy",
        help_text="The shared routine this library draft was promoted from.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["level", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stretches:routine-detail", args=[self.slug])

    @property
    def is_public(self):
        """A published library routine: the same for everyone, so it may be cached."""
        return self.is_published and self.owner_id is None

    def is_visible_to(self, user, share_token=None):
        """The same rule as `RoutineQuerySet.visible_to`, for a routine already loaded."""
        if self._opened_by(share_token):
            return True
        if self.owner_id is not None:
            return user.is_authenticated and self.owner_id == user.pk
        return self.is_published or user.is_staff

    def _opened_by(self, share_token):
        """True when `share_token` is this routine's (compared in constant time)."""
        if not (share_token and self.share_token and valid_share_token(share_token)):
            return False
        return secrets.compare_digest(share_token.encode(), self.share_token.encode())

    def share(self):
        """Make a read-only link for this routine (the same one if it is already shared)."""
        if not self.share_token:
            self.share_token = secrets.token_urlsafe(SHARE_TOKEN_BYTES)
            self.shared_at = timezone.now()
            # Not `updated`: sharing changes no step, so nobody mid-routine is interrupted.
            self.save(update_fields=["share_token", "shared_at"])
        return self.share_token

    def unshare(self):
        """Revoke the shared link: every copy of it 404s from now on."""
        if self.share_token:
            self.share_token = None
            self.shared_at = None
            self.save(update_fields=["share_token", "shared_at"])

    def get_share_url(self):
        """The shared link's path, or None when the routine is not shared."""
        if not self.share_token:
            return None
        return reverse("stretches:routine-shared", args=[self.share_token])

    def clean(self):
        super().clean()
        clean_text(self)
        check_slug_keeps_word_breaks(self.slug, self.title)

    def save_under_free_slug(self, attempts=5):
        """Save this new routine under a slug made from its title that no routine has.

        Someone's own routine gets a random suffix (`own_routine_slug`), so its slug says
        nothing about other people's titles. Two copies at once may pick the same free
        slug; the second insert then fails, and it tries the next one.
        """
        for attempt in range(attempts):
            if self.owner_id is None:
                self.slug = unique_routine_slug(self.title)
            else:
                self.slug = own_routine_slug(self.title)
            try:
                with transaction.atomic():
                    self.save(force_insert=True)
                return
            except IntegrityError:
                if attempt == attempts - 1 or not Routine.objects.filter(slug=self.slug).exists():
                    raise

    def copy(self, owner, title):
        """A draft copy of this routine and its steps, owned by `owner` (None: the library).

        Steps keep their order; the copy is never shared and never published. Raises
        ValidationError when the steps break a rule (a routine saved before the limits).
        """
        problems = timeline.validate_routine_steps(self.steps.all(), published=False)
        if problems:
            raise ValidationError([problem.message for problem in problems])
        routine = Routine(
            title=title,
            description=self.description,
            level=self.level,
            owner=owner,
            is_published=False,
        )
        routine.save_under_free_slug()
        RoutineStep.objects.bulk_create(
            RoutineStep(
                routine=routine,
                **{field: getattr(step, field) for field in TIMING_FIELDS if field != "routine_id"},
            )
            for step in self.steps.all()
        )
        return routine

    def promote(self):
        """Copy this shared routine into the library, once: `(draft, created)`.

        The draft has a fresh title and slug and an empty description (the owner's words
        may be personal; the editor writes the library's), and remembers where it came
        from. A second promotion returns the first draft with `created` False.
        """
        existing = Routine.objects.filter(promoted_from=self).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                draft = self.copy(owner=None, title=f"Offered routine {self.pk}")
                draft.description = ""
                draft.promoted_from = self
                draft.save(update_fields=["description", "promoted_from"])
        except IntegrityError:
            # Promoted at the same moment by someone else: theirs is the one.
            existing = Routine.objects.filter(promoted_from=self).first()
            if existing is None:
                raise
            return existing, False
        return draft, True

    @property
    def version(self):
        """A short token that changes whenever the routine or any of its steps changes.

        The one definition of a routine's version: the player carries it in its links to
        notice an edit made mid-routine, and caches key on it. Saving or deleting a step
        moves `updated` on (stretches/signals.py), so the steps are covered too.
        """
        if self.updated is None:
            return ""
        return int_to_base36(int(self.updated.timestamp() * 1_000_000))

    def timeline(self):
        """The timed moves of this routine (cached on the instance)."""
        if not hasattr(self, "_timeline"):
            self._timeline = timeline.expand(self.steps.all())
        return self._timeline

    @property
    def total_seconds(self):
        return timeline.total_seconds(self.timeline())

    def facts(self, moves=None, adjustment=cautions.NOTHING):
        """Counts, times and equipment for a card or a page, exercises and moves apart; for
        `moves` as `adjustment` made them (the routine adjusted for someone) when given."""
        moves = self.timeline() if moves is None else moves
        needed = set()
        for move in moves:
            variation = adjustment.for_step(move.step).variation
            needed.add(variation.needed_equipment() if variation else move.exercise.equipment)
        return {
            "exercises": len({move.step.exercise_id for move in moves}),
            "moves": len(moves),
            "seconds": timeline.total_seconds(moves),
            "with_get_ready": timeline.total_with_lead_ins(moves),
            "equipment": [e for e in Equipment if e != Equipment.NONE and e.value in needed],
        }

    def caution_rules(self):
        """The caution rules of this routine's exercises and their variations (one query,
        then kept on the instance; `stretches.caching.load_routine` loads them up front)."""
        if not hasattr(self, "_caution_rules"):
            exercise_ids = {step.exercise_id for step in self.steps.all()}
            self._caution_rules = list(
                CautionRule.objects.filter(exercise_id__in=exercise_ids).select_related(
                    "condition", "instead"
                )
            )
        return self._caution_rules

    def adjusted(self, applying=()):
        """This routine for a person to whom the conditions `applying` (ids) apply:
        (a `cautions.Adjustment`, the moves they play). With none, the plain timeline."""
        applying = frozenset(applying or ())
        if not applying:
            return cautions.NOTHING, self.timeline()
        adjusted = self.__dict__.setdefault("_adjusted", {})
        if applying not in adjusted:
            adjustment = cautions.adjustment(self.caution_rules(), applying)
            steps = self.steps.all()
            moves = timeline.expand(steps, skip=adjustment.skipped_steps(steps))
            adjusted[applying] = (adjustment, moves)
        return adjusted[applying]

    def step_groups(self):
        """The steps with each cycle (or repeated step) as one group, for listing."""
        return timeline.groups(self.steps.all())

    def exercises(self):
        """Distinct exercises in the order they first appear."""
        seen = {}
        for step in self.steps.all():
            seen.setdefault(step.exercise_id, step.exercise)
        return list(seen.values())

    def cautions(self):
        """What to read before starting: each exercise once, in the order it first appears,
        with the variations the routine uses of it, as (exercise, [variation, ...]) pairs.

        Reads only the prefetched steps (`with_steps()`), so it adds no queries.
        """
        cautions = {}
        for step in self.steps.all():
            exercise, variation = step.exercise, step.variation
            variations = cautions.setdefault(exercise.pk, (exercise, []))[1]
            if variation and variation not in variations:
                variations.append(variation)
        return list(cautions.values())

    def equipment_needed(self):
        needed = {step.needed_equipment() for step in self.steps.all()}
        needed.discard(Equipment.NONE)
        return [Equipment(value) for value in Equipment.values if value in needed]


class OfferedRoutine(Routine):
    """A person's shared routine, as editors see it: offered to the library, read-only."""

    class Meta:
        proxy = True
        verbose_name = "routine offered to the library"
        verbose_name_plural = "routines offered to the library"


class RoutineVersion(models.Model):
    """What a routine was at one of its versions, move by move, as the player plays it.

    Kept (the last `KEEP` per routine) from just before each edit (stretches/signals.py),
    so someone still playing the version before can be told what was added ahead of where
    they are, and the finish page and their history describe the version they did.
    """

    KEEP = 10

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(max_length=32)
    # [{"key": "57.1.left", "name": "Knee hug — One knee", "exercise": 12,
    #   "exercise_name": "Knee hug", "side": "left", "hold": 30, "rest": 5}, …]
    moves = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["routine", "version"], name="routine_version_once")
        ]

    def __str__(self):
        return f"{self.routine_id} at {self.version}"

    @classmethod
    def keep(cls, routine_pk):
        """Remember the routine as it is in the database now, once per version."""
        routine = Routine.objects.filter(pk=routine_pk).with_steps().first()
        if routine is None or not routine.version:
            return None
        moves = [
            {
                "key": move.key,
                "name": move.name,
                "exercise": move.step.exercise_id,
                "exercise_name": move.exercise.name,
                "side": move.side,
                "hold": move.hold_seconds,
                "rest": move.rest_seconds,
            }
            for move in routine.timeline()
        ]
        kept, created = cls.objects.get_or_create(
            routine=routine, version=routine.version, defaults={"moves": moves}
        )
        if created:
            old = cls.objects.filter(routine=routine).values_list("pk", flat=True)[cls.KEEP :]
            cls.objects.filter(pk__in=list(old)).delete()
        return kept

    @classmethod
    def find(cls, routine, version):
        """The kept moves of `routine` at `version`, or None when it was not kept."""
        if not version:
            return None
        return cls.objects.filter(routine=routine, version=version[:32]).first()

    @property
    def total_seconds(self):
        return sum(move["hold"] + move["rest"] for move in self.moves)

    def exercise_names(self):
        """Each exercise once, in the order it first came."""
        return list(dict.fromkeys(move["exercise_name"] for move in self.moves))


def unique_routine_slug(title):
    """A slug for `title` that no routine uses yet ("my-stretch", then "my-stretch-2", …)."""
    base = (slug_for(title) or "routine")[:100]
    taken = set(Routine.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def own_routine_slug(title):
    """A slug for someone's own routine: its title and a random suffix ("my-stretch-3f9a1c"),
    chosen without looking at anyone else's routines (a taken one is retried on save)."""
    return f"{(slug_for(title) or 'routine')[:100]}-{secrets.token_hex(3)}"


# A step's own settings, written once: the admin's and the builder's step forms, the
# transfer format and TIMING_FIELDS use this list.
STEP_SETTINGS = ["hold_seconds", "side", "rounds", "cycle_steps", "rest_seconds", "cue"]

TIMING_FIELDS = ["routine_id", "order", "exercise_id", "variation_id", *STEP_SETTINGS]


class RoutineStep(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveIntegerField(default=0, db_index=True)
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="steps")
    variation = models.ForeignKey(
        Variation, on_delete=models.PROTECT, null=True, blank=True, related_name="steps"
    )
    hold_seconds = models.PositiveIntegerField(
        validators=[
            MinValueValidator(MIN_HOLD_SECONDS, "Hold for at least 1 second."),
            MaxValueValidator(MAX_HOLD_SECONDS, "Hold for at most 600 seconds (10 minutes)."),
        ]
    )
    side = models.CharField(max_length=5, choices=Side, default=Side.NONE)
    rounds = models.PositiveSmallIntegerField(
        default=1,
        validators=[
            MinValueValidator(1, "Do it at least once: rounds must be 1 or more."),
            MaxValueValidator(timeline.MAX_ROUNDS, f"At most {timeline.MAX_ROUNDS} rounds."),
        ],
        help_text="How many times to do this step — or the whole cycle, if it starts one.",
    )
    cycle_steps = models.PositiveSmallIntegerField(
        "cycle of",
        default=1,
        validators=[
            MinValueValidator(1, "A cycle has at least this one step."),
            MaxValueValidator(
                timeline.MAX_STEPS, f"A cycle has at most {timeline.MAX_STEPS} steps."
            ),
        ],
        help_text="How many steps, starting with this one, are repeated together "
        "“rounds” times. 1 means just this step.",
    )
    rest_seconds = models.PositiveIntegerField(
        "rest after",
        default=0,
        validators=[MaxValueValidator(MAX_HOLD_SECONDS, "Rest for at most 600 seconds.")],
    )
    cue = models.CharField(
        max_length=200, blank=True, help_text="A short prompt, e.g. “let both knees fall left”."
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "step"

    def __str__(self):
        return f"{self.routine}: {self.exercise} ({self.hold_seconds} s)"

    def clean(self):
        super().clean()
        clean_text(self)
        if (
            self.variation_id
            and self.exercise_id
            and self.variation.exercise_id != self.exercise_id
        ):
            raise ValidationError(
                {
                    "variation": f"“{self.variation.name}” is a variation of "
                    f"{self.variation.exercise.name}, not of {self.exercise.name}."
                }
            )

    def needed_equipment(self):
        return self.variation.needed_equipment() if self.variation else self.exercise.equipment

    @property
    def side_words(self):
        """What this step's one side means, in words, or "" (none, both, or not set)."""
        return self.exercise.words_for_side(self.side)

    def safety_notes(self, variation=None):
        """The notes to show with this step: the exercise's, then the variation's.

        `variation` replaces the step's own, when the person chose an easier one.
        """
        variation = variation or self.variation
        notes = [self.exercise.safety_notes, variation.safety_note if variation else ""]
        return [note for note in notes if note]

    def cue_for(self, variation=None):
        """The step's cue, when the person plays the form it was written for; "" when
        a check-first answer or "this hurts" swapped in another form (whose own
        instructions apply: "let your arms hang" does not fit "hands on thighs")."""
        own = self.variation_id
        return self.cue if (variation.pk if variation else None) == own else ""


class Condition(models.Model):
    """Something about a person's health that changes which poses are safe for them
    (osteoporosis, a hip replacement, pregnancy, …). Editors keep the list; each exercise
    and variation says, per condition, what to do (`CautionRule`)."""

    name = models.CharField(
        max_length=120, unique=True, help_text="Short, as a person would tick it."
    )
    slug = models.SlugField(max_length=120, unique=True)
    explanation = models.TextField(help_text="What it covers, in plain words.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        clean_text(self)


class CautionRule(models.Model):
    """What the player does with an exercise (or one variation of it) for one condition.

    A rule on the exercise (no variation) covers the plain exercise and every variation
    without a rule of its own for that condition, except the variation it names instead.
    """

    class Action(models.TextChoices):
        AVOID = "avoid", "Avoid: do the variation named instead, or skip"
        ASK = "ask", "Ask a professional first"

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="rules")
    variation = models.ForeignKey(
        Variation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rules",
        help_text="Empty: the exercise itself (and its variations without a rule of their own).",
    )
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="rules")
    action = models.CharField(max_length=8, choices=Action)
    instead = models.ForeignKey(
        Variation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="do instead",
        help_text="For “avoid”: the variation to do instead. Empty: the step is skipped.",
    )

    class Meta:
        ordering = ["exercise", "variation", "condition"]
        verbose_name = "rule for a condition"
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "condition"],
                condition=Q(variation=None),
                name="caution_rule_one_per_exercise_condition",
                violation_error_message="This exercise already has a rule for that condition.",
            ),
            models.UniqueConstraint(
                fields=["variation", "condition"],
                condition=Q(variation__isnull=False),
                name="caution_rule_one_per_variation_condition",
                violation_error_message="This variation already has a rule for that condition.",
            ),
        ]

    def __str__(self):
        form = self.variation.name if self.variation_id else self.exercise.name
        return f"{form} · {self.condition}: {self.get_action_display()}"

    def clean(self):
        super().clean()
        errors = {}
        for field in ("variation", "instead"):
            variation = getattr(self, field)
            if (
                variation is not None
                and self.exercise_id
                and variation.exercise_id != self.exercise_id
            ):
                errors[field] = (
                    f"“{variation.name}” is a variation of {variation.exercise.name}, "
                    f"not of {self.exercise.name}: choose one of this exercise's variations."
                )
        if self.instead_id and self.action != self.Action.AVOID:
            errors["instead"] = "Only an “avoid” rule names a variation to do instead."
        elif self.instead_id and self.instead_id == self.variation_id:
            errors["instead"] = "Name another variation to do instead, or leave it empty to skip."
        if errors:
            raise ValidationError(errors)


class HealthAnswer(models.Model):
    """A signed-in person's answer to one check-first question: private to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="health_answers"
    )
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="+")
    applies = models.BooleanField()
    answered = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["condition"]
        constraints = [
            models.UniqueConstraint(fields=["user", "condition"], name="one_answer_per_condition")
        ]

    def __str__(self):
        return f"{self.condition}: {'applies' if self.applies else 'does not apply'}"


class SafetyUpdate(models.Model):
    """A safety text a data migration did not apply because an editor had changed the
    field: the editors review it in the admin and take the new text, or keep theirs."""

    exercise_slug = models.SlugField(max_length=120)
    variation_name = models.CharField(max_length=120, blank=True)
    field = models.CharField(max_length=40)
    shipped_before = models.TextField()
    shipped_now = models.TextField()
    migration = models.CharField(max_length=100)
    created = models.DateTimeField(auto_now_add=True)
    resolved = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["resolved", "exercise_slug", "variation_name", "field"]
        verbose_name = "safety update to review"

    def __str__(self):
        where = (
            f"{self.exercise_slug}: {self.variation_name}"
            if self.variation_name
            else (self.exercise_slug)
        )
        return f"{where} · {self.field}"

    def target(self):
        """The exercise or variation the text belongs to, or None when it is gone."""
        exercise = Exercise.objects.filter(slug=self.exercise_slug).first()
        if exercise is None or not self.variation_name:
            return exercise
        return exercise.variations.filter(name=self.variation_name).first()

    def current_text(self):
        target = self.target()
        return getattr(target, self.field, None) if target else None

    def apply(self):
        """Take the new text. False when its exercise or variation is gone."""
        target = self.target()
        if target is None:
            return False
        setattr(target, self.field, self.shipped_now)
        target.save(update_fields=[self.field])
        self.resolved = timezone.now()
        self.save(update_fields=["resolved"])
        return True
