"""The history as CSV: one row per own session, safe to open in a spreadsheet."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from practice.models import PracticeSession, Profile

from .conftest import make_routine, make_session

pytestmark = pytest.mark.django_db

URL = reverse("practice:history-csv")
HEADER = [
    "date",
    "routine",
    "status",
    "started_at",
    "finished_at",
    "reached_step",
    "step_count",
    "pain_before",
    "pain_after",
]


def rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


class TestHistoryCsv:
    def test_it_downloads_a_csv_file(self, signed_in):
        response = signed_in.get(URL)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="backlog-history.csv"'
        assert rows(response) == [HEADER]

    def test_it_writes_one_row_per_session_oldest_first(self, signed_in, user):
        older = make_session(
            user,
            make_routine(title="Cat and cow"),
            days_ago=1,
            status=PracticeSession.Status.STOPPED,
            step_count=6,
            reached_step=2,
            pain_before=7,
        )
        newer = make_session(
            user, make_routine(title="Knee hug"), step_count=4, pain_before=0, pain_after=3
        )
        body = rows(signed_in.get(URL))
        assert body[0] == HEADER
        assert body[1:] == [
            [
                older.day.isoformat(),
                "Cat and cow",
                "stopped",
                older.started_at.isoformat(),
                older.finished_at.isoformat(),
                "2",
                "6",
                "7",
                "",
            ],
            [
                newer.day.isoformat(),
                "Knee hug",
                "completed",
                newer.started_at.isoformat(),
                newer.finished_at.isoformat(),
                "4",
                "4",
                "0",
                "3",
            ],
        ]

    def test_missing_times_and_steps_are_blank(self, signed_in, user):
        make_session(
            user,
            make_routine(title="Only started"),
            status=PracticeSession.Status.IN_PROGRESS,
            finished_at=None,
            reached_step=None,
        )
        make_session(user, make_routine(title="Finished without Start"), started_at=None)
        started, unstarted = rows(signed_in.get(URL))[1:]
        assert started[1:6] == ["Only started", "in_progress", started[3], "", ""]
        assert started[3] != ""
        assert unstarted[1:5] == ["Finished without Start", "completed", "", unstarted[4]]
        assert unstarted[4] != ""

    @pytest.mark.parametrize("title", ["=SUM(1)", "+1", "-1", "@A1"])
    def test_it_neutralises_formula_looking_titles(self, signed_in, user, title):
        make_session(user, make_routine(title=title))
        assert rows(signed_in.get(URL))[1][1] == "'" + title

    def test_a_deleted_routine_keeps_its_title(self, signed_in, user):
        routine = make_routine(title="Since removed")
        make_session(user, routine)
        routine.delete()
        assert rows(signed_in.get(URL))[1][1] == "Since removed"

    def test_it_writes_only_the_users_own_sessions(self, signed_in, user, other_user):
        make_session(user, make_routine(title="Mine"))
        make_session(other_user, make_routine(title="Theirs"))
        body = rows(signed_in.get(URL))
        assert [row[1] for row in body[1:]] == ["Mine"]
        assert "Theirs" not in str(rows(signed_in.get(URL)))

    def test_it_sends_a_visitor_to_sign_in(self, client, user):
        make_session(user, make_routine(title="Private"))
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={URL}"

    def test_it_rejects_post(self, signed_in):
        assert signed_in.post(URL).status_code == 405

    def test_it_streams(self, signed_in, user):
        make_session(user, make_routine(title="Streamed"))
        response = signed_in.get(URL)
        assert response.streaming
        assert [row[1] for row in rows(response)[1:]] == ["Streamed"]

    def test_query_count_does_not_grow(
        self, signed_in, user, django_assert_num_queries, session_queries
    ):
        routine = make_routine(title="Many times")
        for size in (3, 60):
            PracticeSession.objects.all().delete()
            for n in range(size):
                make_session(user, routine, days_ago=n)
            # the session, the user, their time zone, then the rows in chunks of 500
            with django_assert_num_queries(session_queries + 3):
                assert len(rows(signed_in.get(URL))) == size + 1

    def test_dates_and_times_are_in_the_persons_time_zone(self, signed_in, user):
        Profile.objects.create(user=user, time_zone="America/Los_Angeles")
        # 18:00 on 1 July in California is 01:00 UTC on 2 July.
        evening = datetime.datetime(2025, 7, 2, 1, 0, tzinfo=datetime.UTC)
        make_session(user, make_routine(title="Evening"), started_at=evening, created=evening)
        row = rows(signed_in.get(URL))[1]
        assert row[0] == "2025-07-01"
        assert row[3] == "2025-07-01T18:00:00-07:00"
