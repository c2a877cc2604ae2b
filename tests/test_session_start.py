"""Start: a signed-in person's tap records when the session began, with an optional pain rating."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from practice.models import PracticeSession

from .conftest import make_routine

pytestmark = pytest.mark.django_db

BAD_RATING = "Choose a number from 0 (no pain) to 10 (worst pain)."


def start_url(routine_or_slug):
    slug = getattr(routine_or_slug, "slug", routine_or_slug)
    return reverse("practice:session-start", args=[slug])


@pytest.fixture
def routine():
    return make_routine(steps=4, title="Lunch break")


class TestSessionStart:
    def test_it_starts_a_session_and_goes_to_step_one(self, signed_in, user, routine):
        response = signed_in.post(start_url(routine), {"pain": "6"})
        assert response.status_code == 302
        session = PracticeSession.objects.get(user=user)
        # The player carries the session explicitly, not in the browser's session.
        assert response["Location"] == (
            reverse("player:play-step", args=[routine.slug, 1]) + f"?session={session.pk}#start"
        )
        assert session.routine == routine
        assert session.routine_title == "Lunch break"
        assert session.status == PracticeSession.Status.IN_PROGRESS
        assert session.started_at is not None
        assert session.finished_at is None
        assert session.pain_before == 6
        assert session.step_count == 4

    def test_it_keeps_a_rating_of_zero(self, signed_in, user, routine):
        signed_in.post(start_url(routine), {"pain": "0"})
        assert PracticeSession.objects.get(user=user).pain_before == 0

    def test_it_keeps_a_rating_of_ten(self, signed_in, user, routine):
        signed_in.post(start_url(routine), {"pain": "10"})
        assert PracticeSession.objects.get(user=user).pain_before == 10

    @pytest.mark.parametrize("data", [{"pain": ""}, {}], ids=["skipped", "absent"])
    def test_it_starts_without_a_rating(self, signed_in, user, routine, data):
        response = signed_in.post(start_url(routine), data)
        assert response.status_code == 302
        session = PracticeSession.objects.get(user=user)
        assert session.pain_before is None
        assert session.started_at is not None

    @pytest.mark.parametrize("pain", ["11", "-1", "abc", "5.5"])
    def test_it_refuses_a_rating_outside_0_to_10(self, signed_in, routine, pain):
        response = signed_in.post(start_url(routine), {"pain": pain})
        assert response.status_code == 400
        html = response.content.decode()
        assert BAD_RATING in html
        assert not PracticeSession.objects.exists()

    def test_it_sends_a_visitor_to_sign_in_and_records_nothing(self, client, routine):
        response = client.post(start_url(routine), {"pain": "3"})
        assert response.status_code == 302
        # A POST cannot be replayed after signing in: come back to the routine instead.
        assert response["Location"] == f"{reverse('login')}?next={routine.get_absolute_url()}"
        assert not PracticeSession.objects.exists()

    def test_it_rejects_get(self, signed_in, routine):
        response = signed_in.get(start_url(routine))
        assert response.status_code == 405
        assert not PracticeSession.objects.exists()

    def test_it_rejects_a_post_without_a_csrf_token(self, user, routine):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        assert client.post(start_url(routine), {"pain": "3"}).status_code == 403
        assert not PracticeSession.objects.exists()

    def test_it_404s_for_a_draft(self, signed_in):
        draft = make_routine(steps=1, is_published=False)
        assert signed_in.post(start_url(draft), {"pain": "3"}).status_code == 404
        assert not PracticeSession.objects.exists()

    def test_it_404s_for_an_unknown_routine(self, signed_in):
        assert signed_in.post(start_url("no-such-routine")).status_code == 404

    def test_it_keeps_nothing_about_the_session_in_the_browser_session(self, signed_in, routine):
        signed_in.post(start_url(routine), {"pain": "6"})
        assert not [key for key, _ in signed_in.session.items() if key.startswith("practice:")]

    def test_starting_twice_moments_apart_reuses_the_open_session(self, signed_in, user, routine):
        first = signed_in.post(start_url(routine), {"pain": "6"})
        second = signed_in.post(start_url(routine), {"pain": "5"})
        session = PracticeSession.objects.get(user=user)
        assert first["Location"] == second["Location"]
        assert f"?session={session.pk}#start" in second["Location"]
        assert session.pain_before == 5  # the latest tap's rating
        assert session.status == PracticeSession.Status.IN_PROGRESS

    def test_a_second_start_without_a_rating_keeps_the_first_rating(self, signed_in, user, routine):
        signed_in.post(start_url(routine), {"pain": "6"})
        signed_in.post(start_url(routine), {"pain": ""})
        assert PracticeSession.objects.get(user=user).pain_before == 6

    def test_starting_again_later_opens_a_new_session(self, signed_in, user, routine):
        signed_in.post(start_url(routine), {"pain": "6"})
        PracticeSession.objects.update(started_at=timezone.now() - datetime.timedelta(minutes=3))
        signed_in.post(start_url(routine), {"pain": "4"})
        assert PracticeSession.objects.filter(user=user).count() == 2

    def test_starting_after_finishing_opens_a_new_session(self, signed_in, user, routine):
        signed_in.post(start_url(routine), {"pain": "6"})
        PracticeSession.objects.update(status=PracticeSession.Status.COMPLETED)
        signed_in.post(start_url(routine), {"pain": "4"})
        assert PracticeSession.objects.filter(user=user).count() == 2

    def test_starting_two_routines_opens_two_sessions(self, signed_in, user, routine):
        other = make_routine(steps=2)
        signed_in.post(start_url(routine), {"pain": "6"})
        signed_in.post(start_url(other), {"pain": "6"})
        assert (
            PracticeSession.objects.filter(
                user=user, status=PracticeSession.Status.IN_PROGRESS
            ).count()
            == 2
        )

    def test_someone_elses_recent_start_is_not_reused(self, signed_in, user, other_user, routine):
        theirs = PracticeSession.start(other_user, routine)
        signed_in.post(start_url(routine), {"pain": "6"})
        mine = PracticeSession.objects.get(user=user)
        assert mine.pk != theirs.pk


class TestSessionStartWithSwaps:
    def test_it_carries_the_chosen_variations_to_the_player(self, signed_in, user):
        from .conftest import make_exercise, make_variation

        exercise = make_exercise()
        harder = make_variation(exercise, ladder=1)
        routine = make_routine(steps=2, exercise=exercise)
        response = signed_in.post(start_url(routine), {"pain": "2", "use": str(harder.pk)})
        session = PracticeSession.objects.get(user=user)
        assert response["Location"] == (
            reverse("player:play-step", args=[routine.slug, 1])
            + f"?session={session.pk}&use={harder.pk}#start"
        )

    def test_a_variation_of_another_routine_is_400_and_starts_nothing(self, signed_in, routine):
        from .conftest import make_exercise, make_variation

        elsewhere = make_variation(make_exercise())
        response = signed_in.post(start_url(routine), {"pain": "2", "use": str(elsewhere.pk)})
        assert response.status_code == 400
        assert not PracticeSession.objects.exists()
