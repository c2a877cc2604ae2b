"""My patients and a patient's page: flags first, done against planned, the pain trend,
goals, sessions and “this hurts”; query counts that do not grow."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from plans.models import Goal, GoalRating
from practice.models import PracticeSession

from .clinic_factories import make_clinician, make_share
from .conftest import make_routine, make_session
from .plan_factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def physio():
    return make_clinician("physio")


@pytest.fixture
def routine():
    return make_routine(steps=3, title="Gentle test routine")


def patient(name, physio, routine, sessions=0, **share):
    person = get_user_model().objects.create_user(name, password="a-long-password-here")
    make_plan(person, routine, starts_days_ago=40)
    make_share(person, physio, **share)
    for n in range(sessions):
        make_session(person, routine, days_ago=n % 5, pain_before=3, pain_after=2)
    goal = Goal.objects.create(user=person, activity="Lift my grandson")
    GoalRating.objects.create(goal=goal, score=4)
    return person


def my_patients(client):
    return client.get(reverse("clinic:my-patients")).content.decode()


class TestFlags:
    def test_a_red_session_is_flagged_first(self, client, physio, routine):
        calm = patient("anna", physio, routine, sessions=3)
        sore = patient("zoe", physio, routine)
        make_session(sore, routine, days_ago=1, pain_before=2, pain_after=7)
        client.force_login(physio)
        page = my_patients(client)
        assert "Red session on" in page
        assert page.index(">zoe<") < page.index(">anna<")
        assert calm.username in page

    def test_this_hurts_is_flagged_with_the_step(self, client, physio, routine):
        sore = patient("zoe", physio, routine)
        make_session(
            sore, routine, days_ago=0, status=PracticeSession.Status.STOPPED, reached_step=2
        )
        client.force_login(physio)
        page = my_patients(client)
        assert "“This hurts” on" in page
        assert "step 2" in page

    def test_seven_days_with_nothing_done_is_flagged(self, client, physio, routine):
        quiet = patient("zoe", physio, routine)
        make_session(quiet, routine, days_ago=8)
        client.force_login(physio)
        assert "Nothing done in the last 7 days" in my_patients(client)

    def test_no_quiet_flag_for_someone_who_practised(self, client, physio, routine):
        patient("anna", physio, routine, sessions=1)
        client.force_login(physio)
        page = my_patients(client)
        assert "Nothing done" not in page
        assert "Red session" not in page

    def test_sessions_before_the_share_starts_are_not_read(self, client, physio, routine):
        sore = patient("zoe", physio, routine, days_ago=1)
        make_session(sore, routine, days_ago=3, pain_before=2, pain_after=9)
        client.force_login(physio)
        page = my_patients(client)
        assert "Red session" not in page
        assert "Nothing done" not in page  # the share is too young to say


class TestWeeks:
    def test_done_against_planned_this_week(self, client, physio, routine):
        person = patient("anna", physio, routine)
        make_session(person, routine, days_ago=0, pain_before=3, pain_after=2)
        client.force_login(physio)
        page = my_patients(client)
        planned = timezone.localdate().weekday() + 1  # every day, once, from Monday
        assert f'<th scope="row">This week</th><td>1 / {planned}</td>' in page

    def test_the_pain_trend_and_goals_are_shown(self, client, physio, routine):
        patient("anna", physio, routine, sessions=4)
        client.force_login(physio)
        page = my_patients(client)
        assert 'class="line after"' in page
        assert "Daily average pain" in page
        assert "Lift my grandson: 4/10" in page

    def test_goals_are_not_shown_without_the_goals_scope(self, client, physio, routine):
        patient("anna", physio, routine, sessions=1, goals=False)
        client.force_login(physio)
        assert "Lift my grandson" not in my_patients(client)

    def test_sessions_are_not_shown_without_the_plan_scope(self, client, physio, routine):
        patient("anna", physio, routine, sessions=2, plan_and_sessions=False)
        client.force_login(physio)
        page = my_patients(client)
        assert "Done / planned" not in page
        assert "Daily average pain" not in page


class TestQueryCounts:
    @pytest.mark.parametrize("size", [1, 4])
    def test_my_patients_does_not_grow(
        self, client, physio, routine, django_assert_num_queries, session_queries, size
    ):
        for n in range(size):
            person = patient(f"p{n}", physio, routine, sessions=3 * size)
            make_session(person, routine, status=PracticeSession.Status.STOPPED, reached_step=1)
        client.force_login(physio)
        # user, group check, shares, plan items, week rows, flag sessions, goals, ratings,
        # log entries, open invitations
        with django_assert_num_queries(10 + session_queries):
            assert client.get(reverse("clinic:my-patients")).status_code == 200

    @pytest.mark.parametrize("size", [2, 12])
    def test_a_patients_page_does_not_grow(
        self, client, physio, routine, django_assert_num_queries, session_queries, size
    ):
        person = patient("anna", physio, routine, sessions=size)
        make_session(person, routine, status=PracticeSession.Status.STOPPED, reached_step=2)
        client.force_login(physio)
        # The same at both sizes: the overview's reads, the plan and its steps, the rungs
        # and ladder, the sessions and the stopped routine's steps, the goals, the log.
        with django_assert_num_queries(21 + session_queries):
            assert client.get(reverse("clinic:patient", args=[person.pk])).status_code == 200


class TestPatientPage:
    def test_it_shows_sessions_hurts_with_the_exercise_and_charts(self, client, physio, routine):
        person = patient("anna", physio, routine, sessions=3)
        make_session(
            person, routine, days_ago=0, status=PracticeSession.Status.STOPPED, reached_step=2
        )
        exercise = routine.steps.order_by("order")[1].exercise
        client.force_login(physio)
        page = client.get(reverse("clinic:patient", args=[person.pk])).content.decode()
        assert "Gentle test routine, step 2 of 3" in page
        assert f"({exercise.name})" in page
        assert 'id="pain-heading"' in page
        assert 'id="goals-heading"' in page
        assert "Once a day, every day" in page

    def test_sessions_before_the_share_are_left_out(self, client, physio, routine):
        person = patient("anna", physio, routine, days_ago=2)
        old = make_session(person, routine, days_ago=5, pain_before=1, pain_after=1)
        PracticeSession.objects.filter(pk=old.pk).update(routine_title="Before the share")
        client.force_login(physio)
        page = client.get(reverse("clinic:patient", args=[person.pk])).content.decode()
        assert "Before the share" not in page

    def test_the_patient_prints_their_own_summary(self, signed_in, user, routine):
        make_plan(user, routine)
        make_session(user, routine, pain_before=3, pain_after=2)
        response = signed_in.get(reverse("clinic:my-summary"))
        page = response.content.decode()
        assert response.status_code == 200
        assert "Appointment summary" in page
        assert "Gentle test routine" in page
        assert "private" in response["Cache-Control"]

    def test_old_sessions_stay_out_of_the_patient_page_after_expiry(self, client, physio, routine):
        person = patient("anna", physio, routine, ends_in=0)
        client.force_login(physio)
        assert client.get(reverse("clinic:patient", args=[person.pk])).status_code == 200
        later = timezone.localdate() + datetime.timedelta(days=1)
        from clinic.models import Share

        assert not Share.objects.active(later).exists()


class TestGoals:
    def test_ratings_before_the_share_are_left_out(self, client, physio, routine):
        person = patient("anna", physio, routine)  # the share starts 28 days ago
        goal = Goal.objects.get(user=person)
        GoalRating.objects.create(
            goal=goal, score=1, rated_at=timezone.now() - datetime.timedelta(days=40)
        )
        client.force_login(physio)
        page = client.get(reverse("clinic:patient-goals", args=[person.pk])).content.decode()
        assert "4/10" in page
        assert "1/10" not in page
        assert reverse("plans:goals-csv") not in page  # the patient's own downloads
