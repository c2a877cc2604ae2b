"""The plan is the person's alone: in their download, never in the admin, gone with the
account, and every URL refuses visitors and other people."""

import pytest
from django.contrib import admin
from django.urls import reverse

from plans.models import Goal, GoalRating, LadderAnswer, Plan, PlanRoutine, Rung, SessionFollowUp
from tests.conftest import make_exercise, make_routine, make_session, make_variation
from tests.plan_factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(user):
    exercise = make_exercise(name="Knee sways")
    harder = make_variation(exercise, ladder=1, name="Wider rolls")
    routine = make_routine(steps=1, exercise=exercise, title="My morning")
    make_plan(user, routine)
    Rung.objects.create(user=user, exercise=exercise, variation=harder)
    LadderAnswer.objects.create(
        user=user, exercise=exercise, direction="harder", accepted=True, to_ladder=1
    )
    session = make_session(user, routine, days_ago=1, pain_before=2, pain_after=2)
    SessionFollowUp.objects.create(
        session=session, morning_pain=3, morning_answered_at=session.created
    )
    goal = Goal.objects.create(user=user, activity="putting on socks")
    GoalRating.objects.create(goal=goal, score=4)


MODELS = [Plan, PlanRoutine, Rung, LadderAnswer, SessionFollowUp, Goal, GoalRating]


class TestPlanPrivacy:
    def test_the_download_has_everything(self, signed_in, everything):
        response = signed_in.get(reverse("plans:download"))
        assert "private" in response["Cache-Control"]
        data = response.json()
        assert data["plan"]["routines"][0]["routine"] == "My morning"
        assert data["rungs"][0] == data["rungs"][0] | {
            "exercise": "Knee sways",
            "variation": "Wider rolls",
            "rung": 1,
        }
        assert data["ladder_answers"][0]["accepted"] is True
        assert data["mornings_after"][0]["morning_pain"] == 3
        assert data["goals"][0]["ratings"][0]["score"] == 4

    def test_the_history_page_links_the_download(self, signed_in, everything):
        assert (
            reverse("plans:download") in signed_in.get(reverse("practice:history")).content.decode()
        )

    def test_someone_elses_download_is_empty(self, client, other_user, everything):
        client.force_login(other_user)
        data = client.get(reverse("plans:download")).json()
        assert data["plan"] is None
        assert not data["rungs"]
        assert not data["goals"]
        assert not data["mornings_after"]
        assert not data["ladder_answers"]

    def test_the_account_page_links_the_plan_and_goals(self, signed_in):
        html = signed_in.get(reverse("account")).content.decode()
        assert reverse("plans:plan") in html
        assert reverse("plans:goals") in html

    def test_none_of_it_is_in_the_admin(self):
        registered = set(admin.site._registry)
        assert not registered & set(MODELS)

    def test_it_is_deleted_with_the_account(self, signed_in, user, everything):
        response = signed_in.post(reverse("delete-account"), {"password": "a-long-walker-password"})
        assert response.status_code == 302
        for model in MODELS:
            assert not model.objects.exists(), model

    @pytest.mark.parametrize(
        ("name", "args", "method"),
        [
            ("plans:plan", [], "get"),
            ("plans:plan-edit", [], "get"),
            ("plans:plan-default", [], "post"),
            ("plans:ladder-answer", [1], "post"),
            ("plans:feed-settings", [], "post"),
            ("plans:morning", [1], "post"),
            ("plans:goals", [], "get"),
            ("plans:goal-rate", [1], "post"),
            ("plans:goal-delete", [1], "post"),
            ("plans:goals-csv", [], "get"),
            ("plans:goals-json", [], "get"),
            ("plans:download", [], "get"),
        ],
    )
    def test_every_personal_url_sends_a_visitor_to_sign_in(self, client, name, args, method):
        response = getattr(client, method)(reverse(name, args=args))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
