"""Goals (the Patient-Specific Functional Scale): up to three, rated 0–10, re-rated
every two weeks, charted beside pain, downloadable."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import Goal, GoalRating
from tests.conftest import make_routine, make_session

pytestmark = pytest.mark.django_db
URL = reverse("plans:goals")


def add(client, activity="putting on socks", score="3"):
    return client.post(URL, {"activity": activity, "score": score})


class TestGoals:
    def test_a_goal_is_added_with_its_first_rating(self, signed_in, user):
        assert add(signed_in).status_code == 302
        goal = Goal.objects.get(user=user)
        assert goal.activity == "putting on socks"
        assert [r.score for r in goal.ratings.all()] == [3]

    def test_an_empty_form_is_400_with_a_message(self, signed_in):
        response = signed_in.post(URL, {})
        assert response.status_code == 400
        assert "This field is required" in response.content.decode()

    def test_a_fourth_goal_is_refused(self, signed_in, user):
        for n in range(3):
            add(signed_in, f"goal {n}")
        response = add(signed_in, "goal 4")
        assert response.status_code == 400
        assert "3 goals already" in response.content.decode()
        assert Goal.objects.filter(user=user).count() == 3

    @pytest.mark.parametrize(
        ("activity", "score"), [("", "3"), ("socks", "11"), ("socks", "x"), ("a\x07b", "2")]
    )
    def test_bad_input_is_400_and_saves_nothing(self, signed_in, activity, score):
        assert add(signed_in, activity, score).status_code == 400
        assert not Goal.objects.exists()

    def test_re_rating_is_offered_after_two_weeks(self, signed_in, user):
        goal = Goal.objects.create(user=user, activity="sitting through a film")
        GoalRating.objects.create(
            goal=goal, score=2, rated_at=timezone.now() - datetime.timedelta(days=13)
        )
        assert "Two weeks on" not in signed_in.get(URL).content.decode()
        GoalRating.objects.update(rated_at=timezone.now() - datetime.timedelta(days=15))
        assert "Two weeks on" in signed_in.get(URL).content.decode()
        response = signed_in.post(reverse("plans:goal-rate", args=[goal.pk]), {"score": "6"})
        assert response.status_code == 302
        assert [r.score for r in goal.ratings.all()] == [2, 6]

    def test_a_second_rating_the_same_day_replaces_the_first(self, signed_in, user):
        add(signed_in)
        goal = Goal.objects.get()
        signed_in.post(reverse("plans:goal-rate", args=[goal.pk]), {"score": "7"})
        assert [r.score for r in goal.ratings.all()] == [7]

    def test_the_chart_draws_goals_beside_pain_with_a_table(self, signed_in, user):
        add(signed_in)
        make_session(user, make_routine(steps=1), pain_before=4, pain_after=3)
        html = signed_in.get(URL).content.decode()
        assert "<svg" in html
        assert "Goals beside pain" in html
        assert "putting on socks: 3 then 3 out of 10" in html.replace("“", "").replace("”", "")
        assert "<td>putting on socks</td><td>3/10</td>" in html

    def test_a_chart_of_one_day_names_the_day_once(self, signed_in, user):
        add(signed_in)
        make_session(user, make_routine(steps=1), pain_before=4, pain_after=3)
        html = signed_in.get(URL).content.decode()
        today = timezone.localdate()
        svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
        dates = re.findall(r'text-anchor="(\w+)">(\d+ \w+)</text>', svg)
        assert dates == [("middle", f"{today:%-d %b}")]

    def test_csv_and_json_downloads(self, signed_in, user):
        add(signed_in, "=cmd")
        rows = list(
            csv.reader(io.StringIO(signed_in.get(reverse("plans:goals-csv")).content.decode()))
        )
        assert rows[0] == ["rated_at", "activity", "score"]
        assert rows[1][1:] == ["'=cmd", "3"]
        data = signed_in.get(reverse("plans:goals-json")).json()
        assert data["goals"][0]["activity"] == "=cmd"
        assert data["goals"][0]["score"] == 3

    def test_someone_elses_goals_are_invisible_and_untouchable(self, signed_in, other_user):
        goal = Goal.objects.create(user=other_user, activity="lifting my grandchild")
        GoalRating.objects.create(goal=goal, score=1)
        assert "grandchild" not in signed_in.get(URL).content.decode()
        assert "grandchild" not in signed_in.get(reverse("plans:goals-csv")).content.decode()
        assert "grandchild" not in signed_in.get(reverse("plans:goals-json")).content.decode()
        assert (
            signed_in.post(reverse("plans:goal-rate", args=[goal.pk]), {"score": "9"}).status_code
            == 404
        )
        assert signed_in.post(reverse("plans:goal-delete", args=[goal.pk])).status_code == 404
        assert goal.ratings.count() == 1

    def test_a_goal_is_removed_with_its_ratings(self, signed_in, user):
        add(signed_in)
        goal = Goal.objects.get()
        assert signed_in.post(reverse("plans:goal-delete", args=[goal.pk])).status_code == 302
        assert not GoalRating.objects.exists()

    def test_rate_and_delete_reject_get(self, signed_in, user):
        goal = Goal.objects.create(user=user, activity="x")
        assert signed_in.get(reverse("plans:goal-rate", args=[goal.pk])).status_code == 405
        assert signed_in.get(reverse("plans:goal-delete", args=[goal.pk])).status_code == 405
        assert signed_in.delete(URL).status_code == 405

    @pytest.mark.parametrize("name", ["plans:goals", "plans:goals-csv", "plans:goals-json"])
    def test_anonymous_visitor_is_sent_to_sign_in(self, client, name):
        assert reverse("login") in client.get(reverse(name))["Location"]

    def test_responses_are_private(self, signed_in):
        for name in ["plans:goals", "plans:goals-csv", "plans:goals-json"]:
            assert "private" in signed_in.get(reverse(name))["Cache-Control"]

    @pytest.mark.parametrize("ratings", [1, 30])
    def test_queries_do_not_grow_with_ratings(
        self, signed_in, user, ratings, django_assert_num_queries, session_queries
    ):
        goal = Goal.objects.create(user=user, activity="socks")
        for n in range(ratings):
            GoalRating.objects.create(goal=goal, score=n % 11)
        # user, profile, goals, their ratings, rated sessions
        with django_assert_num_queries(5 + session_queries):
            signed_in.get(URL)


class TestGoalsChartLayout:
    def chart(self, user, rated_at, finished_at):
        from plans.charts import goals_chart

        goal = Goal.objects.create(user=user, activity="putting on socks")
        GoalRating.objects.create(goal=goal, score=3)
        GoalRating.objects.filter(goal=goal).update(rated_at=rated_at)
        session = make_session(user, make_routine(steps=1), pain_after=2, started_at=finished_at)
        session.finished_at = finished_at
        goals = Goal.objects.filter(user=user).prefetch_related("ratings")
        return goals_chart(goals, [session], timezone.get_current_timezone())

    def test_an_hour_apart_stays_close_to_the_middle(self, user):
        nine = timezone.make_aware(datetime.datetime(2025, 3, 1, 9))
        chart = self.chart(user, nine, nine + datetime.timedelta(hours=1))
        goal_x = chart["series"][0]["points"][0].x
        pain_x = chart["pain"][0].x
        middle = (chart["left"] + chart["right"]) / 2
        assert goal_x < middle < pain_x
        assert pain_x - goal_x < (chart["right"] - chart["left"]) / 20
        assert [label["text"] for label in chart["date_labels"]] == ["1 Mar"]

    def test_a_longer_span_fills_the_width(self, user):
        nine = timezone.make_aware(datetime.datetime(2025, 3, 1, 9))
        chart = self.chart(user, nine, nine + datetime.timedelta(days=14))
        assert chart["series"][0]["points"][0].x == chart["left"]
        assert chart["pain"][0].x == chart["right"]
        assert [label["text"] for label in chart["date_labels"]] == ["1 Mar", "15 Mar"]
