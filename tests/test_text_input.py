"""Text people type or import: control characters, lone surrogates and NUL are refused with a
clear message (never a 500, on SQLite or PostgreSQL); surrounding whitespace goes; and what
is saved survives the README's XML backup exactly."""

import json

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from stretches.models import Routine, RoutineStep
from stretches.text import clean_text

from .conftest import add_step, make_exercise, make_routine
from .test_admin import error_messages, exercise_data
from .test_builder_steps import step_data

pytestmark = pytest.mark.django_db

REFUSED = "Remove the character at position"


def upload(client, data, raw=None):
    content = raw if raw is not None else json.dumps(data).encode()
    return client.post(reverse("builder:import"), {"file": SimpleUploadedFile("r.json", content)})


def routine_file(**changes):
    data = {
        "format": "backlog-routine",
        "version": 1,
        "title": "Carried",
        "description": "",
        "steps": [{"exercise": "knee-hug", "hold_seconds": 30}],
    }
    return data | changes


@pytest.fixture
def knee_hug(db):
    return make_exercise(name="Knee hug", slug="knee-hug")


class TestTheRule:
    @pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x07", "\x7f", "\x85", "\ud800", "\ufffe"])
    def test_control_and_broken_characters_are_refused_naming_the_place(self, bad):
        routine = Routine(title=f"Ev{bad}ening", slug="evening")
        with pytest.raises(ValidationError) as refused:
            clean_text(routine)
        assert refused.value.message_dict["title"][0].startswith(f"{REFUSED} 3 ")

    def test_surrounding_whitespace_goes_and_line_ends_become_newlines(self):
        routine = Routine(title="\t Evening ", description=" First\r\nsecond\rthird\t")
        clean_text(routine)
        assert routine.title == "Evening"
        assert routine.description == "First\nsecond\nthird"

    def test_tabs_and_newlines_inside_are_kept(self):
        routine = Routine(title="A\tB", description="one\n\ttwo")
        clean_text(routine)
        assert (routine.title, routine.description) == ("A\tB", "one\n\ttwo")


class TestImport:
    @pytest.mark.parametrize("field", ["title", "description"])
    @pytest.mark.parametrize("bad", ["\x00", "\x1b", "\ud800"])
    def test_a_bad_character_in_the_routine_is_a_form_error(
        self, signed_in, user, knee_hug, field, bad
    ):
        response = upload(signed_in, routine_file(**{field: f"Morning{bad}"}))
        assert response.status_code == 200
        [message] = response.context["form"].errors["file"]
        assert message.startswith("The routine file's details: “")
        assert field in message
        assert not Routine.objects.filter(owner=user).exists()

    @pytest.mark.parametrize("bad", ["\x00", "\x1b", "\ud800"])
    def test_a_bad_character_in_a_cue_is_a_form_error_on_that_step(
        self, signed_in, user, knee_hug, bad
    ):
        steps = [{"exercise": "knee-hug", "hold_seconds": 30, "cue": f"Breathe{bad}"}]
        response = upload(signed_in, routine_file(steps=steps))
        [message] = response.context["form"].errors["file"]
        assert message.startswith("Step 1: “cue”: ")
        assert not Routine.objects.filter(owner=user).exists()

    def test_a_bad_description_is_reported_as_the_description(self, signed_in, knee_hug):
        response = upload(signed_in, routine_file(description=["not", "text"]))
        assert response.context["form"].errors["file"] == [
            "The routine's “description” must be text."
        ]

    def test_a_number_of_4301_digits_anywhere_is_not_json_we_can_read(
        self, signed_in, user, knee_hug
    ):
        raw = json.dumps(routine_file()).replace(
            '"hold_seconds": 30', '"hold_seconds": ' + "9" * 4301
        )
        response = upload(signed_in, None, raw=raw.encode())
        assert response.status_code == 200
        assert response.context["form"].errors["file"] == [
            "This is not a routine file: it is not JSON we can read."
        ]
        assert not Routine.objects.filter(owner=user).exists()

    def test_leading_whitespace_is_stripped(self, signed_in, user, knee_hug):
        steps = [{"exercise": "knee-hug", "hold_seconds": 30, "cue": "\t  Breathe out"}]
        upload(signed_in, routine_file(title="\tMorning", description="\n Why\r\n", steps=steps))
        routine = Routine.objects.get(owner=user)
        assert (routine.title, routine.description) == ("Morning", "Why")
        assert routine.steps.get().cue == "Breathe out"


class TestTheBuilder:
    def test_a_control_character_in_a_title_is_a_field_error(self, signed_in, user):
        response = signed_in.post(reverse("builder:new"), {"title": "Eve\x1bning", "level": 1})
        assert response.status_code == 200
        assert response.context["form"].errors["title"][0].startswith(REFUSED)
        assert not Routine.objects.filter(owner=user).exists()

    def test_a_control_character_in_a_cue_is_a_field_error(self, signed_in, user):
        routine = make_routine(owner=user, is_published=False)
        step = add_step(routine, make_exercise())
        url = reverse("builder:step-save", args=[routine.slug, step.pk])
        response = signed_in.post(url, step_data(step, cue="Breathe\x07"))
        assert response.status_code == 400
        assert response.context["step_forms"][0][1].errors["cue"][0].startswith(REFUSED)
        assert RoutineStep.objects.get(pk=step.pk).cue == ""

    def test_an_exercise_with_nul_is_400(self, signed_in, user):
        routine = make_routine(owner=user, is_published=False)
        url = reverse("builder:step-add", args=[routine.slug])
        response = signed_in.post(url, {"exercise": "knee\x00hug"})
        assert response.status_code == 400
        assert not routine.steps.exists()


class TestTheAdmin:
    def test_a_control_character_in_an_exercise_is_a_field_error(self, client, editor):
        client.force_login(editor)
        data = exercise_data(name="Knee\x1bhug")
        response = client.post(reverse("admin:stretches_exercise_add"), data)
        assert any(m.startswith(REFUSED) for m in error_messages(response))


class TestNulInAddresses:
    @pytest.mark.parametrize(
        "url",
        [
            "/shared/%00/",
            "/shared/%00aaaaaaaaaaaaaaaaaaaaaaaaaaa/",
            "/?level=%00",
            "/admin/autocomplete/?term=%00&app_label=stretches&model_name=routinestep"
            "&field_name=exercise",
            "/admin/stretches/exercise/?q=%00",
        ],
    )
    def test_it_is_400_saying_why(self, client, editor, url):
        client.force_login(editor)
        response = client.get(url)
        assert response.status_code == 400
        assert "NUL" in response.content.decode()

    def test_a_share_token_that_cannot_be_one_is_404(self, client):
        assert client.get("/shared/not a token/").status_code == 404


def test_what_a_person_typed_survives_the_xml_backup_exactly(client, user, knee_hug, tmp_path):
    """Typed with leading tabs, Windows line ends and (refused) control characters: what
    was saved dumps to XML and loads back identical (the README's backup)."""
    client.force_login(user)
    client.post(
        reverse("builder:new"), {"title": "\tMorning", "description": "a\r\n\tb", "level": 1}
    )
    refused = client.post(reverse("builder:new"), {"title": "Eve\x1bning", "level": 1})
    assert refused.status_code == 200
    steps = [{"exercise": "knee-hug", "hold_seconds": 30, "cue": "\tBreathe\r\nout"}]
    upload(client, routine_file(title="\t\tCarried", description=" x\r", steps=steps))
    mine = Routine.objects.filter(owner=user).order_by("pk")
    assert [r.title for r in mine] == ["Morning", "Carried"]

    def rows():
        return serializers.serialize(
            "python", [*mine, *RoutineStep.objects.filter(routine__owner=user).order_by("pk")]
        )

    before = rows()
    backup = tmp_path / "backup.xml"
    # Raised "unserializable characters" for a title holding \x1b.
    call_command(
        "dumpdata",
        "stretches.Routine",
        "stretches.RoutineStep",
        format="xml",
        output=str(backup),
        verbosity=0,
    )
    mine.delete()
    call_command("loaddata", str(backup), verbosity=0)
    assert rows() == before
    assert mine[0].description == "a\n\tb"
    assert RoutineStep.objects.get(routine__owner=user).cue == "Breathe\nout"
