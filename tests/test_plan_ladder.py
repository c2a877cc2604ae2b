"""Accepting or declining a ladder suggestion; the rung then plays and shows."""

import pytest
from django.urls import reverse

from plans.models import LadderAnswer, Rung
from tests.conftest import add_step, make_exercise, make_routine, make_session, make_variation
from tests.plan_factories import make_plan

pytestmark = pytest.mark.django_db
QUERIES = 7  # user, favourites; plan, its routines, steps, variations, rungs


@pytest.fixture
def ready(user):
    """Three green sessions on the plain rung of an exercise with a harder variation."""
    exercise = make_exercise()
    harder = make_variation(exercise, ladder=1, name="Deeper twist")
    routine = make_routine(steps=2, exercise=exercise)
    make_plan(user, routine, starts_days_ago=10)
    for days in (3, 2, 1):
        make_session(user, routine, days_ago=days, pain_before=2, pain_after=1)
    return exercise, harder, routine


def answer(client, exercise, value, direction="harder"):
    url = reverse("plans:ladder-answer", args=[exercise.pk])
    return client.post(url, {"answer": value, "direction": direction})


class TestLadderAnswer:
    def test_accepting_moves_the_rung(self, signed_in, user, ready):
        exercise, harder, _ = ready
        assert answer(signed_in, exercise, "accept").status_code == 302
        assert Rung.objects.get(user=user, exercise=exercise).variation == harder
        assert LadderAnswer.objects.get(user=user).accepted

    def test_the_player_and_the_routine_page_then_use_the_rung(self, signed_in, ready):
        exercise, harder, routine = ready
        answer(signed_in, exercise, "accept")
        page = signed_in.get(routine.get_absolute_url()).content.decode()
        assert f"{exercise.name}: Deeper twist (rung 1)" in page
        assert f'<input type="hidden" name="use" value="{harder.pk}">' in page
        started = signed_in.post(
            reverse("practice:session-start", args=[routine.slug]), {"use": str(harder.pk)}
        )
        assert f"use={harder.pk}" in started["Location"]
        step = signed_in.get(started["Location"]).content.decode()
        assert "Deeper twist" in step
        home = signed_in.get(reverse("stretches:routine-list")).content.decode()
        today = home[home.index('id="today-heading"') :]
        assert f'<input type="hidden" name="use" value="{harder.pk}">' in today

    def test_declining_keeps_the_rung_and_does_not_ask_again(self, signed_in, user, ready):
        exercise, _, _ = ready
        answer(signed_in, exercise, "decline")
        assert not Rung.objects.filter(user=user).exists()
        assert "Suggestion:" not in signed_in.get(reverse("plans:plan")).content.decode()

    def test_a_newer_session_asks_again_after_a_decline(self, signed_in, user, ready):
        exercise, _, routine = ready
        answer(signed_in, exercise, "decline")
        make_session(user, routine, days_ago=0, pain_before=2, pain_after=1)
        assert "Suggestion:" in signed_in.get(reverse("plans:plan")).content.decode()

    def test_a_suggestion_not_offered_cannot_be_accepted(self, signed_in, user, ready):
        exercise, _, _ = ready
        answer(signed_in, exercise, "accept", direction="easier")
        assert not Rung.objects.filter(user=user).exists()

    def test_nothing_is_applied_by_itself(self, signed_in, user, ready):
        signed_in.get(reverse("plans:plan"))
        signed_in.get(reverse("stretches:routine-list"))
        assert not Rung.objects.filter(user=user).exists()

    def test_a_red_brings_the_easier_suggestion_back(self, signed_in, user, ready):
        exercise, _, routine = ready
        answer(signed_in, exercise, "accept")
        make_session(user, routine, days_ago=0, pain_before=2, pain_after=7)
        html = signed_in.get(reverse("plans:plan")).content.decode()
        assert "go back to the easier plain exercise" in html
        answer(signed_in, exercise, "accept", direction="easier")
        assert Rung.objects.get(user=user, exercise=exercise).variation is None

    def test_an_exercise_outside_the_plan_is_404(self, signed_in, ready):
        assert answer(signed_in, make_exercise(), "accept").status_code == 404

    def test_someone_else_cannot_answer_for_them(self, client, other_user, ready):
        exercise, _, _ = ready
        client.force_login(other_user)
        assert answer(client, exercise, "accept").status_code == 404
        assert not Rung.objects.exists()

    def test_bad_input_is_400(self, signed_in, ready):
        exercise, _, _ = ready
        assert answer(signed_in, exercise, "maybe").status_code == 400

    def test_it_rejects_get(self, signed_in, ready):
        exercise, _, _ = ready
        assert signed_in.get(reverse("plans:ladder-answer", args=[exercise.pk])).status_code == 405

    def test_anonymous_visitor_is_sent_to_sign_in(self, client, ready):
        exercise, _, _ = ready
        response = answer(client, exercise, "accept")
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


class TestRungLine:
    def test_a_routine_outside_the_plan_shows_no_rung_line(self, signed_in, ready):
        other = make_routine(steps=1, exercise=ready[0])
        assert (
            "Your rungs in this routine"
            not in signed_in.get(other.get_absolute_url()).content.decode()
        )

    def test_a_visitor_sees_no_rung_line(self, client, ready):
        assert (
            "Your rungs in this routine"
            not in client.get(ready[2].get_absolute_url()).content.decode()
        )

    @pytest.mark.parametrize("exercises", [1, 4])
    def test_queries_do_not_grow_with_the_routines_exercises(
        self, signed_in, user, exercises, django_assert_num_queries, session_queries
    ):
        routine = make_routine(steps=0)
        for n in range(exercises):
            exercise = make_exercise()
            make_variation(exercise, ladder=1)
            add_step(routine, exercise, order=n)
            Rung.objects.create(user=user, exercise=exercise)
        make_plan(user, routine)
        signed_in.get(routine.get_absolute_url())  # warm the routine cache
        with django_assert_num_queries(QUERIES + session_queries):
            html = signed_in.get(routine.get_absolute_url()).content.decode()
        assert html.count("(rung 0)") == exercises
