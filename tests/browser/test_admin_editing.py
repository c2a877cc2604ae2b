"""An editor (not a superuser) at work in the admin, in Chromium, under the strict CSP.

Any console error, uncaught exception or CSP violation fails the test (conftest.py).
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stretches.models import Routine
from tests.conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.browser


def sign_in(page, live_server, editor):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "a-long-physio-password")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(editor.username)


def open_routine(page, live_server, routine):
    page.goto(live_server.url + reverse("admin:stretches_routine_change", args=[routine.pk]))


def step_rows(page):
    return page.locator("#steps-group tbody tr.form-row:not(.empty-form)")


def numbers(page):
    return step_rows(page).locator(".step-row-number").all_inner_texts()


def names_in_order(routine):
    return [step.exercise.name for step in Routine.objects.get(pk=routine.pk).steps.all()]


@pytest.fixture
def routine(db):
    routine = make_routine(title="Evening ease")
    for name in ("Knee hug", "Supine twist", "Pigeon"):
        add_step(routine, make_exercise(name=name))
    return routine


def test_every_step_field_is_visible_at_1280_without_scrolling_sideways(
    live_server, desktop_page, editor, routine
):
    page = desktop_page
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server, editor)
    open_routine(page, live_server, routine)

    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    first = step_rows(page).first
    for name in ("exercise", "variation", "hold_seconds", "side", "rounds", "cycle_steps"):
        box = first.locator(f"td.field-{name}").bounding_box()
        assert box["x"] + box["width"] <= 1280, name
    for name in ("rest_seconds", "cue"):
        box = first.locator(f"td.field-{name}").bounding_box()
        assert box["x"] + box["width"] <= 1280, name
    delete = first.locator("td.delete").bounding_box()
    assert delete["x"] + delete["width"] <= 1280


def test_one_place_moves_by_keyboard_and_a_new_row_moved_before_the_first_save(
    live_server, desktop_page, editor, routine
):
    make_exercise(name="Bridge")
    page = desktop_page
    sign_in(page, live_server, editor)
    open_routine(page, live_server, routine)
    assert numbers(page) == ["1", "2", "3"]

    # Keyboard: Tab to the first row's ▼ and press Enter: Knee hug moves one place, not last.
    down = step_rows(page).first.locator("[data-move=down]")
    down.focus()
    page.keyboard.press("Enter")
    expect(step_rows(page).nth(1)).to_contain_text("Knee hug")
    expect(page.locator("#steps-announce")).to_have_text("Moved to step 2.")
    expect(step_rows(page).nth(1).locator("[data-move=down]")).to_be_focused()

    # A new row, filled in and moved up twice, before it was ever saved.
    page.click("#steps-group .add-row a")
    new_row = page.locator("#" + step_rows(page).last.get_attribute("id"))
    new_row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Bridge")
    page.locator(".select2-results__option", has_text="Bridge").click()
    new_row.locator("[name$=hold_seconds]").fill("20")
    expect(new_row.locator(".step-row-number")).to_have_text("4")
    new_row.locator("[data-move=up]").click()
    new_row.locator("[data-move=up]").click()
    expect(new_row.locator(".step-row-number")).to_have_text("2")

    page.click("input[name=_save]")

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert names_in_order(routine) == ["Supine twist", "Bridge", "Knee hug", "Pigeon"]


def test_the_variation_list_follows_the_chosen_exercise(live_server, desktop_page, editor):
    twist, hug = make_exercise(name="Supine twist"), make_exercise(name="Knee hug")
    pillow = make_variation(twist, name="Pillow under knees")
    one_knee = make_variation(hug, name="One knee at a time")
    routine = make_routine(title="Variations")
    add_step(routine, twist)
    page = desktop_page
    sign_in(page, live_server, editor)
    open_routine(page, live_server, routine)

    # By value: the starter library (a migration loads it, until a transactional test
    # flushes it) may hold variations of the same names.
    row = step_rows(page).first
    variation = row.locator("select[name$=variation]")
    variation.select_option(value=str(pillow.pk))
    assert row.locator(f"option[value='{one_knee.pk}']").is_disabled()

    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Knee hug")
    page.locator(".select2-results__option", has_text="Knee hug").click()

    expect(variation).to_have_value("")  # the twist's variation no longer fits: Plain exercise
    assert row.locator(f"option[value='{pillow.pk}']").is_disabled()
    variation.select_option(value=str(one_knee.pk))
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    step = Routine.objects.get(pk=routine.pk).steps.get()
    assert (step.exercise.name, step.variation.name) == ("Knee hug", "One knee at a time")


def test_an_editor_sees_what_changed_and_restores_the_earlier_version(
    live_server, desktop_page, editor, routine
):
    page = desktop_page
    sign_in(page, live_server, editor)
    open_routine(page, live_server, routine)
    page.click("input[name=_continue]")  # the version as it was: saved once, unchanged
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.fill("#id_title", "Evening ease, longer")
    step_rows(page).first.locator("[name$=hold_seconds]").fill("90")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.click("a.historylink")
    expect(page.locator("#change-history tbody tr")).to_have_count(2)
    expect(page.locator("#change-history")).to_contain_text(editor.username)
    page.click("#change-history input[type=submit]")  # compare the two
    expect(page.locator("#content-main")).to_contain_text("Evening ease, longer")
    expect(page.locator("#content-main del, #content-main ins").first).to_be_visible()

    page.go_back()
    page.locator("#change-history tbody tr").last.locator("th a").click()  # the earlier one
    expect(page.locator("#id_title")).to_have_value("Evening ease")
    expect(step_rows(page).first.locator("[name$=hold_seconds]")).to_have_value("30")
    page.click("input[name=_save]")

    expect(page.locator(".messagelist")).to_contain_text("“Evening ease” was changed")
    restored = Routine.objects.get(pk=routine.pk)
    assert restored.title == "Evening ease"
    assert restored.steps.first().hold_seconds == 30
    assert re.match(r"^\w+$", restored.version)
