"""“Stop — this hurts”: a calm page, the warning signs, and the easier variation."""

import pytest
from django.urls import reverse

from .conftest import (
    EMERGENCY_SIGNS,
    add_step,
    footer_text,
    make_exercise,
    make_routine,
    make_variation,
    numbers_in,
    urgent_signs_text,
)

pytestmark = pytest.mark.django_db


def stop_url(routine, number, query=""):
    return reverse("player:this-hurts", args=[routine.slug, number]) + query


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
        assert "When to get help" in html
        assert "You have had a hip replacement." in html
        assert "Continue with Reclined figure four" in html
        reclined = routine.steps.get(order=2).exercise.variations.get(ladder=-1)
        assert reverse("player:play-step", args=[routine.slug, 2]) + (f"?use={reclined.pk}") in html

    def test_it_shows_the_emergency_tier_first_above_the_easier_version(self, client, routine):
        html = client.get(stop_url(routine, 2)).content.decode()
        tiers = [
            html.index('id="urgent-emergency"'),
            html.index('id="urgent-same-day"'),
            html.index('id="urgent-before-carrying-on"'),
        ]
        assert tiers == sorted(tiers)
        assert tiers[-1] < html.index('id="twinge-heading"')
        emergency = html[tiers[0] : tiers[1]]
        for sign in EMERGENCY_SIGNS:
            assert sign in emergency, sign
        assert "Call your local emergency number now" in emergency

    def test_it_names_the_configured_numbers(self, client, routine, settings):
        settings.EMERGENCY_NUMBER = "999"
        settings.URGENT_ADVICE = "NHS 111"
        html = client.get(stop_url(routine, 2)).content.decode()
        urgent = urgent_signs_text(html)
        assert "Call 999 now" in urgent
        assert "Contact your doctor or NHS 111 the same day" in urgent
        assert "Call 999 now" in footer_text(html)
        assert "your local emergency number" not in html

    def test_by_default_it_names_no_country_number(self, client, routine):
        html = client.get(stop_url(routine, 2)).content.decode()
        urgent, footer = urgent_signs_text(html), footer_text(html)
        assert "Call your local emergency number now" in urgent
        assert "your doctor or your local non-emergency medical line" in urgent
        assert "Call your local emergency number now" in footer
        # Only the ages in "under 20 or over 50": no 999, 911, 112, 000, 111 or any other.
        assert numbers_in(urgent) == {"20", "50"}
        assert numbers_in(footer) == set()

    def test_it_offers_a_rung_further_down_when_already_easier(self, client, routine):
        reclined = routine.steps.get(order=2).exercise.variations.get(ladder=-1)
        html = client.get(stop_url(routine, 2, f"?use={reclined.pk}")).content.decode()
        assert "Continue with Supported on a cushion" in html

    def test_it_says_so_when_there_is_no_easier_version(self, client, routine):
        html = client.get(stop_url(routine, 1)).content.decode()
        assert "There is no easier version of this pose" in html
        assert reverse("player:play-step", args=[routine.slug, 1]) in html

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
        skip = reverse("player:play-step", args=[routine.slug, 2]) + f"?use={reclined.pk}"
        assert f'href="{skip}&amp;v=' in html
        assert "Skip this pose: go on to step 2" in html
        assert "Skip this pose" not in client.get(stop_url(routine, 2)).content.decode()
