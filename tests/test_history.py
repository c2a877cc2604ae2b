"""Practice history: sessions by day, the current streak, and the pain chart with its numbers."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from practice.models import PracticeSession, Profile
from practice.views import HISTORY_PAGE_SIZE

from .conftest import make_routine, make_session

pytestmark = pytest.mark.django_db

URL = reverse("practice:history")


def day_heading(days_ago):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return f"<h3>{dateformat.format(day, 'l j F Y')}</h3>"


@pytest.fixture
def routine():
    return make_routine(steps=3, title="Knee to chest")


class TestHistory:
    def test_it_groups_sessions_by_day_newest_first(self, signed_in, user):
        make_session(user, make_routine(steps=1, title="Two days back"), days_ago=2)
        make_session(user, make_routine(steps=1, title="This morning"))
        make_session(
            user,
            make_routine(steps=4, title="Cut short"),
            status=PracticeSession.Status.STOPPED,
            step_count=4,
            reached_step=2,
        )
        response = signed_in.get(URL)
        assert response.status_code == 200
        html = response.content.decode()
        today, older = html.index(day_heading(0)), html.index(day_heading(2))
        assert today < html.index(">This morning</a>") < older
        assert today < html.index(">Cut short</a>") < older
        assert older < html.index(">Two days back</a>")
        assert day_heading(1) not in html
        assert "Cut short</a> — stopped at step 2 of 4" in html
        assert "This morning</a> — completed" in html
        assert [len(sessions) for _, sessions in response.context["days"]] == [2, 1]

    def test_each_session_links_to_its_page(self, signed_in, user, routine):
        session = make_session(user, routine)
        assert session.get_absolute_url() in signed_in.get(URL).content.decode()

    def test_it_counts_completed_routines(self, signed_in, user, routine):
        make_session(user, routine)
        make_session(user, routine, days_ago=3)
        make_session(user, routine, status=PracticeSession.Status.STOPPED, reached_step=1)
        response = signed_in.get(URL)
        assert response.context["completed"] == 2
        assert "<dt>Routines completed</dt><dd>2</dd>" in response.content.decode()

    def test_three_days_in_a_row_is_a_streak_of_three(self, signed_in, user, routine):
        for days_ago in (0, 1, 2):
            make_session(user, routine, days_ago=days_ago)
        make_session(user, routine, days_ago=1)  # twice in a day still counts once
        response = signed_in.get(URL)
        assert response.context["streak"] == 3
        assert "<dt>Current streak</dt><dd>3 days</dd>" in response.content.decode()

    def test_a_missed_day_breaks_the_streak(self, signed_in, user, routine):
        for days_ago in (0, 2, 3):
            make_session(user, routine, days_ago=days_ago)
        response = signed_in.get(URL)
        assert response.context["streak"] == 1
        assert "<dt>Current streak</dt><dd>1 day</dd>" in response.content.decode()

    def test_a_streak_up_to_yesterday_still_counts_today(self, signed_in, user, routine):
        make_session(user, routine, days_ago=1)
        make_session(user, routine, days_ago=2)
        assert signed_in.get(URL).context["streak"] == 2

    def test_a_last_practice_two_days_ago_is_no_streak(self, signed_in, user, routine):
        make_session(user, routine, days_ago=2)
        response = signed_in.get(URL)
        assert response.context["streak"] == 0
        assert "<dt>Current streak</dt><dd>0 days</dd>" in response.content.decode()

    def test_a_start_without_an_end_is_not_practice(self, signed_in, user, routine):
        make_session(user, routine, status=PracticeSession.Status.IN_PROGRESS, finished_at=None)
        response = signed_in.get(URL)
        assert response.context["streak"] == 0
        assert "Knee to chest</a> — started, not finished" in response.content.decode()

    def test_a_stopped_session_counts_for_the_streak(self, signed_in, user, routine):
        make_session(user, routine, status=PracticeSession.Status.STOPPED, reached_step=1)
        assert signed_in.get(URL).context["streak"] == 1

    def test_it_draws_an_accessible_chart_with_the_same_numbers_in_a_table(self, signed_in, user):
        make_session(user, make_routine(title="Earlier one"), days_ago=2, pain_before=7)
        make_session(user, make_routine(title="Later one"), pain_before=5, pain_after=2)
        html = signed_in.get(URL).content.decode()
        svg = html[html.index("<svg") : html.index("</svg>")]
        assert 'role="img"' in svg
        assert 'aria-labelledby="chart-title chart-desc"' in svg
        assert '<title id="chart-title">Pain before and after each rated session</title>' in svg
        assert "Average pain before: 6.0 out of 10." in svg
        assert "Average pain after: 2.0 out of 10." in svg
        assert svg.count('<circle class="dot before"') == 2
        assert svg.count('<rect class="dot after"') == 1
        assert '<desc id="chart-desc">2 rated sessions from ' in svg
        table = html[html.index('<table class="numbers">') : html.index("</table>")]
        assert "<td>Earlier one</td><td>7</td><td>—</td>" in table
        assert "<td>Later one</td><td>5</td><td>2</td>" in table
        assert table.index("Earlier one") < table.index("Later one")

    def test_there_is_no_chart_without_ratings(self, signed_in, user, routine):
        make_session(user, routine)
        html = signed_in.get(URL).content.decode()
        assert "<svg" not in html
        assert "<table" not in html
        assert "Knee to chest" in html

    def test_it_says_so_when_there_is_nothing_yet(self, signed_in):
        html = signed_in.get(URL).content.decode()
        assert "Nothing yet." in html
        assert "<dt>Current streak</dt><dd>0 days</dd>" in html

    def test_it_offers_the_csv_download(self, signed_in):
        assert (
            f'href="{reverse("practice:history-csv")}" download'
            in signed_in.get(URL).content.decode()
        )

    def test_it_shows_only_the_users_own_sessions(self, signed_in, user, other_user):
        make_session(user, make_routine(title="Mine"), pain_before=3)
        theirs = make_session(
            other_user, make_routine(title="Not mine at all"), days_ago=1, pain_before=9
        )
        response = signed_in.get(URL)
        html = response.content.decode()
        assert "Mine" in html
        assert "Not mine at all" not in html
        assert theirs.get_absolute_url() not in html
        assert response.context["streak"] == 1
        assert "Average pain before: 3.0 out of 10." in html

    def test_it_sends_a_visitor_to_sign_in(self, client):
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={URL}"

    def test_it_rejects_post(self, signed_in):
        assert signed_in.post(URL).status_code == 405

    def test_query_count_does_not_grow(
        self, signed_in, user, django_assert_num_queries, session_queries
    ):
        for size in (3, 160):
            for n in range(size):
                make_session(user, make_routine(), days_ago=n % 10, pain_before=n % 11)
            # session, user, time zone; page count and rows; streak days; completed; chart
            with django_assert_num_queries(session_queries + 7):
                response = signed_in.get(URL)
            assert response.status_code == 200

    def test_it_shows_one_page_of_sessions_at_a_time(self, signed_in, user, routine):
        for n in range(HISTORY_PAGE_SIZE + 5):
            make_session(user, routine, days_ago=n)
        first = signed_in.get(URL)
        assert sum(len(sessions) for _, sessions in first.context["days"]) == HISTORY_PAGE_SIZE
        html = first.content.decode()
        assert 'href="?page=2" rel="next">Older sessions →</a>' in html
        assert "Page 1 of 2" in html
        assert day_heading(0) in html
        assert day_heading(HISTORY_PAGE_SIZE) not in html
        second = signed_in.get(URL, {"page": "2"})
        assert sum(len(sessions) for _, sessions in second.context["days"]) == 5
        assert day_heading(HISTORY_PAGE_SIZE) in second.content.decode()
        assert 'href="?page=1" rel="prev">← Newer sessions</a>' in second.content.decode()

    def test_the_streak_and_totals_cover_every_page(self, signed_in, user, routine):
        for n in range(HISTORY_PAGE_SIZE + 20):
            make_session(user, routine, days_ago=n)
        response = signed_in.get(URL, {"page": "2"})
        assert response.context["streak"] == HISTORY_PAGE_SIZE + 20
        assert response.context["completed"] == HISTORY_PAGE_SIZE + 20

    @pytest.mark.parametrize("page", ["0", "-1", "abc", "9" * 5000, "١"])
    def test_an_odd_page_number_shows_a_page_not_an_error(self, signed_in, user, routine, page):
        make_session(user, routine)
        assert signed_in.get(URL, {"page": page}).status_code == 200

    def test_a_late_evening_in_california_is_that_day_not_the_next(self, signed_in, user, routine):
        Profile.objects.create(user=user, time_zone="America/Los_Angeles")
        zone = zoneinfo.ZoneInfo("America/Los_Angeles")
        today = timezone.now().astimezone(zone).date()
        # 18:00 local is 01:00 or 02:00 UTC on the next day.
        for days_ago in (0, 1):
            evening = datetime.datetime.combine(
                today - datetime.timedelta(days=days_ago), datetime.time(18), zone
            )
            make_session(user, routine, started_at=evening, finished_at=evening, created=evening)
        response = signed_in.get(URL)
        assert [day for day, _ in response.context["days"]] == [
            today,
            today - datetime.timedelta(days=1),
        ]
        assert response.context["streak"] == 2
        html = response.content.decode()
        assert f"<h3>{dateformat.format(today, 'l j F Y')}</h3>" in html
        assert "Set your time zone" not in html

    def test_without_a_time_zone_it_offers_to_set_one(self, signed_in):
        html = signed_in.get(URL).content.decode()
        assert "Days are counted in UTC time." in html
        assert f'href="{reverse("account")}#time-zone"' in html
