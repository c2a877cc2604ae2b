"""Two tabs editing one routine's steps at once (threads with their own connections, on
PostgreSQL): every move, add and remove is kept, positions stay 1, 2, 3… with no gap or
duplicate. Each step action holds the routine's row lock while it reads and writes."""

import pytest
from django.db import connection
from django.urls import reverse

from stretches.models import RoutineStep

from .conftest import add_step, make_exercise, make_routine
from .test_session_concurrency import at_once

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers, so there is no race to test; CI runs this on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]

TRIALS = 8


@pytest.fixture
def editor_of_own(django_user_model):
    return django_user_model.objects.create_user("twotabs", password="a-long-twotabs-password")


def five_steps(owner):
    routine = make_routine(owner=owner, is_published=False)
    steps = [add_step(routine, make_exercise(name=f"Pose {n}-{routine.pk}")) for n in range(1, 6)]
    return routine, steps


def orders(routine):
    return list(
        RoutineStep.objects.filter(routine=routine)
        .order_by("order", "pk")
        .values_list("pk", "order")
    )


def move(routine, step, direction):
    return reverse("builder:step-move", args=[routine.slug, step.pk]), {"direction": direction}


def test_moving_step_1_down_and_step_5_up_in_two_tabs_keeps_both_moves(editor_of_own):
    for _ in range(TRIALS):
        routine, s = five_steps(editor_of_own)
        responses = at_once(editor_of_own, [move(routine, s[0], "down"), move(routine, s[4], "up")])
        assert [r.status_code for r in responses] == [302, 302]
        expected = [s[1].pk, s[0].pk, s[2].pk, s[4].pk, s[3].pk]
        assert orders(routine) == list(zip(expected, range(1, 6), strict=True))


def test_moving_one_step_up_twice_at_once_moves_it_two_places(editor_of_own):
    for _ in range(TRIALS):
        routine, s = five_steps(editor_of_own)
        at_once(editor_of_own, [move(routine, s[4], "up"), move(routine, s[4], "up")])
        expected = [s[0].pk, s[1].pk, s[4].pk, s[2].pk, s[3].pk]
        assert orders(routine) == list(zip(expected, range(1, 6), strict=True))


def test_two_adds_at_once_make_two_distinct_positions(editor_of_own):
    for _ in range(TRIALS):
        routine, s = five_steps(editor_of_own)
        url = reverse("builder:step-add", args=[routine.slug])
        exercise = s[0].exercise.slug
        at_once(editor_of_own, [(url, {"exercise": exercise}), (url, {"exercise": exercise})])
        assert [order for _, order in orders(routine)] == [1, 2, 3, 4, 5, 6, 7]


def test_two_removes_at_once_leave_no_gap(editor_of_own):
    for _ in range(TRIALS):
        routine, s = five_steps(editor_of_own)
        at_once(
            editor_of_own,
            [
                (reverse("builder:step-delete", args=[routine.slug, s[1].pk]), {}),
                (reverse("builder:step-delete", args=[routine.slug, s[3].pk]), {}),
            ],
        )
        expected = [s[0].pk, s[2].pk, s[4].pk]
        assert orders(routine) == list(zip(expected, range(1, 4), strict=True))
