"""Practice models: starting and ending sessions, the streak, the pain chart, and deletion."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from practice.charts import MAX_SESSIONS, TOP, pain_chart
from practice.models import Favourite, PracticeSession, current_streak

from .conftest import make_routine, make_session

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 12)


def days_before(*offsets):
    return [TODAY - datetime.timedelta(days=n) for n in offsets]


@pytest.fixture
def routine():
    return make_routine(steps=3, title="Evening ease")


class TestPracticeSessionStart:
    def test_it_opens_a_session_with_the_routine_as_it_is_now(self, user, routine):
        before = timezone.now()
        session = PracticeSession.start(user, routine, pain_before=4)
        assert session.pk is not None
        assert session.user == user
        assert session.routine == routine
        assert session.routine_title == "Evening ease"
        assert session.status == PracticeSession.Status.IN_PROGRESS
        assert before <= session.started_at <= timezone.now()
        assert session.finished_at is None
        assert session.reached_step is None
        assert session.step_count == 3
        assert session.pain_before == 4

    def test_the_step_count_is_the_timeline_length(self, user):
        routine = make_routine(steps=2)
        step = routine.steps.first()
        step.side = "both"
        step.save()
        assert PracticeSession.start(user, routine).step_count == len(routine.timeline()) == 3


class TestPracticeSessionClose:
    def test_it_closes_an_open_session_once(self, user, routine):
        started = PracticeSession.start(user, routine)
        assert started.close(PracticeSession.Status.COMPLETED, 3) is True
        assert started.status == PracticeSession.Status.COMPLETED
        assert started.reached_step == 3
        assert started.finished_at >= started.started_at
        finished_at = started.finished_at
        assert started.close(PracticeSession.Status.STOPPED, 1) is False
        started.refresh_from_db()
        assert (started.status, started.reached_step) == (PracticeSession.Status.COMPLETED, 3)
        assert started.finished_at == finished_at
        assert PracticeSession.objects.count() == 1

    def test_it_leaves_other_sessions_alone(self, user, other_user, routine):
        mine = PracticeSession.start(user, routine)
        theirs = PracticeSession.start(other_user, routine)
        other_routine = PracticeSession.start(user, make_routine(steps=1))
        mine.close(PracticeSession.Status.STOPPED, 2)
        for untouched in (theirs, other_routine):
            untouched.refresh_from_db()
            assert untouched.status == PracticeSession.Status.IN_PROGRESS


class TestPracticeSessionStartTwice:
    def test_a_second_start_moments_later_is_the_same_session(self, user, routine):
        first = PracticeSession.start(user, routine, pain_before=4)
        assert PracticeSession.start(user, routine).pk == first.pk

    def test_an_old_open_session_is_not_reused(self, user, routine):
        abandoned = make_session(
            user, routine, days_ago=6, status=PracticeSession.Status.IN_PROGRESS, finished_at=None
        )
        assert PracticeSession.start(user, routine).pk != abandoned.pk


class TestPracticeSessionWithoutStart:
    def test_it_records_a_session_when_nothing_was_started(self, user, routine):
        session, created = PracticeSession.record_without_start(
            user, routine, PracticeSession.Status.STOPPED, 2
        )
        assert created is True
        session.refresh_from_db()
        assert session.status == PracticeSession.Status.STOPPED
        assert session.started_at is None
        assert session.finished_at is not None
        assert session.reached_step == 2
        assert session.step_count == 3
        assert session.routine_title == "Evening ease"

    def test_a_double_tap_records_it_once(self, user, routine):
        first, _ = PracticeSession.record_without_start(
            user, routine, PracticeSession.Status.COMPLETED, 3
        )
        again, created = PracticeSession.record_without_start(
            user, routine, PracticeSession.Status.COMPLETED, 3
        )
        assert (again.pk, created) == (first.pk, False)

    def test_it_never_closes_an_old_abandoned_session(self, user, routine):
        abandoned = make_session(
            user, routine, days_ago=6, status=PracticeSession.Status.IN_PROGRESS, finished_at=None
        )
        ended, _ = PracticeSession.record_without_start(
            user, routine, PracticeSession.Status.COMPLETED, 3
        )
        assert ended.pk != abandoned.pk
        assert ended.day == timezone.localdate()
        abandoned.refresh_from_db()
        assert abandoned.status == PracticeSession.Status.IN_PROGRESS


class TestPracticeSession:
    def test_its_day_is_when_it_started(self, user, routine):
        started = timezone.now() - datetime.timedelta(days=3)
        session = make_session(user, routine, started_at=started)
        assert session.day == timezone.localdate(started)

    def test_without_a_start_its_day_is_when_it_finished(self, user, routine):
        finished = timezone.now() - datetime.timedelta(days=2)
        session = make_session(user, routine, started_at=None, finished_at=finished)
        assert session.day == timezone.localdate(finished)

    def test_its_duration_needs_both_ends(self, user, routine):
        start = timezone.now() - datetime.timedelta(minutes=9)
        session = make_session(user, routine, started_at=start, finished_at=timezone.now())
        assert datetime.timedelta(minutes=8) < session.duration < datetime.timedelta(minutes=10)
        assert make_session(user, routine, started_at=None).duration is None

    def test_it_names_itself_and_links_to_its_page(self, user, routine):
        session = make_session(user, routine, status=PracticeSession.Status.STOPPED)
        assert str(session) == "walker: Evening ease (Stopped early)"
        assert session.get_absolute_url() == f"/my/sessions/{session.pk}/"

    def test_deleting_the_routine_keeps_the_history(self, user, routine):
        session = make_session(user, routine)
        routine.delete()
        session.refresh_from_db()
        assert session.routine is None
        assert session.routine_title == "Evening ease"

    def test_pain_ratings_above_ten_are_invalid(self, user, routine):
        from django.core.exceptions import ValidationError

        session = make_session(user, routine, pain_before=11)
        with pytest.raises(ValidationError) as error:
            session.full_clean()
        assert "pain_before" in error.value.message_dict


class TestFavourite:
    def test_a_routine_is_bookmarked_once_per_user(self, user, routine):
        Favourite.objects.create(user=user, routine=routine)
        with pytest.raises(IntegrityError), transaction.atomic():
            Favourite.objects.create(user=user, routine=routine)

    def test_two_people_can_bookmark_the_same_routine(self, user, other_user, routine):
        Favourite.objects.create(user=user, routine=routine)
        Favourite.objects.create(user=other_user, routine=routine)
        assert Favourite.objects.filter(routine=routine).count() == 2

    def test_routine_ids_are_the_users_own(self, user, other_user, routine):
        mine, theirs = make_routine(), make_routine()
        Favourite.objects.create(user=user, routine=mine)
        Favourite.objects.create(user=other_user, routine=theirs)
        assert Favourite.objects.routine_ids(user) == {mine.pk}

    def test_a_visitor_has_no_favourites_and_costs_no_query(self, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert Favourite.objects.routine_ids(AnonymousUser()) == set()


class TestDeletingAUser:
    def test_it_deletes_their_favourites_and_history_only(self, user, other_user, routine):
        Favourite.objects.create(user=user, routine=routine)
        make_session(user, routine)
        PracticeSession.start(user, routine)
        Favourite.objects.create(user=other_user, routine=routine)
        kept = make_session(other_user, routine)

        user.delete()

        assert not Favourite.objects.filter(user_id=user.pk).exists()
        assert not PracticeSession.objects.filter(user_id=user.pk).exists()
        assert list(Favourite.objects.values_list("user", flat=True)) == [other_user.pk]
        assert list(PracticeSession.objects.all()) == [kept]
        routine.refresh_from_db()  # the routine itself stays


class TestCurrentStreak:
    def test_consecutive_days_ending_today(self):
        assert current_streak(days_before(0, 1, 2), TODAY) == 3

    def test_consecutive_days_ending_yesterday_still_count(self):
        assert current_streak(days_before(1, 2), TODAY) == 2

    def test_a_gap_ends_the_streak(self):
        assert current_streak(days_before(0, 2, 3, 4), TODAY) == 1

    def test_nothing_since_the_day_before_yesterday_is_no_streak(self):
        assert current_streak(days_before(2, 3), TODAY) == 0

    def test_no_practice_is_no_streak(self):
        assert current_streak([], TODAY) == 0

    def test_repeated_days_count_once_and_a_generator_will_do(self):
        days = days_before(0, 0, 1, 1, 1)
        assert current_streak((day for day in days), TODAY) == 2

    def test_it_crosses_month_and_year_ends(self):
        new_year = datetime.date(2026, 1, 1)
        days = [new_year - datetime.timedelta(days=n) for n in range(40)]
        assert current_streak(days, new_year) == 40


class TestPainChart:
    def test_there_is_no_chart_without_ratings(self, user, routine):
        assert pain_chart([make_session(user, routine)]) is None
        assert pain_chart([]) is None

    def test_it_plots_only_rated_sessions_oldest_first(self, user, routine):
        first = make_session(user, routine, days_ago=3, pain_before=8, pain_after=4)
        make_session(user, routine, days_ago=2)
        last = make_session(user, routine, days_ago=1, pain_before=6)
        chart = pain_chart([first, *PracticeSession.objects.filter(pain_before=None), last])
        assert chart["rows"] == [first, last]
        assert [p.value for p in chart["before"]] == [8, 6]
        assert [p.value for p in chart["after"]] == [4]

    def test_the_summary_says_what_the_chart_shows(self, user, routine):
        sessions = [
            make_session(user, routine, started_at=timezone.make_aware(when), pain_before=b)
            for when, b in [
                (datetime.datetime(2025, 3, 1, 9), 7),
                (datetime.datetime(2025, 3, 4, 9), 4),
            ]
        ]
        sessions[1].pain_after = 2
        chart = pain_chart(sessions)
        assert chart["summary"] == (
            "2 rated sessions from 1 Mar 2025 to 4 Mar 2025."
            " Average pain before: 5.5 out of 10. Average pain after: 2.0 out of 10."
        )
        assert chart["date_labels"] == [
            {"x": chart["left"], "text": "1 Mar", "anchor": "start"},
            {"x": chart["right"], "text": "4 Mar", "anchor": "end"},
        ]

    @pytest.mark.parametrize("count", [1, 3])
    def test_a_single_day_is_named_once_in_the_middle(self, user, routine, count):
        morning = timezone.make_aware(datetime.datetime(2025, 3, 1, 9))
        sessions = [
            make_session(
                user, routine, started_at=morning + datetime.timedelta(hours=n), pain_before=5
            )
            for n in range(count)
        ]
        chart = pain_chart(sessions)
        middle = round((chart["left"] + chart["right"]) / 2, 1)
        assert chart["date_labels"] == [{"x": middle, "text": "1 Mar", "anchor": "middle"}]

    def test_the_summary_leaves_out_a_series_with_no_ratings(self, user, routine):
        chart = pain_chart([make_session(user, routine, pain_after=3)])
        assert "Average pain before" not in chart["summary"]
        assert "Average pain after: 3.0 out of 10." in chart["summary"]
        assert chart["before_line"] == ""

    def test_ten_is_at_the_top_and_zero_at_the_bottom(self, user, routine):
        chart = pain_chart(
            [
                make_session(user, routine, pain_before=10),
                make_session(user, routine, pain_before=0),
            ]
        )
        top, bottom = chart["before"]
        assert top.y == TOP
        assert bottom.y == chart["bottom"]
        assert top.x == chart["left"]
        assert bottom.x == chart["right"]
        assert chart["before_line"] == f"{top.x},{top.y} {bottom.x},{bottom.y}"

    def test_a_single_session_sits_in_the_middle(self, user, routine):
        chart = pain_chart([make_session(user, routine, pain_before=5)])
        (point,) = chart["before"]
        assert point.x == (chart["left"] + chart["right"]) / 2

    def test_it_keeps_the_latest_sessions_only(self, user, routine):
        sessions = [
            make_session(user, routine, days_ago=MAX_SESSIONS + 5 - n, pain_before=n % 11)
            for n in range(MAX_SESSIONS + 5)
        ]
        chart = pain_chart(sessions)
        assert chart["rows"] == sessions[-MAX_SESSIONS:]
        assert chart["summary"].startswith(f"{MAX_SESSIONS} rated sessions")
