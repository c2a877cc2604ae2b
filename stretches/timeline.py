"""Expand a routine's steps into the timeline of timed moves the player steps through.

This is the one place that knows what rounds, cycles and sides mean:

- a step with ``rounds = n`` is done n times;
- a step with ``cycle_steps = k`` starts a cycle: it and the k - 1 steps after it are
  done in order, and the whole cycle is repeated ``rounds`` times (the steps inside a
  cycle are done once per round);
- ``side = both`` is done on the left, then on the right;
- a step's rest follows each time the step is done (after the right side, for both).

It works on any objects with the step fields, so it needs no database to test.
"""

from dataclasses import dataclass
from typing import Any, NamedTuple

LEFT, RIGHT, NONE, BOTH = "left", "right", "none", "both"

# Seconds to get into position before each pose, and to change over when the side changes.
LEAD_IN_SECONDS = 5
SWITCH_SIDES_SECONDS = 5

# What a routine may hold: far more than a physiotherapist would write, and what any request
# can afford to expand, list or render (README: "Limits").
MAX_STEPS = 60
MAX_ROUNDS = 20
MAX_MOVES = 400
MAX_MINUTES = 90


@dataclass(frozen=True)
class Move:
    index: int  # 0-based position in the timeline
    step: Any  # the RoutineStep it came from
    side: str  # "none", "left" or "right"; never "both"
    hold_seconds: int
    rest_seconds: int
    round: int  # 1-based round of the step or cycle it belongs to
    rounds: int
    starts_at: int  # seconds from the start of the routine, rests included
    switch_sides: bool  # the same exercise just ran on the other side

    @property
    def number(self):
        return self.index + 1

    @property
    def exercise(self):
        return self.step.exercise

    @property
    def side_words(self):
        """What this side means, in words ("let your knees fall to your left"), or ""."""
        words = getattr(self.step.exercise, "words_for_side", None)
        return words(self.side) if words else ""

    @property
    def seconds(self):
        return self.hold_seconds + self.rest_seconds

    @property
    def lead_in_seconds(self):
        return SWITCH_SIDES_SECONDS if self.switch_sides else LEAD_IN_SECONDS

    @property
    def key(self):
        """Where this move is in the routine's steps: step, round and side, e.g. "57.2.left".

        Unlike the move's number it survives an edit elsewhere in the routine.
        """
        return f"{self.step.pk}.{self.round}.{self.side}"

    @property
    def name(self):
        if self.step.variation_id:
            return f"{self.step.exercise.name} — {self.step.variation.name}"
        return self.step.exercise.name


class Problem(NamedTuple):
    """What is wrong with a routine's steps: where (a 1-based step position, as an editor
    counts rows, or None for the routine as a whole), why, and which of that step's fields
    to mark (None when no one field is at fault)."""

    position: int | None
    message: str
    field: str | None = None


def validate_cycles(steps):
    """Problems with how the steps' cycles fit together (`Problem`s)."""
    steps = list(steps)
    problems = []
    position = 0
    while position < len(steps):
        step = steps[position]
        span = step.cycle_steps or 1
        if position + span > len(steps):
            problems.append(
                Problem(
                    position + 1,
                    f"Step {position + 1} starts a cycle of {span} steps, "
                    f"but the routine has only {len(steps) - position} from there.",
                    "cycle_steps",
                )
            )
            break
        for offset, inner in enumerate(steps[position + 1 : position + span], start=2):
            if (inner.cycle_steps or 1) > 1 or (inner.rounds or 1) > 1:
                problems.append(
                    Problem(
                        position + offset,
                        f"Step {position + offset} is inside the cycle that starts at step "
                        f"{position + 1}; set its rounds and “cycle of” to 1 "
                        "(the cycle's rounds repeat it).",
                        "rounds" if (inner.rounds or 1) > 1 else "cycle_steps",
                    )
                )
        position += span
    return problems


def measure(steps):
    """(moves, seconds): how many moves the steps expand to and how long they last (holds
    and rests), counted per step or cycle without expanding the timeline, so it costs the
    same whatever the rounds say."""
    steps = list(steps)
    moves = seconds = position = 0
    while position < len(steps):
        first = steps[position]
        span = max(1, min(first.cycle_steps or 1, len(steps) - position))
        rounds = max(1, first.rounds or 1)
        group = steps[position : position + span]
        moves += rounds * sum(len(_sides(step.side)) for step in group)
        seconds += rounds * sum(
            (step.hold_seconds or 0) * len(_sides(step.side)) + (step.rest_seconds or 0)
            for step in group
        )
        position += span
    return moves, seconds


def step_count_problem(count):
    """The `Problem` with a routine of `count` steps, or None (checked before any other)."""
    if count <= MAX_STEPS:
        return None
    return Problem(None, f"A routine has at most {MAX_STEPS} steps; this one would have {count}.")


def validate_limits(steps):
    """Problems with the routine's size: steps, moves and minutes (`Problem`s, whole routine).

    Each step's rounds (at most MAX_ROUNDS) and hold are checked by the model's validators;
    this bounds what they add up to.
    """
    steps = list(steps)
    if too_many := step_count_problem(len(steps)):
        return [too_many]
    moves, seconds = measure(steps)
    problems = []
    if moves > MAX_MOVES:
        problems.append(
            Problem(
                None,
                f"A routine has at most {MAX_MOVES} poses in all (rounds and both sides "
                f"counted); this one would have {moves}. Lower some rounds.",
            )
        )
    if seconds > MAX_MINUTES * 60:
        problems.append(
            Problem(
                None,
                f"A routine lasts at most {MAX_MINUTES} minutes (holds and rests); this one "
                f"would last {-(-seconds // 60)} minutes. Shorten some holds or rounds.",
            )
        )
    return problems


def validate_routine_steps(steps, published):
    """Everything wrong with a routine's steps, as `Problem`s.

    The one rule the admin's steps table, the site's routine builder, import and promote
    apply: the routine's size is within its limits (`validate_limits`), the cycles fit
    together (`validate_cycles`), and a published routine has a step to play.
    A position is 1-based; None is a problem of the routine as a whole. Each step's own
    fields (hold 1–600 s, rounds 1–20, …) are checked by the model's validators.
    """
    steps = list(steps)
    problems = validate_limits(steps)
    if problems:
        return problems
    problems = validate_cycles(steps)
    if not steps and published:
        problems.append(
            Problem(
                None, "A published routine needs at least one step; add one or untick “published”."
            )
        )
    return problems


def _sides(side):
    return (LEFT, RIGHT) if side == BOTH else (side,)


def _runs(steps, skip=frozenset()):
    """Yield (step, round, rounds) for each time a step is done, in order; steps whose pk
    is in `skip` are left out (a cycle keeps its rounds for the steps left in it)."""
    position = 0
    while position < len(steps):
        first = steps[position]
        span = max(1, min(first.cycle_steps or 1, len(steps) - position))
        rounds = max(1, first.rounds or 1)
        span_steps = steps[position : position + span]
        kept = [step for step in span_steps if not skip or step.pk not in skip]
        for round_ in range(1, rounds + 1):
            for step in kept:
                yield step, round_, rounds
        position += span


@dataclass(frozen=True)
class Group:
    """Steps done together: a cycle, or one step; `rounds` times."""

    steps: list
    rounds: int
    numbers: tuple = ()  # per step, the player's step numbers it becomes

    @property
    def is_cycle(self):
        return len(self.steps) > 1

    @property
    def listed(self):
        """(step, "Step 3" / "Steps 3–4" / "Steps 1, 5, 9") for each step, as the player
        counts them."""
        numbers = self.numbers or ((),) * len(self.steps)
        return [
            (step, numbers_label(these)) for step, these in zip(self.steps, numbers, strict=True)
        ]


def numbers_label(numbers):
    """The player's step numbers in words: "Step 3", "Steps 3–6", "Steps 1, 5, 9"."""
    if not numbers:
        return ""
    runs = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs]
    return ("Step " if len(numbers) == 1 else "Steps ") + ", ".join(parts)


def groups(steps, skip=frozenset()):
    """The steps as an editor wrote them, each cycle (or repeated step) as one `Group`,
    with the player's step numbers of each (none for a step in `skip`: see `expand`)."""
    steps = list(steps)
    numbers = {}
    for move in expand(steps, skip):
        numbers.setdefault(id(move.step), []).append(move.number)
    result = []
    position = 0
    while position < len(steps):
        first = steps[position]
        span = max(1, min(first.cycle_steps or 1, len(steps) - position))
        members = steps[position : position + span]
        result.append(
            Group(
                members,
                max(1, first.rounds or 1),
                tuple(tuple(numbers.get(id(step), ())) for step in members),
            )
        )
        position += span
    return result


def expand(steps, skip=frozenset()):
    """The routine's moves, in order, as a list of `Move`; steps whose pk is in `skip` are
    left out (`stretches.cautions` decides which, for a person's conditions)."""
    moves = []
    clock = 0
    previous = None
    for step, round_, rounds in _runs(list(steps), skip):
        sides = _sides(step.side)
        for n, side in enumerate(sides):
            rest = step.rest_seconds if n == len(sides) - 1 else 0
            switch = (
                previous is not None
                and side in (LEFT, RIGHT)
                and previous.side in (LEFT, RIGHT)
                and previous.side != side
                and previous.step.exercise_id == step.exercise_id
            )
            move = Move(
                index=len(moves),
                step=step,
                side=side,
                hold_seconds=step.hold_seconds,
                rest_seconds=rest,
                round=round_,
                rounds=rounds,
                starts_at=clock,
                switch_sides=switch,
            )
            moves.append(move)
            clock += move.seconds
            previous = move
    return moves


def total_seconds(moves):
    return sum(move.seconds for move in moves)


def total_with_lead_ins(moves):
    """The routine's length as the player runs it: holds, rests and each get-ready."""
    return sum(move.seconds + move.lead_in_seconds for move in moves)


def match(moves, key, number):
    """The move in `moves` that best continues a visitor who asked for `key` (see Move.key),
    as move `number` of an older version of the routine; None when that is past the end.

    The same step, round and side if they still exist; else the same step's nearest later
    round (or the move after its last one, when its rounds were reduced); else, when the
    step was removed, the move at the same number.
    """
    step_pk, round_, side = _parse_key(key)
    same_step = [move for move in moves if move.step.pk == step_pk] if step_pk else []
    if same_step:
        wanted = (round_, _SIDE_ORDER.get(side, 0))
        for move in same_step:
            if (move.round, _SIDE_ORDER.get(move.side, 0)) >= wanted:
                return move
        after = same_step[-1].index + 1
        return moves[after] if after < len(moves) else None
    return moves[number - 1] if 1 <= number <= len(moves) else None


_SIDE_ORDER = {NONE: 0, LEFT: 0, RIGHT: 1}


def _parse_key(key):
    parts = (key or "").split(".")
    if len(parts) == 3 and parts[0].isascii() and parts[0].isdigit():
        round_ = int(parts[1]) if parts[1].isascii() and parts[1].isdigit() else 1
        return int(parts[0]), round_, parts[2]
    return None, 1, NONE
