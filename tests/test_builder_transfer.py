"""Export a routine as a JSON file, and import one: all or nothing, with a clear error."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stretches.models import Routine, Side

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db

IMPORT = reverse("builder:import")


def upload(client, content, name="routine.json"):
    if not isinstance(content, bytes):
        content = json.dumps(content).encode()
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


def good_file(**changes):
    data = {
        "format": "backlog-routine",
        "version": 1,
        "title": "Carried over",
        "description": "",
        "level": 1,
        "steps": [{"exercise": "knee-hug", "variation": None, "hold_seconds": 30}],
    }
    data.update(changes)
    return data


@pytest.fixture
def knee_hug(db):
    exercise = make_exercise(name="Knee hug", slug="knee-hug")
    make_variation(exercise, name="One knee")
    return exercise


class TestExportRoutine:
    def test_it_downloads_the_routine_as_an_attachment(self, signed_in, user, knee_hug):
        routine = make_routine(owner=user, is_published=False, title="Mine", slug="mine")
        add_step(
            routine, knee_hug, hold_seconds=40, side=Side.BOTH, variation=knee_hug.variations.get()
        )
        response = signed_in.get(reverse("builder:export", args=["mine"]))
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="mine.json"'
        data = json.loads(response.content)
        assert data["format"] == "backlog-routine"
        assert data["version"] == 1
        assert data["steps"] == [
            {
                "exercise": "knee-hug",
                "variation": "One knee",
                "hold_seconds": 40,
                "side": "both",
                "rounds": 1,
                "cycle_steps": 1,
                "rest_seconds": 0,
                "cue": "",
            }
        ]

    def test_a_library_routine_is_not_exported(self, signed_in):
        routine = make_routine(steps=1)
        assert signed_in.get(reverse("builder:export", args=[routine.slug])).status_code == 404


class TestImportRoutine:
    def test_round_trip_export_then_import_as_another_user(
        self, client, user, other_user, knee_hug
    ):
        other = make_exercise(name="Cat", slug="cat")
        routine = make_routine(
            owner=user, is_published=False, title="Mine", description="Why", level=2
        )
        add_step(
            routine,
            knee_hug,
            variation=knee_hug.variations.get(),
            side=Side.LEFT,
            cycle_steps=2,
            rounds=3,
        )
        add_step(routine, other, hold_seconds=90, rest_seconds=15, cue="Slowly")
        client.force_login(user)
        exported = client.get(reverse("builder:export", args=[routine.slug])).content

        client.force_login(other_user)
        response = upload(client, exported)

        imported = Routine.objects.get(owner=other_user)
        assert response.status_code == 302
        assert response["Location"] == reverse("builder:edit", args=[imported.slug])
        assert (imported.title, imported.description, imported.level) == ("Mine", "Why", 2)
        assert not imported.is_published
        fields = [
            "order",
            "exercise_id",
            "variation_id",
            "hold_seconds",
            "side",
            "rounds",
            "cycle_steps",
            "rest_seconds",
            "cue",
        ]
        assert list(imported.steps.values_list(*fields)) == list(routine.steps.values_list(*fields))

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"{not json", "it is not JSON"),
            (b"\xff\xfe", "it is not JSON"),
            ([1, 2], "its “format” is not “backlog-routine”"),
            ({"format": "other"}, "its “format” is not “backlog-routine”"),
            (good_file(version=2), "version 2; this backlog reads version 1"),
            (good_file(title=""), "has no title"),
            (good_file(level=9), "“level”: Select a valid choice. 9 is not one of"),
            (good_file(steps="many"), "no list of “steps”"),
            (
                good_file(steps=[{"exercise": "moon-walk", "hold_seconds": 30}]),
                "Step 1: this backlog has no exercise “moon-walk”",
            ),
            (good_file(steps=[{"exercise": ["x"], "hold_seconds": 30}]), "has no exercise"),
            (
                good_file(
                    steps=[{"exercise": "knee-hug", "variation": "Upside down", "hold_seconds": 30}]
                ),
                "Knee hug has no variation “Upside down”",
            ),
            (
                good_file(
                    steps=[
                        {"exercise": "knee-hug", "hold_seconds": 30},
                        {"exercise": "knee-hug", "hold_seconds": 601},
                    ]
                ),
                "Step 2: “hold_seconds”: Hold for at most 600 seconds",
            ),
            (
                good_file(steps=[{"exercise": "knee-hug", "hold_seconds": "long"}]),
                "Step 1: “hold_seconds”: Enter a whole number",
            ),
            (
                good_file(steps=[{"exercise": "knee-hug", "hold_seconds": 30, "side": "up"}]),
                "Step 1: “side”: Select a valid choice",
            ),
            (
                good_file(steps=[{"exercise": "knee-hug", "hold_seconds": 30, "cycle_steps": 2}]),
                "starts a cycle of 2 steps",
            ),
            (good_file(steps=["knee-hug"]), "Step 1 is not a step"),
        ],
    )
    def test_a_bad_file_is_a_form_error_naming_the_problem_and_imports_nothing(
        self, signed_in, user, knee_hug, content, message
    ):
        response = upload(signed_in, content)
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors["file"])
        assert not Routine.objects.filter(owner=user).exists()

    def test_a_file_over_64_kb_is_refused(self, signed_in, user, knee_hug):
        response = upload(signed_in, good_file(description="x" * 70_000))
        assert "too large" in response.context["form"].errors["file"][0]
        assert not Routine.objects.filter(owner=user).exists()

    def test_an_empty_routine_imports_as_a_draft(self, signed_in, user):
        response = upload(signed_in, good_file(steps=[]))
        assert response.status_code == 302
        assert Routine.objects.get(owner=user).steps.count() == 0

    def test_the_page_shows_the_form(self, signed_in):
        html = signed_in.get(IMPORT).content.decode()
        assert 'enctype="multipart/form-data"' in html
        assert 'type="file"' in html
