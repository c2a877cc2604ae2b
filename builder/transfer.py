"""A routine as a small JSON file, to carry it to another backlog (README: "Your own routines").

Format "backlog-routine", version 1: the routine's title, description and level, and its
steps in order, each naming its exercise by slug and its variation by name (or null).

An imported file goes through the builder's own forms (`RoutineForm`, `StepForm`) and the
routine's step rules, so it is checked exactly as typing it in would be.
"""

import json

from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import transaction

from stretches.models import STEP_SETTINGS, Difficulty, Exercise, Routine, RoutineStep, Side
from stretches.timeline import step_count_problem, validate_routine_steps

from .forms import RoutineForm, StepForm

FORMAT = "backlog-routine"
VERSION = 1
STEP_FIELDS = STEP_SETTINGS
STEP_DEFAULTS = {"side": Side.NONE, "rounds": 1, "cycle_steps": 1, "rest_seconds": 0, "cue": ""}
TEXT_FIELDS = {"title", "description", "cue"}


def export_routine(routine):
    """The routine (its steps prefetched with exercises and variations) as a dict."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": routine.title,
        "description": routine.description,
        "level": routine.level,
        "steps": [
            {
                "exercise": step.exercise.slug,
                "variation": step.variation.name if step.variation_id else None,
                **{field: getattr(step, field) for field in STEP_FIELDS},
            }
            for step in routine.steps.all()
        ],
    }


def _form_errors(form):
    """A form's errors in one line, each named by the file's key (“hold_seconds”: …)."""
    return "; ".join(
        " ".join(errors) if name == "__all__" else f"“{name}”: {' '.join(errors)}"
        for name, errors in form.errors.items()
    )


def _shown(value):
    """A value from the file, short enough to quote in a message."""
    text = str(value)
    return text if len(text) <= 60 else text[:60] + "…"


def _check_text(data, where):
    for name in TEXT_FIELDS & set(data):
        if not isinstance(data[name], str):
            raise ValidationError(f"{where}“{name}” must be text.")


def import_routine(raw, owner):
    """Make `owner` a private routine from the bytes of an exported file.

    All or nothing: raises ValidationError naming the first problem, and saves nothing.
    """
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        # ValueError: not UTF-8, not JSON, or a number of more than 4,300 digits.
        raise ValidationError("This is not a routine file: it is not JSON we can read.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(f"This is not a routine file: its “format” is not “{FORMAT}”.")
    if data.get("version") != VERSION:
        raise ValidationError(
            f"This routine file is version {_shown(data.get('version'))}; this backlog reads "
            f"version {VERSION}."
        )
    details = {
        "title": data.get("title"),
        "description": data.get("description") or "",
        "level": data.get("level", Difficulty.GENTLE),
    }
    if not isinstance(details["title"], str) or not details["title"].strip():
        raise ValidationError("The routine file has no title.")
    _check_text(details, "The routine's ")
    form = RoutineForm(details, instance=Routine(owner=owner, is_published=False))
    if not form.is_valid():
        raise ValidationError(f"The routine file's details: {_form_errors(form)}")
    routine = form.instance

    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list):
        raise ValidationError("The routine file has no list of “steps”.")
    if too_many := step_count_problem(len(raw_steps)):
        raise ValidationError(too_many.message)
    slugs = [s.get("exercise") for s in raw_steps if isinstance(s, dict)]
    slugs = {slug for slug in slugs if isinstance(slug, str) and slug_re.match(slug)}
    exercises = {
        e.slug: e for e in Exercise.objects.filter(slug__in=slugs).prefetch_related("variations")
    }

    steps = []
    for number, item in enumerate(raw_steps, start=1):
        if not isinstance(item, dict):
            raise ValidationError(f"Step {number} is not a step (an object with an “exercise”).")
        slug = item.get("exercise")
        exercise = exercises.get(slug) if isinstance(slug, str) else None
        if exercise is None:
            raise ValidationError(f"Step {number}: this backlog has no exercise “{_shown(slug)}”.")
        variation = None
        if item.get("variation") is not None:
            named = [v for v in exercise.variations.all() if v.name == item["variation"]]
            if not named:
                raise ValidationError(
                    f"Step {number}: {exercise.name} has no variation "
                    f"“{_shown(item['variation'])}”."
                )
            variation = named[0]
        fields = {f: item.get(f, STEP_DEFAULTS.get(f)) for f in STEP_FIELDS}
        _check_text(fields, f"Step {number}: ")
        step = RoutineStep(routine=routine, order=number, exercise=exercise)
        form = StepForm({**fields, "variation": variation.pk if variation else ""}, instance=step)
        if not form.is_valid():
            raise ValidationError(f"Step {number}: {_form_errors(form)}")
        steps.append(form.instance)
    for problem in validate_routine_steps(steps, published=False):
        raise ValidationError(problem.message)

    with transaction.atomic():
        routine.save_under_free_slug()
        for step in steps:
            step.routine = routine
        RoutineStep.objects.bulk_create(steps)
    return routine
