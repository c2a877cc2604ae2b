"""The player: one URL per step, a whole page or just the panel for htmx."""

import pytest
from django.urls import reverse

from stretches.models import Side

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


def play_url(routine, number, query=""):
    return reverse("stretches:play-step", args=[routine.slug, number]) + query


@pytest.fixture
def routine():
    routine = make_routine(title="Morning ease")
    twist = make_exercise(name="Supine twist", safety_notes="Keep both shoulders down.")
    make_variation(twist, name="Pillow under knees", ladder=-1, safety_note="Go gently.")
    hug = make_exercise(name="Knee hug")
    add_step(routine, hug, hold_seconds=10, cue="Hug both knees in")
    add_step(routine, twist, hold_seconds=15, side=Side.BOTH, rest_seconds=5)
    return routine


class TestPlayStep:
    def test_it_renders_the_whole_page_for_a_normal_request(self, client, routine):
        response = client.get(play_url(routine, 1))
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" in html
        assert 'id="player"' in html
        assert "Step <strong>1</strong> of 3" in html
        assert "Knee hug" in html
        assert "Hug both knees in" in html
        assert "Hold for 10 s" in html
        assert 'href="' + play_url(routine, 2) + "?v=" in html
        assert "js/player.js" in html

    def test_it_renders_only_the_panel_for_htmx(self, client, routine):
        response = client.get(play_url(routine, 2), headers={"HX-Request": "true"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html
        assert html.strip().startswith('<section id="player"')
        assert "Supine twist" in html
        assert "Left side" in html
        assert "HX-Request" in response["Vary"]

    def test_htmx_panel_stays_small(self, client, routine):
        response = client.get(play_url(routine, 2), headers={"HX-Request": "true"})
        assert len(response.content) < 4 * 1024

    def test_it_shows_the_safety_note_with_the_pose(self, client, routine):
        html = client.get(play_url(routine, 2)).content.decode()
        assert "Keep both shoulders down." in html

    def test_it_prompts_to_switch_sides(self, client, routine):
        html = client.get(play_url(routine, 3)).content.decode()
        assert "Switch sides" in html
        assert 'data-switch-sides="true"' in html
        assert "Right side" in html
        assert "then rest 5 s" in html

    def test_last_step_links_to_the_finish_page(self, client, routine):
        html = client.get(play_url(routine, 3)).content.decode()
        assert reverse("stretches:routine-finish", args=[routine.slug]) in html
        assert "data-next" not in html

    def test_first_step_has_no_previous_link(self, client, routine):
        html = client.get(play_url(routine, 1)).content.decode()
        assert "data-previous" not in html
        assert "data-previous" in client.get(play_url(routine, 2)).content.decode()

    def test_it_uses_an_easier_variation_when_asked(self, client, routine):
        pillow = routine.steps.get(side=Side.BOTH).exercise.variations.get()
        html = client.get(play_url(routine, 2, f"?use={pillow.pk}")).content.decode()
        assert "Pillow under knees" in html
        assert "Go gently." in html
        assert play_url(routine, 3, f"?use={pillow.pk}") in html

    @pytest.mark.parametrize("use", ["abc", "1,x", "999999", "99999999999999999999", "-1", "1,"])
    def test_it_rejects_a_bad_variation_list(self, client, routine, use):
        assert client.get(play_url(routine, 1, f"?use={use}")).status_code == 400

    def test_it_rejects_a_variation_from_another_routine(self, client, routine):
        stranger = make_variation(make_exercise(), ladder=-1)
        assert client.get(play_url(routine, 1, f"?use={stranger.pk}")).status_code == 400

    @pytest.mark.parametrize("number", [0, 4, 99])
    def test_it_404s_beyond_the_timeline(self, client, routine, number):
        response = client.get(play_url(routine, number))
        assert response.status_code == 404
        if number:
            assert "has 3 steps; there is no step" in response.content.decode()

    def test_it_404s_for_an_unknown_routine(self, client):
        assert client.get("/routines/no-such-routine/play/1/").status_code == 404

    def test_it_404s_for_a_draft(self, client):
        draft = make_routine(steps=2, is_published=False)
        assert client.get(play_url(draft, 1)).status_code == 404

    def test_staff_can_preview_a_draft(self, client, staff_user):
        draft = make_routine(steps=2, is_published=False)
        client.force_login(staff_user)
        assert client.get(play_url(draft, 1)).status_code == 200

    def test_it_rejects_post(self, client, routine):
        assert client.post(play_url(routine, 1)).status_code == 405

    @pytest.mark.parametrize("htmx", [False, True])
    def test_query_count_does_not_grow_with_the_routine(
        self, client, django_assert_max_num_queries, htmx
    ):
        headers = {"HX-Request": "true"} if htmx else {}
        short, long = make_routine(steps=5), make_routine(steps=200)
        for routine in (short, long):
            # routine, step timings, the shown exercises, their variations
            with django_assert_max_num_queries(4):
                assert client.get(play_url(routine, 4), headers=headers).status_code == 200
