"""Pictures are found by the drawing key stored on the exercise and the variation, chosen in
the admin from the drawings that exist, never by a name an editor may change."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pictures.poses import BY_KEY
from stretches.models import Exercise, Variation

from .conftest import make_exercise, make_variation
from .test_admin import exercise_data, variation_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def twist():
    exercise = make_exercise(name="Twist", slug="twist", drawing="supine-spinal-twist")
    pillow = make_variation(
        exercise, name="Knees on a pillow", drawing="supine-spinal-twist-pillow"
    )
    return exercise, pillow


class TestTheDrawingKey:
    def test_the_admin_offers_every_drawing_and_shows_the_chosen_one(self, admin_client, twist):
        exercise, _ = twist
        response = admin_client.get(reverse("admin:stretches_exercise_change", args=[exercise.pk]))
        html = response.content.decode()
        assert response.status_code == 200
        for prefix in ("", "variations-0-"):
            assert f'name="{prefix}drawing"' in html
        form = response.context["adminform"].form
        assert {key for key, _ in form.fields["drawing"].choices if key} == set(BY_KEY)
        assert form["drawing"].value() == "supine-spinal-twist"
        variation_form = response.context["inline_admin_formsets"][0].formset.forms[0]
        assert variation_form["drawing"].value() == "supine-spinal-twist-pillow"
        assert '<option value="supine-spinal-twist-pillow" selected>' in html

    def test_renaming_a_variation_in_the_admin_keeps_its_picture(self, admin_client, twist):
        exercise, pillow = twist
        data = exercise_data(
            name="Twist",
            slug="twist",
            drawing=exercise.drawing,
            variations=[variation_row(pillow, name="Knees on a cushion", drawing=pillow.drawing)],
        )
        response = admin_client.post(
            reverse("admin:stretches_exercise_change", args=[exercise.pk]), data
        )
        assert response.status_code == 302
        pillow.refresh_from_db()
        assert pillow.name == "Knees on a cushion"
        assert pillow.drawing == "supine-spinal-twist-pillow"
        page = admin_client.get(exercise.get_absolute_url()).content.decode()
        assert "/img/poses/supine-spinal-twist-pillow.svg" in page

    def test_an_editor_picks_another_drawing(self, admin_client, twist):
        exercise, pillow = twist
        data = exercise_data(
            name="Twist",
            slug="twist",
            drawing="knee-rolls",
            variations=[variation_row(pillow, drawing="")],
        )
        admin_client.post(reverse("admin:stretches_exercise_change", args=[exercise.pk]), data)
        exercise.refresh_from_db()
        pillow.refresh_from_db()
        assert (exercise.drawing, pillow.drawing) == ("knee-rolls", "")
        page = admin_client.get(exercise.get_absolute_url()).content.decode()
        assert "/img/poses/knee-rolls.svg" in page
        assert "/img/poses/supine-spinal-twist-pillow.svg" not in page

    def test_a_key_no_drawing_has_is_refused_by_full_clean(self, twist):
        exercise, pillow = twist
        exercise.drawing = "juggling"
        with pytest.raises(ValidationError) as refused:
            exercise.full_clean()
        assert "drawing" in refused.value.message_dict
        pillow.drawing = "../../etc/passwd"
        with pytest.raises(ValidationError) as refused:
            pillow.full_clean()
        assert "drawing" in refused.value.message_dict

    def test_the_admin_refuses_a_made_up_key(self, admin_client, twist):
        exercise, _ = twist
        data = exercise_data(name="Twist", slug="twist", drawing="juggling")
        response = admin_client.post(
            reverse("admin:stretches_exercise_change", args=[exercise.pk]), data
        )
        assert response.status_code == 200
        assert "drawing" in response.context["adminform"].form.errors
        exercise.refresh_from_db()
        assert exercise.drawing == "supine-spinal-twist"


def test_the_starter_library_sets_every_key(starter_library):
    assert not Exercise.objects.filter(drawing="").exists()
    assert set(Exercise.objects.values_list("drawing", flat=True)) <= set(BY_KEY)
    # Every starter variation's position differs from its exercise's.
    assert not Variation.objects.filter(drawing="").exists()
    assert (
        Variation.objects.get(exercise__slug="pigeon-pose", name="Reclined figure-four").drawing
        == "reclined-figure-four"
    )
