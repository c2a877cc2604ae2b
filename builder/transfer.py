"""A routine as a small JSON file, to carry it to another backlog (README: "Your own routines").

Format "backlog-routine", version 1: the routine's title, description and level, and its
steps in order, each naming its exercise by slug and its variation by name (or null).
"""

import json

from django.core.exceptions import ValidationError
from django.db import transaction

from stretches.models import Difficulty, Exercise, Routine, RoutineStep, Side
from stretches.timeline import validate_routine_steps

FORMAT = "backlog-routine"
VERSION = 1
STEP_FIELDS = ["hold_seconds", "side", "rounds", "cycle_steps", "rest_seconds", "cue"]
STEP_DEFAULTS = {"side": Side.NONE, "rounds": 1, "cycle_steps": 1, "rest_seconds": 0, "cue": ""}


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


def _messages(error):
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(m)}" for field, m in error.message_dict.items())
    return " ".join(error.messages)


def import_routine(raw, owner):
    """Make `owner` a private routine from the bytes of an exported file.

    All or nothing: raises ValidationError naming the first problem, and saves nothing.
    """
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ValidationError("This is not a routine file: it is not JSON.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(f"This is not a routine file: its “format” is not “{FORMAT}”.")
    if data.get("version") != VERSION:
        raise ValidationError(
            f"This routine file is version {data.get('version')!r}; this backlog reads "
            f"version {VERSION}."
        )
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValidationError("The routine file has no title.")
    description = data.get("description") or ""
    level = data.get("level", Difficulty.GENTLE)
    raw_steps = data.get("steps")
    if not isinstance(description, str) or level not in Difficulty.values:
        raise ValidationError(f"The routine file's level must be one of {Difficulty.values}.")
    if not isinstance(raw_steps, list):
        raise ValidationError("The routine file has no list of “steps”.")

    slugs = [s.get("exercise") for s in raw_steps if isinstance(s, dict)]
    slugs = {slug for slug in slugs if isinstance(slug, str)}
    exercises = {
        e.slug: e for e in Exercise.objects.filter(slug__in=slugs).prefetch_related("variations")
    }

    routine = Routine(title=title.strip()[:120], description=description, level=level, owner=owner)
    steps = []
    for number, item in enumerate(raw_steps, start=1):
        if not isinstance(item, dict):
            raise ValidationError(f"Step {number} is not a step (an object with an “exercise”).")
        slug = item.get("exercise")
        exercise = exercises.get(slug) if isinstance(slug, str) else None
        if exercise is None:
            raise ValidationError(f"Step {number}: this backlog has no exercise “{slug}”.")
        variation = None
        if item.get("variation") is not None:
            named = [v for v in exercise.variations.all() if v.name == item["variation"]]
            if not named:
                raise ValidationError(
                    f"Step {number}: {exercise.name} has no variation “{item['variation']}”."
                )
            variation = named[0]
        fields = {f: item.get(f, STEP_DEFAULTS.get(f)) for f in STEP_FIELDS}
        for field in ("hold_seconds", "rounds", "cycle_steps", "rest_seconds"):
            if not isinstance(fields[field], int) or isinstance(fields[field], bool):
                raise ValidationError(f"Step {number}: “{field}” must be a whole number.")
        if not isinstance(fields["cue"], str):
            raise ValidationError(f"Step {number}: “cue” must be text.")
        step = RoutineStep(
            routine=routine, order=number, exercise=exercise, variation=variation, **fields
        )
        try:
            step.full_clean(exclude=["routine"])
        except ValidationError as error:
            raise ValidationError(f"Step {number}: {_messages(error)}") from None
        steps.append(step)
    for problem in validate_routine_steps(steps, published=False):
        raise ValidationError(problem.message)

    with transaction.atomic():
        routine.full_clean(exclude=["slug"])
        routine.save_under_free_slug()
        for step in steps:
            step.routine = routine
        RoutineStep.objects.bulk_create(steps)
    return routine
