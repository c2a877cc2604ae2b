"""The one function that turns steps into timed moves: rounds, cycles, sides and rests."""

from types import SimpleNamespace

import pytest

from stretches.models import Side
from stretches.timeline import (
    expand,
    groups,
    match,
    numbers_label,
    total_seconds,
    total_with_lead_ins,
    validate_cycles,
    validate_routine_steps,
)

from .conftest import add_step, make_exercise, make_routine


def step(exercise_id, hold=10, side="none", rounds=1, cycle_steps=1, rest=0, cue=""):
    exercise = SimpleNamespace(name=f"Exercise {exercise_id}")
    return SimpleNamespace(
        exercise_id=exercise_id,
        exercise=exercise,
        variation_id=None,
        variation=None,
        hold_seconds=hold,
        side=side,
        rounds=rounds,
        cycle_steps=cycle_steps,
        rest_seconds=rest,
        cue=cue,
    )


def spinal_twist_cycle(rounds=3):
    hug, twist = 1, 2
    return [
        step(hug, 10, rounds=rounds, cycle_steps=4),
        step(twist, 15, "left", cue="let both knees fall to the left"),
        step(hug, 10, cue="back to the middle"),
        step(twist, 15, "right"),
    ]


def test_single_step_is_one_move():
    (move,) = expand([step(1, hold=30, rest=5)])
    assert (move.index, move.number, move.side, move.hold_seconds, move.rest_seconds) == (
        0,
        1,
        "none",
        30,
        5,
    )
    assert (move.round, move.rounds, move.starts_at, move.switch_sides) == (1, 1, 0, False)


def test_empty_routine_has_empty_timeline():
    assert expand([]) == []
    assert total_seconds([]) == 0


def test_spinal_twist_cycle_repeats_three_times():
    steps = spinal_twist_cycle(rounds=3)
    moves = expand(steps)
    assert len(moves) == 12
    assert [m.step for m in moves] == steps * 3
    assert [m.side for m in moves[:4]] == ["none", "left", "none", "right"]
    assert [m.round for m in moves] == [1] * 4 + [2] * 4 + [3] * 4
    assert {m.rounds for m in moves} == {3}
    assert total_seconds(moves) == 3 * (10 + 15 + 10 + 15)


def test_cycle_moves_start_where_the_previous_one_ended():
    moves = expand(spinal_twist_cycle(rounds=2))
    assert [m.starts_at for m in moves] == [0, 10, 25, 35, 50, 60, 75, 85]
    assert [m.index for m in moves] == list(range(8))


def test_steps_after_a_cycle_follow_it_once():
    steps = [*spinal_twist_cycle(rounds=2), step(3, 30)]
    moves = expand(steps)
    assert len(moves) == 9
    assert moves[-1].step is steps[-1]
    assert moves[-1].starts_at == 100


def test_both_sides_expand_left_then_right_with_rest_after_the_pair():
    moves = expand([step(1, hold=20, side="both", rest=8), step(2, hold=5)])
    assert [(m.side, m.hold_seconds, m.rest_seconds) for m in moves] == [
        ("left", 20, 0),
        ("right", 20, 8),
        ("none", 5, 0),
    ]
    assert [m.switch_sides for m in moves] == [False, True, False]
    assert total_seconds(moves) == 53


def test_rounds_of_a_two_sided_step_alternate_sides():
    moves = expand([step(1, hold=5, side="both", rounds=3)])
    assert [m.side for m in moves] == ["left", "right"] * 3
    assert [m.round for m in moves] == [1, 1, 2, 2, 3, 3]
    # every change after the first move is onto the other side of the same exercise
    assert [m.switch_sides for m in moves] == [False, True, True, True, True, True]


def test_switching_sides_needs_the_same_exercise():
    moves = expand([step(1, side="left"), step(2, side="right"), step(2, side="left")])
    assert [m.switch_sides for m in moves] == [False, False, True]


def test_a_single_step_with_rounds_repeats_with_its_rest():
    moves = expand([step(1, hold=10, rounds=3, rest=5)])
    assert [(m.round, m.starts_at, m.rest_seconds) for m in moves] == [
        (1, 0, 5),
        (2, 15, 5),
        (3, 30, 5),
    ]


def test_a_cycle_running_past_the_end_is_reported_and_clamped():
    steps = [step(1, cycle_steps=3, rounds=2), step(2)]
    assert validate_cycles(steps) == [
        (
            1,
            "Step 1 starts a cycle of 3 steps, but the routine has only 2 from there.",
            "cycle_steps",
        )
    ]
    assert len(expand(steps)) == 4


def test_steps_inside_a_cycle_must_not_repeat_on_their_own():
    steps = [step(1, cycle_steps=3, rounds=2), step(2, rounds=2), step(3, cycle_steps=2), step(4)]
    problems = validate_cycles(steps)
    assert [(problem.position, problem.field) for problem in problems] == [
        (2, "rounds"),
        (3, "cycle_steps"),
    ]
    assert "inside the cycle that starts at step 1" in problems[0].message


def test_valid_cycles_have_no_problems():
    assert validate_cycles([*spinal_twist_cycle(), step(3, rounds=4), step(4, side="both")]) == []


@pytest.mark.django_db
def test_routine_timeline_reads_steps_in_their_order():
    routine = make_routine()
    hug, twist = make_exercise(name="Hug"), make_exercise(name="Twist")
    add_step(routine, twist, order=2, side=Side.BOTH, hold_seconds=15)
    add_step(routine, hug, order=1, hold_seconds=10, rest_seconds=5)
    routine = type(routine).objects.with_steps().get(pk=routine.pk)
    assert [(m.name, m.side) for m in routine.timeline()] == [
        ("Hug", "none"),
        ("Twist", "left"),
        ("Twist", "right"),
    ]
    assert routine.total_seconds == 10 + 5 + 15 + 15


def with_pks(steps):
    for pk, one in enumerate(steps, start=1):
        one.pk = pk
    return steps


def test_total_with_lead_ins_adds_five_seconds_a_pose():
    moves = expand(spinal_twist_cycle())
    assert total_with_lead_ins(moves) == total_seconds(moves) + 5 * len(moves)


def test_match_finds_the_same_step_round_and_side_after_an_insert():
    old = with_pks(spinal_twist_cycle())
    key = expand(old)[5].key  # round 2, twist left
    added = step(9)
    added.pk = 99
    new = [added, *with_pks(spinal_twist_cycle())]
    moved = match(expand(new), key, 6)
    assert (moved.number, moved.side, moved.round) == (7, "left", 2)


def test_match_moves_past_a_step_whose_rounds_were_reduced():
    hug, bridge = step(1, rounds=4), step(2)
    with_pks([hug, bridge])
    key = expand([hug, bridge])[3].key  # hug, round 4
    hug.rounds = 2
    assert match(expand([hug, bridge]), key, 4).step is bridge
    assert match(expand([hug]), key, 4) is None  # past the end: the finish page


def test_match_falls_back_to_the_number_when_the_step_is_gone():
    steps = with_pks([step(1), step(2), step(3)])
    moves = expand(steps)
    assert match(moves, "999.1.none", 2).number == 2
    assert match(moves, "not a key", 5) is None


# --- validate_routine_steps: the one rule the admin and the builder share. ---


def test_validate_routine_steps_passes_cycles_that_fit():
    steps = [step(1, cycle_steps=2, rounds=2), step(2), step(3)]
    assert validate_routine_steps(steps, published=True) == []


def test_validate_routine_steps_reports_a_cycle_running_past_the_end():
    problems = validate_routine_steps([step(1), step(2, cycle_steps=3)], published=False)
    assert problems == [
        (
            2,
            "Step 2 starts a cycle of 3 steps, but the routine has only 1 from there.",
            "cycle_steps",
        )
    ]


def test_validate_routine_steps_lets_a_draft_be_empty_but_not_a_published_routine():
    assert validate_routine_steps([], published=False) == []
    [(position, message, field)] = validate_routine_steps([], published=True)
    assert position is None
    assert field is None
    assert "needs at least one step" in message


def test_groups_number_each_step_as_the_player_counts_its_moves():
    steps = [step(9, 20, "both", rounds=2), *spinal_twist_cycle(), step(7)]
    listed = [label for group in groups(steps) for _, label in group.listed]
    # 2 rounds of left and right, then 3 rounds of the 4-step cycle, then one more.
    assert listed == [
        "Steps 1–4",
        "Steps 5, 9, 13",
        "Steps 6, 10, 14",
        "Steps 7, 11, 15",
        "Steps 8, 12, 16",
        "Step 17",
    ]


def test_numbers_label_joins_runs_and_says_step_for_one():
    assert numbers_label((3,)) == "Step 3"
    assert numbers_label((3, 4, 5, 9)) == "Steps 3–5, 9"
    assert numbers_label(()) == ""
