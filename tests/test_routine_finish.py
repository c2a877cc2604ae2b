"""The finish page: what was done and the total time."""

import pytest
from django.urls import reverse

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


def finish_url(routine, query=""):
    return reverse("player:well-done", args=[routine.slug]) + query


class TestRoutineFinish:
    def test_it_sums_up_the_routine(self, client):
        routine = make_routine(title="Evening ease")
        add_step(routine, make_exercise(name="Knee hug"), hold_seconds=40, rounds=3)
        add_step(routine, make_exercise(name="Side bend"), hold_seconds=10, side="both")
        response = client.get(finish_url(routine))
        assert response.status_code == 200
        html = response.content.decode()
        assert "you finished Evening ease" in html
        assert "5 moves in 2 min 20 s" in html
        assert "Knee hug" in html
        assert "Side bend" in html
        assert routine.get_absolute_url() in html

    def test_it_names_the_easier_versions_used(self, client):
        routine = make_routine()
        pigeon = make_exercise(name="Test pigeon")
        easier = make_variation(pigeon, name="Reclined", ladder=-1)
        add_step(routine, pigeon)
        html = client.get(finish_url(routine, f"?use={easier.pk}")).content.decode()
        assert "You used these versions: Test pigeon: Reclined (easier)." in html

    def test_it_names_a_harder_version_as_harder(self, client):
        routine = make_routine()
        pigeon = make_exercise(name="Test pigeon")
        harder = make_variation(pigeon, name="Deeper", ladder=1)
        add_step(routine, pigeon)
        html = client.get(finish_url(routine, f"?use={harder.pk}")).content.decode()
        assert "Test pigeon: Deeper (harder)" in html

    def test_it_404s_for_drafts(self, client):
        draft = make_routine(steps=1, is_published=False)
        assert client.get(finish_url(draft)).status_code == 404

    def test_it_rejects_post(self, client):
        assert client.post(finish_url(make_routine(steps=1))).status_code == 405

    def test_query_count_does_not_grow(self, client, django_assert_max_num_queries):
        for steps in (5, 200):
            url = finish_url(make_routine(steps=steps))
            # cold: the routine, its steps, their variations, their caution rules
            with django_assert_max_num_queries(4):
                assert client.get(url).status_code == 200
