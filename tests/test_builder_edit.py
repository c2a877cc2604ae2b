"""The builder page: details, steps with their forms, the total, and the library search."""

import pytest
from django.urls import reverse

from stretches.models import Equipment

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


def own_routine(user, steps=0):
    routine = make_routine(owner=user, is_published=False, title="Mine")
    exercise = make_exercise()
    make_variation(exercise)
    for _ in range(steps):
        add_step(routine, exercise)
    return routine


class TestEditRoutine:
    def test_it_shows_steps_total_and_library(self, signed_in, user, starter_library):
        routine = own_routine(user, steps=2)
        response = signed_in.get(reverse("builder:edit", args=[routine.slug]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "2 steps</strong>, 1 min of holds and rests" in html
        assert len(response.context["step_forms"]) == 2
        assert "Cat–cow" in html  # the library to add from

    def test_it_saves_title_and_level(self, signed_in, user):
        routine = own_routine(user)
        url = reverse("builder:edit", args=[routine.slug])
        response = signed_in.post(url, {"title": "Renamed", "description": "Why", "level": 2})
        assert response.status_code == 302
        routine.refresh_from_db()
        assert (routine.title, routine.level, routine.is_published) == ("Renamed", 2, False)

    def test_a_bad_title_is_shown_next_to_the_field(self, signed_in, user):
        routine = own_routine(user)
        url = reverse("builder:edit", args=[routine.slug])
        response = signed_in.post(url, {"title": "", "level": 2})
        assert response.status_code == 200
        assert "This field is required" in response.content.decode()
        assert response.context["routine"].title == "Mine"

    def test_search_filters_by_words_area_and_equipment(self, signed_in, user, starter_library):
        routine = own_routine(user)
        url = reverse("builder:edit", args=[routine.slug])
        roller = signed_in.get(url, {"equipment": Equipment.FOAM_ROLLER}).context["results"]
        assert roller
        assert all(e.equipment == Equipment.FOAM_ROLLER for e in roller)
        hips = signed_in.get(url, {"area": "hips"}).context["results"]
        assert hips
        assert all("hips" in [a.lower() for a in e.target_area_list()] for e in hips)
        named = signed_in.get(url, {"q": "cat"}).context["results"]
        assert [e.name for e in named] == ["Cat–cow"]

    def test_htmx_search_returns_only_the_results(self, signed_in, user, starter_library):
        routine = own_routine(user)
        url = reverse("builder:edit", args=[routine.slug])
        response = signed_in.get(
            url, {"q": "cat"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="exercise-results"
        )
        html = response.content.decode()
        assert html.lstrip().startswith('<div id="exercise-results"')
        assert "<h1>" not in html
        assert response["Vary"].count("HX-Request")

    def test_a_nonsense_filter_shows_everything_not_an_error(
        self, signed_in, user, starter_library
    ):
        routine = own_routine(user)
        url = reverse("builder:edit", args=[routine.slug])
        response = signed_in.get(url, {"area": "nowhere", "equipment": "x" * 500})
        assert response.status_code == 200

    @pytest.mark.parametrize("steps", [5, 50])
    def test_query_count_does_not_grow_with_steps(
        self, signed_in, user, steps, django_assert_max_num_queries, starter_library
    ):
        routine = own_routine(user, steps=steps)
        with django_assert_max_num_queries(6):
            response = signed_in.get(reverse("builder:edit", args=[routine.slug]))
        assert len(response.context["step_forms"]) == steps
