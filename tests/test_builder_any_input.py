"""Property-based: generated text and numbers in every field a person types into the builder
or imports (huge integers, lone surrogates, NUL and other control characters, leading
whitespace). No input is a 500, and whatever is saved is clean text within the limits.
CI runs it on SQLite and on PostgreSQL (which refuses NUL outright)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stretches import timeline
from stretches.models import Routine, RoutineStep
from stretches.text import FORBIDDEN

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db

EXAMPLES = 40
ODD_CHARACTERS = ["\x00", "\x1b", "\x07", "\x7f", "\x85", "\t", "\r", "\n", " ", "\ufffe", "“"]
SURROGATES = ["\ud800", "\udfff"]
STEP_FIELDS = ["variation", "hold_seconds", "side", "rounds", "cycle_steps", "rest_seconds", "cue"]
HUGE_NUMBERS = [2**15 - 1, 2**15, 2**31, 2**63 - 1, 2**63, 10**4000]


def texts(surrogates):
    """Text with the odd characters mixed in; lone surrogates only where they can travel
    (JSON's "\\ud800": a browser's form post cannot carry one)."""
    odd = ODD_CHARACTERS + (SURROGATES if surrogates else [])
    characters = st.characters() if surrogates else st.characters(exclude_categories=["Cs"])
    return st.text(alphabet=st.one_of(st.sampled_from(odd), characters), max_size=30)


numbers = st.one_of(st.sampled_from(HUGE_NUMBERS), st.integers(-(2**70), 2**70))
json_values = st.one_of(
    numbers,
    texts(surrogates=True),
    st.sampled_from([True, None, 1.5, 2.0, float("inf"), float("nan"), [], {}, [1]]),
)
form_values = st.one_of(numbers.map(str), texts(surrogates=False))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def assert_clean(routine):
    """Saved text holds no refused character and no surrounding whitespace; the routine is
    within its limits."""
    steps = list(RoutineStep.objects.filter(routine=routine).order_by("order", "pk"))
    for text in [routine.title, routine.description, *(s.cue for s in steps)]:
        assert not FORBIDDEN.search(text), text
        assert text == text.strip(), text
    assert timeline.validate_limits(steps) == []


@pytest.fixture
def knee_hug(db):
    exercise = make_exercise(name="Knee hug", slug="knee-hug")
    make_variation(exercise, name="One knee")
    return exercise


def test_no_imported_file_is_a_500_and_what_is_saved_is_clean(signed_in, user, knee_hug):
    @SETTINGS
    @given(
        details=st.fixed_dictionaries(
            {"title": json_values, "description": json_values, "level": json_values}
        ),
        steps=st.lists(
            st.fixed_dictionaries(
                {"exercise": st.one_of(st.just("knee-hug"), json_values)},
                optional=dict.fromkeys(STEP_FIELDS, json_values),
            ),
            max_size=4,
        ),
    )
    @example(details={"title": "\ud800", "description": "", "level": 1}, steps=[])
    @example(details={"title": "\tA", "description": "\x00", "level": 1}, steps=[])
    @example(
        details={"title": "A", "description": "", "level": 1},
        steps=[{"exercise": "knee-hug", "hold_seconds": 30, "rounds": 2**63 - 1, "cue": "\x1b"}],
    )
    def check(details, steps):
        data = {"format": "backlog-routine", "version": 1, **details, "steps": steps}
        content = json.dumps(data).encode()
        response = signed_in.post(
            reverse("builder:import"), {"file": SimpleUploadedFile("r.json", content)}
        )
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert_clean(Routine.objects.filter(owner=user).latest("pk"))

    check()


def test_no_typed_routine_or_step_is_a_500_and_what_is_saved_is_clean(signed_in, user, knee_hug):
    routine = make_routine(owner=user, is_published=False, title="Mine")
    step = add_step(routine, knee_hug)
    prefix = f"step-{step.pk}-"

    @SETTINGS
    @given(
        details=st.fixed_dictionaries(
            {"title": form_values, "description": form_values, "level": form_values}
        ),
        fields=st.fixed_dictionaries(dict.fromkeys(STEP_FIELDS, form_values)),
        exercise=st.one_of(st.just("knee-hug"), form_values),
    )
    @example(
        details={"title": "\x00", "description": "\x1b", "level": "1"},
        fields={"hold_seconds": "30", "rounds": str(2**63 - 1), "cue": "\x00"},
        exercise="knee\x00hug",
    )
    def check(details, fields, exercise):
        new = signed_in.post(reverse("builder:new"), details)
        edit = signed_in.post(reverse("builder:edit", args=[routine.slug]), details)
        save = signed_in.post(
            reverse("builder:step-save", args=[routine.slug, step.pk]),
            {prefix + name: value for name, value in fields.items()},
        )
        add = signed_in.post(
            reverse("builder:step-add", args=[routine.slug]), {"exercise": exercise}
        )
        statuses = [r.status_code for r in (new, edit, save, add)]
        assert all(status < 500 for status in statuses), statuses
        for saved in Routine.objects.filter(owner=user):
            assert_clean(saved)

    check()
