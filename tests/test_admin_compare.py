"""History → Compare a person can read: fields old beside new with the changed words marked;
a routine's steps described as steps; an exercise's change never shows a step."""

import pytest
from django.urls import reverse
from reversion.models import Version

from .conftest import add_step, make_exercise, make_routine, make_variation
from .test_admin import exercise_data, routine_data, step_row, variation_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def compare(client, obj, name):
    first, second = Version.objects.get_for_object(obj).order_by("pk")[:2]
    response = client.get(
        reverse(f"admin:stretches_{name}_compare", args=[obj.pk]),
        {"version_id1": first.pk, "version_id2": second.pk},
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def routine():
    routine = make_routine(title="Morning", description="Slowly, with care.")
    for name in ("Knee hug", "Supine twist", "Pigeon", "Sphinx", "Cat and camel", "Heel sit"):
        add_step(routine, make_exercise(name=name))
    return routine


def save(client, routine, rows, **fields):
    url = reverse("admin:stretches_routine_change", args=[routine.pk])
    response = client.post(url, routine_data(routine, steps=rows, **fields))
    assert response.status_code == 302, response.content.decode()[:3000]
    routine.refresh_from_db()


class TestRoutineSteps:
    def test_steps_are_described_as_steps(self, editor_client, routine):
        steps = list(routine.steps.all())
        save(editor_client, routine, [step_row(s) for s in steps])
        # Step 3 held longer, step 5 removed, Heel sit moved from 6 to 1.
        rows = [step_row(s, order=s.order + 1) for s in steps]
        rows[2]["hold_seconds"] = 45
        rows[4]["DELETE"] = "on"
        rows[5]["order"] = 1
        save(editor_client, routine, rows)

        html = compare(editor_client, routine, "routine")

        assert "Step 4, Pigeon: hold 30 s → 45 s" in html
        assert "Removed step 5: Cat and camel" in html
        assert "Moved Heel sit from 6 to 1" in html
        # Steps that only shifted because another moved are not reported as moved.
        assert "Moved Knee hug" not in html
        assert "Added step" not in html

    def test_an_added_step_and_a_changed_side_are_described(self, editor_client, routine):
        steps = list(routine.steps.all())
        save(editor_client, routine, [step_row(s) for s in steps])
        new = make_exercise(name="Pelvic rock")
        rows = [step_row(s) for s in steps]
        rows[0]["side"] = "both"
        rows.append(step_row(exercise=new, hold_seconds=20, order=7))
        save(editor_client, routine, rows)

        html = compare(editor_client, routine, "routine")

        assert "Step 1, Knee hug: side no side → both sides (left, then right)" in html
        assert "Added step 7: Pelvic rock, hold 20 s" in html

    def test_a_field_shows_old_beside_new_with_the_changed_words_marked(
        self, editor_client, routine
    ):
        rows = [step_row(s) for s in routine.steps.all()]
        save(editor_client, routine, rows, description="Slowly, with care.")
        save(editor_client, routine, rows, description="Slowly, with a lot of care.")

        html = compare(editor_client, routine, "routine")

        assert "<h3>Description</h3>" in html
        assert '<div class="diff-old"><span class="diff-when">Before</span><p>Slowly, with ' in html
        assert "<ins>a lot of </ins>" in html
        assert "Steps" not in html  # no step changed


class TestExercise:
    def test_an_exercise_change_does_not_show_a_step(self, editor_client):
        exercise = make_exercise(name="Sphinx pose", slug="sphinx-pose")
        variation = make_variation(exercise, name="On the forearms", ladder=-1)
        add_step(make_routine(title="Uses it"), exercise)
        url = reverse("admin:stretches_exercise_change", args=[exercise.pk])
        base = {"name": "Sphinx pose", "slug": "sphinx-pose"}
        editor_client.post(url, exercise_data(variations=[variation_row(variation)], **base))
        response = editor_client.post(
            url,
            exercise_data(
                variations=[
                    variation_row(variation, name="On the elbows"),
                    variation_row(name="Arms long", ladder=1),
                ],
                **base | {"summary": "Rest on the forearms, chest lifted."},
            ),
        )
        assert response.status_code == 302

        html = compare(editor_client, exercise, "exercise")

        assert "<h3>Summary</h3>" in html
        assert "Variation “On the elbows”: name “On the forearms” → “On the elbows”" in html
        assert "Added variation “Arms long” (harder, rung 1)" in html
        assert "Uses it" not in html
        assert "step" not in html.split('id="content-main"')[1].lower().split("edit comment")[0]
