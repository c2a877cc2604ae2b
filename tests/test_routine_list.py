"""The home page: published routines, with filters by level and equipment."""

import pytest
from django.urls import reverse

from stretches.models import Difficulty, Equipment, Exercise

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_starter_routines")]

URL = reverse("stretches:routine-list")


def titles(response):
    return [routine.title for routine in response.context["routines"]]


class TestRoutineList:
    def test_it_lists_published_routines_with_their_facts(self, client):
        routine = make_routine(title="Gentle start", level=Difficulty.GENTLE)
        add_step(routine, make_exercise(equipment=Equipment.MAT), hold_seconds=45)
        add_step(routine, make_exercise(), hold_seconds=30, rest_seconds=15)
        response = client.get(URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Gentle start" in html
        # 1 min 30 s of holds and rests and 5 s to get ready before each pose: 1 min 40 s.
        assert "2 exercises · 2 moves · 2 min with get-ready" in html
        assert "<dt>Equipment</dt><dd>Mat</dd>" in html
        assert "<dt>Level</dt><dd>Gentle</dd>" in html

    def test_a_card_shows_the_first_pose_and_counts_exercises_and_moves_apart(self, client):
        routine = make_routine(title="Sides")
        hug = Exercise.objects.get(slug="knees-to-chest-hug")  # a starter exercise
        add_step(routine, hug, hold_seconds=30)
        add_step(routine, make_exercise(), hold_seconds=30, side="both", rounds=2)
        add_step(routine, hug, hold_seconds=30)
        html = client.get(URL).content.decode()
        card = html.split('class="card"')[1]
        # Its first pose, as a picture that decorates the words beside it.
        assert (
            '<img class="pose-picture small" src="/static/img/poses/knees-to-chest-hug.svg" alt=""'
            in card
        )
        # 6 moves of 30 s, each with 5 s to get ready: 3 min 30 s, about 4 min.
        assert "2 exercises · 6 moves · 4 min with get-ready" in card

    def test_it_hides_drafts(self, client):
        make_routine(title="Unfinished", steps=1, is_published=False)
        make_routine(title="Ready", steps=1)
        assert titles(client.get(URL)) == ["Ready"]

    def test_it_filters_by_level(self, client):
        make_routine(title="Easy", steps=1, level=Difficulty.GENTLE)
        make_routine(title="Hard", steps=1, level=Difficulty.CHALLENGING)
        assert titles(client.get(URL, {"level": Difficulty.CHALLENGING})) == ["Hard"]

    def test_it_keeps_routines_that_need_only_what_you_have(self, client):
        floor = make_routine(title="Floor")
        add_step(floor, make_exercise(equipment=Equipment.MAT))
        rolling = make_routine(title="Rolling")
        add_step(rolling, make_exercise(equipment=Equipment.FOAM_ROLLER))
        add_step(rolling, make_exercise(equipment=Equipment.MAT))
        make_routine(title="Nothing needed", steps=1)
        assert sorted(titles(client.get(URL, {"have": ["mat"]}))) == ["Floor", "Nothing needed"]
        both = client.get(URL, {"have": ["mat", "foam_roller"]})
        assert sorted(titles(both)) == ["Floor", "Nothing needed", "Rolling"]

    def test_bad_filter_values_show_a_form_error_and_everything(self, client):
        make_routine(title="Any", steps=1)
        response = client.get(URL, {"level": "99", "have": ["jetpack"]})
        assert response.status_code == 200
        assert titles(response) == ["Any"]
        assert "Select a valid choice" in response.content.decode()

    def test_it_says_when_nothing_matches(self, client):
        make_routine(title="Easy", steps=1, level=Difficulty.GENTLE)
        response = client.get(URL, {"level": Difficulty.CHALLENGING})
        assert "No routine matches those filters." in response.content.decode()

    def test_it_leaves_out_a_routine_with_no_steps_yet(self, client):
        make_routine(title="Empty")
        make_routine(title="Ready", steps=1)
        assert titles(client.get(URL)) == ["Ready"]

    def test_query_count_does_not_grow_with_variation_steps(
        self, client, django_assert_max_num_queries
    ):
        for steps in (5, 50):
            routine = make_routine(steps=steps)
            easier = make_variation(routine.steps.first().exercise, ladder=-1)
            routine.steps.update(variation=easier)
            with django_assert_max_num_queries(3):
                assert client.get(URL).status_code == 200

    def test_it_rejects_post(self, client):
        assert client.post(URL).status_code == 405

    def test_query_count_does_not_grow_with_routines_or_steps(
        self, client, django_assert_max_num_queries
    ):
        make_routine(steps=5)
        with django_assert_max_num_queries(3):
            client.get(URL)
        for _ in range(5):
            make_routine(steps=200)
        with django_assert_max_num_queries(3):
            client.get(URL)
