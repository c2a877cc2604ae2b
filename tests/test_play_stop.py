"""“Stop — this hurts”: a calm page, the warning signs, and the easier variation."""

import pytest
from django.urls import reverse

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


def stop_url(routine, number, query=""):
    return reverse("stretches:play-stop", args=[routine.slug, number]) + query


@pytest.fixture
def routine():
    routine = make_routine()
    pigeon = make_exercise(name="Test pigeon", avoid_if="You have had a hip replacement.")
    make_variation(pigeon, name="Reclined figure four", ladder=-1, changes="Lie on your back.")
    make_variation(pigeon, name="Supported on a cushion", ladder=-2, changes="Sit on a cushion.")
    add_step(routine, make_exercise(name="Knee hug"))
    add_step(routine, pigeon)
    return routine


class TestPlayStop:
    def test_it_offers_the_next_easier_variation(self, client, routine):
        response = client.get(stop_url(routine, 2))
        assert response.status_code == 200
        html = response.content.decode()
        assert "You stopped." in html
        assert "When to see a professional" in html
        assert "You have had a hip replacement." in html
        assert "Continue with Reclined figure four" in html
        reclined = routine.steps.get(order=2).exercise.variations.get(ladder=-1)
        assert (
            reverse("stretches:play-step", args=[routine.slug, 2]) + (f"?use={reclined.pk}") in html
        )

    def test_it_offers_a_rung_further_down_when_already_easier(self, client, routine):
        reclined = routine.steps.get(order=2).exercise.variations.get(ladder=-1)
        html = client.get(stop_url(routine, 2, f"?use={reclined.pk}")).content.decode()
        assert "Continue with Supported on a cushion" in html

    def test_it_says_so_when_there_is_no_easier_version(self, client, routine):
        html = client.get(stop_url(routine, 1)).content.decode()
        assert "There is no easier version of this pose" in html
        assert reverse("stretches:play-step", args=[routine.slug, 1]) in html

    def test_it_404s_beyond_the_timeline_and_for_drafts(self, client, routine):
        assert client.get(stop_url(routine, 3)).status_code == 404
        draft = make_routine(steps=1, is_published=False)
        assert client.get(stop_url(draft, 1)).status_code == 404

    def test_it_rejects_a_bad_variation_list(self, client, routine):
        assert client.get(stop_url(routine, 1, "?use=x")).status_code == 400

    def test_it_rejects_post(self, client, routine):
        assert client.post(stop_url(routine, 1)).status_code == 405

    def test_query_count_does_not_grow(self, client, django_assert_max_num_queries):
        for steps in (5, 200):
            url = stop_url(make_routine(steps=steps), 3)
            with django_assert_max_num_queries(4):
                assert client.get(url).status_code == 200

    def test_it_offers_to_skip_to_the_next_step_keeping_the_swaps(self, client, routine):
        reclined = routine.steps.get(order=2).exercise.variations.get(ladder=-1)
        html = client.get(stop_url(routine, 1, f"?use={reclined.pk}")).content.decode()
        skip = reverse("stretches:play-step", args=[routine.slug, 2]) + f"?use={reclined.pk}"
        assert f'href="{skip}&amp;v=' in html
        assert "Skip this pose: go on to step 2" in html
        assert "Skip this pose" not in client.get(stop_url(routine, 2)).content.decode()
