"""Finish: the last step's button closes the open session, or records one without a start."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from practice.models import PracticeSession

from .conftest import make_routine, make_session, make_variation

pytestmark = pytest.mark.django_db


def finish_url(routine):
    return reverse("practice:record-finish", args=[routine.slug])


def finish_page(routine, **query):
    return reverse("player:well-done", args=[routine.slug]) + "?" + urlencode(query)


@pytest.fixture
def routine():
    return make_routine(steps=5, title="Desk reset")


class TestSessionFinish:
    def test_it_completes_the_session_the_player_carried(self, signed_in, user, routine):
        signed_in.post(reverse("practice:session-start", args=[routine.slug]), {"pain": "4"})
        started = PracticeSession.objects.get(user=user)
        response = signed_in.post(finish_url(routine), {"session": str(started.pk)})
        assert response.status_code == 302
        assert response["Location"] == finish_page(routine, session=started.pk)
        session = PracticeSession.objects.get(user=user)
        assert session.pk == started.pk
        assert session.status == PracticeSession.Status.COMPLETED
        assert session.finished_at is not None
        assert session.finished_at >= session.started_at
        assert session.reached_step == 5
        assert session.pain_before == 4

    def test_finishing_twice_closes_once_and_lands_on_the_same_page(self, signed_in, user, routine):
        started = PracticeSession.start(user, routine, pain_before=3)
        first = signed_in.post(finish_url(routine), {"session": str(started.pk)})
        finished_at = PracticeSession.objects.get().finished_at
        second = signed_in.post(finish_url(routine), {"session": str(started.pk)})
        assert second.status_code == 302
        assert second["Location"] == first["Location"] == finish_page(routine, session=started.pk)
        session = PracticeSession.objects.get(user=user)  # one row: no "completed, no start"
        assert session.status == PracticeSession.Status.COMPLETED
        assert session.finished_at == finished_at

    def test_finishing_twice_without_start_records_one_session(self, signed_in, user, routine):
        first = signed_in.post(finish_url(routine))
        second = signed_in.post(finish_url(routine))
        session = PracticeSession.objects.get(user=user)
        assert first["Location"] == second["Location"] == finish_page(routine, session=session.pk)

    def test_finishing_a_stopped_session_changes_nothing(self, signed_in, user, routine):
        stopped = make_session(user, routine, status=PracticeSession.Status.STOPPED, reached_step=2)
        response = signed_in.post(finish_url(routine), {"session": str(stopped.pk)})
        assert response["Location"] == finish_page(routine, session=stopped.pk)
        stopped.refresh_from_db()
        assert stopped.status == PracticeSession.Status.STOPPED
        assert stopped.reached_step == 2

    def test_it_closes_the_carried_session_not_the_newest(self, signed_in, user, routine):
        # Two tabs: each player carries its own session, whoever saved the browser session last.
        first = PracticeSession.start(user, routine)
        PracticeSession.objects.filter(pk=first.pk).update(
            started_at=first.started_at - datetime.timedelta(minutes=5)
        )
        second = PracticeSession.start(user, routine)
        signed_in.post(finish_url(routine), {"session": str(first.pk)})
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.status == PracticeSession.Status.COMPLETED
        assert second.status == PracticeSession.Status.IN_PROGRESS

    def test_someone_elses_session_is_404_and_untouched(self, signed_in, other_user, routine):
        theirs = PracticeSession.start(other_user, routine)
        response = signed_in.post(finish_url(routine), {"session": str(theirs.pk)})
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.status == PracticeSession.Status.IN_PROGRESS
        assert PracticeSession.objects.count() == 1

    def test_a_session_of_another_routine_is_404_and_untouched(self, signed_in, user, routine):
        other = PracticeSession.start(user, make_routine(steps=1))
        assert signed_in.post(finish_url(routine), {"session": str(other.pk)}).status_code == 404
        other.refresh_from_db()
        assert other.status == PracticeSession.Status.IN_PROGRESS

    @pytest.mark.parametrize(
        "session", ["abc", "-1", "0", "1.5", "١٢", " 1", "9" * 20, "1" * 4301, "2" * 10_000]
    )
    def test_a_session_that_cannot_be_a_session_number_is_a_400(
        self, signed_in, user, routine, session
    ):
        started = PracticeSession.start(user, routine)
        response = signed_in.post(finish_url(routine), {"session": session})
        assert response.status_code == 400
        assert "“session” must be a whole number from 1 to" in response.content.decode()
        started.refresh_from_db()
        assert started.status == PracticeSession.Status.IN_PROGRESS
        assert PracticeSession.objects.count() == 1

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

    @pytest.mark.parametrize(
        "use", ["abc", "99999999999999999999", "999999", "1" * 4301, "-1", "١", ",".join("1" * 60)]
    )
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
        started = PracticeSession.start(user, routine)
        response = signed_in.post(finish_url(routine), {"session": started.pk}, follow=True)
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
