"""The starter library's migrations, run by Django's real migration executor.

From zero, 0002 (frozen) and 0003 (the safety review) give exactly what
stretches/starter_library.py holds; and 0003 updates a shipped field only where an editor
has not changed it.
"""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from stretches import starter_library as library
from stretches.models import CautionRule, Condition, Exercise, Routine, SafetyUpdate, Variation

pytestmark = pytest.mark.django_db(transaction=True)

ZERO = [("stretches", None)]
BEFORE_REVIEW = [("stretches", "0002_starter_library")]

shipped = importlib.import_module("stretches.migrations.0002_starter_library")

EXERCISE_FIELDS = {
    "name": None,
    "kind": None,
    "summary": None,
    "instructions": None,
    "why_it_helps": None,
    "target_areas": None,
    "equipment": None,
    "difficulty": None,
    "safety_notes": None,
    "avoid_if": None,
    "beyond_article": False,
    "drawing": "",
}
VARIATION_FIELDS = {
    "changes": None,
    "instructions": "",
    "ladder": None,
    "equipment": "",
    "safety_note": "",
    "show_in_person_first": False,
    "drawing": "",
}
ROUTINE_FIELDS = {"title": None, "level": None, "description": None}
STEP_FIELDS = {
    "exercise": None,
    "variation": None,
    "hold_seconds": None,
    "side": "none",
    "rounds": 1,
    "cycle_steps": 1,
    "rest_seconds": 0,
    "cue": "",
}


def migrate(targets):
    """Migrate the test database to `targets`; return the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    if targets == ZERO:
        return None
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def migrator():
    yield migrate
    # Whatever the test did, leave the schema fully migrated for the tests after it.
    migrate(latest())


def pick(data, fields):
    return {name: data.get(name, default) for name, default in fields.items()}


def expected_library():
    """starter_library's content, in the shape `library_in_database()` reads."""
    exercises = {}
    for data in library.EXERCISES:
        row = pick({**data, "instructions": "\n".join(data["instructions"])}, EXERCISE_FIELDS)
        row["variations"] = {
            v["name"]: pick(
                {**v, "instructions": "\n".join(v.get("instructions", ()))}, VARIATION_FIELDS
            )
            for v in data["variations"]
        }
        exercises[data["slug"]] = row
    routines = {}
    for data in library.ROUTINES:
        row = pick(data, ROUTINE_FIELDS)
        row["is_published"] = True
        row["steps"] = [pick(step, STEP_FIELDS) for step in data["steps"]]
        routines[data["slug"]] = row
    return exercises, routines


def library_in_database():
    exercises = {}
    for exercise in Exercise.objects.prefetch_related("variations"):
        row = {name: getattr(exercise, name) for name in EXERCISE_FIELDS}
        row["variations"] = {
            v.name: {name: getattr(v, name) for name in VARIATION_FIELDS}
            for v in exercise.variations.all()
        }
        exercises[exercise.slug] = row
    routines = {}
    for routine in Routine.objects.with_steps():
        row = {name: getattr(routine, name) for name in ROUTINE_FIELDS}
        row["is_published"] = routine.is_published
        row["steps"] = [
            {
                **{name: getattr(step, name) for name in STEP_FIELDS},
                "exercise": step.exercise.slug,
                "variation": step.variation.name if step.variation else None,
            }
            for step in routine.steps.all()
        ]
        assert [step.order for step in routine.steps.all()] == list(range(1, len(row["steps"]) + 1))
        routines[routine.slug] = row
    return exercises, routines


def test_migrating_from_zero_gives_exactly_the_starter_library(migrator):
    migrator(ZERO)
    migrator(latest())
    exercises, routines = library_in_database()
    expected_exercises, expected_routines = expected_library()
    assert sorted(exercises) == sorted(expected_exercises)
    for slug, row in expected_exercises.items():
        assert exercises[slug] == row, slug
    assert routines == expected_routines


def test_the_review_marks_only_the_new_exercises_beyond_the_article(migrator):
    migrator(ZERO)
    migrator(latest())
    assert sorted(Exercise.objects.filter(beyond_article=True).values_list("slug", flat=True)) == [
        "bottom-to-heels",
        "cat-cow",
        "knee-rolls",
        "lying-hamstring-stretch",
        "pelvic-tilt",
    ]


@pytest.fixture
def reviewed_after_edits(migrator):
    """A site on 0002 whose editor changed some shipped fields, then migrated to the end."""
    migrator(ZERO)
    old = migrator(BEFORE_REVIEW)
    exercise = old.get_model("stretches", "Exercise")
    variation = old.get_model("stretches", "Variation")
    routine = old.get_model("stretches", "Routine")
    step = old.get_model("stretches", "RoutineStep")
    exercise.objects.filter(slug="pigeon-pose").update(avoid_if="Our editor's own words.")
    variation.objects.filter(name="Holding a light weight").update(changes="Our own weight.")
    routine.objects.filter(slug="full-lower-back").update(description="Our own description.")
    step.objects.filter(exercise__slug="foam-rolling-back").update(cue="Our own cue.")
    # An editor who already wrote their own knee rolls keeps them.
    exercise.objects.create(
        slug="knee-rolls", name="Knee rolls", summary="Mine.", instructions="Roll."
    )
    migrator(latest())


def new_text(slug):
    return next(data for data in library.EXERCISES if data["slug"] == slug)


def old_text(slug):
    return next(data for data in shipped.EXERCISES if data["slug"] == slug)


def test_the_review_leaves_an_edited_field_alone(reviewed_after_edits):
    pigeon = Exercise.objects.get(slug="pigeon-pose")
    assert pigeon.avoid_if == "Our editor's own words."
    weight = Exercise.objects.get(slug="standing-side-bend").variations.get(
        name="Holding a light weight"
    )
    assert weight.changes == "Our own weight."
    full = Routine.objects.get(slug="full-lower-back")
    assert full.description == "Our own description."
    assert full.steps.get(exercise__slug="foam-rolling-back").cue == "Our own cue."
    knee_rolls = Exercise.objects.get(slug="knee-rolls")
    assert knee_rolls.summary == "Mine."
    assert not knee_rolls.beyond_article


def test_the_review_updates_an_unedited_field(reviewed_after_edits):
    pigeon = Exercise.objects.get(slug="pigeon-pose")
    new_pigeon = new_text("pigeon-pose")
    assert pigeon.instructions == "\n".join(new_pigeon["instructions"])
    assert pigeon.instructions != "\n".join(old_text("pigeon-pose")["instructions"])
    assert pigeon.safety_notes == new_pigeon["safety_notes"]
    weight = Exercise.objects.get(slug="standing-side-bend").variations.get(
        name="Holding a light weight"
    )
    new_weight = next(v for v in new_text("standing-side-bend")["variations"] if v["ladder"] == 1)
    assert weight.safety_note == new_weight["safety_note"]
    twist = Routine.objects.get(slug="spinal-twist-cycle")
    assert twist.description == next(
        r["description"] for r in library.ROUTINES if r["slug"] == "spinal-twist-cycle"
    )
    full = Routine.objects.get(slug="full-lower-back")
    assert full.steps.get(exercise__slug="pigeon-pose").hold_seconds == 30
    # The new routine is built even on the editor's own knee rolls.
    gentle = Routine.objects.get(slug="gentle-basics")
    assert gentle.steps.filter(exercise__slug="knee-rolls").exists()


def test_reversing_the_review_puts_back_only_the_unedited_old_text(reviewed_after_edits, migrator):
    old = migrator(BEFORE_REVIEW)
    pigeon = old.get_model("stretches", "Exercise").objects.get(slug="pigeon-pose")
    assert pigeon.instructions == "\n".join(old_text("pigeon-pose")["instructions"])
    assert pigeon.avoid_if == "Our editor's own words."


BEFORE_CHECK_FIRST = [("stretches", "0005_check_first")]
check_first = importlib.import_module("stretches.migrations.0006_check_first_library")


@pytest.fixture
def checked_after_edits(migrator):
    """A site on 0005 whose editor changed foam rolling's instructions, then migrated."""
    migrator(ZERO)
    old = migrator(BEFORE_CHECK_FIRST)
    old.get_model("stretches", "Exercise").objects.filter(slug="foam-rolling-back").update(
        instructions="Our editor's own roll."
    )
    migrator(latest())


def test_the_check_first_migration_records_an_edited_field_for_review(checked_after_edits):
    foam = Exercise.objects.get(slug="foam-rolling-back")
    assert foam.instructions == "Our editor's own roll."
    update = SafetyUpdate.objects.get(exercise_slug="foam-rolling-back", field="instructions")
    shipped = check_first.EXERCISE_UPDATES["foam-rolling-back"]["instructions"]
    assert (update.shipped_before, update.shipped_now) == (shipped["old"], shipped["new"])
    assert update.current_text() == "Our editor's own roll."
    assert update.apply()
    foam.refresh_from_db()
    assert foam.instructions == shipped["new"]


def test_the_check_first_migration_updates_an_unedited_field(checked_after_edits):
    side_bend = Exercise.objects.get(slug="standing-side-bend")
    assert (
        side_bend.avoid_if == check_first.EXERCISE_UPDATES["standing-side-bend"]["avoid_if"]["new"]
    )
    assert not SafetyUpdate.objects.filter(exercise_slug="standing-side-bend").exists()
    assert CautionRule.objects.filter(exercise=side_bend, condition__slug="osteoporosis").exists()


def test_what_the_first_review_skipped_is_listed_too(reviewed_after_edits):
    update = SafetyUpdate.objects.get(exercise_slug="pigeon-pose", field="avoid_if")
    assert update.current_text() == "Our editor's own words."
    assert update.shipped_now == check_first.EXERCISE_UPDATES["pigeon-pose"]["avoid_if"]["new"]
    # An editor's own knee rolls get the rules too: they are the same exercise, by slug.
    assert CautionRule.objects.filter(exercise__slug="knee-rolls").exists()


def test_migrating_from_zero_gives_the_starter_conditions_and_rules(migrator):
    migrator(ZERO)
    migrator(latest())
    assert list(Condition.objects.values_list("slug", flat=True)) == [
        slug for slug, _, _ in library.CONDITIONS
    ]
    found = {
        (
            r.exercise.slug,
            r.variation.name if r.variation else None,
            r.condition.slug,
            r.action,
            r.instead.name if r.instead else None,
        )
        for r in CautionRule.objects.select_related("exercise", "variation", "condition", "instead")
    }
    assert found == set(library.RULES)
    assert not SafetyUpdate.objects.exists()


def test_the_drawing_keys_migration_follows_the_names_and_leaves_a_renamed_row_alone(migrator):
    migrator(ZERO)
    old = migrator([("stretches", "0010_privacy_and_editing")])
    variation = old.get_model("stretches", "Variation")
    variation.objects.filter(name="Knees on a pillow").update(name="Knees on our cushion")
    migrator([("stretches", "0011_drawing_keys")])
    twist = Exercise.objects.get(slug="supine-spinal-twist")
    assert twist.drawing == "supine-spinal-twist"
    assert twist.variations.get(name="Knees on our cushion").drawing == ""
    figure_four = Variation.objects.get(name="Reclined figure-four")
    assert figure_four.drawing == "reclined-figure-four"
