"""The starter library: the article's content, its routines, and a loader that is safe to rerun."""

import pytest
from django.apps import apps

from stretches import starter_library as library
from stretches.models import Exercise, Routine, RoutineStep, Variation
from stretches.timeline import validate_cycles

ARTICLE_EXERCISES = [
    "knees-to-chest-hug",
    "supine-spinal-twist",
    "pigeon-pose",
    "standing-side-bend",
    "standing-forward-bend",
    "seated-hamstring-stretch",
    "kneeling-lunge",
    "foam-rolling-back",
]

# Beyond the article: the gentle basics a physiotherapist would expect (issue 8).
GENTLE_BASICS = [
    "knee-rolls",
    "pelvic-tilt",
    "cat-cow",
    "bottom-to-heels",
    "lying-hamstring-stretch",
]

STARTER_ROUTINES = ["spinal-twist-cycle", "full-lower-back", "first-day-gentle", "gentle-basics"]


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Exercise, Variation, Routine, RoutineStep)
    }


def routine(slug):
    return Routine.objects.with_steps().get(slug=slug)


def test_every_article_exercise_and_gentle_basic_is_in_the_library(starter_library):
    exercises = {e.slug: e for e in Exercise.objects.all()}
    assert sorted(exercises) == sorted(ARTICLE_EXERCISES + GENTLE_BASICS)
    for exercise in exercises.values():
        assert 3 <= len(exercise.instruction_lines()) <= 7, exercise.slug
        assert exercise.safety_notes, exercise.slug
        assert exercise.avoid_if, exercise.slug
        assert exercise.why_it_helps, exercise.slug
        assert exercise.target_area_list(), exercise.slug


def test_only_the_gentle_basics_are_marked_beyond_the_article(starter_library):
    beyond = Exercise.objects.filter(beyond_article=True).values_list("slug", flat=True)
    assert sorted(beyond) == sorted(GENTLE_BASICS)


def test_every_variation_has_its_own_safety_note(starter_library):
    variations = Variation.objects.select_related("exercise")
    assert variations.count() == 21
    for variation in variations:
        assert variation.safety_note, str(variation)
        assert variation.exercise.avoid_if, str(variation)


def test_every_new_exercise_has_an_easier_or_harder_variation(starter_library):
    for slug in GENTLE_BASICS:
        assert Exercise.objects.get(slug=slug).variations.exists(), slug


def test_the_weight_never_goes_with_the_twist_or_forward_bend_versions(starter_library):
    side_bend = Exercise.objects.get(slug="standing-side-bend")
    assert side_bend.variations.filter(equipment="light_weight").count() == 1
    twist_and_forward = side_bend.variations.filter(ladder__gte=2)
    assert not twist_and_forward.exclude(equipment="").exists()


def test_library_has_no_pictures_or_video_links(starter_library):
    exercises = Exercise.objects.filter(slug__in=ARTICLE_EXERCISES)
    assert not exercises.exclude(picture="").exists()
    assert not exercises.exclude(video_url="").exists()


def test_every_loaded_row_passes_model_validation(starter_library):
    for model in (Exercise, Variation, Routine, RoutineStep):
        for obj in model.objects.all():
            obj.full_clean()


def test_side_bend_has_the_three_harder_article_variations_shown_in_person(starter_library):
    side_bend = Exercise.objects.get(slug="standing-side-bend")
    harder = {v.name: v for v in side_bend.variations.filter(ladder__gt=0)}
    assert sorted(harder) == ["Holding a light weight", "With a forward bend", "With a mild twist"]
    assert all(v.show_in_person_first for v in harder.values())
    weight = harder["Holding a light weight"]
    assert weight.needed_equipment() == "light_weight"
    assert "three pounds" in weight.changes
    assert "1.4 kg" in weight.changes
    assert "injury" in weight.safety_note


def test_kneeling_lunge_has_the_harder_reach_back_variation(starter_library):
    lunge = Exercise.objects.prefetch_related("variations").get(slug="kneeling-lunge")
    harder = lunge.variations.get(ladder=1)
    assert harder.name == "Reach back for the back foot"
    assert "glutes" in harder.changes


def test_every_exercise_has_its_easier_variation(starter_library):
    easier = {
        e.slug: e.easier_variation().name
        for e in Exercise.objects.prefetch_related("variations")
        if e.easier_variation()
    }
    assert easier == {
        "knees-to-chest-hug": "One knee at a time",
        "supine-spinal-twist": "Knees on a pillow",
        "pigeon-pose": "Reclined figure-four",
        "standing-side-bend": "Seated side bend",
        "standing-forward-bend": "Soft knees, hands on thighs",
        "seated-hamstring-stretch": "With a towel or strap",
        "kneeling-lunge": "Cushion under the back knee",
        "foam-rolling-back": "Against a wall",
        "pelvic-tilt": "Sitting on a chair",
        "cat-cow": "Seated cat–cow",
        "bottom-to-heels": "Cushion on your heels",
        "lying-hamstring-stretch": "Knee a little bent",
    }
    hamstring = Exercise.objects.get(slug="seated-hamstring-stretch")
    towel = hamstring.variations.get(ladder=-1)
    assert hamstring.easier_variation(than=towel).name == "Knees bent"


@pytest.mark.parametrize(
    ("slug", "expected_seconds"),
    [
        # 3 rounds × (hug 10 + twist left 15 + hug 10 + twist right 15) = 3 × 50
        ("spinal-twist-cycle", 150),
        # side bend 4 × (5 + 5 + rest 5) = 60; forward bend 2 × (30 + rest 10) = 80;
        # lunge 30 + 30 + rest 10 = 70; pigeon 30 + 30 + rest 10 = 70;
        # seated hamstring 2 × (30 + rest 10) = 80; foam roll 120 + rest 10 = 130;
        # twist cycle 150: 60 + 80 + 70 + 70 + 80 + 130 + 150 = 640 (10 min 40 s)
        ("full-lower-back", 640),
        # hamstring 2 × (30 + 5) = 70; one knee 20 + 20 + 5 = 45; twist 20 + 20 + 5 = 45;
        # figure-four 30 + 30 + 5 = 65; hug 30: 70 + 45 + 45 + 65 + 30 = 255 (4 min 15 s)
        ("first-day-gentle", 255),
        # pelvic tilt 6 × (5 + 5) = 60; knee rolls 5 × (5 + 5) = 50;
        # lying hamstring 30 + 30 + 5 = 65; cat–cow 5 × 10 = 50;
        # bottom-to-heels 2 × (30 + 10) = 80: 305 (5 min 5 s)
        ("gentle-basics", 305),
    ],
)
def test_starter_routine_is_published_valid_and_as_long_as_planned(
    starter_library, slug, expected_seconds
):
    r = routine(slug)
    assert r.is_published
    assert validate_cycles(r.steps.all()) == []
    assert r.timeline()
    assert r.total_seconds == expected_seconds
    assert [s.order for s in r.steps.all()] == list(range(1, r.steps.count() + 1))


def test_starter_routines_have_levels_and_descriptions(starter_library):
    levels = dict(Routine.objects.filter(slug__in=STARTER_ROUTINES).values_list("slug", "level"))
    assert levels == {
        "spinal-twist-cycle": 1,
        "full-lower-back": 2,
        "first-day-gentle": 1,
        "gentle-basics": 1,
    }
    for slug in STARTER_ROUTINES:
        assert routine(slug).description


def test_spinal_twist_cycle_is_one_cycle_done_three_times(starter_library):
    r = routine("spinal-twist-cycle")
    assert r.steps.count() == 4
    moves = r.timeline()
    hug, twist = "knees-to-chest-hug", "supine-spinal-twist"
    assert [(m.exercise.slug, m.side) for m in moves] == [
        (hug, "none"),
        (twist, "left"),
        (hug, "none"),
        (twist, "right"),
    ] * 3
    assert [m.round for m in moves] == [1] * 4 + [2] * 4 + [3] * 4
    assert {m.rounds for m in moves} == {3}
    assert [m.hold_seconds for m in moves[:4]] == [10, 15, 10, 15]
    assert moves[1].step.cue == "Let both knees fall to the left"
    assert moves[2].step.cue == "Bring your knees back to the middle"


def test_full_routine_visits_every_article_section(starter_library):
    r = routine("full-lower-back")
    assert {e.slug for e in r.exercises()} == set(ARTICLE_EXERCISES)
    assert r.level == 2
    assert 10 * 60 <= r.total_seconds <= 15 * 60
    assert {step.side for step in r.steps.all()} >= {"both", "left", "right"}
    assert any(step.rest_seconds for step in r.steps.all())


def test_first_day_routine_is_short_gentle_and_needs_only_a_mat(starter_library):
    r = routine("first-day-gentle")
    assert 3 * 60 <= r.total_seconds <= 5 * 60
    assert r.equipment_needed() == ["mat"]
    for step in r.steps.all():
        # A moderate exercise is only done here in an easier version.
        assert step.exercise.difficulty == 1 or step.variation, step.exercise.slug
        if step.variation:
            assert step.variation.exercise_id == step.exercise_id
            assert step.variation.is_easier
    swapped = {s.exercise.slug: s.variation.name for s in r.steps.all() if s.variation}
    assert swapped["pigeon-pose"] == "Reclined figure-four"
    assert swapped["seated-hamstring-stretch"] == "Knees bent"


def test_gentle_basics_is_about_seven_minutes_with_get_ready_of_only_the_new_exercises(
    starter_library,
):
    r = routine("gentle-basics")
    assert {e.slug for e in r.exercises()} == set(GENTLE_BASICS)
    assert 6 * 60 <= r.facts()["with_get_ready"] <= 8 * 60
    assert r.equipment_needed() == ["mat", "strap"]


def test_video_authors_are_credited_by_name_without_links(starter_library):
    text = " ".join(
        [
            *Routine.objects.filter(slug__in=STARTER_ROUTINES).values_list(
                "description", flat=True
            ),
            *Exercise.objects.values_list("why_it_helps", flat=True),
        ]
    )
    assert "Glan Azar" in text
    assert "Gavin Morrison" in text
    assert "7 Secrets of Back Pain" in text
    assert "http" not in text


def test_loading_twice_adds_nothing(starter_library):
    before = row_counts()
    library.load(apps.get_model)
    assert row_counts() == before


def test_loading_again_keeps_an_editors_changes(starter_library):
    pigeon = Exercise.objects.get(slug="pigeon-pose")
    pigeon.summary = "Our editor's own words."
    pigeon.save()
    twist = Routine.objects.get(slug="spinal-twist-cycle")
    twist.steps.filter(order=4).delete()
    library.load(apps.get_model)
    pigeon.refresh_from_db()
    assert pigeon.summary == "Our editor's own words."
    assert twist.steps.count() == 3


def test_loading_again_restores_a_deleted_routine_but_not_an_editors_rung(starter_library):
    Routine.objects.filter(slug="first-day-gentle").delete()
    lunge = Exercise.objects.get(slug="kneeling-lunge")
    lunge.variations.filter(ladder=-1).delete()
    Variation.objects.create(exercise=lunge, name="Hand on a wall", changes="Lean.", ladder=-1)
    library.load(apps.get_model)
    assert routine("first-day-gentle").total_seconds == 255
    assert list(lunge.variations.filter(ladder=-1).values_list("name", flat=True)) == [
        "Hand on a wall"
    ]


@pytest.mark.django_db(transaction=True)
def test_it_loads_into_an_emptied_database():
    RoutineStep.objects.all().delete()
    Routine.objects.all().delete()
    Variation.objects.all().delete()
    Exercise.objects.all().delete()
    library.load(apps.get_model)
    variations = sum(len(e["variations"]) for e in library.EXERCISES)
    steps = sum(len(r["steps"]) for r in library.ROUTINES)
    assert row_counts() == {
        "Exercise": 13,
        "Variation": variations,
        "Routine": 4,
        "RoutineStep": steps,
    }
    # 8 article exercises with 1 + 1 + 1 + 4 + 1 + 2 + 2 + 1 variations, and 5 gentle basics
    # with 1 + 2 + 1 + 2 + 2; steps 4 + 10 + 5 + 5.
    assert (variations, steps) == (21, 24)


@pytest.mark.django_db
def test_migrations_load_the_starter_library():
    # No fixture here: the test database was built by running the migrations.
    assert set(Routine.objects.published().values_list("slug", flat=True)) >= set(STARTER_ROUTINES)
    assert Exercise.objects.filter(slug__in=ARTICLE_EXERCISES).count() == len(ARTICLE_EXERCISES)
