"""The admin, through its real URLs: lists, filters, inline editing, validation, access, CSP."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from stretches.models import Exercise, Routine, RoutineStep, Side, Variation

from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db


# --- What the admin forms post -------------------------------------------------------------


def management(prefix, total, initial=0):
    """The management form of an inline formset."""
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def rows(prefix, values):
    """Inline rows as the admin posts them: `prefix-<index>-<field>`, with the management form."""
    data = management(prefix, len(values), initial=sum(1 for row in values if row.get("id")))
    for index, row in enumerate(values):
        for field, value in row.items():
            if value is not None:
                data[f"{prefix}-{index}-{field}"] = value
    return data


def step_row(step=None, **values):
    """One row of the steps inline: an existing step's values, or a new row; then `values`."""
    if step is None:
        row = {
            "id": "",
            "routine": "",
            "variation": "",
            "hold_seconds": 30,
            "side": Side.NONE,
            "rounds": 1,
            "cycle_steps": 1,
            "rest_seconds": 0,
            "cue": "",
            "order": "",
        }
    else:
        row = {
            "id": step.pk,
            "routine": step.routine_id,
            "exercise": step.exercise_id,
            "variation": step.variation_id or "",
            "hold_seconds": step.hold_seconds,
            "side": step.side,
            "rounds": step.rounds,
            "cycle_steps": step.cycle_steps,
            "rest_seconds": step.rest_seconds,
            "cue": step.cue,
            "order": step.order,
        }
    row.update(values)
    for field in ("exercise", "variation"):
        if hasattr(row.get(field), "pk"):
            row[field] = row[field].pk
    return row


def routine_data(routine=None, steps=(), **fields):
    """The routine add/change form: the routine's own fields, then its step rows."""
    data = {"title": "Morning mobility", "slug": "morning-mobility", "level": 1, "description": ""}
    if routine is not None:
        data.update(title=routine.title, slug=routine.slug, level=routine.level)
        data["is_published"] = routine.is_published
    else:
        data["is_published"] = True
    data.update(fields)
    if data.pop("is_published"):
        data["is_published"] = "on"
    data["_save"] = "Save"
    return data | rows("steps", list(steps))


def variation_row(variation=None, **values):
    row = (
        {"id": "", "exercise": "", "name": "On the knees", "changes": "Knees down.", "ladder": -1}
        if variation is None
        else {
            "id": variation.pk,
            "exercise": variation.exercise_id,
            "name": variation.name,
            "changes": variation.changes,
            "ladder": variation.ladder,
        }
    )
    return row | {"equipment": "", "safety_note": "Go gently.", "instructions": ""} | values


def exercise_data(variations=(), rules=(), **fields):
    """The exercise add/change form: its own fields, then its variation rows."""
    data = {
        "name": "Sphinx pose",
        "slug": "sphinx-pose",
        "kind": Exercise.Kind.MOBILITY,
        "difficulty": 1,
        "equipment": "mat",
        "target_areas": "lower back",
        "summary": "Round and arch the back.",
        "instructions": "Kneel on all fours.\nRound, then arch.",
        "why_it_helps": "",
        "safety_notes": "Move slowly.",
        "avoid_if": "Skip it if kneeling hurts.",
        "_save": "Save",
    }
    return data | fields | rows("variations", list(variations)) | rows("rules", list(rules))


def error_messages(response):
    """Every message the admin form shows: the main form's, each inline row's, each formset's."""
    assert response.status_code == 200, "the form was accepted, not shown again with errors"
    messages = [m for errors in response.context["adminform"].form.errors.values() for m in errors]
    for inline in response.context["inline_admin_formsets"]:
        messages += inline.formset.non_form_errors()
        for form in inline.formset.forms:
            messages += [m for errors in form.errors.values() for m in errors]
    return messages


def assert_shows_error(response, message):
    assert message in error_messages(response)
    assert escape(message) in response.content.decode()


def names_in_order(routine):
    return [step.exercise.name for step in routine.steps.all()]


def saved_rows():
    """How many rows each model has: unchanged after a refused form means nothing was saved."""
    return {model: model.objects.count() for model in (Exercise, Variation, Routine, RoutineStep)}


# --- Changelists and pages -----------------------------------------------------------------


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize(
    ("url_name", "shows"),
    [
        ("admin:stretches_exercise_changelist", "cl"),
        ("admin:stretches_exercise_add", "adminform"),
        ("admin:stretches_routine_changelist", "cl"),
        ("admin:stretches_routine_add", "adminform"),
    ],
)
def test_staff_see_the_lists_and_add_pages(staff_client, url_name, shows):
    response = staff_client.get(reverse(url_name))

    assert response.status_code == 200
    assert shows in response.context


def test_staff_see_an_exercise_with_its_variations(staff_client):
    exercise = make_exercise(name="Child's pose")
    make_variation(exercise, name="Knees wide")

    response = staff_client.get(reverse("admin:stretches_exercise_change", args=[exercise.pk]))

    assert response.status_code == 200
    assert 'value="Knees wide"' in response.content.decode()


def test_staff_see_a_routine_with_its_steps_in_order(staff_client):
    routine = make_routine(title="Evening unwind")
    add_step(routine, make_exercise(name="Supine twist"), order=2)
    add_step(routine, make_exercise(name="Knees to chest"), order=1)

    response = staff_client.get(reverse("admin:stretches_routine_change", args=[routine.pk]))

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.exercise.name for form in formset.forms] == [
        "Knees to chest",
        "Supine twist",
    ]


def test_routine_list_shows_total_time_and_public_page(staff_client):
    routine = make_routine(steps=1, title="Short break")
    add_step(routine, routine.steps.get().exercise, rest_seconds=10)
    assert Routine.objects.get(pk=routine.pk).total_seconds == 30 + 30 + 10

    html = staff_client.get(reverse("admin:stretches_routine_changelist")).content.decode()

    [row] = [row for row in html.split("<tr") if ">Short break</a>" in row]
    assert '<td class="field-total_duration">1 min 10 s</td>' in row
    assert '<td class="field-step_count">2</td>' in row
    assert f'<a href="{routine.get_absolute_url()}">View on site</a>' in row


def test_routine_list_labels_a_draft_link_as_a_preview(staff_client):
    draft = make_routine(title="Unfinished", is_published=False)
    published = make_routine(title="Finished", is_published=True)

    html = staff_client.get(reverse("admin:stretches_routine_changelist")).content.decode()

    assert f'<a href="{draft.get_absolute_url()}">Preview (draft: not public)</a>' in html
    assert f'<a href="{published.get_absolute_url()}">View on site</a>' in html


def test_routine_change_page_shows_total_time(staff_client):
    routine = make_routine(steps=3)  # 3 x 30 s

    response = staff_client.get(reverse("admin:stretches_routine_change", args=[routine.pk]))

    assert "1 min 30 s" in response.content.decode()


def changelist_names(client, url_name, query=""):
    response = client.get(reverse(url_name) + query)
    assert response.status_code == 200
    return {str(obj) for obj in response.context["cl"].result_list}


def filtered_names(client, url_name, query):
    """What the list shows after following one of the filter links its sidebar offers."""
    offered = client.get(reverse(url_name)).content.decode()
    assert f'href="?{query}"' in offered, f"the filters do not offer {query}"
    return changelist_names(client, url_name, f"?{query}")


def test_exercises_filter_by_kind(staff_client):
    make_exercise(name="Downward dog", kind=Exercise.Kind.YOGA)
    make_exercise(name="Hamstring stretch", kind=Exercise.Kind.STRETCH)

    names = filtered_names(staff_client, "admin:stretches_exercise_changelist", "kind__exact=yoga")

    assert "Downward dog" in names
    assert "Hamstring stretch" not in names


def test_exercises_filter_by_difficulty(staff_client):
    make_exercise(name="Knees to chest", difficulty=1)
    make_exercise(name="Pigeon", difficulty=3)

    names = filtered_names(
        staff_client, "admin:stretches_exercise_changelist", "difficulty__exact=1"
    )

    assert "Knees to chest" in names
    assert "Pigeon" not in names


def test_exercises_beyond_the_article_are_shown_and_filtered(staff_client):
    make_exercise(name="Our own stretch", beyond_article=True)
    make_exercise(name="The article's stretch")

    html = staff_client.get(reverse("admin:stretches_exercise_changelist")).content.decode()
    names = filtered_names(
        staff_client, "admin:stretches_exercise_changelist", "beyond_article__exact=1"
    )

    assert "beyond the article" in html.lower()
    assert "Our own stretch" in names
    assert "The article's stretch" not in names


def test_exercises_filter_by_equipment(staff_client):
    make_exercise(name="Roll the upper back", equipment="foam_roller")
    make_exercise(name="Cat-cow", equipment="mat")

    names = filtered_names(
        staff_client, "admin:stretches_exercise_changelist", "equipment__exact=foam_roller"
    )

    assert "Roll the upper back" in names
    assert "Cat-cow" not in names


def test_exercises_search_name_summary_and_target_areas(staff_client):
    make_exercise(name="Sphinx", summary="A gentle back bend.")
    make_exercise(name="Figure four", target_areas="hips, glutes")
    make_exercise(name="Neck rolls", summary="Loosen the neck.")

    url = "admin:stretches_exercise_changelist"
    assert changelist_names(staff_client, url, "?q=sphinx") == {"Sphinx"}
    assert changelist_names(staff_client, url, "?q=gentle+back+bend") == {"Sphinx"}
    assert "Figure four" in changelist_names(staff_client, url, "?q=glutes")
    assert "Neck rolls" not in changelist_names(staff_client, url, "?q=glutes")


def test_routines_filter_by_published(staff_client):
    make_routine(title="Morning", is_published=True)
    make_routine(title="Draft", is_published=False)

    url = "admin:stretches_routine_changelist"
    published = filtered_names(staff_client, url, "is_published__exact=1")
    assert "Morning" in published
    assert "Draft" not in published
    assert filtered_names(staff_client, url, "is_published__exact=0") == {"Draft"}


def test_routines_search_title_and_description(staff_client):
    make_routine(title="Desk break", description="Five minutes between meetings.")
    make_routine(title="Evening unwind", description="Before sleep.")

    url = "admin:stretches_routine_changelist"
    assert changelist_names(staff_client, url, "?q=desk") == {"Desk break"}
    assert changelist_names(staff_client, url, "?q=sleep") == {"Evening unwind"}


@pytest.mark.parametrize("routines", [2, 6])
def test_routine_list_queries_do_not_grow(staff_client, django_assert_max_num_queries, routines):
    for _ in range(routines):
        routine = make_routine(steps=3)
        add_step(routine, make_exercise(), rest_seconds=10)

    # django-reversion runs the list in a transaction: its savepoint and release count too.
    with django_assert_max_num_queries(9):
        response = staff_client.get(reverse("admin:stretches_routine_changelist"))

    assert len(response.context["cl"].result_list) == Routine.objects.count()


@pytest.mark.parametrize("exercises", [2, 6])
def test_exercise_list_queries_do_not_grow(staff_client, django_assert_max_num_queries, exercises):
    for _ in range(exercises):
        make_variation(make_exercise())

    # Savepoint and release (django-reversion), and the steps behind "used in".
    with django_assert_max_num_queries(9):
        response = staff_client.get(reverse("admin:stretches_exercise_changelist"))

    assert len(response.context["cl"].result_list) == Exercise.objects.count()


def test_step_exercise_autocomplete_finds_exercises_by_name(staff_client):
    make_exercise(name="Thread the needle")
    make_exercise(name="Bridge")

    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "stretches",
            "model_name": "routinestep",
            "field_name": "exercise",
            "term": "needle",
        },
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Thread the needle"]


# --- Adding and editing exercises ----------------------------------------------------------


def test_staff_add_an_exercise_with_a_variation(staff_client):
    data = exercise_data(variations=[variation_row(name="Seated", ladder=-1)])

    response = staff_client.post(reverse("admin:stretches_exercise_add"), data)

    assert response.status_code == 302
    exercise = Exercise.objects.get(slug="sphinx-pose")
    assert exercise.kind == Exercise.Kind.MOBILITY
    assert [(v.name, v.ladder) for v in exercise.variations.all()] == [("Seated", -1)]


def test_variation_on_rung_zero_is_refused_and_nothing_saved(staff_client):
    data = exercise_data(variations=[variation_row(ladder=0)])
    before = saved_rows()

    response = staff_client.post(reverse("admin:stretches_exercise_add"), data)

    assert_shows_error(response, "Rung 0 is the plain exercise; choose another number.")
    assert saved_rows() == before


def test_two_variations_on_the_same_rung_are_refused(staff_client):
    data = exercise_data(
        variations=[variation_row(name="Seated", ladder=-1), variation_row(name="Wall", ladder=-1)]
    )

    before = saved_rows()

    response = staff_client.post(reverse("admin:stretches_exercise_add"), data)

    assert "Please correct the duplicate data for ladder." in error_messages(response)
    assert saved_rows() == before


def test_exercise_with_a_taken_slug_is_refused(staff_client):
    make_exercise(name="Sphinx", slug="sphinx-pose")
    before = saved_rows()

    response = staff_client.post(reverse("admin:stretches_exercise_add"), exercise_data())

    assert_shows_error(response, "Exercise with this Slug already exists.")
    assert saved_rows() == before


def test_video_without_credit_is_refused(staff_client):
    data = exercise_data(video_url="https://example.com/sphinx-pose")
    before = saved_rows()

    response = staff_client.post(reverse("admin:stretches_exercise_add"), data)

    assert_shows_error(response, "Credit the video's author.")
    assert_shows_error(response, "Give the video's licence.")
    assert saved_rows() == before


def test_a_variation_used_by_a_routine_cannot_be_deleted_inline(staff_client):
    exercise = make_exercise(name="Sphinx pose", slug="sphinx-pose")
    variation = make_variation(exercise, name="Seated")
    routine = make_routine()
    add_step(routine, exercise, variation=variation)
    data = exercise_data(variations=[variation_row(variation, DELETE="on")])

    response = staff_client.post(
        reverse("admin:stretches_exercise_change", args=[exercise.pk]), data
    )

    assert_shows_error(
        response,
        f"“Seated” cannot be deleted: it is used in {routine.title}. Change those steps first.",
    )
    assert Variation.objects.filter(pk=variation.pk).exists()


def test_an_exercise_used_by_a_routine_cannot_be_deleted(staff_client):
    exercise = make_exercise(name="Bridge")
    add_step(make_routine(title="Glutes"), exercise)
    url = reverse("admin:stretches_exercise_delete", args=[exercise.pk])

    page = staff_client.get(url)
    staff_client.post(url, {"post": "yes"})

    assert "would require deleting the following protected related objects" in (
        page.content.decode()
    )
    assert Exercise.objects.filter(pk=exercise.pk).exists()


# --- Adding routines and ordering their steps ----------------------------------------------


def test_staff_add_a_routine_with_steps(staff_client):
    twist, bridge = make_exercise(name="Supine twist"), make_exercise(name="Bridge")
    data = routine_data(
        steps=[
            step_row(exercise=twist, side=Side.BOTH, hold_seconds=45, order=1),
            step_row(exercise=bridge, rounds=3, rest_seconds=10, order=2),
        ]
    )

    response = staff_client.post(reverse("admin:stretches_routine_add"), data)

    assert response.status_code == 302
    routine = Routine.objects.get(slug="morning-mobility")
    assert routine.is_published
    assert names_in_order(routine) == ["Supine twist", "Bridge"]
    assert [(s.side, s.hold_seconds, s.rounds) for s in routine.steps.all()] == [
        (Side.BOTH, 45, 1),
        (Side.NONE, 30, 3),
    ]


def test_new_steps_without_an_order_keep_the_order_of_the_rows(staff_client):
    names = ["Knees to chest", "Supine twist", "Bridge"]
    data = routine_data(steps=[step_row(exercise=make_exercise(name=name)) for name in names])

    staff_client.post(reverse("admin:stretches_routine_add"), data)

    routine = Routine.objects.get(slug="morning-mobility")
    assert names_in_order(routine) == names


def test_staff_reorder_steps_by_swapping_their_order(staff_client):
    routine = make_routine()
    first, middle, last = (
        add_step(routine, make_exercise(name=name)) for name in ("Cat-cow", "Sphinx", "Bridge")
    )
    assert names_in_order(routine) == ["Cat-cow", "Sphinx", "Bridge"]
    data = routine_data(
        routine,
        steps=[
            step_row(first, order=last.order),
            step_row(middle),
            step_row(last, order=first.order),
        ],
    )

    response = staff_client.post(reverse("admin:stretches_routine_change", args=[routine.pk]), data)

    assert response.status_code == 302
    assert names_in_order(routine) == ["Bridge", "Sphinx", "Cat-cow"]


def test_reordering_a_cycle_past_the_last_step_is_refused(staff_client):
    routine = make_routine()
    starts = add_step(routine, make_exercise(name="Cat-cow"), cycle_steps=2, rounds=3)
    inside = add_step(routine, make_exercise(name="Sphinx"))
    data = routine_data(
        routine, steps=[step_row(starts, order=inside.order), step_row(inside, order=starts.order)]
    )

    response = staff_client.post(reverse("admin:stretches_routine_change", args=[routine.pk]), data)

    assert_shows_error(
        response,
        "Step 2 starts a cycle of 2 steps, but the routine has only 1 from there.",
    )
    assert names_in_order(routine) == ["Cat-cow", "Sphinx"]


def test_deleting_a_step_a_cycle_needs_is_refused(staff_client):
    routine = make_routine()
    starts = add_step(routine, make_exercise(name="Cat-cow"), cycle_steps=2, rounds=3)
    inside = add_step(routine, make_exercise(name="Sphinx"))
    data = routine_data(routine, steps=[step_row(starts), step_row(inside, DELETE="on")])

    response = staff_client.post(reverse("admin:stretches_routine_change", args=[routine.pk]), data)

    assert_shows_error(
        response,
        "Step 1 starts a cycle of 2 steps, but the routine has only 1 from there.",
    )
    assert routine.steps.count() == 2


def test_editing_an_unchanged_routine_with_a_cycle_saves(staff_client):
    routine = make_routine()
    starts = add_step(routine, make_exercise(name="Cat-cow"), cycle_steps=2, rounds=3)
    inside = add_step(routine, make_exercise(name="Sphinx"))
    data = routine_data(routine, title="Renamed", steps=[step_row(starts), step_row(inside)])

    response = staff_client.post(reverse("admin:stretches_routine_change", args=[routine.pk]), data)

    assert response.status_code == 302
    routine.refresh_from_db()
    assert routine.title == "Renamed"


# --- Validation of steps and routines ------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hold_seconds", 0, "Hold for at least 1 second."),
        ("hold_seconds", 601, "Hold for at most 600 seconds (10 minutes)."),
        ("rounds", 0, "Do it at least once: rounds must be 1 or more."),
        ("rest_seconds", 601, "Rest for at most 600 seconds."),
    ],
)
def test_out_of_range_step_is_refused_and_nothing_saved(staff_client, field, value, message):
    data = routine_data(steps=[step_row(exercise=make_exercise(), **{field: value})])
    before = saved_rows()

    response = staff_client.post(reverse("admin:stretches_routine_add"), data)

    assert_shows_error(response, message)
    assert saved_rows() == before


def test_variation_of_another_exercise_is_refused_naming_both(staff_client):
    cat_cow, sphinx = make_exercise(name="Cat-cow"), make_exercise(name="Sphinx")
    seated = make_variation(cat_cow, name="Seated")
    data = routine_data(steps=[step_row(exercise=sphinx, variation=seated)])
    before = saved_rows()

    response = staff_client.post(reverse("admin:stretches_routine_add"), data)

    assert_shows_error(response, "“Seated” is a variation of Cat-cow, not of Sphinx.")
    assert saved_rows() == before


def test_routine_with_a_taken_slug_is_refused(staff_client):
    make_routine(title="Other", slug="morning-mobility")
    data = routine_data(steps=[step_row(exercise=make_exercise())])
    before = saved_rows()

    response = staff_client.post(reverse("admin:stretches_routine_add"), data)

    assert_shows_error(response, "Routine with this Slug already exists.")
    assert saved_rows() == before


def test_cycle_running_past_the_last_step_is_refused(staff_client):
    exercise = make_exercise()
    data = routine_data(
        steps=[
            step_row(exercise=exercise, order=1),
            step_row(exercise=exercise, order=2, cycle_steps=3, rounds=2),
            step_row(exercise=exercise, order=3),
        ]
    )

    before = saved_rows()

    response = staff_client.post(reverse("admin:stretches_routine_add"), data)

    assert_shows_error(
        response, "Step 2 starts a cycle of 3 steps, but the routine has only 2 from there."
    )
    assert saved_rows() == before


def test_step_inside_a_cycle_with_its_own_rounds_is_refused(staff_client):
    exercise = make_exercise()
    data = routine_data(
        steps=[
            step_row(exercise=exercise, order=1, cycle_steps=2, rounds=3),
            step_row(exercise=exercise, order=2, rounds=2),
        ]
    )

    before = saved_rows()

    response = staff_client.post(reverse("admin:stretches_routine_add"), data)

    assert_shows_error(
        response,
        "Step 2 is inside the cycle that starts at step 1; set its rounds and “cycle of” to 1 "
        "(the cycle's rounds repeat it).",
    )
    assert saved_rows() == before


def test_a_valid_cycle_is_saved(staff_client):
    exercise = make_exercise()
    data = routine_data(
        steps=[
            step_row(exercise=exercise, order=1, cycle_steps=2, rounds=3),
            step_row(exercise=exercise, order=2),
        ]
    )

    response = staff_client.post(reverse("admin:stretches_routine_add"), data)

    assert response.status_code == 302
    assert len(Routine.objects.get(slug="morning-mobility").timeline()) == 6


# --- Who may use the admin -----------------------------------------------------------------


def admin_urls():
    exercise = make_exercise()
    routine = make_routine()
    return [
        reverse("admin:stretches_exercise_changelist"),
        reverse("admin:stretches_exercise_change", args=[exercise.pk]),
        reverse("admin:stretches_routine_changelist"),
        reverse("admin:stretches_routine_change", args=[routine.pk]),
        reverse("admin:stretches_routine_add"),
    ]


def assert_sent_to_admin_login(response, url):
    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next={url}"


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    for url in admin_urls():
        assert_sent_to_admin_login(client.get(url), url)


def test_non_staff_user_is_sent_to_the_admin_login(client, user):
    client.force_login(user)

    for url in admin_urls():
        assert_sent_to_admin_login(client.get(url), url)


def test_non_staff_user_cannot_post_to_the_admin(client, user):
    client.force_login(user)

    response = client.post(reverse("admin:stretches_routine_add"), routine_data())

    assert response.status_code == 302
    assert not Routine.objects.filter(slug="morning-mobility").exists()


def test_non_staff_user_cannot_log_in_to_the_admin(client, user):
    changelist = reverse("admin:stretches_routine_changelist")

    response = client.post(
        reverse("admin:login"),
        {"username": "walker", "password": "a-long-walker-password", "next": changelist},
    )

    assert response.status_code == 200
    assert "Please enter the correct username and password for a staff account." in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert_sent_to_admin_login(client.get(changelist), changelist)


def test_staff_log_in_to_the_admin(client, staff_user):
    changelist = reverse("admin:stretches_routine_changelist")

    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a-long-editor-password", "next": changelist},
    )

    assert response.status_code == 302
    assert response.url == changelist
    assert client.get(changelist).status_code == 200


# --- Content Security Policy ---------------------------------------------------------------


def assert_strict_csp(response):
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_admin_login_page_sends_the_csp_header(client):
    assert_strict_csp(client.get(reverse("admin:login")))


def test_routine_change_page_sends_the_csp_header(staff_client):
    routine = make_routine(steps=2)

    assert_strict_csp(
        staff_client.get(reverse("admin:stretches_routine_change", args=[routine.pk]))
    )


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)


def test_admin_pages_render_no_inline_script_or_style(client, staff_user):
    exercise = make_exercise()
    make_variation(exercise)
    routine = make_routine(steps=2, exercise=exercise)
    login_page = client.get(reverse("admin:login")).content.decode()
    assert INLINE_SCRIPT.findall(login_page) == []
    assert INLINE_STYLE.findall(login_page) == []
    pages = [
        reverse("admin:index"),
        reverse("admin:stretches_exercise_changelist"),
        reverse("admin:stretches_exercise_add"),
        reverse("admin:stretches_exercise_change", args=[exercise.pk]),
        reverse("admin:stretches_routine_changelist"),
        reverse("admin:stretches_routine_add"),
        reverse("admin:stretches_routine_change", args=[routine.pk]),
        reverse("admin:stretches_routine_delete", args=[routine.pk]),
    ]
    client.force_login(staff_user)

    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert INLINE_SCRIPT.findall(html) == [], url
        assert INLINE_STYLE.findall(html) == [], url


def test_unchanged_routine_whose_steps_count_from_zero_saves(staff_client):
    routine = make_routine()
    starts = add_step(routine, make_exercise(name="Cat-cow"), order=0, cycle_steps=2, rounds=3)
    inside = add_step(routine, make_exercise(name="Sphinx"), order=1)
    data = routine_data(routine, steps=[step_row(starts), step_row(inside)])

    response = staff_client.post(reverse("admin:stretches_routine_change", args=[routine.pk]), data)

    assert response.status_code == 302


def test_favicon_requests_are_redirected_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("img/favicon.svg")


def test_a_published_routine_needs_at_least_one_step(staff_client):
    before = Routine.objects.count()
    response = staff_client.post(reverse("admin:stretches_routine_add"), routine_data())
    assert response.status_code == 200
    assert "A published routine needs at least one step" in response.content.decode()
    assert Routine.objects.count() == before


def test_a_draft_may_be_saved_without_steps(staff_client):
    before = Routine.objects.count()
    data = routine_data(is_published=False)
    response = staff_client.post(reverse("admin:stretches_routine_add"), data)
    assert response.status_code == 302
    assert Routine.objects.count() == before + 1
