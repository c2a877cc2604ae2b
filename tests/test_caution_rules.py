"""Conditions and the rules editors keep: validated in the model, so the admin, import and
promote share it; edited inline on the exercise page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stretches.models import CautionRule, Condition, Exercise, SafetyUpdate, Variation

from .conftest import make_exercise, make_variation
from .test_admin import error_messages, exercise_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def knees():
    return Condition.objects.get(slug="knees")


def test_a_rule_naming_another_exercises_variation_is_refused(knees):
    pigeon, other = make_exercise(avoid_if="x"), make_exercise(avoid_if="x")
    elsewhere = make_variation(other, name="Someone else's", safety_note="Gently.")
    rule = CautionRule(exercise=pigeon, condition=knees, action="avoid", instead=elsewhere)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "is a variation of" in error.value.message_dict["instead"][0]
    rule = CautionRule(exercise=pigeon, variation=elsewhere, condition=knees, action="ask")
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "variation" in error.value.message_dict


def test_only_an_avoid_rule_names_a_variation_instead(knees):
    exercise = make_exercise()
    easier = make_variation(exercise, safety_note="Gently.")
    rule = CautionRule(exercise=exercise, condition=knees, action="ask", instead=easier)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "Only an “avoid” rule" in error.value.message_dict["instead"][0]


def test_one_rule_per_exercise_and_condition(knees):
    exercise = make_exercise()
    CautionRule.objects.create(exercise=exercise, condition=knees, action="ask")
    with pytest.raises(ValidationError):
        CautionRule(exercise=exercise, condition=knees, action="avoid").full_clean()


def test_an_exercise_without_safety_notes_or_when_not_to_do_it_is_refused():
    exercise = Exercise(name="Sphinx", slug="sphinx", summary="s", instructions="i")
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert set(error.value.message_dict) >= {"safety_notes", "avoid_if"}


def test_a_variation_without_a_safety_note_is_refused():
    variation = Variation(exercise=make_exercise(), name="Easier", changes="c", ladder=-1)
    with pytest.raises(ValidationError) as error:
        variation.full_clean()
    assert "safety_note" in error.value.message_dict


def test_every_starter_exercise_and_variation_passes(starter_library):
    for exercise in Exercise.objects.all():
        exercise.full_clean()
        for variation in exercise.variations.all():
            variation.full_clean()
    for rule in CautionRule.objects.all():
        rule.full_clean()


def test_editors_add_a_rule_inline(staff_client, knees):
    data = exercise_data(
        rules=[
            {
                "id": "",
                "exercise": "",
                "condition": knees.pk,
                "action": "ask",
                "variation": "",
                "instead": "",
            }
        ]
    )
    response = staff_client.post(reverse("admin:stretches_exercise_add"), data)
    assert response.status_code == 302
    rule = CautionRule.objects.get(exercise__slug="sphinx-pose")
    assert (rule.condition, rule.action, rule.variation) == (knees, "ask", None)


def test_the_inline_refuses_another_exercises_variation(staff_client, knees):
    exercise = make_exercise(name="Sphinx pose", slug="sphinx-pose", avoid_if="x")
    other = make_variation(make_exercise(), name="Not yours", safety_note="Gently.")
    data = exercise_data(
        rules=[
            {
                "id": "",
                "exercise": exercise.pk,
                "condition": knees.pk,
                "action": "avoid",
                "variation": "",
                "instead": other.pk,
            }
        ]
    )
    response = staff_client.post(
        reverse("admin:stretches_exercise_change", args=[exercise.pk]), data
    )
    assert any(
        "Select a valid choice" in m or "is a variation of" in m for m in error_messages(response)
    )
    assert not CautionRule.objects.filter(exercise=exercise).exists()


def test_the_admin_lists_conditions(staff_client):
    html = staff_client.get(reverse("admin:stretches_condition_changelist")).content.decode()
    assert "Osteoporosis or a spinal fracture" in html


def test_safety_updates_are_read_only_and_the_action_takes_the_new_text(staff_client):
    exercise = make_exercise(avoid_if="Our own words.")
    update = SafetyUpdate.objects.create(
        exercise_slug=exercise.slug,
        field="avoid_if",
        shipped_before="Old.",
        shipped_now="New and safer.",
        migration="test",
    )
    page = staff_client.get(reverse("admin:stretches_safetyupdate_change", args=[update.pk]))
    html = page.content.decode()
    for text in ("Our own words.", "New and safer.", "Old."):
        assert text in html
    assert staff_client.get(reverse("admin:stretches_safetyupdate_add")).status_code == 403
    response = staff_client.post(
        reverse("admin:stretches_safetyupdate_changelist"),
        {"action": "take_new_text", "_selected_action": [update.pk]},
    )
    assert response.status_code == 302
    exercise.refresh_from_db()
    update.refresh_from_db()
    assert exercise.avoid_if == "New and safer."
    assert update.resolved is not None
