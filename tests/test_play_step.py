"""The player: one URL per step, a whole page or just the panel for htmx."""

import pytest
from django.urls import reverse

from stretches.models import Side

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


HTMX_HEADERS = {"HX-Request": "true"}


def play_url(routine, number, query=""):
    return reverse("player:play-step", args=[routine.slug, number]) + query


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

    def test_it_shows_the_pose_large_and_the_next_one_small(self, client, starter_library):
        routine = starter_library.get(slug="spinal-twist-cycle")
        html = client.get(play_url(routine, 1, "?c=0")).content.decode()
        now, following = html.split('class="pose-next"')
        assert 'class="pose-picture large"' in now
        assert 'src="/static/img/poses/knees-to-chest-hug.svg"' in now
        assert 'alt="Lying on the back on a mat, head down. Both knees are bent' in now
        assert 'class="pose-picture small"' in following
        assert 'src="/static/img/poses/supine-spinal-twist.svg"' in following
        assert 'alt="Seen from above, lying on the back on a mat.' in following
        assert "<figcaption>Next</figcaption>" in following

    def test_a_right_side_move_mirrors_the_picture(self, client, starter_library):
        routine = starter_library.get(slug="spinal-twist-cycle")
        left = client.get(play_url(routine, 2, "?c=0")).content.decode()  # knees to the left
        right = client.get(play_url(routine, 4, "?c=0"), headers=HTMX_HEADERS).content.decode()
        assert 'class="pose-picture large" src="/static/img/poses/supine-spinal-twist.svg"' in left
        assert 'class="pose-picture large mirrored"' in right
        assert "mirrored" not in left.split('class="pose-next"')[0]
        # The next move (step 5, the hug in round 2) has no side: not mirrored.
        assert 'class="pose-picture small" src' in right

    def test_an_easier_variation_shows_its_own_picture(self, client, starter_library):
        routine = starter_library.get(slug="full-lower-back")
        number = next(m.number for m in routine.timeline() if m.exercise.slug == "pigeon-pose")
        figure_four = routine.timeline()[number - 1].exercise.variations.get(ladder=-1)
        html = client.get(play_url(routine, number, f"?use={figure_four.pk}&c=0")).content.decode()
        assert "/static/img/poses/reclined-figure-four.svg" in html.split('class="pose-next"')[0]

    def test_the_last_step_shows_no_next_picture(self, client, routine):
        html = client.get(play_url(routine, 3)).content.decode()
        assert 'class="pose-next"' not in html

    def test_it_shows_the_safety_note_with_the_pose(self, client, routine):
        html = client.get(play_url(routine, 2)).content.decode()
        assert "Keep both shoulders down." in html

    def test_it_flags_a_variation_best_shown_in_person_first(self, client):
        routine = make_routine()
        bend = make_exercise(name="Side bend")
        weighted = make_variation(bend, name="With a weight", ladder=1, show_in_person_first=True)
        add_step(routine, bend, variation=weighted)
        add_step(routine, bend)
        html = client.get(play_url(routine, 1)).content.decode()
        assert "Best shown in person first." in html
        assert (
            "Best shown in person first." not in client.get(play_url(routine, 2)).content.decode()
        )

    def test_it_flags_an_in_person_variation_chosen_through_use(self, client):
        routine = make_routine()
        bend = make_exercise(name="Side bend", safety_notes="")
        seated = make_variation(bend, name="Seated", ladder=-1, show_in_person_first=True)
        add_step(routine, bend)
        assert (
            "Best shown in person first." not in client.get(play_url(routine, 1)).content.decode()
        )
        html = client.get(play_url(routine, 1, f"?use={seated.pk}")).content.decode()
        assert "Best shown in person first." in html

    def test_a_sided_step_says_in_words_what_its_side_means(self, client, starter_library):
        slug = "spinal-twist-cycle"
        left = client.get(reverse("player:play-step", args=[slug, 2]) + "?c=0").content.decode()
        assert '<span class="side">Left side: let your knees fall to your left</span>' in left
        right = client.get(reverse("player:play-step", args=[slug, 4]) + "?c=0").content.decode()
        assert '<span class="side">Right side: let your knees fall to your right</span>' in right
        # A step with no side says none.
        hug = client.get(reverse("player:play-step", args=[slug, 1]) + "?c=0").content.decode()
        assert 'class="side"' not in hug

    def test_a_sided_step_without_words_says_only_the_side(self, client):
        routine = make_routine()
        add_step(routine, make_exercise(), side=Side.LEFT)
        html = client.get(reverse("player:play-step", args=[routine.slug, 1])).content.decode()
        assert '<span class="side">Left side</span>' in html

    def test_it_prompts_to_switch_sides(self, client, routine):
        html = client.get(play_url(routine, 3)).content.decode()
        assert "Switch sides" in html
        assert 'data-switch-sides="true"' in html
        assert "Right side" in html
        assert "then rest 5 s" in html

    def test_last_step_links_to_the_finish_page(self, client, routine):
        html = client.get(play_url(routine, 3)).content.decode()
        assert reverse("player:well-done", args=[routine.slug]) in html
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


class TestPlayStepRejectsBadQueries:
    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("use=" + "1" * 4301, "“use” must be a comma-separated list of variation numbers."),
            ("use=١", "“use” must be a comma-separated list of variation numbers."),
            ("use=" + ",".join(["1"] * 51), "“use” must be a comma-separated list"),
            ("session=" + "1" * 4301, "“session” must be a whole number from 1 to"),
            ("session=-5", "“session” must be a whole number from 1 to"),
            ("session=٣", "“session” must be a whole number from 1 to"),
            ("session=9223372036854775808", "“session” must be a whole number from 1 to"),
        ],
    )
    def test_it_is_a_400_that_says_what_was_wrong(self, client, routine, query, message):
        response = client.get(play_url(routine, 1, "?" + query))
        assert response.status_code == 400
        assert message in response.content.decode()

    def test_it_logs_one_line_not_a_traceback(self, client, routine, caplog):
        with caplog.at_level("WARNING"):
            client.get(play_url(routine, 1, "?use=" + "7" * 5000))
        records = [r for r in caplog.records if r.name.startswith("django")]
        assert len(records) == 1
        assert records[0].levelname == "WARNING"
        assert records[0].exc_info is None
        assert len(caplog.text.strip().splitlines()) == 1

    def test_a_bad_request_raised_anywhere_logs_one_line(self, rf, caplog):
        # Django's own handler attaches the traceback; the logging filter drops it.
        from django.core.exceptions import BadRequest
        from django.core.handlers.exception import response_for_exception

        with caplog.at_level("WARNING"):
            response = response_for_exception(rf.get("/x/"), BadRequest("x is not a number."))
        assert response.status_code == 400
        (record,) = caplog.records
        assert record.getMessage() == "x is not a number.: /x/"
        assert record.exc_info is None
