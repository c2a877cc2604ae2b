"""Editors, not superusers: the Editors group, `make_editor`, and what an editor may reach."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse

from stretches.models import Exercise, Routine

from .conftest import add_step, make_exercise, make_routine

pytestmark = pytest.mark.django_db

CONTENT = ["exercise", "variation", "routine", "routinestep", "condition", "cautionrule"]


def test_the_migration_made_an_editors_group_with_exactly_the_content_permissions():
    editors = Group.objects.get(name="Editors")
    granted = {(p.content_type.app_label, p.codename) for p in editors.permissions.all()}
    expected = {
        ("stretches", f"{action}_{model}")
        for model in CONTENT
        for action in ("add", "change", "delete", "view")
    } | {("stretches", "view_safetyupdate")}
    assert granted == expected


def test_make_editor_makes_a_user_staff_in_the_group_but_not_a_superuser(user):
    out = io.StringIO()
    call_command("make_editor", user.username, stdout=out)
    user.refresh_from_db()
    assert user.is_staff
    assert not user.is_superuser
    assert user.groups.filter(name="Editors").exists()
    assert user.has_perm("stretches.change_routine")
    assert not user.has_perm("auth.view_user")
    assert "is an editor" in out.getvalue()


def test_make_editor_remove_takes_it_away(editor):
    call_command("make_editor", editor.username, "--remove", stdout=io.StringIO())
    editor.refresh_from_db()
    assert not editor.is_staff
    assert not editor.groups.exists()


def test_make_editor_says_so_for_an_unknown_account():
    with pytest.raises(CommandError, match="No account called “nobody”"):
        call_command("make_editor", "nobody")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_reaches_every_content_page(editor_client):
    exercise = make_exercise()
    routine = make_routine(steps=1, exercise=exercise)
    urls = [
        reverse("admin:index"),
        reverse("admin:stretches_exercise_changelist"),
        reverse("admin:stretches_exercise_add"),
        reverse("admin:stretches_exercise_change", args=[exercise.pk]),
        reverse("admin:stretches_exercise_history", args=[exercise.pk]),
        reverse("admin:stretches_routine_changelist"),
        reverse("admin:stretches_routine_add"),
        reverse("admin:stretches_routine_change", args=[routine.pk]),
        reverse("admin:stretches_routine_history", args=[routine.pk]),
        reverse("admin:stretches_routine_delete", args=[routine.pk]),
    ]
    for url in urls:
        assert editor_client.get(url).status_code == 200, url


def test_an_editor_saves_a_routine(editor_client):
    routine = make_routine(title="Before")
    add_step(routine, make_exercise())
    step = routine.steps.get()
    data = {
        "title": "After",
        "slug": routine.slug,
        "level": 1,
        "description": "",
        "is_published": "on",
        "steps-TOTAL_FORMS": 1,
        "steps-INITIAL_FORMS": 1,
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
        "steps-0-id": step.pk,
        "steps-0-routine": routine.pk,
        "steps-0-exercise": step.exercise_id,
        "steps-0-hold_seconds": 45,
        "steps-0-side": "none",
        "steps-0-rounds": 1,
        "steps-0-cycle_steps": 1,
        "steps-0-rest_seconds": 0,
        "steps-0-order": 1,
    }
    response = editor_client.post(
        reverse("admin:stretches_routine_change", args=[routine.pk]), data
    )
    assert response.status_code == 302
    assert Routine.objects.get(pk=routine.pk).title == "After"


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:auth_user_changelist",
        "admin:auth_user_add",
        "admin:auth_group_changelist",
        "admin:axes_accessattempt_changelist",
        "admin:axes_accesslog_changelist",
        "admin:axes_accessfailurelog_changelist",
    ],
)
def test_an_editor_cannot_reach_users_groups_or_the_lockout_tables(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_an_editor_cannot_open_a_user(editor_client, user):
    url = reverse("admin:auth_user_change", args=[user.pk])
    assert editor_client.get(url).status_code == 403


def test_the_admin_index_shows_an_editor_only_the_content(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "Exercises" in html
    assert "Routines" in html
    for hidden in ("Users", "Groups", "Access attempts", "Access logs", "Access failures"):
        assert hidden not in html


def test_an_editor_cannot_grant_themselves_more(editor_client, editor):
    permission = Permission.objects.get(codename="change_user")
    url = reverse("admin:auth_user_change", args=[editor.pk])
    response = editor_client.post(url, {"user_permissions": [permission.pk], "is_superuser": "on"})
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_a_staff_member_outside_the_group_sees_no_content(client, django_user_model):
    staff = django_user_model.objects.create_user(
        "clerk", password="x-long-password", is_staff=True
    )
    client.force_login(staff)
    assert client.get(reverse("admin:stretches_exercise_changelist")).status_code == 403
    exercise = make_exercise()
    make_routine(steps=1, exercise=exercise)
    compare = reverse("admin:stretches_exercise_compare", args=[exercise.pk])
    assert client.get(compare).status_code == 403
    assert Exercise.objects.filter(pk=exercise.pk).exists()
