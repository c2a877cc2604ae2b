"""The player's carried state (`use`, `c`, `session`, `share`) as `PlayerQueryForm.read`
reads it: the spelling from the declared fields alone, `use` against the routine's own
variations, and the edge cases the form it replaced decided the same way."""

import pytest
from django.http import QueryDict

from player.forms import PlayerQueryForm

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine_and_variations():
    routine = make_routine()
    twist, hug = make_exercise(name="Supine twist"), make_exercise(name="Knee hug")
    add_step(routine, twist)
    add_step(routine, hug)
    pillow = make_variation(twist, name="Pillow under knees")
    small = make_variation(twist, name="Small twist", ladder=-2)
    one_knee = make_variation(hug, name="One knee")
    elsewhere = make_variation(make_exercise(name="Pigeon"), name="Cushion under hip")
    return routine, pillow, small, one_knee, elsewhere


def read(query, routine=None, **kwargs):
    return PlayerQueryForm.read(QueryDict(query), routine, **kwargs)


def test_nothing_carried_is_empty_and_costs_no_query(django_assert_num_queries):
    routine = make_routine(steps=2)
    with django_assert_num_queries(0):
        cleaned, message = read("", routine)
    assert message == ""
    assert cleaned == {"use": [], "c": None, "session": None, "share": ""}


def test_the_spelling_alone_gives_ids(routine_and_variations):
    _, pillow, _, one_knee, _ = routine_and_variations
    cleaned, _ = read(f"use={pillow.pk},{one_knee.pk}&c=0&session=42")
    assert cleaned["use"] == [pillow.pk, one_knee.pk]
    assert cleaned["c"] == frozenset()
    assert cleaned["session"] == 42


def test_with_the_routine_use_is_its_own_variations(
    routine_and_variations, django_assert_num_queries
):
    routine, pillow, _, one_knee, _ = routine_and_variations
    with django_assert_num_queries(2):  # the routine's steps, then the variations
        cleaned, _ = read(f"use={one_knee.pk},{pillow.pk}", routine)
    assert set(cleaned["use"]) == {pillow, one_knee}


def test_the_same_variation_twice_is_one(routine_and_variations):
    routine, pillow, *_ = routine_and_variations
    cleaned, message = read(f"use={pillow.pk},{pillow.pk}", routine)
    assert (cleaned["use"], message) == ([pillow], "")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("use=%201", "“use” must be a comma-separated list of variation numbers."),
        ("use=1,", "“use” must be a comma-separated list of variation numbers."),
        ("use=" + "9" * 20, "“use” must be a comma-separated list of variation numbers."),
        ("c=-1", "“c” must be 0 or a comma-separated list of condition numbers."),
        ("session=0", "“session” must be a whole number from 1 to 9223372036854775807."),
        ("session=١٢", "“session” must be a whole number from 1 to 9223372036854775807."),
        ("share=a%20b", "“share” is not a shared link's token."),
    ],
)
def test_a_bad_spelling_says_what_is_wrong(query, message):
    assert read(query) == (None, message)


def test_the_last_of_a_repeated_parameter_counts(routine_and_variations):
    _, pillow, *_ = routine_and_variations
    assert read(f"use=abc&use={pillow.pk}")[0]["use"] == [pillow.pk]
    assert read(f"use={pillow.pk}&use=abc")[0] is None


def test_use_must_name_the_routines_own_variations_one_per_exercise(routine_and_variations):
    routine, pillow, small, _, elsewhere = routine_and_variations
    not_ours = "“use” names variations that are not part of this routine."
    assert read(f"use={elsewhere.pk}", routine) == (None, not_ours)
    assert read("use=999999", routine) == (None, not_ours)
    both = read(f"use={pillow.pk},{small.pk}", routine)
    assert both == (None, "“use” names two variations of one exercise; choose one.")


def test_lenient_drops_a_use_that_is_no_longer_the_routines(routine_and_variations):
    routine, _, _, _, elsewhere = routine_and_variations
    cleaned, message = read(f"use={elsewhere.pk}&session=7", routine, lenient=True)
    assert (cleaned["use"], cleaned["session"], message) == ([], 7, "")
    cleaned, message = read(f"use={elsewhere.pk}&session=x", routine, lenient=True)
    assert cleaned is None
    assert message.index("“use” names") < message.index("“session” must")
