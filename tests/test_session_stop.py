"""“Stop for today and save it”: the session is kept as stopped at the step it reached."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from practice.models import PracticeSession

from .conftest import make_routine, make_session

pytestmark = pytest.mark.django_db


def stop_url(routine, number):
    return reverse("practice:record-stop", args=[routine.slug, number])


@pytest.fixture
def routine():
    return make_routine(steps=4, title="Gentle start")


class TestSessionStop:
    def test_it_stops_the_session_the_player_carried(self, signed_in, user, routine):
        signed_in.post(reverse("practice:session-start", args=[routine.slug]), {"pain": "7"})
        started = PracticeSession.objects.get(user=user)
        response = signed_in.post(stop_url(routine, 2), {"session": str(started.pk)})
        assert response.status_code == 302
        assert response["Location"] == reverse("practice:history")
        session = PracticeSession.objects.get(user=user)
        assert session.pk == started.pk
        assert session.status == PracticeSession.Status.STOPPED
        assert session.reached_step == 2
        assert session.finished_at is not None
        assert session.pain_before == 7
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        assert messages == ["Saved to your history: you stopped at step 2 of 4. Rest well."]

    def test_stopping_twice_saves_once(self, signed_in, user, routine):
        started = PracticeSession.start(user, routine)
        signed_in.post(stop_url(routine, 2), {"session": str(started.pk)})
        finished_at = PracticeSession.objects.get().finished_at
        response = signed_in.post(stop_url(routine, 3), {"session": str(started.pk)})
        assert response.status_code == 302
        assert response["Location"] == reverse("practice:history")
        session = PracticeSession.objects.get(user=user)
        assert (session.status, session.reached_step) == (PracticeSession.Status.STOPPED, 2)
        assert session.finished_at == finished_at
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        assert messages[-1] == "That session was already saved in your history."

    def test_stopping_twice_without_start_records_one_session(self, signed_in, user, routine):
        signed_in.post(stop_url(routine, 2))
        signed_in.post(stop_url(routine, 2))
        assert PracticeSession.objects.filter(user=user).count() == 1

    def test_stopping_a_finished_session_goes_to_its_finish_page(self, signed_in, user, routine):
        done = make_session(user, routine, step_count=4)
        response = signed_in.post(stop_url(routine, 2), {"session": str(done.pk)})
        finish = reverse("player:well-done", args=[routine.slug])
        assert response["Location"] == f"{finish}?session={done.pk}"
        done.refresh_from_db()
        assert (done.status, done.reached_step) == (PracticeSession.Status.COMPLETED, 4)

    def test_someone_elses_session_is_404_and_untouched(self, signed_in, other_user, routine):
        theirs = PracticeSession.start(other_user, routine)
        response = signed_in.post(stop_url(routine, 1), {"session": str(theirs.pk)})
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.status == PracticeSession.Status.IN_PROGRESS

    @pytest.mark.parametrize("session", ["x", "-3", "0", "٣", "1" * 4301])
    def test_a_bad_session_number_is_a_400(self, signed_in, routine, session):
        response = signed_in.post(stop_url(routine, 2), {"session": session})
        assert response.status_code == 400
        assert not PracticeSession.objects.exists()

    def test_it_records_a_stop_without_a_start(self, signed_in, user, routine):
        signed_in.post(stop_url(routine, 4))
        session = PracticeSession.objects.get(user=user)
        assert session.status == PracticeSession.Status.STOPPED
        assert session.started_at is None
        assert session.reached_step == 4
        assert session.step_count == 4

    def test_the_history_shows_where_it_stopped(self, signed_in, routine):
        response = signed_in.post(stop_url(routine, 3), follow=True)
        assert "stopped at step 3 of 4" in response.content.decode()

    @pytest.mark.parametrize("number", [0, 5, 99])
    def test_it_404s_for_a_step_outside_the_routine(self, signed_in, routine, number):
        assert signed_in.post(stop_url(routine, number)).status_code == 404
        assert not PracticeSession.objects.exists()

    def test_it_does_not_stop_someone_elses_session(self, client, user, other_user, routine):
        theirs = PracticeSession.start(other_user, routine)
        client.force_login(user)
        client.post(stop_url(routine, 1))
        theirs.refresh_from_db()
        assert theirs.status == PracticeSession.Status.IN_PROGRESS

    def test_it_sends_a_visitor_to_sign_in_and_records_nothing(self, client, routine):
        response = client.post(stop_url(routine, 2))
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={routine.get_absolute_url()}"
        assert not PracticeSession.objects.exists()

    def test_it_rejects_get(self, signed_in, routine):
        assert signed_in.get(stop_url(routine, 2)).status_code == 405
        assert not PracticeSession.objects.exists()

    def test_it_rejects_a_post_without_a_csrf_token(self, user, routine):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        assert client.post(stop_url(routine, 2)).status_code == 403
        assert not PracticeSession.objects.exists()

    def test_it_404s_for_a_draft(self, signed_in):
        draft = make_routine(steps=2, is_published=False)
        assert signed_in.post(stop_url(draft, 1)).status_code == 404
        assert not PracticeSession.objects.exists()
