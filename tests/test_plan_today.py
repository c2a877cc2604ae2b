"""Today, at the top of the home page: planned, done with the time, one Start."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import Plan, Rung
from practice.models import PracticeSession, Profile
from tests.conftest import make_exercise, make_routine, make_session, make_variation
from tests.plan_factories import make_plan

pytestmark = pytest.mark.django_db
HOME = reverse("stretches:routine-list")


class TestToday:
    def test_anonymous_visitor_sees_no_today(self, client, starter_library):
        response = client.get(HOME)
        assert 'id="today-heading"' not in response.content.decode()

    def test_someone_without_a_plan_is_offered_the_suggested_plan(self, signed_in, starter_library):
        html = signed_in.get(HOME).content.decode()
        assert "Use the suggested plan" in html
        assert "Gentle basics, once a day, Monday to Friday, for 6 weeks" in html

    def test_the_suggested_plan_is_set_in_one_tap(self, signed_in, user, starter_library):
        response = signed_in.post(reverse("plans:plan-default"))
        assert response.status_code == 302
        item = Plan.objects.get(user=user).items.get()
        assert item.routine.slug == "gentle-basics"
        assert (item.weekday_numbers(), item.times_per_day, item.weeks) == ([0, 1, 2, 3, 4], 1, 6)

    def test_planned_routine_shows_with_one_start(self, signed_in, user):
        routine = make_routine(steps=2)
        make_plan(user, routine)
        html = signed_in.get(HOME).content.decode()
        assert f'today-routine">{routine.title}</span>' in html
        assert "0 of 1 done" in html
        assert html.count("Start " + routine.title) == 1
        start = reverse("practice:session-start", args=[routine.slug])
        assert f'<form class="pain-form" method="post" action="{start}">' in html

    def test_starting_from_today_records_a_session_the_plan_counts(self, signed_in, user):
        routine = make_routine(steps=2)
        make_plan(user, routine)
        response = signed_in.post(
            reverse("practice:session-start", args=[routine.slug]), {"pain": "4"}
        )
        session = PracticeSession.objects.get(user=user)
        assert session.pain_before == 4
        assert f"session={session.pk}" in response["Location"]

    def test_a_finished_session_is_ticked_with_its_time_in_the_persons_zone(self, signed_in, user):
        Profile.objects.create(user=user, time_zone="Asia/Tokyo")
        routine = make_routine(steps=2)
        make_plan(user, routine)
        now = timezone.now()
        make_session(user, routine, finished_at=now, started_at=now, created=now)
        html = signed_in.get(HOME).content.decode()
        local = timezone.localtime(now, zoneinfo.ZoneInfo("Asia/Tokyo"))
        assert f"✓ {local:%H:%M}" in html
        assert "1 of 1 done" in html
        assert "All done for today" in html

    def test_stopped_early_counts_as_tried_not_done(self, signed_in, user):
        routine = make_routine(steps=2)
        make_plan(user, routine)
        make_session(user, routine, status=PracticeSession.Status.STOPPED, reached_step=1)
        html = signed_in.get(HOME).content.decode()
        assert "0 of 1 done" in html
        assert "stopped early" in html
        assert "Start " + routine.title in html

    def test_twice_a_day_wants_two(self, signed_in, user):
        routine = make_routine(steps=2)
        make_plan(user, routine, times_per_day=2)
        make_session(user, routine)
        html = signed_in.get(HOME).content.decode()
        assert "1 of 2 done" in html
        assert "Start " + routine.title in html

    def test_a_rest_day_says_so_kindly(self, signed_in, user):
        routine = make_routine(steps=2)
        today = timezone.localdate()
        make_plan(user, routine, weekdays=[(today.weekday() + 1) % 7])
        html = signed_in.get(HOME).content.decode()
        assert "Nothing is planned today. Rest days are part of the plan." in html

    def test_start_carries_the_persons_rungs(self, signed_in, user):
        exercise = make_exercise()
        harder = make_variation(exercise, ladder=1, name="Harder")
        routine = make_routine(steps=2, exercise=exercise)
        make_plan(user, routine)
        Rung.objects.create(user=user, exercise=exercise, variation=harder)
        html = signed_in.get(HOME).content.decode()
        assert f'<input type="hidden" name="use" value="{harder.pk}">' in html

    def test_someone_elses_plan_and_sessions_never_show(self, signed_in, other_user):
        routine = make_routine(steps=2)
        make_plan(other_user, routine)
        make_session(other_user, routine)
        html = signed_in.get(HOME).content.decode()
        assert f'today-routine">{routine.title}' not in html
        assert "Use the suggested plan" in html

    def test_the_home_page_is_private_for_someone_signed_in(self, signed_in, user):
        make_plan(user, make_routine(steps=1))
        assert "private" in signed_in.get(HOME)["Cache-Control"]

    @pytest.mark.parametrize("sessions", [1, 40])
    def test_queries_do_not_grow_with_history(
        self, signed_in, user, sessions, django_assert_num_queries, session_queries
    ):
        routine = make_routine(steps=3)
        make_plan(user, routine)
        for n in range(sessions):
            make_session(user, routine, days_ago=n % 60)
        signed_in.get(HOME)  # warm the routine cache
        # User, favourites; Today: plan, its routines, their steps and variations, the time
        # zone, sessions, rungs. The list's routines are kept for everyone (no query).
        with django_assert_num_queries(9 + session_queries):
            signed_in.get(HOME)


class TestTodayInTheirZone:
    def test_a_session_just_before_their_midnight_is_yesterdays(self, signed_in, user):
        zone = zoneinfo.ZoneInfo("Pacific/Auckland")
        Profile.objects.create(user=user, time_zone="Pacific/Auckland")
        routine = make_routine(steps=1)
        make_plan(user, routine, starts_days_ago=3)
        midnight = datetime.datetime.combine(
            timezone.localdate(timezone.now(), zone), datetime.time(), zone
        )
        moment = midnight - datetime.timedelta(minutes=1)
        make_session(user, routine, started_at=moment, finished_at=moment, created=moment)
        html = signed_in.get(HOME).content.decode()
        assert "0 of 1 done" in html
        assert "How is your back this morning?" in html

    def test_a_routine_no_longer_playable_leaves_today(self, signed_in, user):
        routine = make_routine(steps=1)
        make_plan(user, routine)
        routine.is_published = False
        routine.save()
        html = signed_in.get(HOME).content.decode()
        assert f'today-routine">{routine.title}' not in html
        assert "Start " + routine.title not in html
