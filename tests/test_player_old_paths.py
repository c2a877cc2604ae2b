"""The player's pages were renamed to say what they are ("this hurts", "well done"): the old
paths answer 301 to the new ones, query string kept, for bookmarks and open tabs."""

import pytest
from django.urls import reverse

from .conftest import add_step, make_exercise, make_routine


@pytest.fixture
def routine(db):
    routine = make_routine()
    add_step(routine, make_exercise(name="Knee hug"))
    add_step(routine, make_exercise(name="Cat cow"))
    return routine


@pytest.mark.django_db
class TestOldPlayerPaths:
    def test_the_old_stop_page_moves_to_this_hurts(self, client, routine):
        response = client.get(f"/routines/{routine.slug}/play/2/stop/?c=0&use=")
        assert response.status_code == 301
        new = reverse("player:this-hurts", args=[routine.slug, 2])
        assert response["Location"] == f"{new}?c=0&use="
        assert client.get(response["Location"]).status_code == 200

    def test_the_old_done_page_moves_to_well_done(self, client, routine):
        response = client.get(f"/routines/{routine.slug}/done/?c=0")
        assert response.status_code == 301
        assert response["Location"] == reverse("player:well-done", args=[routine.slug]) + "?c=0"

    def test_the_new_paths_say_what_they_are(self, routine):
        assert reverse("player:this-hurts", args=[routine.slug, 2]).endswith("/play/2/this-hurts/")
        assert reverse("player:well-done", args=[routine.slug]).endswith("/well-done/")
