"""Builder step actions: add, save (with the admin's rules), move up and down, remove."""

import pytest
from django.urls import reverse

from stretches.models import RoutineStep, Side

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(user):
    return make_routine(owner=user, is_published=False, title="Mine")


def step_data(step, **changes):
    fields = {
        "variation": step.variation_id or "",
        "hold_seconds": step.hold_seconds,
        "side": step.side,
        "rounds": step.rounds,
        "cycle_steps": step.cycle_steps,
        "rest_seconds": step.rest_seconds,
        "cue": step.cue,
    }
    fields.update(changes)
    return {f"step-{step.pk}-{name}": value for name, value in fields.items()}


def titles(routine):
    return [s.exercise.name for s in RoutineStep.objects.filter(routine=routine)]


class TestStepAdd:
    def test_it_adds_a_step_at_the_end_and_returns_to_the_page(self, signed_in, routine):
        add_step(routine, make_exercise(name="First"))
        make_exercise(name="Second", slug="second")
        response = signed_in.post(
            reverse("builder:step-add", args=[routine.slug]), {"exercise": "second"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(
            reverse("builder:edit", args=[routine.slug]) + "#step-"
        )
        assert titles(routine) == ["First", "Second"]

    def test_htmx_gets_the_steps_section_with_the_new_total(self, signed_in, routine):
        make_exercise(name="Second", slug="second")
        response = signed_in.post(
            reverse("builder:step-add", args=[routine.slug]),
            {"exercise": "second"},
            HTTP_HX_REQUEST="true",
        )
        html = response.content.decode()
        assert html.lstrip().startswith('<section id="builder-steps"')
        assert "1 step</strong>, 30 s of holds" in html

    def test_it_goes_after_steps_numbered_with_gaps(self, signed_in, routine):
        add_step(routine, make_exercise(name="First"), order=10)
        add_step(routine, make_exercise(name="Second"), order=20)
        make_exercise(name="Third", slug="third")
        url = reverse("builder:step-add", args=[routine.slug])
        signed_in.post(url, {"exercise": "third"})
        assert titles(routine) == ["First", "Second", "Third"]

    def test_an_unknown_exercise_is_400(self, signed_in, routine):
        url = reverse("builder:step-add", args=[routine.slug])
        assert signed_in.post(url, {"exercise": "nope"}).status_code == 400
        assert routine.steps.count() == 0


class TestStepSave:
    def test_it_saves_hold_side_variation_rest_and_cue(self, signed_in, routine):
        exercise = make_exercise()
        easier = make_variation(exercise)
        step = add_step(routine, exercise)
        url = reverse("builder:step-save", args=[routine.slug, step.pk])
        data = step_data(
            step, hold_seconds=45, side=Side.BOTH, variation=easier.pk, rest_seconds=5, cue="Slowly"
        )
        assert signed_in.post(url, data).status_code == 302
        step.refresh_from_db()
        assert (step.hold_seconds, step.side, step.variation, step.rest_seconds, step.cue) == (
            45,
            Side.BOTH,
            easier,
            5,
            "Slowly",
        )

    def test_only_the_exercises_own_variations_are_accepted(self, signed_in, routine):
        step = add_step(routine, make_exercise())
        elsewhere = make_variation(make_exercise())
        url = reverse("builder:step-save", args=[routine.slug, step.pk])
        response = signed_in.post(url, step_data(step, variation=elsewhere.pk))
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
        step.refresh_from_db()
        assert step.variation is None

    @pytest.mark.parametrize(
        ("hold", "message"), [(0, "at least 1 second"), (601, "at most 600 seconds")]
    )
    def test_hold_outside_1_to_600_seconds_is_a_field_error(
        self, signed_in, routine, hold, message
    ):
        step = add_step(routine, make_exercise())
        url = reverse("builder:step-save", args=[routine.slug, step.pk])
        response = signed_in.post(url, step_data(step, hold_seconds=hold))
        assert response.status_code == 400
        form = response.context["step_forms"][0][1]
        assert message in form.errors["hold_seconds"][0]
        step.refresh_from_db()
        assert step.hold_seconds == 30

    def test_a_cycle_that_does_not_fit_is_refused_on_its_field(self, signed_in, routine):
        step = add_step(routine, make_exercise())
        add_step(routine, make_exercise())
        url = reverse("builder:step-save", args=[routine.slug, step.pk])
        response = signed_in.post(url, step_data(step, cycle_steps=3, rounds=2))
        assert response.status_code == 400
        form = response.context["step_forms"][0][1]
        assert "starts a cycle of 3 steps" in form.errors["cycle_steps"][0]
        step.refresh_from_db()
        assert step.cycle_steps == 1

    def test_a_cycle_that_fits_is_saved_and_the_total_counts_it(self, signed_in, routine):
        step = add_step(routine, make_exercise())
        add_step(routine, make_exercise())
        url = reverse("builder:step-save", args=[routine.slug, step.pk])
        response = signed_in.post(
            url, step_data(step, cycle_steps=2, rounds=3), HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        assert "2 steps</strong>, 3 min of holds" in response.content.decode()

    def test_htmx_gets_field_errors_in_the_steps_section(self, signed_in, routine):
        step = add_step(routine, make_exercise())
        url = reverse("builder:step-save", args=[routine.slug, step.pk])
        response = signed_in.post(url, step_data(step, hold_seconds=0), HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert html.lstrip().startswith('<section id="builder-steps"')
        assert "Hold for at least 1 second." in html
        assert "1 step</strong>, 30 s" in html  # the saved total, not the refused one


class TestStepMove:
    def test_move_up_and_down_reorder_the_steps(self, signed_in, routine):
        for name in ("A", "B", "C"):
            add_step(routine, make_exercise(name=name))
        c = routine.steps.get(exercise__name="C")
        url = reverse("builder:step-move", args=[routine.slug, c.pk])
        assert signed_in.post(url, {"direction": "up"}).status_code == 302
        assert titles(routine) == ["A", "C", "B"]
        a = routine.steps.get(exercise__name="A")
        signed_in.post(
            reverse("builder:step-move", args=[routine.slug, a.pk]), {"direction": "down"}
        )
        assert titles(routine) == ["C", "A", "B"]

    def test_moving_the_first_step_up_changes_nothing(self, signed_in, routine):
        first = add_step(routine, make_exercise(name="A"))
        add_step(routine, make_exercise(name="B"))
        url = reverse("builder:step-move", args=[routine.slug, first.pk])
        assert signed_in.post(url, {"direction": "up"}).status_code == 302
        assert titles(routine) == ["A", "B"]

    def test_a_move_that_breaks_a_cycle_is_refused(self, signed_in, routine):
        add_step(routine, make_exercise(name="A"), cycle_steps=2, rounds=2)
        add_step(routine, make_exercise(name="B"))
        c = add_step(routine, make_exercise(name="C"), rounds=3)
        url = reverse("builder:step-move", args=[routine.slug, c.pk])
        response = signed_in.post(url, {"direction": "up"}, HTTP_HX_REQUEST="true")
        assert "Not moved: Step 2 is inside the cycle" in response.content.decode()
        assert titles(routine) == ["A", "B", "C"]

    def test_a_bad_direction_is_400(self, signed_in, routine):
        step = add_step(routine, make_exercise())
        url = reverse("builder:step-move", args=[routine.slug, step.pk])
        assert signed_in.post(url, {"direction": "sideways"}).status_code == 400


class TestStepDelete:
    def test_it_removes_the_step_and_renumbers(self, signed_in, routine):
        a = add_step(routine, make_exercise(name="A"))
        add_step(routine, make_exercise(name="B"))
        url = reverse("builder:step-delete", args=[routine.slug, a.pk])
        assert signed_in.post(url).status_code == 302
        assert [(s.exercise.name, s.order) for s in routine.steps.all()] == [("B", 1)]

    def test_removing_a_step_a_cycle_needs_is_refused(self, signed_in, routine):
        add_step(routine, make_exercise(name="A"), cycle_steps=2, rounds=2)
        b = add_step(routine, make_exercise(name="B"))
        url = reverse("builder:step-delete", args=[routine.slug, b.pk])
        signed_in.post(url)
        assert titles(routine) == ["A", "B"]

    def test_the_last_step_can_go_leaving_a_draft_that_cannot_play(self, signed_in, routine):
        step = add_step(routine, make_exercise())
        signed_in.post(reverse("builder:step-delete", args=[routine.slug, step.pk]))
        assert routine.steps.count() == 0
        assert signed_in.get(reverse("player:play-step", args=[routine.slug, 1])).status_code == 404
