"""The editors' forms say what is wrong where they look: a summary at the top linking to
each error, a step's errors as sentences across its row, variation names that differ
whatever their case, and which way each variation goes."""

import pytest
from django.urls import reverse

from stretches.models import Variation

from .conftest import add_step, make_exercise, make_routine, make_variation
from .test_admin import (
    error_messages,
    exercise_data,
    routine_data,
    saved_rows,
    step_row,
    variation_row,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def routine():
    routine = make_routine(title="Evening ease")
    for name in ("Knee hug", "Supine twist", "Pigeon", "Cat stretch"):
        add_step(routine, make_exercise(name=name))
    return routine


def refuse_two_steps(client, routine):
    steps = list(routine.steps.all())
    rows = [step_row(step) for step in steps]
    rows[2]["hold_seconds"] = 10000
    rows[3]["rest_seconds"] = 900
    url = reverse("admin:stretches_routine_change", args=[routine.pk])
    return client.post(url, routine_data(routine, steps=rows))


class TestErrorSummary:
    def test_it_counts_the_problems_and_links_to_each_field(self, editor_client, routine):
        response = refuse_two_steps(editor_client, routine)

        html = response.content.decode()
        summary = html[html.index('id="error-summary"') : html.index("</ol>")]
        assert "There are 2 problems: nothing was saved" in summary
        assert (
            '<a href="#id_steps-2-hold_seconds">Step 3, Hold (s): Hold for at most 600 '
            "seconds (10 minutes).</a>" in summary
        )
        assert (
            '<a href="#id_steps-3-rest_seconds">Step 4, Rest after (s): Rest for at most 600 '
            "seconds.</a>" in summary
        )
        assert "Please correct the error" not in html
        assert "<title>Error: " in html
        # The summary comes before the first field of the form.
        assert html.index('id="error-summary"') < html.index('name="title"')

    def test_it_names_a_field_of_the_exercise_and_a_variation(self, editor_client):
        make_exercise(name="Sphinx pose", slug="sphinx-pose")
        data = exercise_data(variations=[variation_row(ladder=0)])

        response = editor_client.post(reverse("admin:stretches_exercise_add"), data)

        html = response.content.decode()
        assert "There are 3 problems: nothing was saved" in html
        assert (
            '<a href="#id_name">Name: An exercise called “Sphinx pose” already exists (names '
            "ignore case).</a>" in html
        )
        assert '<a href="#id_slug">Slug: Exercise with this Slug already exists.</a>' in html
        assert (
            '<a href="#variations-0">Variation 1: Rung 0 is the plain exercise; choose another '
            "number.</a>" in html
        )

    def test_one_problem_is_said_so(self, editor_client):
        response = editor_client.post(
            reverse("admin:stretches_exercise_add"), exercise_data(summary="")
        )
        html = response.content.decode()
        assert "There is 1 problem: nothing was saved" in html
        assert '<a href="#id_summary">Summary: This field is required.</a>' in html

    def test_a_saved_form_has_no_summary(self, editor_client, routine):
        url = reverse("admin:stretches_routine_change", args=[routine.pk])
        assert 'id="error-summary"' not in editor_client.get(url).content.decode()


class TestStepRowErrors:
    def test_a_steps_errors_are_sentences_across_its_row(self, editor_client, routine):
        response = refuse_two_steps(editor_client, routine)

        html = response.content.decode()
        row = html[html.index('id="steps-2"') : html.index('id="steps-3"')]
        assert '<td class="row-errors">' in row
        assert (
            '<li id="steps-2-hold_seconds-error-0">Step 3, Hold (s): Hold for at most 600 '
            "seconds (10 minutes).</li>" in row
        )
        assert 'aria-describedby="steps-2-hold_seconds-error-0"' in row
        assert 'aria-invalid="true"' in row
        assert 'class="field-hold_seconds has-error"' in row
        assert 'value="10000"' in row  # what was typed is what is shown

    def test_every_step_field_has_its_own_label(self, editor_client, routine):
        url = reverse("admin:stretches_routine_change", args=[routine.pk])
        html = editor_client.get(url).content.decode()
        for name, label in [
            ("exercise", "Exercise"),
            ("hold_seconds", "Hold (s)"),
            ("rest_seconds", "Rest after (s)"),
            ("DELETE", "Delete?"),
        ]:
            assert f'<label class="step-field-label" for="id_steps-0-{name}">{label}</label>' in (
                html
            )


class TestVariationNames:
    def test_a_name_differing_only_in_case_is_refused(self, editor_client):
        exercise = make_exercise(name="Sphinx pose", slug="sphinx-pose")
        existing = make_variation(exercise, name="Forearm down", ladder=-1)
        data = exercise_data(
            variations=[variation_row(existing), variation_row(name="forearm DOWN", ladder=1)]
        )
        before = saved_rows()

        response = editor_client.post(
            reverse("admin:stretches_exercise_change", args=[exercise.pk]), data
        )

        assert (
            "This exercise already has a variation called “forearm DOWN” (names ignore case)."
            in error_messages(response)
        )
        assert saved_rows() == before

    def test_two_new_names_differing_only_in_case_are_refused(self, editor_client):
        data = exercise_data(
            variations=[
                variation_row(name="Forearm down", ladder=-1),
                variation_row(name="forearm DOWN", ladder=1),
            ]
        )
        before = saved_rows()

        response = editor_client.post(reverse("admin:stretches_exercise_add"), data)

        assert (
            "“Forearm down” is already a variation of this exercise (names ignore case)."
            in error_messages(response)
        )
        assert saved_rows() == before

    def test_the_database_refuses_one_too(self):
        from django.db import IntegrityError, transaction

        exercise = make_exercise()
        make_variation(exercise, name="Forearm down", ladder=-1)
        with pytest.raises(IntegrityError), transaction.atomic():
            Variation.objects.create(exercise=exercise, name="FOREARM DOWN", ladder=1, changes=".")

    def test_the_same_name_on_another_exercise_is_fine(self, editor_client):
        make_variation(make_exercise(), name="Forearm down")
        data = exercise_data(variations=[variation_row(name="forearm down", ladder=-1)])
        response = editor_client.post(reverse("admin:stretches_exercise_add"), data)
        assert response.status_code == 302


class TestWhichWay:
    def test_the_step_variation_list_says_easier_or_harder(self, editor_client, routine):
        exercise = routine.steps.first().exercise
        make_variation(exercise, name="On a cushion", ladder=-1)
        make_variation(exercise, name="Arms up", ladder=2)
        url = reverse("admin:stretches_routine_change", args=[routine.pk])
        html = editor_client.get(url).content.decode()
        assert ">On a cushion (easier)</option>" in html
        assert ">Arms up (harder)</option>" in html

    def test_the_exercise_page_says_which_way_each_variation_goes(self, editor_client):
        exercise = make_exercise()
        make_variation(exercise, name="On a cushion", ladder=-1)
        make_variation(exercise, name="Arms up", ladder=2)
        url = reverse("admin:stretches_exercise_change", args=[exercise.pk])
        html = editor_client.get(url).content.decode()
        assert "Easier (1 rung)" in html
        assert "Harder (2 rungs)" in html
