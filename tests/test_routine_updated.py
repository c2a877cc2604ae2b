"""Edits never break someone mid-routine: the player notices a changed routine and says so."""

import pytest
from django.urls import reverse

from stretches.models import Routine

from .conftest import add_step, make_exercise, make_routine

pytestmark = pytest.mark.django_db


def play_url(routine, number, query=""):
    return reverse("player:play-step", args=[routine.slug, number]) + query


def fresh(routine):
    return Routine.objects.with_steps().get(pk=routine.pk)


@pytest.fixture
def routine():
    """Knee hug, then four rounds of the twist, then the bridge: six poses."""
    routine = make_routine(title="Evening ease")
    add_step(routine, make_exercise(name="Knee hug"))
    add_step(routine, make_exercise(name="Supine twist"), rounds=4)
    add_step(routine, make_exercise(name="Bridge"))
    return fresh(routine)


def next_link(client, routine, number):
    """The Next link a visitor on step `number` holds, as the page gave it to them."""
    moves = routine.timeline()
    html = client.get(play_url(routine, number)).content.decode()
    following = moves[number]
    query = f"?v={routine.version}&amp;at={following.key}"
    assert play_url(routine, number + 1, query) in html
    return play_url(routine, number + 1, query.replace("&amp;", "&"))


class TestRoutineVersion:
    def test_saving_a_step_moves_the_routine_version_on(self, routine):
        before = routine.version
        step = routine.steps.get(rounds=4)
        step.rounds = 2
        step.save()
        assert fresh(routine).version != before

    def test_deleting_or_adding_a_step_moves_it_on(self, routine):
        before = routine.version
        routine.steps.get(exercise__name="Bridge").delete()
        after_delete = fresh(routine).version
        assert after_delete != before
        add_step(routine, make_exercise())
        assert fresh(routine).version != after_delete

    def test_reading_a_routine_leaves_its_version_alone(self, client, routine):
        client.get(play_url(routine, 2))
        assert fresh(routine).version == routine.version


class TestPlayerAfterAnEdit:
    def test_an_unchanged_routine_plays_on(self, client, routine):
        response = client.get(next_link(client, routine, 3))
        assert response.status_code == 200
        assert "This routine was just updated" not in response.content.decode()
        assert "Round 3 of 4" in response.content.decode()

    def test_reduced_rounds_offer_the_matching_pose_instead_of_skipping(self, client, routine):
        # On round 3 of the twist (step 4), Next would be round 4 (step 5).
        link = next_link(client, routine, 4)
        twist = routine.steps.get(rounds=4)
        twist.rounds = 2
        twist.save()

        response = client.get(link)

        assert response.status_code == 200
        html = response.content.decode()
        assert "This routine was just updated" in html
        # Rounds 3 and 4 are gone: the next pose is the bridge, now step 4 of 4.
        assert "Continue from Bridge: step 4 of 4" in html
        new = fresh(routine)
        bridge = new.timeline()[3]
        assert play_url(new, 4, f"?v={new.version}&amp;at={bridge.key}") in html
        assert play_url(new, 1, f"?v={new.version}") in html  # restart
        assert "data-next" not in html  # no timer runs on into a pose they did not choose

    def test_the_same_pose_is_found_when_steps_were_added_before_it(self, client, routine):
        link = next_link(client, routine, 2)  # -> twist round 2, step 3
        add_step(routine, make_exercise(name="Cat-cow"), order=0)

        html = client.get(link).content.decode()

        assert "This routine was just updated" in html
        assert "Continue from Supine twist: step 4 of 7" in html

    def test_a_step_past_the_new_end_goes_to_the_finish_page_not_a_404(self, client, routine):
        link = next_link(client, routine, 5)  # -> the bridge, step 6
        routine.steps.get(exercise__name="Bridge").delete()

        response = client.get(link, follow=True)

        assert response.status_code == 200
        assert response.redirect_chain[-1][0].startswith(
            reverse("player:well-done", args=[routine.slug])
        )
        html = response.content.decode()
        assert "This routine was just updated" in html
        assert "Well done" in html

    def test_htmx_gets_the_notice_as_the_panel(self, client, routine):
        link = next_link(client, routine, 4)
        routine.steps.filter(rounds=4).update(rounds=2)
        add_step(routine, make_exercise(name="Cat-cow"))

        response = client.get(link, headers={"HX-Request": "true"})

        html = response.content.decode()
        assert response.status_code == 200
        assert html.strip().startswith('<section id="player"')
        assert "data-routine-updated" in html
        assert "<html" not in html

    def test_htmx_past_the_end_is_sent_to_the_finish_page(self, client, routine):
        link = next_link(client, routine, 5)
        routine.steps.get(exercise__name="Bridge").delete()

        response = client.get(link, headers={"HX-Request": "true"})

        assert response.headers["HX-Redirect"].startswith(
            reverse("player:well-done", args=[routine.slug]) + "?v="
        )

    def test_a_number_past_the_end_with_the_current_version_is_still_a_404(self, client, routine):
        assert client.get(play_url(routine, 7, f"?v={routine.version}")).status_code == 404

    def test_the_stop_page_still_helps_after_an_edit(self, client, routine):
        stop = reverse("player:this-hurts", args=[routine.slug, 5])
        key = routine.timeline()[4].key  # twist, round 4
        add_step(routine, make_exercise(name="Cat-cow"), order=0)

        response = client.get(f"{stop}?v={routine.version}&at={key}")

        html = response.content.decode()
        assert response.status_code == 200
        assert "This routine was just updated" in html
        new = fresh(routine)
        assert play_url(new, 6, f"?v={new.version}") in html  # resume: the same pose, moved

    def test_the_finish_page_says_nothing_when_the_version_matches(self, client, routine):
        url = reverse("player:well-done", args=[routine.slug])
        assert "just updated" not in client.get(f"{url}?v={routine.version}").content.decode()

    def test_the_notice_costs_no_more_queries_than_a_step(
        self, client, routine, django_assert_max_num_queries
    ):
        link = next_link(client, routine, 4)
        routine.steps.filter(rounds=4).update(rounds=2)
        add_step(routine, make_exercise(name="Cat-cow"))
        # cold: the routine, its steps, their exercises' variations and caution rules, and
        # the version kept from before the edit (for the poses added before you)
        with django_assert_max_num_queries(5):
            assert client.get(link).status_code == 200
