"""The plan page: the plan, the week view, the rungs and suggestions, the calendar link."""

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.models import PracticeSession
from tests.conftest import make_exercise, make_routine, make_session, make_variation
from tests.plan_factories import make_plan

pytestmark = pytest.mark.django_db
URL = reverse("plans:plan")


class TestPlanPage:
    def test_anonymous_visitor_is_sent_to_sign_in(self, client):
        response = client.get(URL)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]

    def test_every_signed_in_page_links_to_the_plan(self, signed_in, client):
        nav = f'<a href="{URL}">Plan</a>'
        assert nav in signed_in.get(reverse("stretches:routine-list")).content.decode()
        signed_in.logout()
        assert nav not in client.get(reverse("stretches:routine-list")).content.decode()

    def test_it_rejects_post(self, signed_in):
        assert signed_in.post(URL).status_code == 405

    def test_without_a_plan_it_offers_one(self, signed_in):
        assert "Use the suggested plan" in signed_in.get(URL).content.decode()

    def test_it_shows_the_rhythm_in_words(self, signed_in, user):
        routine = make_routine(steps=1)
        make_plan(user, routine, weekdays=range(5), weeks=6)
        html = signed_in.get(URL).content.decode()
        assert "Once a day, Monday to Friday, for 6 weeks" in html

    def test_the_week_view_counts_finished_and_tried_apart(self, signed_in, user):
        routine = make_routine(steps=1)
        make_plan(user, routine, starts_days_ago=40, weeks=None)
        make_session(user, routine)
        make_session(user, routine, status=PracticeSession.Status.STOPPED, reached_step=1)
        make_session(user, make_routine(steps=1))  # not in the plan: not counted
        response = signed_in.get(URL)
        this_week = response.context["weeks"][0]
        assert this_week.is_current
        assert (this_week.finished, this_week.tried) == (1, 1)
        today = timezone.localdate()
        assert this_week.planned == today.weekday() + 1  # every day so far, today included
        assert len(response.context["weeks"]) == 5
        assert response.context["weeks"][1].planned == 7

    def test_a_session_five_weeks_ago_is_not_in_the_view(self, signed_in, user):
        routine = make_routine(steps=1)
        make_plan(user, routine, starts_days_ago=60, weeks=None)
        make_session(user, routine, days_ago=36)
        weeks = signed_in.get(URL).context["weeks"]
        assert sum(w.finished for w in weeks) == 0

    def test_three_greens_suggest_the_harder_rung_with_the_sessions_behind_it(
        self, signed_in, user
    ):
        exercise = make_exercise()
        make_variation(exercise, ladder=1, name="Deeper twist")
        routine = make_routine(steps=1, exercise=exercise)
        make_plan(user, routine, starts_days_ago=10)
        for days in (3, 2, 1):
            make_session(user, routine, days_ago=days, pain_before=2, pain_after=1)
        html = signed_in.get(URL).content.decode()
        assert "try the harder “Deeper twist”" in html
        assert html.count("2/10 → 1/10") == 3
        assert "Accept" in html
        assert "Decline" in html

    def test_a_red_session_suggests_the_easier_rung(self, signed_in, user):
        exercise = make_exercise()
        make_variation(exercise, ladder=-1, name="Smaller range")
        routine = make_routine(steps=1, exercise=exercise)
        make_plan(user, routine)
        make_session(user, routine, pain_before=2, pain_after=6)
        html = signed_in.get(URL).content.decode()
        assert "go back to the easier “Smaller range”" in html

    def test_someone_elses_sessions_suggest_nothing(self, signed_in, user, other_user):
        exercise = make_exercise()
        make_variation(exercise, ladder=1)
        routine = make_routine(steps=1, exercise=exercise)
        make_plan(user, routine)
        for days in (3, 2, 1):
            make_session(other_user, routine, days_ago=days, pain_before=2, pain_after=1)
        assert "Suggestion:" not in signed_in.get(URL).content.decode()

    def test_it_is_private(self, signed_in, user):
        make_plan(user, make_routine(steps=1))
        assert "private" in signed_in.get(URL)["Cache-Control"]

    @pytest.mark.parametrize("sessions", [2, 40])
    def test_queries_do_not_grow_with_history(
        self, signed_in, user, sessions, django_assert_num_queries, session_queries
    ):
        exercise = make_exercise()
        make_variation(exercise, ladder=1)
        routine = make_routine(steps=2, exercise=exercise)
        make_plan(user, routine, starts_days_ago=60, weeks=None)
        for n in range(sessions):
            make_session(user, routine, days_ago=n % 35, pain_before=2, pain_after=1)
        # user; plan, routines, steps, variations; profile, sessions (weeks); profile,
        # rungs, sessions, answers (ladders); profile (the view's zone); prescriptions
        # waiting for an answer (the clinic's tag)
        with django_assert_num_queries(13 + session_queries):
            signed_in.get(URL)
