"""Validation messages editors see, and the domain methods on the models."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stretches.models import Equipment, Exercise, Routine, RoutineStep, Side, Variation

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def new_step(**fields):
    routine = fields.pop("routine", None) or make_routine()
    exercise = fields.pop("exercise", None) or make_exercise()
    fields.setdefault("hold_seconds", 30)
    return RoutineStep(routine=routine, exercise=exercise, **fields)


@pytest.mark.parametrize(
    ("hold", "message"),
    [(0, "Hold for at least 1 second."), (601, "Hold for at most 600 seconds (10 minutes).")],
)
def test_hold_must_be_between_1_and_600_seconds(hold, message):
    assert errors_of(new_step(hold_seconds=hold))["hold_seconds"] == [message]


@pytest.mark.parametrize("hold", [1, 600])
def test_hold_limits_themselves_are_allowed(hold):
    new_step(hold_seconds=hold).full_clean()


def test_rounds_must_be_at_least_one():
    assert errors_of(new_step(rounds=0))["rounds"] == [
        "Do it at least once: rounds must be 1 or more."
    ]


def test_variation_must_belong_to_the_steps_exercise():
    twist, pigeon = make_exercise(name="Twist"), make_exercise(name="Pigeon")
    reclined = make_variation(pigeon, name="Reclined")
    errors = errors_of(new_step(exercise=twist, variation=reclined))
    assert errors["variation"] == ["“Reclined” is a variation of Pigeon, not of Twist."]


def test_variation_of_the_same_exercise_is_fine():
    pigeon = make_exercise(name="Pigeon")
    new_step(exercise=pigeon, variation=make_variation(pigeon)).full_clean()


def test_exercise_and_routine_slugs_are_unique():
    make_exercise(slug="twist")
    assert "slug" in errors_of(Exercise(name="Other", slug="twist", summary="s", instructions="i"))
    make_routine(slug="morning")
    assert "slug" in errors_of(Routine(title="Other", slug="morning"))


def test_variation_rung_zero_is_the_plain_exercise():
    exercise = make_exercise()
    errors = errors_of(Variation(exercise=exercise, name="Same", changes="x", ladder=0))
    assert errors["__all__"] == ["Rung 0 is the plain exercise; choose another number."]
    with transaction.atomic(), pytest.raises(IntegrityError):
        Variation.objects.create(exercise=exercise, name="Same", changes="x", ladder=0)


def test_two_variations_cannot_share_a_rung():
    exercise = make_exercise()
    make_variation(exercise, ladder=-1)
    assert "__all__" in errors_of(Variation(exercise=exercise, name="B", changes="x", ladder=-1))


def test_a_picture_or_video_needs_its_credit():
    exercise = make_exercise(video_url="https://example.org/watch")
    errors = errors_of(exercise)
    assert errors["video_author"] == ["Credit the video's author."]
    assert errors["video_licence"] == ["Give the video's licence."]
    exercise.video_author, exercise.video_licence = "A. Physio", "CC BY 4.0"
    exercise.full_clean()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "data:text/html,x"]
)
def test_links_saved_without_a_form_must_be_http(url):
    # Saved through the ORM (as a fixture or an import would), then validated.
    exercise = make_exercise(
        video_url=url,
        video_author="A. Physio",
        video_licence="CC BY 4.0",
        picture_source_url=url,
    )
    errors = errors_of(exercise)
    message = ["Give a link starting with https:// (or http://)."]
    assert errors["video_url"][-1:] == message
    assert errors["picture_source_url"][-1:] == message


def test_ftp_links_are_refused_even_though_urlfield_allows_them():
    exercise = make_exercise(video_url="ftp://files.example/video.mp4")
    assert "Give a link starting with https:// (or http://)." in errors_of(exercise)["video_url"]


def test_http_and_https_links_are_fine():
    exercise = make_exercise(
        video_url="http://video.example/twist",
        video_author="A. Physio",
        video_licence="CC BY 4.0",
        picture_source_url="https://pictures.example/twist",
    )
    exercise.full_clean()


def test_every_starter_exercise_passes_full_clean(starter_library):
    for exercise in Exercise.objects.all():
        exercise.full_clean()


def test_easier_variation_walks_down_the_ladder():
    exercise = make_exercise()
    easiest = make_variation(exercise, name="Easiest", ladder=-2)
    easier = make_variation(exercise, name="Easier", ladder=-1)
    harder = make_variation(exercise, name="Harder", ladder=1)
    assert exercise.easier_variation() == easier
    assert exercise.easier_variation(than=harder) == easier
    assert exercise.easier_variation(than=easier) == easiest
    assert exercise.easier_variation(than=easiest) is None


def test_total_duration_is_computed_from_the_steps():
    routine = make_routine()
    add_step(routine, make_exercise(), hold_seconds=20, side=Side.BOTH, rest_seconds=10)
    add_step(routine, make_exercise(), hold_seconds=15, rounds=2)
    assert Routine.objects.get(pk=routine.pk).total_seconds == 20 * 2 + 10 + 15 * 2


def test_equipment_needed_comes_from_exercises_and_variations():
    routine = make_routine()
    bend = make_exercise(equipment=Equipment.NONE)
    weighted = make_variation(bend, ladder=1, equipment=Equipment.LIGHT_WEIGHT)
    add_step(routine, bend, variation=weighted)
    add_step(routine, make_exercise(equipment=Equipment.FOAM_ROLLER))
    add_step(routine, make_exercise(equipment=Equipment.MAT))
    assert routine.equipment_needed() == [
        Equipment.MAT,
        Equipment.FOAM_ROLLER,
        Equipment.LIGHT_WEIGHT,
    ]


def test_safety_notes_include_the_variations_note():
    exercise = make_exercise(safety_notes="Breathe slowly.")
    weighted = make_variation(exercise, ladder=1, safety_note="Too much weight can hurt.")
    step = add_step(make_routine(), exercise, variation=weighted)
    assert step.safety_notes() == ["Breathe slowly.", "Too much weight can hurt."]


def test_published_queryset_hides_drafts():
    shown, hidden = make_routine(is_published=True), make_routine(is_published=False)
    published = list(Routine.objects.published())
    assert shown in published
    assert hidden not in published


def test_side_words_need_the_side_placeholder():
    exercise = make_exercise(side_words="let your knees fall to the left")
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert "side_words" in error.value.message_dict


def test_side_words_say_each_side():
    exercise = make_exercise(side_words="let your knees fall to your {side}")
    exercise.full_clean()
    assert exercise.words_for_side(Side.LEFT) == "let your knees fall to your left"
    assert exercise.words_for_side(Side.RIGHT) == "let your knees fall to your right"
    assert exercise.words_for_side(Side.NONE) == ""


def test_every_sided_starter_exercise_says_what_its_side_means(starter_library):
    sided = set(
        RoutineStep.objects.exclude(side=Side.NONE).values_list("exercise__slug", flat=True)
    )
    assert sided
    for exercise in Exercise.objects.filter(slug__in=sided):
        assert "{side}" in exercise.side_words, exercise.slug
