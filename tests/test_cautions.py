"""The rule that adjusts a routine for a person's conditions (stretches/cautions.py), as a
table: pure functions on plain objects, no database."""

from types import SimpleNamespace as Obj

import pytest

from stretches import cautions, timeline

BONES, HIP, KNEES = (
    Obj(pk=n, name=name, order=n) for n, name in [(1, "Bones"), (2, "Hip"), (3, "Knees")]
)
PIGEON, FOLD = 10, 20
FIGURE_FOUR = Obj(pk=11, exercise_id=PIGEON, name="Figure-four", ladder=-1)
SOFT_KNEES = Obj(pk=21, exercise_id=FOLD, name="Soft knees", ladder=-1)
DEEP = Obj(pk=22, exercise_id=FOLD, name="Deep", ladder=1)


def rule(exercise, condition, action, variation=None, instead=None):
    return Obj(
        exercise_id=exercise,
        variation_id=variation.pk if variation else None,
        condition_id=condition.pk,
        condition=condition,
        action=action,
        instead_id=instead.pk if instead else None,
        instead=instead,
    )


RULES = [
    rule(PIGEON, KNEES, "avoid", instead=FIGURE_FOUR),
    rule(PIGEON, HIP, "avoid"),
    rule(PIGEON, HIP, "ask", variation=FIGURE_FOUR),
    rule(PIGEON, BONES, "ask"),
    rule(FOLD, BONES, "avoid", instead=SOFT_KNEES),
    rule(FOLD, BONES, "ask", variation=SOFT_KNEES),
]


@pytest.mark.parametrize(
    ("exercise", "variation", "applying", "expected"),
    [
        # Nothing applies: the step as written.
        (PIGEON, None, set(), {"variation": None, "skipped": False, "ask": ()}),
        # An avoid rule with a variation to do instead swaps it in.
        (PIGEON, None, {KNEES.pk}, {"variation": FIGURE_FOUR, "swapped": True, "ask": ()}),
        # The variation named instead does not inherit the exercise's avoid rule.
        (PIGEON, FIGURE_FOUR, {KNEES.pk}, {"variation": FIGURE_FOUR, "swapped": False}),
        # An avoid rule with nothing instead skips the step.
        (PIGEON, None, {HIP.pk}, {"skipped": True, "because": (HIP,)}),
        # A variation's own rule wins over its exercise's.
        (PIGEON, FIGURE_FOUR, {HIP.pk}, {"variation": FIGURE_FOUR, "ask": (HIP,)}),
        # Swapped in for one condition, but avoided for another: skipped.
        (PIGEON, None, {KNEES.pk, HIP.pk}, {"skipped": True}),
        # Ask first is a badge, not a change.
        (PIGEON, None, {BONES.pk}, {"variation": None, "skipped": False, "ask": (BONES,)}),
        # The swap's own ask-first rule applies to what is finally done.
        (FOLD, None, {BONES.pk}, {"variation": SOFT_KNEES, "swapped": True, "ask": (BONES,)}),
        # A variation without its own rule follows its exercise's avoid rule.
        (FOLD, DEEP, {BONES.pk}, {"variation": SOFT_KNEES, "swapped": True}),
        # A condition no rule names changes nothing.
        (FOLD, None, {HIP.pk}, {"variation": None, "skipped": False, "ask": ()}),
    ],
)
def test_outcome_for_each_form(exercise, variation, applying, expected):
    outcome = cautions.adjustment(RULES, applying).outcome(exercise, variation)
    assert outcome.variation == expected.get("variation", outcome.variation)
    assert outcome.skipped == expected.get("skipped", False)
    assert outcome.swapped == expected.get("swapped", outcome.swapped)
    assert outcome.ask_first == expected.get("ask", outcome.ask_first)
    assert outcome.because == expected.get("because", outcome.because)


def step(pk, exercise, variation=None, **fields):
    return Obj(
        pk=pk,
        exercise_id=exercise,
        exercise=Obj(pk=exercise),
        variation=variation,
        variation_id=variation.pk if variation else None,
        side=fields.get("side", "none"),
        hold_seconds=10,
        rest_seconds=0,
        rounds=fields.get("rounds", 1),
        cycle_steps=fields.get("cycle_steps", 1),
        cue="",
    )


def test_a_skipped_step_leaves_a_cycle_and_its_rounds_intact():
    steps = [step(1, FOLD, cycle_steps=2, rounds=3), step(2, PIGEON), step(3, FOLD)]
    adjustment = cautions.adjustment(RULES, {HIP.pk})
    moves = timeline.expand(steps, skip=adjustment.skipped_steps(steps))
    assert [(m.step.pk, m.round) for m in moves] == [(1, 1), (1, 2), (1, 3), (3, 1)]


def test_a_skipped_head_of_a_cycle_keeps_the_rest_of_the_cycle():
    steps = [step(1, PIGEON, cycle_steps=2, rounds=2), step(2, FOLD)]
    adjustment = cautions.adjustment(RULES, {HIP.pk})
    moves = timeline.expand(steps, skip=adjustment.skipped_steps(steps))
    assert [(m.step.pk, m.round, m.rounds) for m in moves] == [(2, 1, 2), (2, 2, 2)]


def test_changes_name_each_form_once_in_order():
    steps = [step(1, PIGEON), step(2, FOLD), step(3, PIGEON)]
    changes = cautions.adjustment(RULES, {HIP.pk, BONES.pk}).changes(steps)
    assert [(s.pk, o.skipped, o.swapped) for s, o in changes] == [
        (1, True, False),
        (2, False, True),
    ]


def test_named_conditions_are_each_condition_once_in_the_editors_order():
    assert cautions.named_conditions(RULES) == [BONES, HIP, KNEES]


def test_the_adjustment_ignores_conditions_no_rule_names():
    assert cautions.adjustment(RULES, {99}).applying == frozenset()
