"""The editor's admin, made comfortable: step rows, choices, previews, pictures, names, history."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from reversion.models import Version

from stretches.models import Exercise, Routine, RoutineStep

from .conftest import add_step, make_exercise, make_routine, make_variation
from .test_admin import (
    INLINE_SCRIPT,
    INLINE_STYLE,
    error_messages,
    exercise_data,
    routine_data,
    saved_rows,
    step_row,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def change_url(obj):
    return reverse(f"admin:stretches_{obj._meta.model_name}_change", args=[obj.pk])


def steps_formset(response):
    [inline] = [i for i in response.context["inline_admin_formsets"] if i.formset.prefix == "steps"]
    return inline.formset


# --- Step rows --------------------------------------------------------------------------------


def test_hold_says_its_range_and_the_inputs_carry_min_and_max(editor_client):
    routine = make_routine(steps=1)
    html = editor_client.get(change_url(routine)).content.decode()
    hold = re.search(r'<input[^>]*name="steps-0-hold_seconds"[^>]*>', html).group(0)
    assert 'min="1"' in hold
    assert 'max="600"' in hold
    assert "<strong>Hold</strong>: 1–600 seconds" in html
    assert "<strong>Cycle of</strong>: how many steps" in html
    assert "<strong>Rounds</strong>: how many times" in html


def test_step_rows_have_no_related_object_icons(editor_client):
    routine = make_routine(steps=2)
    html = editor_client.get(change_url(routine)).content.decode()
    steps = html[html.index('id="steps-group"') :]
    for icon in ("add-related", "change-related", "delete-related", "view-related"):
        assert icon not in steps


def test_variations_are_grouped_by_exercise_with_a_plain_choice(editor_client):
    twist, hug = make_exercise(name="Supine twist"), make_exercise(name="Knee hug")
    pillow = make_variation(twist, name="Pillow under knees")
    one_leg = make_variation(hug, name="One knee")
    routine = make_routine()
    add_step(routine, twist)

    html = editor_client.get(change_url(routine)).content.decode()

    select = re.search(r'<select name="steps-0-variation".*?</select>', html, re.S).group(0)
    assert '<option value="" selected>Plain exercise</option>' in select
    assert '<optgroup label="Supine twist">' in select
    assert f'value="{pillow.pk}" data-exercise="{twist.pk}"' in select
    assert f'value="{one_leg.pk}" data-exercise="{hug.pk}"' in select


def test_rows_are_numbered_and_cycles_shown_as_a_group(editor_client):
    routine = make_routine()
    add_step(routine, make_exercise(name="Knee hug"), rounds=2)
    add_step(routine, make_exercise(name="Twist"), cycle_steps=2, rounds=3, side="both")
    add_step(routine, make_exercise(name="Hug again"))
    add_step(routine, make_exercise(name="Bridge"))

    html = editor_client.get(change_url(routine)).content.decode()

    labels = re.findall(
        r'<span class="step-row-number">(\d+)</span> <span class="cycle-label">([^<]*)</span>'
        r'<span class="pose-range">([^<]*)</span>',
        html,
    )
    # As the player counts: 2 hugs, then 3 rounds of (twist left, twist right, hug).
    assert labels == [
        ("1", "× 2", "poses 1–2"),
        ("2", "× 3: steps 2–3", "poses 3–11"),
        ("3", "in × 3", ""),
        ("4", "", "pose 12"),
    ]


def test_the_rows_pose_numbers_are_the_players(editor_client):
    routine = make_routine()
    add_step(routine, make_exercise(name="Lunge"), side="left", rounds=2)
    add_step(routine, make_exercise(name="Twist"), cycle_steps=3, rounds=2, side="both")
    add_step(routine, make_exercise(name="Hug"))
    add_step(routine, make_exercise(name="Tilt"), side="right")
    add_step(routine, make_exercise(name="Rest"), rounds=3)

    html = editor_client.get(change_url(routine)).content.decode()

    shown = [r for r in re.findall(r'<span class="pose-range">([^<]*)</span>', html) if r]
    expected = []
    for group in routine.step_groups():
        played = sorted(n for these in group.numbers for n in these)
        expected.append(
            f"pose {played[0]}" if len(played) == 1 else f"poses {played[0]}–{played[-1]}"
        )
    assert shown == expected == ["poses 1–2", "poses 3–10", "poses 11–13"]


def test_a_cycle_error_sits_on_the_rows_field(editor_client):
    exercise = make_exercise()
    data = routine_data(
        steps=[
            step_row(exercise=exercise, order=1),
            step_row(exercise=exercise, order=2, cycle_steps=3, rounds=2),
            step_row(exercise=exercise, order=3),
        ]
    )

    response = editor_client.post(reverse("admin:stretches_routine_add"), data)

    message = "Step 2 starts a cycle of 3 steps, but the routine has only 2 from there."
    formset = steps_formset(response)
    assert formset.forms[1].errors["cycle_steps"] == [message]
    assert message in formset.non_form_errors()


def test_a_round_error_inside_a_cycle_sits_on_rounds(editor_client):
    exercise = make_exercise()
    data = routine_data(
        steps=[
            step_row(exercise=exercise, order=1, cycle_steps=2, rounds=3),
            step_row(exercise=exercise, order=2, rounds=2),
        ]
    )

    response = editor_client.post(reverse("admin:stretches_routine_add"), data)

    assert "rounds" in steps_formset(response).forms[1].errors


def test_after_a_failed_save_rows_come_back_in_the_editors_order(editor_client):
    routine = make_routine()
    cat_cow = add_step(routine, make_exercise(name="Cat-cow"), order=1)
    sphinx = add_step(routine, make_exercise(name="Sphinx"), order=2, cycle_steps=2, rounds=2)
    bridge = add_step(routine, make_exercise(name="Bridge"), order=3)
    # The editor moves the bridge first, which leaves Sphinx's cycle of 2 with one step.
    data = routine_data(
        routine,
        steps=[step_row(cat_cow, order=2), step_row(sphinx, order=3), step_row(bridge, order=1)],
    )

    response = editor_client.post(change_url(routine), data)

    formset = steps_formset(response)
    assert [form.instance.exercise.name for form in formset.forms] == [
        "Bridge",
        "Cat-cow",
        "Sphinx",
    ]
    # "Step 3" is the row the editor sees as 3, and the error is on its field.
    assert formset.forms[2].errors["cycle_steps"] == [
        "Step 3 starts a cycle of 2 steps, but the routine has only 1 from there."
    ]
    html = response.content.decode()
    chosen = [html.index(f'value="{s.exercise_id}" selected>') for s in (bridge, cat_cow, sphinx)]
    assert chosen == sorted(chosen)
    assert RoutineStep.objects.get(pk=bridge.pk).order == 3  # nothing saved


def test_the_routine_page_previews_its_timeline(editor_client):
    routine = make_routine(title="Preview")
    add_step(routine, make_exercise(name="Knee hug"), hold_seconds=10, cycle_steps=2, rounds=3)
    add_step(routine, make_exercise(name="Twist"), hold_seconds=15, side="both", rest_seconds=5)

    html = editor_client.get(change_url(routine)).content.decode()

    # 9 poses; holds 3 x (10 + 15 + 15) = 120 s, rests 3 x 5 = 15 s; 9 x 5 s get-ready.
    assert "9 poses · 2 min 15 s · about 3 min with get-ready" in html
    assert "Twist (left), round 1 of 3 — hold 15 s</li>" in html
    assert "Twist (right), round 1 of 3 — hold 15 s, rest 5 s</li>" in html


# --- Exercises, pictures, names ------------------------------------------------------------


def test_variation_equipment_blank_reads_same_as_exercise(editor_client):
    exercise = make_exercise()
    make_variation(exercise)
    html = editor_client.get(change_url(exercise)).content.decode()
    assert '<option value="" selected>Same as exercise</option>' in html


def png():
    """A real one-pixel PNG, which Django's image field accepts."""
    out = io.BytesIO()
    Image.new("RGB", (1, 1)).save(out, "PNG")
    return out.getvalue()


def test_a_picture_chosen_on_a_refused_form_is_kept_and_its_section_opens(
    editor_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = exercise_data(picture_alt="On all fours.", picture_author="Ann")  # no licence
    data["picture"] = SimpleUploadedFile("cat.png", png(), content_type="image/png")
    before = saved_rows()

    response = editor_client.post(reverse("admin:stretches_exercise_add"), data)

    form = response.context["adminform"].form
    assert form.errors["picture_licence"] == ["Give the picture's licence."]
    assert form.errors["picture"] == ["Its credit is not complete: see the fields below."]
    assert "This picture is kept from your last try" in response.content.decode()
    assert saved_rows() == before
    html = response.content.decode()
    section = html[html.index("Picture and video") - 400 :]
    assert "<details>" not in section[:600]  # the section is open, not collapsed


def test_a_video_link_without_its_credit_is_flagged_on_the_link(editor_client):
    data = exercise_data(video_url="https://example.com/cat-cow", video_author="Ann")

    response = editor_client.post(reverse("admin:stretches_exercise_add"), data)

    form = response.context["adminform"].form
    assert form.errors["video_url"] == ["Its credit is not complete: see the fields below."]
    assert form.errors["video_licence"] == ["Give the video's licence."]


def test_the_current_picture_is_shown_as_a_thumbnail(editor_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    exercise = make_exercise(picture_alt="x", picture_author="Ann", picture_licence="CC BY")
    exercise.picture.save("cat.png", SimpleUploadedFile("cat.png", png()))
    html = editor_client.get(change_url(exercise)).content.decode()
    assert f'<img class="picture-preview" src="{exercise.picture.url}"' in html


def test_exercise_names_are_unique_whatever_their_case(editor_client):
    make_exercise(name="Sphinx pose", slug="sphinx-pose")
    data = exercise_data(name="sphinx POSE", slug="sphinx-pose-2")

    response = editor_client.post(reverse("admin:stretches_exercise_add"), data)

    assert error_messages(response) == [
        "An exercise called “sphinx POSE” already exists (names ignore case)."
    ]


def test_a_slug_that_glues_words_at_a_dash_is_refused(editor_client):
    data = exercise_data(name="Bird–dog", slug="birddog")

    response = editor_client.post(reverse("admin:stretches_exercise_add"), data)

    assert "Keep the word break at the dash: use “bird-dog”." in error_messages(response)
    data["slug"] = "bird-dog"
    assert editor_client.post(reverse("admin:stretches_exercise_add"), data).status_code == 302


def test_the_exercise_list_shows_where_each_is_used(editor_client):
    exercise = make_exercise(name="Bridge")
    glutes, evening = make_routine(title="Glutes"), make_routine(title="Evening")
    add_step(glutes, exercise)
    add_step(glutes, exercise)
    add_step(evening, exercise)

    html = editor_client.get(reverse("admin:stretches_exercise_changelist")).content.decode()

    [row] = [row for row in html.split("<tr") if ">Bridge</a>" in row]
    assert (
        f'<a href="{change_url(evening)}">Evening</a>, <a href="{change_url(glutes)}">Glutes</a>'
        in row
    )


def test_a_refused_delete_links_the_routines_that_use_it(editor_client):
    exercise = make_exercise(name="Bridge")
    glutes = make_routine(title="Glutes")
    add_step(glutes, exercise)

    html = editor_client.get(
        reverse("admin:stretches_exercise_delete", args=[exercise.pk])
    ).content.decode()

    assert f'Routine: <a href="{change_url(glutes)}">Glutes</a>' in html
    editor_client.post(reverse("admin:stretches_exercise_delete", args=[exercise.pk]), {"post": 1})
    assert Exercise.objects.filter(pk=exercise.pk).exists()


# --- History -----------------------------------------------------------------------------------


def test_saving_a_routine_keeps_a_version_with_its_steps_and_who(editor_client, editor):
    routine = make_routine(title="Before")
    step = add_step(routine, make_exercise(), hold_seconds=30)
    data = routine_data(routine, title="After", steps=[step_row(step, hold_seconds=45)])

    assert editor_client.post(change_url(routine), data).status_code == 302

    [version] = Version.objects.get_for_object(routine)
    assert version.revision.user == editor
    assert version.field_dict["title"] == "After"
    step_versions = version.revision.version_set.filter(object_id=str(step.pk))
    assert step_versions.get().field_dict["hold_seconds"] == 45


def test_an_editor_compares_two_versions_and_restores_the_first(editor_client):
    routine = make_routine(title="Morning")
    step = add_step(routine, make_exercise(), hold_seconds=30)
    url = change_url(routine)
    editor_client.post(url, routine_data(routine, steps=[step_row(step)]))
    routine.refresh_from_db()
    editor_client.post(
        url, routine_data(routine, title="Morning, longer", steps=[step_row(step, hold_seconds=60)])
    )
    first, second = Version.objects.get_for_object(routine).order_by("pk")

    compare = editor_client.get(
        reverse("admin:stretches_routine_compare", args=[routine.pk]),
        {"version_id1": first.pk, "version_id2": second.pk},
    )
    html = compare.content.decode()
    assert compare.status_code == 200
    assert "Morning, longer" in html
    assert "<del>" in html or "<ins>" in html

    revision_url = reverse("admin:stretches_routine_revision", args=[routine.pk, first.pk])
    form = editor_client.get(revision_url)
    assert form.status_code == 200
    restore = routine_data(routine, title="Morning", steps=[step_row(step, hold_seconds=30)])
    assert editor_client.post(revision_url, restore).status_code == 302
    routine = Routine.objects.get(pk=routine.pk)
    assert routine.title == "Morning"
    assert routine.steps.get().hold_seconds == 30


def test_history_pages_keep_to_the_csp(editor_client):
    routine = make_routine(title="Morning")
    step = add_step(routine, make_exercise(), hold_seconds=30)
    url = change_url(routine)
    editor_client.post(url, routine_data(routine, steps=[step_row(step)]))
    editor_client.post(url, routine_data(routine, title="Later", steps=[step_row(step)]))
    first, second = Version.objects.get_for_object(routine).order_by("pk")
    pages = [
        reverse("admin:stretches_routine_history", args=[routine.pk]),
        reverse("admin:stretches_routine_compare", args=[routine.pk])
        + f"?version_id1={first.pk}&version_id2={second.pk}",
        reverse("admin:stretches_routine_revision", args=[routine.pk, first.pk]),
        reverse("admin:stretches_routine_recoverlist"),
        reverse("admin:stretches_exercise_recoverlist"),
    ]
    for page in pages:
        response = editor_client.get(page)
        html = response.content.decode()
        assert response.status_code == 200, page
        assert INLINE_SCRIPT.findall(html) == [], page
        assert INLINE_STYLE.findall(html) == [], page
