"""The morning after: asked once on the home page; a red session's note shown once."""

import pytest
from django.urls import reverse

from plans.models import SessionFollowUp
from practice.models import PracticeSession
from tests.conftest import make_routine, make_session
from tests.plan_factories import make_plan

pytestmark = pytest.mark.django_db
HOME = reverse("stretches:routine-list")
QUESTION = "How is your back this morning?"


class TestMorning:
    def test_the_day_after_a_session_the_home_page_asks(self, signed_in, user):
        session = make_session(user, make_routine(steps=1), days_ago=1)
        html = signed_in.get(HOME).content.decode()
        assert QUESTION in html
        assert reverse("plans:morning", args=[session.pk]) in html

    def test_a_rating_is_saved_and_not_asked_again(self, signed_in, user):
        session = make_session(user, make_routine(steps=1), days_ago=1, pain_before=2)
        response = signed_in.post(reverse("plans:morning", args=[session.pk]), {"pain": "5"})
        assert response.status_code == 302
        assert SessionFollowUp.objects.get(session=session).morning_pain == 5
        assert QUESTION not in signed_in.get(HOME).content.decode()

    def test_skipping_is_an_answer_too(self, signed_in, user):
        session = make_session(user, make_routine(steps=1), days_ago=1)
        signed_in.post(reverse("plans:morning", args=[session.pk]), {"pain": ""})
        assert SessionFollowUp.objects.get(session=session).morning_pain is None
        assert QUESTION not in signed_in.get(HOME).content.decode()

    def test_a_bad_rating_is_400_and_saves_nothing(self, signed_in, user):
        session = make_session(user, make_routine(steps=1), days_ago=1)
        response = signed_in.post(reverse("plans:morning", args=[session.pk]), {"pain": "11"})
        assert response.status_code == 400
        assert "from 0 (no pain) to 10" in response.content.decode()
        assert not SessionFollowUp.objects.exists()

    def test_someone_elses_session_is_404(self, signed_in, other_user):
        session = make_session(other_user, make_routine(steps=1), days_ago=1)
        response = signed_in.post(reverse("plans:morning", args=[session.pk]), {"pain": "3"})
        assert response.status_code == 404
        assert not SessionFollowUp.objects.exists()

    def test_it_rejects_get(self, signed_in, user):
        session = make_session(user, make_routine(steps=1), days_ago=1)
        assert signed_in.get(reverse("plans:morning", args=[session.pk])).status_code == 405

    def test_anonymous_visitor_is_sent_to_sign_in(self, client, user):
        session = make_session(user, make_routine(steps=1), days_ago=1)
        response = client.post(reverse("plans:morning", args=[session.pk]), {"pain": "3"})
        assert response.status_code == 302
        assert reverse("login") in response["Location"]

    def test_a_morning_two_points_over_before_makes_the_session_red(self, signed_in, user):
        routine = make_routine(steps=1)
        make_plan(user, routine)
        session = make_session(user, routine, days_ago=1, pain_before=2, pain_after=2)
        signed_in.post(reverse("plans:morning", args=[session.pk]), {"pain": "4"})
        assert "Hurting is not the same as harm" in signed_in.get(HOME).content.decode()


class TestRedNote:
    def test_a_red_session_shows_the_note_once(self, signed_in, user):
        make_session(
            user, make_routine(steps=1), status=PracticeSession.Status.STOPPED, reached_step=1
        )
        first = signed_in.get(HOME).content.decode()
        assert "Hurting is not the same as harm" in first
        assert reverse("stretches:urgent-signs") in first
        assert "Hurting is not the same as harm" not in signed_in.get(HOME).content.decode()

    def test_a_green_session_shows_no_note(self, signed_in, user):
        make_session(user, make_routine(steps=1), pain_before=3, pain_after=2)
        assert "Hurting is not the same as harm" not in signed_in.get(HOME).content.decode()

    def test_someone_elses_red_session_shows_nothing(self, signed_in, other_user):
        make_session(other_user, make_routine(steps=1), pain_after=9)
        assert "Hurting is not the same as harm" not in signed_in.get(HOME).content.decode()
