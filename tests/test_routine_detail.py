"""A routine's page: what it does, its steps, its total time and every safety note."""

import pytest

from stretches.models import Side

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


class TestRoutineDetail:
    def test_it_shows_steps_total_and_start(self, client):
        routine = make_routine(title="Evening", description="Wind down before bed.")
        hug = make_exercise(name="Knee hug")
        add_step(routine, hug, hold_seconds=10, rounds=2, cue="Breathe out")
        add_step(routine, make_exercise(name="Pigeon"), hold_seconds=30, side=Side.BOTH)
        response = client.get(routine.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "Wind down before bed." in html
        # 2 × 10 s + 2 × 30 s of holds, and 5 s to get ready before each of the 4 moves
        assert "<dt>Time</dt><dd>1 min 40 s with get-ready</dd>" in html
        assert "about 20 s in all" in html
        assert "<dt>Exercises</dt><dd>2</dd>" in html
        assert "<dt>Moves</dt><dd>4</dd>" in html
        assert "Knee hug</a>" in html
        assert '<span class="times">× 2</span>' in html
        assert "Pigeon</a>, left side, then right side" in html
        assert "hold 30 s on each side" in html
        assert "Breathe out" in html
        assert "/play/1/" in html
        assert hug.get_absolute_url() in html

    def test_it_offers_a_print_button_run_by_a_script_file(self, client):
        html = client.get(make_routine(steps=1).get_absolute_url()).content.decode()
        assert "data-print>Print this routine</button>" in html
        assert "/static/js/print.js" in html

    def test_a_repeated_cycle_is_one_group_of_its_steps(self, client, starter_library):
        routine = starter_library.get(slug="spinal-twist-cycle")
        html = client.get(routine.get_absolute_url()).content.decode()
        assert "These 4 steps" in html
        assert html.count('<span class="times">× 3</span>') == 1
        # Four lines, not the twelve moves of the timeline.
        assert html.count('class="step-line"') == 4

    def test_each_step_is_numbered_as_the_player_counts_it(self, client, starter_library):
        routine = starter_library.get(slug="spinal-twist-cycle")
        html = client.get(routine.get_absolute_url()).content.decode()
        numbers = [line.split("</p>")[0] for line in html.split('<p class="step-numbers">')[1:]]
        assert numbers == ["Steps 1, 5, 9", "Steps 2, 6, 10", "Steps 3, 7, 11", "Steps 4, 8, 12"]
        # The player calls the second of them step 2, left side.
        step_two = client.get(routine.get_absolute_url() + "play/2/?c=0").content.decode()
        assert "Step <strong>2</strong> of 12" in step_two
        assert "Left side" in step_two

    def test_a_one_sided_step_says_what_its_side_means(self, client, starter_library):
        routine = starter_library.get(slug="spinal-twist-cycle")
        html = client.get(routine.get_absolute_url()).content.decode()
        assert ", left side (let your knees fall to your left)" in html
        assert ", right side (let your knees fall to your right)" in html

    def test_a_two_sided_step_with_rounds_covers_all_its_moves(self, client):
        routine = make_routine()
        add_step(routine, make_exercise(name="Hug"))
        add_step(routine, make_exercise(name="Lunge"), side=Side.BOTH, rounds=2)
        html = client.get(routine.get_absolute_url()).content.decode()
        assert '<p class="step-numbers">Step 1</p>' in html
        assert '<p class="step-numbers">Steps 2–5</p>' in html

    def test_each_step_shows_a_small_picture(self, client, starter_library):
        routine = starter_library.get(slug="first-day-gentle")
        html = client.get(routine.get_absolute_url()).content.decode()
        assert html.count('class="pose-picture small"') == 5
        # The picture first, then the words beside it.
        line = html.split('class="step-line"')[1]
        assert line.index("<img") < line.index('class="step-text"')
        assert "/static/img/poses/knees-to-chest-one-knee.svg" in html
        assert 'alt="Lying on the back on a mat. One knee is drawn towards the chest' in html
        assert 'width="84" height="60"' in html

    def test_its_meta_description_is_the_routine_description_or_the_sites(self, client):
        described = make_routine(steps=1, description="Wind down before bed.")
        plain = make_routine(steps=1)
        response = client.get(described.get_absolute_url())
        assert '<meta name="description" content="Wind down before bed.">' in response.text
        response = client.get(plain.get_absolute_url())
        assert '<meta name="description" content="Gentle, timed stretching routines' in (
            response.text
        )

    def test_it_lists_every_safety_note_once_including_variations(self, client):
        routine = make_routine()
        bend = make_exercise(name="Side bend", safety_notes="Bend only as far as is easy.")
        weighted = make_variation(
            bend, name="With a light weight", ladder=1, safety_note="Too much weight hurts."
        )
        add_step(routine, bend)
        add_step(routine, bend, variation=weighted)
        html = client.get(routine.get_absolute_url()).content.decode()
        assert html.count("Bend only as far as is easy.") == 1
        assert "Too much weight hurts." in html

    def test_it_shows_every_exercises_when_not_to_do_it_before_start(self, client):
        routine = make_routine()
        hug = make_exercise(name="Knee hug", avoid_if="Not after hip surgery.")
        bend = make_exercise(name="Side bend", avoid_if="Not if you feel dizzy.")
        add_step(routine, hug)
        add_step(routine, bend)
        add_step(routine, hug)
        html = client.get(routine.get_absolute_url()).content.decode()
        start = html.index("button-start")
        for avoid_if in ("Not after hip surgery.", "Not if you feel dizzy."):
            assert html.count(avoid_if) == 1
            assert html.index(avoid_if) < start
        assert html.index('href="/urgent-signs/"') < start

    def test_signed_in_the_cautions_come_before_the_pain_rating_start(self, signed_in):
        routine = make_routine()
        add_step(routine, make_exercise(name="Pigeon", avoid_if="Not with a knee injury."))
        html = signed_in.get(routine.get_absolute_url()).content.decode()
        assert html.index("Not with a knee injury.") < html.index('class="pain-form"')
        assert html.index('href="/urgent-signs/"') < html.index('class="pain-form"')

    def test_it_flags_a_variation_best_shown_in_person_before_start(self, client):
        routine = make_routine()
        bend = make_exercise(name="Side bend")
        weighted = make_variation(bend, name="With a weight", ladder=1, show_in_person_first=True)
        add_step(routine, bend, variation=weighted)
        html = client.get(routine.get_absolute_url()).content.decode()
        flag = html.index("With a weight is best shown by a professional in person")
        assert flag < html.index("button-start")

    def test_it_404s_for_unknown_and_draft_routines(self, client):
        assert client.get("/routines/nope/").status_code == 404
        draft = make_routine(is_published=False)
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_staff_see_a_draft_marked_as_such(self, client, staff_user):
        draft = make_routine(is_published=False)
        client.force_login(staff_user)
        response = client.get(draft.get_absolute_url())
        assert "Draft: only staff can see this routine." in response.content.decode()

    def test_it_rejects_post(self, client):
        assert client.post(make_routine().get_absolute_url()).status_code == 405

    @pytest.mark.parametrize("with_variations", [False, True])
    def test_query_count_does_not_grow_with_steps(
        self, client, django_assert_max_num_queries, with_variations
    ):
        for steps in (5, 200):
            routine = make_routine(steps=steps)
            if with_variations:
                easier = make_variation(
                    routine.steps.first().exercise, ladder=-1, safety_note="Go gently."
                )
                routine.steps.update(variation=easier)
            # cold: the routine, its steps, their variations, their caution rules
            with django_assert_max_num_queries(4):
                assert client.get(routine.get_absolute_url()).status_code == 200
