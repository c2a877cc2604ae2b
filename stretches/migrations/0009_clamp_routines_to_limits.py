"""Bring every routine saved before the limits (stretches/timeline.py) within them.

Frozen here, as the limits were when written: at most 60 steps, 20 rounds a step or cycle,
400 poses and 90 minutes of holds and rests; a hold or rest at most 600 s. Each step's
rounds, hold and rest are clamped first; then the routine keeps its steps from the start
while they fit, lowering the rounds of the step (or cycle) that crosses a limit and
removing the steps after the last that fits. Each change is printed, naming the routine.
"""

from django.db import migrations
from django.utils import timezone

MAX_STEPS = 60
MAX_ROUNDS = 20
MAX_MOVES = 400
MAX_SECONDS = 90 * 60
MAX_HOLD = 600


def _clamped(value, low, high):
    return max(low, min(high, value))


def _clamp_steps(steps):
    """(steps to save, steps to delete, what changed) for one routine's ordered steps."""
    changed, notes = set(), []
    for number, step in enumerate(steps, start=1):
        for field, low, high in (
            ("rounds", 1, MAX_ROUNDS),
            ("cycle_steps", 1, MAX_STEPS),
            ("hold_seconds", 1, MAX_HOLD),
            ("rest_seconds", 0, MAX_HOLD),
        ):
            value = getattr(step, field)
            if value != _clamped(value, low, high):
                setattr(step, field, _clamped(value, low, high))
                changed.add(step)
                notes.append(f"step {number} {field} {value} → {getattr(step, field)}")
    kept = moves = seconds = 0
    while kept < len(steps):
        first = steps[kept]
        span = min(first.cycle_steps, len(steps) - kept)
        group = steps[kept : kept + span]
        if kept + span > MAX_STEPS:
            break
        sides = [2 if step.side == "both" else 1 for step in group]
        group_moves = sum(sides)
        group_seconds = sum(
            s.hold_seconds * n + s.rest_seconds for s, n in zip(group, sides, strict=True)
        )
        fit = min(
            first.rounds,
            (MAX_MOVES - moves) // group_moves,
            (MAX_SECONDS - seconds) // group_seconds if group_seconds else first.rounds,
        )
        if fit < 1:
            break
        if fit < first.rounds:
            notes.append(f"step {kept + 1} rounds {first.rounds} → {fit}")
            first.rounds = fit
            changed.add(first)
        if span != first.cycle_steps:
            notes.append(f"step {kept + 1} cycle of {first.cycle_steps} → {span}")
            first.cycle_steps = span
            changed.add(first)
        moves += fit * group_moves
        seconds += fit * group_seconds
        kept += span
    removed = steps[kept:]
    if removed:
        notes.append(f"removed steps {kept + 1}–{len(steps)}")
    return [s for s in steps[:kept] if s in changed], removed, notes


def clamp_routines(apps, schema_editor):
    Routine = apps.get_model("stretches", "Routine")
    RoutineStep = apps.get_model("stretches", "RoutineStep")
    for routine in Routine.objects.order_by("pk").iterator():
        steps = list(RoutineStep.objects.filter(routine=routine).order_by("order", "pk"))
        save, delete, notes = _clamp_steps(steps)
        if not notes:
            continue
        RoutineStep.objects.bulk_update(
            save, ["rounds", "cycle_steps", "hold_seconds", "rest_seconds"]
        )
        RoutineStep.objects.filter(pk__in=[step.pk for step in delete]).delete()
        # A new version: anyone mid-routine is told it changed (README: "Edits never break").
        Routine.objects.filter(pk=routine.pk).update(updated=timezone.now())
        print(f"\n  Routine {routine.pk} “{routine.title}” ({routine.slug}): {'; '.join(notes)}.")


class Migration(migrations.Migration):
    dependencies = [("stretches", "0008_step_limits")]

    operations = [migrations.RunPython(clamp_routines, migrations.RunPython.noop)]
