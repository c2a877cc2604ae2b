"""An editor reorders a routine's steps in the admin with django-admin-sortable2's controls."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stretches.models import Routine
from tests.conftest import add_step, make_exercise, make_routine

pytestmark = pytest.mark.browser


def test_staff_move_a_step_to_the_end_and_save(live_server, desktop_page, staff_user):
    routine = make_routine(title="Reorder me")
    for name in ("Knee hug", "Twist", "Pigeon"):
        add_step(routine, make_exercise(name=name))
    page = desktop_page

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", staff_user.username)
    page.fill("#id_password", "a-long-editor-password")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:stretches_routine_change", args=[routine.pk]))

    first_row = page.locator("#steps-group tbody tr.has_original").first
    expect(first_row).to_contain_text("Knee hug")
    first_row.locator("i.move-end").click()
    page.click("input[name=_save]")

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    steps = Routine.objects.get(pk=routine.pk).steps.all()
    assert [step.exercise.name for step in steps] == ["Twist", "Pigeon", "Knee hug"]
