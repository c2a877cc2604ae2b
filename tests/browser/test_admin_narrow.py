"""An editor's walk in a 901 px window: the steps table, a refused save, compare, restore.

Screenshots go to /tmp/shots-issue-18/ (not the repository) for a person to look at.
"""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stretches.models import Routine
from tests.conftest import add_step, make_exercise, make_routine

from .test_admin_editing import open_routine, sign_in, step_rows

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-issue-18")
WIDTH = 901
FIELDS = [
    "exercise",
    "variation",
    "hold_seconds",
    "side",
    "rounds",
    "cycle_steps",
    "rest_seconds",
    "cue",
]


@pytest.fixture
def narrow_page(new_page):
    def open_one(color_scheme="light"):
        return new_page(
            viewport={"width": WIDTH, "height": 800}, is_mobile=False, color_scheme=color_scheme
        )

    return open_one


@pytest.fixture
def routine(db):
    routine = make_routine(title="Evening ease")
    for name in ("Knee hug", "Supine spinal twist with a long name", "Pigeon", "Sphinx"):
        add_step(routine, make_exercise(name=name))
    return routine


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def assert_every_step_field_is_reachable(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    right = page.locator("#content-main").bounding_box()
    edge = right["x"] + right["width"]
    for row in step_rows(page).all():
        number = row.locator(".step-row-number")
        expect(number).to_be_visible()
        for name in FIELDS:
            box = row.locator(f"td.field-{name}").bounding_box()
            assert box is not None, name
            assert box["x"] >= right["x"] - 1, name
            assert box["x"] + box["width"] <= edge + 1, name
        exercise = row.locator(".select2-selection__rendered")
        # The exercise's whole name shows, wrapped if need be, never cut off.
        assert exercise.evaluate("e => e.scrollWidth <= e.clientWidth + 1")


@pytest.mark.parametrize("sidebar", ["open", "closed"])
def test_every_step_field_is_reachable_at_901_px(
    live_server, narrow_page, editor, routine, sidebar
):
    page = narrow_page()
    sign_in(page, live_server, editor)
    open_routine(page, live_server, routine)
    if sidebar == "closed":
        page.click("#toggle-nav-sidebar")
        expect(page.locator("#nav-sidebar")).to_be_hidden()

    assert_every_step_field_is_reachable(page)
    shoot(page, f"browser-steps-901-sidebar-{sidebar}")


def test_a_refused_save_leads_to_each_error_and_keeps_what_was_typed(
    live_server, narrow_page, editor, routine
):
    page = narrow_page()
    sign_in(page, live_server, editor)
    open_routine(page, live_server, routine)

    hold = step_rows(page).nth(2).locator("[name$=hold_seconds]")
    hold.fill("10000")
    step_rows(page).nth(3).locator("[name$=rest_seconds]").fill("900")
    page.click("input[name=_save]")

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There are 2 problems: nothing was saved")
    assert summary.bounding_box()["y"] < 800  # on the first screen
    shoot(page, "browser-refused-901")

    hold = page.locator("#id_steps-2-hold_seconds")
    expect(hold).to_have_value("10000")
    assert hold.evaluate("e => e.scrollWidth <= e.clientWidth")  # all five digits show
    errors = step_rows(page).nth(2).locator("td.row-errors")
    expect(errors).to_have_text("Step 3, Hold (s): Hold for at most 600 seconds (10 minutes).")
    # A sentence across the row, not a word a line.
    assert errors.bounding_box()["height"] < 40

    page.click("#error-summary a[href='#id_steps-2-hold_seconds']")
    expect(hold).to_be_focused()
    assert_every_step_field_is_reachable(page)
    shoot(page, "browser-refused-901-at-field")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_compare_reads_at_901_px_and_restore_brings_the_steps_back(
    live_server, narrow_page, editor, routine, color_scheme
):
    page = narrow_page(color_scheme)
    sign_in(page, live_server, editor)
    open_routine(page, live_server, routine)
    page.click("input[name=_continue]")  # the version as it was
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.fill("#id_description", "Slow and easy, with long breaths out between the poses.")
    step_rows(page).nth(2).locator("[name$=hold_seconds]").fill("45")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.click("a.historylink")
    page.click("#change-history input[type=submit]")
    content = page.locator("#content-main")
    expect(content).to_contain_text("Step 3, Pigeon: hold 30 s → 45 s")
    expect(content.locator(".diff-new ins").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    shoot(page, f"browser-compare-901-{color_scheme}")

    page.go_back()
    page.locator("#change-history tbody tr").last.locator("th a").click()
    expect(step_rows(page).nth(2).locator("[name$=hold_seconds]")).to_have_value("30")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed")
    restored = Routine.objects.get(pk=routine.pk)
    assert [s.hold_seconds for s in restored.steps.all()] == [30, 30, 30, 30]
    assert restored.description == ""


def test_the_offered_list_and_a_promote(live_server, narrow_page, editor, user):
    own = make_routine(owner=user, is_published=False, title="My three")
    add_step(own, make_exercise(name="Pelvic rock"), rounds=3)
    own.share()
    page = narrow_page()
    sign_in(page, live_server, editor)
    page.goto(live_server.url + reverse("admin:stretches_offeredroutine_changelist"))
    expect(page.locator("#result_list")).to_contain_text("walker")
    page.click("#result_list a:has-text('My three')")
    expect(page.locator(".offered-steps")).to_contain_text("Pelvic rock — hold 30 s, × 3")
    shoot(page, "browser-offered-901")
    page.click("button.promote-button")
    expect(page.locator(".messagelist")).to_contain_text("into the library as a draft")
    expect(page.locator("#id_title")).to_have_value(f"Offered routine {own.pk}")
    shoot(page, "browser-promoted-901")
