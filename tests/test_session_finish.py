"""Finish: the last step's button closes the open session, or records one without a start."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from practice.models import PracticeSession

from .conftest import make_routine, make_session, make_variation

pytestmark = pytest.mark.django_db


def finish_url(routine):
    return reverse("practice:session-finish", args=[routine.slug])


def finish_page(routine, **query):
    return reverse("stretches:routine-finish", args=[routine.slug]) + "?" + urlencode(query)


@pytest.fixture
def routine():
    return make_routine(steps=5, title="Desk reset")


class TestSessionFinish:
    def test_it_completes_the_session_this_browser_started(self, signed_in, user, routine):
        signed_in.post(reverse("practice:session-start", args=[routine.slug]), {"pain": "4"})
        started = PracticeSession.objects.get(user=user)
        response = signed_in.post(finish_url(routine))
        assert response.status_code == 302
        assert response["Location"] == finish_page(routine, session=started.pk)
        session = PracticeSession.objects.get(user=user)
        assert session.pk == started.pk
        assert session.status == PracticeSession.Status.COMPLETED
        assert session.finished_at is not None
        assert session.finished_at >= session.started_at
        assert session.reached_step == 5
        assert session.pain_before == 4

    def test_it_records_a_session_when_there_was_no_start(self, signed_in, user, routine):
        response = signed_in.post(finish_url(routine))
        session = PracticeSession.objects.get(user=user)
        assert response["Location"] == finish_page(routine, session=session.pk)
        assert session.status == PracticeSession.Status.COMPLETED
        assert session.started_at is None
        assert session.finished_at is not None
        assert session.reached_step == 5
        assert session.step_count == 5
        assert session.routine_title == "Desk reset"

    def test_it_passes_the_easier_versions_on(self, signed_in, user, routine):
        easier = make_variation(routine.steps.first().exercise, ladder=-1)
        response = signed_in.post(finish_url(routine), {"use": str(easier.pk)})
        session = PracticeSession.objects.get(user=user)
        assert response["Location"] == finish_page(routine, session=session.pk, use=easier.pk)

    @pytest.mark.parametrize("use", ["abc", "99999999999999999999", "999999"])
    def test_a_bad_list_of_easier_versions_is_a_400_and_saves_nothing(
        self, signed_in, user, routine, use
    ):
        assert signed_in.post(finish_url(routine), {"use": use}).status_code == 400
        assert not PracticeSession.objects.filter(user=user).exists()

    def test_it_does_not_close_an_old_session_left_open(self, signed_in, user, routine):
        abandoned = make_session(
            user, routine, days_ago=6, status=PracticeSession.Status.IN_PROGRESS, finished_at=None
        )
        signed_in.post(finish_url(routine))
        abandoned.refresh_from_db()
        assert abandoned.status == PracticeSession.Status.IN_PROGRESS

    def test_the_finish_page_it_redirects_to_says_saved(self, signed_in, user, routine):
        PracticeSession.start(user, routine)
        response = signed_in.post(finish_url(routine), follow=True)
        assert response.status_code == 200
        assert "Saved to your" in response.content.decode()

    def test_it_leaves_completed_sessions_alone(self, signed_in, user, routine):
        earlier = make_session(user, routine, days_ago=1)
        signed_in.post(finish_url(routine))
        assert PracticeSession.objects.filter(user=user).count() == 2
        earlier.refresh_from_db()
        assert earlier.reached_step == 3

    def test_it_does_not_close_someone_elses_session(self, client, user, other_user, routine):
        theirs = PracticeSession.start(other_user, routine)
        client.force_login(user)
        client.post(finish_url(routine))
        theirs.refresh_from_db()
        assert theirs.status == PracticeSession.Status.IN_PROGRESS
        assert PracticeSession.objects.filter(user=user).count() == 1

    def test_it_does_not_close_an_open_session_of_another_routine(self, signed_in, user, routine):
        other = PracticeSession.start(user, make_routine(steps=1))
        signed_in.post(finish_url(routine))
        other.refresh_from_db()
        assert other.status == PracticeSession.Status.IN_PROGRESS

    def test_it_sends_a_visitor_to_sign_in_and_records_nothing(self, client, routine):
        response = client.post(finish_url(routine))
        assert response.status_code == 302
        # A POST cannot be replayed after signing in: come back to the routine instead.
        assert response["Location"] == f"{reverse('login')}?next={routine.get_absolute_url()}"
        assert not PracticeSession.objects.exists()

    def test_it_rejects_get(self, signed_in, user, routine):
        PracticeSession.start(user, routine)
        assert signed_in.get(finish_url(routine)).status_code == 405
        assert PracticeSession.objects.get(user=user).status == PracticeSession.Status.IN_PROGRESS

    def test_it_rejects_a_post_without_a_csrf_token(self, user, routine):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        assert client.post(finish_url(routine)).status_code == 403
        assert not PracticeSession.objects.exists()

    def test_it_404s_for_a_draft(self, signed_in):
        draft = make_routine(steps=1, is_published=False)
        assert signed_in.post(finish_url(draft)).status_code == 404
        assert not PracticeSession.objects.exists()
