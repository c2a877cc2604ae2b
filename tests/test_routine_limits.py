"""A routine's size is bounded (60 steps, 20 rounds, 400 poses, 90 minutes), by one rule that
the model, the admin, the builder, import and promote share; routines saved before the limits
are clamped by a migration; and nobody's routine is expanded before the request may see it."""

import importlib
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stretches import timeline
from stretches.models import Routine, RoutineStep, Side

from .conftest import add_step, make_exercise, make_routine
from .test_admin import error_messages, routine_data, step_row
from .test_builder_steps import step_data

pytestmark = pytest.mark.django_db

HUGE = 9_223_372_036_854_775_807


def steps_of(routine):
    return list(RoutineStep.objects.filter(routine=routine).order_by("order", "pk"))


def messages_of(routine, steps):
    return [p.message for p in timeline.validate_routine_steps(steps, routine.is_published)]


@pytest.fixture
def mine(user):
    return make_routine(owner=user, is_published=False, title="Mine")


class TestTheRule:
    def test_rounds_above_20_are_refused_by_the_model(self):
        routine = make_routine(steps=1)
        step = steps_of(routine)[0]
        step.rounds = 21
        with pytest.raises(ValidationError) as refused:
            step.full_clean()
        assert refused.value.message_dict["rounds"] == ["At most 20 rounds."]

    def test_sixty_steps_pass_and_sixty_one_are_refused_naming_the_limit(self):
        routine = make_routine(steps=61)
        steps = steps_of(routine)
        assert messages_of(routine, steps[:60]) == []
        assert messages_of(routine, steps) == [
            "A routine has at most 60 steps; this one would have 61."
        ]

    def test_more_than_400_poses_are_refused_naming_the_limit(self):
        routine = make_routine(steps=11)
        steps = steps_of(routine)
        for step in steps:
            step.hold_seconds, step.rounds, step.side = 1, 20, Side.BOTH
        [message] = messages_of(routine, steps)
        assert "at most 400 poses" in message
        assert "would have 440" in message

    def test_more_than_90_minutes_are_refused_naming_the_limit(self):
        routine = make_routine(steps=10)
        steps = steps_of(routine)
        for step in steps:
            step.hold_seconds, step.rest_seconds = 600, 0
        [message] = messages_of(routine, steps)
        assert "at most 90 minutes" in message
        assert "would last 100 minutes" in message

    def test_measuring_does_not_expand_the_timeline(self, monkeypatch):
        routine = make_routine(steps=1)
        step = steps_of(routine)[0]
        step.rounds = HUGE
        monkeypatch.setattr(timeline, "expand", pytest.fail)
        assert timeline.measure([step]) == (HUGE, HUGE * 30)


class TestTheBuilder:
    def test_a_huge_rounds_number_is_a_field_error_and_nothing_changes(self, signed_in, mine):
        step = add_step(mine, make_exercise())
        url = reverse("builder:step-save", args=[mine.slug, step.pk])
        response = signed_in.post(url, step_data(step, rounds=HUGE))
        assert response.status_code == 400
        assert "At most 20 rounds." in response.context["step_forms"][0][1].errors["rounds"]
        step.refresh_from_db()
        assert step.rounds == 1

    def test_a_step_past_the_90_minutes_is_refused_with_the_limit(self, signed_in, mine):
        exercise = make_exercise()
        for _ in range(9):
            add_step(mine, exercise, hold_seconds=600)
        step = add_step(mine, exercise, hold_seconds=1)
        url = reverse("builder:step-save", args=[mine.slug, step.pk])
        response = signed_in.post(url, step_data(step, hold_seconds=600, rest_seconds=60))
        assert response.status_code == 400
        assert "A routine lasts at most 90 minutes" in response.content.decode()
        step.refresh_from_db()
        assert step.hold_seconds == 1

    def test_the_61st_step_is_not_added(self, signed_in, mine):
        exercise = make_exercise()
        RoutineStep.objects.bulk_create(
            RoutineStep(routine=mine, order=n, exercise=exercise, hold_seconds=1)
            for n in range(1, 61)
        )
        url = reverse("builder:step-add", args=[mine.slug])
        response = signed_in.post(url, {"exercise": exercise.slug}, follow=True)
        assert mine.steps.count() == 60
        assert "Not added: A routine has at most 60 steps" in response.content.decode()

    def test_with_htmx_a_refused_add_scrolls_to_the_reason(self, signed_in, mine):
        exercise = make_exercise()
        RoutineStep.objects.bulk_create(
            RoutineStep(routine=mine, order=n, exercise=exercise, hold_seconds=1)
            for n in range(1, 61)
        )
        url = reverse("builder:step-add", args=[mine.slug])
        response = signed_in.post(url, {"exercise": exercise.slug}, headers={"HX-Request": "true"})
        assert "Not added: A routine has at most 60 steps" in response.content.decode()
        assert response["HX-Reswap"] == "outerHTML show:top"
        added = signed_in.post(
            reverse("builder:step-add", args=[make_routine(owner=mine.owner).slug]),
            {"exercise": exercise.slug},
            headers={"HX-Request": "true"},
        )
        assert "HX-Reswap" not in added


def upload(client, data):
    content = json.dumps(data).encode()
    return client.post(reverse("builder:import"), {"file": SimpleUploadedFile("r.json", content)})


def routine_file(steps):
    return {"format": "backlog-routine", "version": 1, "title": "Big", "steps": steps}


class TestImport:
    def test_a_file_of_61_steps_is_refused_with_the_limit(self, signed_in, user):
        exercise = make_exercise()
        response = upload(signed_in, routine_file([{"exercise": exercise.slug}] * 61))
        assert response.context["form"].errors["file"] == [
            "A routine has at most 60 steps; this one would have 61."
        ]
        assert not Routine.objects.filter(owner=user).exists()

    def test_huge_rounds_are_refused_with_the_limit(self, signed_in, user):
        exercise = make_exercise()
        step = {"exercise": exercise.slug, "hold_seconds": 30, "rounds": HUGE}
        response = upload(signed_in, routine_file([step]))
        assert response.context["form"].errors["file"] == ["Step 1: “rounds”: At most 20 rounds."]
        assert not Routine.objects.filter(owner=user).exists()

    def test_too_many_poses_are_refused_with_the_limit(self, signed_in, user):
        exercise = make_exercise()
        step = {"exercise": exercise.slug, "hold_seconds": 1, "rounds": 20, "side": "both"}
        response = upload(signed_in, routine_file([step] * 11))
        assert "at most 400 poses" in response.context["form"].errors["file"][0]
        assert not Routine.objects.filter(owner=user).exists()


class TestTheAdmin:
    def test_rounds_above_20_are_a_field_error(self, client, editor):
        client.force_login(editor)
        exercise = make_exercise()
        data = routine_data(steps=[step_row(exercise=exercise, order=1, rounds=HUGE)])
        response = client.post(reverse("admin:stretches_routine_add"), data)
        assert "At most 20 rounds." in error_messages(response)
        assert not Routine.objects.filter(slug="morning-mobility").exists()

    def test_too_many_poses_are_refused_above_the_table(self, client, editor):
        client.force_login(editor)
        exercise = make_exercise()
        rows = [
            step_row(exercise=exercise, order=n, rounds=20, side=Side.BOTH, hold_seconds=1)
            for n in range(1, 12)
        ]
        response = client.post(reverse("admin:stretches_routine_add"), routine_data(steps=rows))
        assert any("at most 400 poses" in m for m in error_messages(response))
        assert not Routine.objects.filter(slug="morning-mobility").exists()


def over_the_limits(**fields):
    """A routine saved before the limits: 32,767 rounds of one step (as PostgreSQL holds)."""
    routine = make_routine(steps=1, **fields)
    RoutineStep.objects.filter(routine=routine).update(rounds=32_767)
    return routine


class TestPromoteAndCopy:
    def test_copying_a_routine_over_the_limits_is_refused(self, user):
        routine = over_the_limits()
        with pytest.raises(ValidationError, match="at most 90 minutes"):
            routine.copy(owner=user, title="Copy")
        assert not Routine.objects.filter(title="Copy").exists()

    def test_the_builders_copy_says_why_and_copies_nothing(self, signed_in, user):
        routine = over_the_limits()
        response = signed_in.post(reverse("builder:copy", args=[routine.slug]), follow=True)
        assert "at most 400 poses" in response.content.decode()
        assert not Routine.objects.filter(owner=user).exists()

    def test_the_admins_promote_says_why_and_copies_nothing(self, client, editor, user):
        client.force_login(editor)
        routine = over_the_limits(owner=user, is_published=False)
        routine.share()
        library = Routine.objects.filter(owner=None).count()
        response = client.post(
            reverse("admin:stretches_offeredroutine_promote", args=[routine.pk]), follow=True
        )
        assert "Not promoted" in response.content.decode()
        assert "at most" in response.content.decode()
        assert Routine.objects.filter(owner=None).count() == library


class TestVisibilityComesFirst:
    def test_someone_elses_huge_routine_404s_without_expanding_it(
        self, client, other_user, monkeypatch
    ):
        routine = over_the_limits(owner=other_user, is_published=False)
        monkeypatch.setattr(timeline, "expand", pytest.fail)  # cold cache: nothing cached yet
        assert client.get(routine.get_absolute_url()).status_code == 404
        play = reverse("player:play-step", args=[routine.slug, 1])
        assert client.get(play).status_code == 404
        assert client.get(play, headers={"HX-Request": "true"}).status_code == 404

    def test_a_draft_library_routine_404s_for_visitors_without_expanding_it(
        self, client, monkeypatch
    ):
        routine = over_the_limits(is_published=False)
        monkeypatch.setattr(timeline, "expand", pytest.fail)
        assert client.get(routine.get_absolute_url()).status_code == 404


class TestClampMigration:
    def clamp(self, capsys):
        migration = importlib.import_module("stretches.migrations.0009_clamp_routines_to_limits")
        migration.clamp_routines(apps, None)
        return capsys.readouterr().out

    def test_it_brings_each_routine_within_the_limits_and_says_which(self, capsys):
        huge = over_the_limits(title="Forever")
        long = make_routine(steps=70, title="Long")
        fine = make_routine(steps=3, title="Fine")
        before = {r.pk: r.version for r in Routine.objects.all()}

        said = self.clamp(capsys)

        assert "“Forever”" in said

        assert "rounds 32767 → 20" in said
        assert "“Long”" in said
        assert "removed steps 61–70" in said
        assert "“Fine”" not in said
        for routine in (huge, long, fine):
            steps = steps_of(routine)
            assert timeline.validate_limits(steps) == []
        assert [s.rounds for s in steps_of(huge)] == [20]
        assert len(steps_of(long)) == 60
        after = {r.pk: r.version for r in Routine.objects.all()}
        assert after[fine.pk] == before[fine.pk]
        assert after[huge.pk] != before[huge.pk]  # the player notices the change

    def test_it_lowers_the_rounds_of_the_step_that_crosses_90_minutes(self, capsys):
        routine = make_routine(steps=2, title="Slow")
        first, second = steps_of(routine)
        RoutineStep.objects.filter(pk=first.pk).update(hold_seconds=600, rounds=8)
        RoutineStep.objects.filter(pk=second.pk).update(hold_seconds=600, rounds=5)

        said = self.clamp(capsys)

        assert "step 2 rounds 5 → 1" in said
        assert [(s.hold_seconds, s.rounds) for s in steps_of(routine)] == [(600, 8), (600, 1)]
