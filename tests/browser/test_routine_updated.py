"""A routine edited mid-routine: the player says so calmly, with and without JavaScript."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stretches.models import RoutineStep
from tests.browser.conftest import (
    START,
    SWAPS,
    at_step,
    step_milliseconds,
    swap_then_settle,
    until,
    wait_until_saved_for_offline,
)
from tests.conftest import add_step, make_exercise, make_routine

pytestmark = pytest.mark.browser


@pytest.fixture
def routine(db):
    """Knee hug, four rounds of the twist, the bridge: six poses."""
    routine = make_routine(title="Evening ease", slug="evening-ease")
    add_step(routine, make_exercise(name="Knee hug"), hold_seconds=5)
    add_step(routine, make_exercise(name="Supine twist"), rounds=4, hold_seconds=5)
    add_step(routine, make_exercise(name="Bridge"), hold_seconds=5)
    return routine


def reduce_the_twist_to_two_rounds():
    step = RoutineStep.objects.get(routine__slug="evening-ease", rounds=4)
    step.rounds = 2
    step.save()


def test_the_timer_stops_and_offers_the_matching_pose(live_server, page_without_worker, routine):
    page = page_without_worker  # the notice's request never waits behind a run being saved
    page.clock.install()
    page.goto(live_server.url + reverse("player:play-step", args=[routine.slug, 4]))
    expect(page).to_have_title(re.compile(r"^Step 4 of 6: Supine twist"))
    reduce_the_twist_to_two_rounds()
    # Read before Start: the step fetched ahead at Start may already answer with the notice,
    # which takes the panel's place.
    step = step_milliseconds(page)

    page.click(START)
    page.clock.run_for(step + 500)  # the timer presses Next itself, if the notice is not up yet

    notice = page.locator("[data-routine-updated]")
    expect(notice).to_contain_text("This routine was just updated")
    expect(page.locator("[data-controls]")).to_be_hidden()
    expect(page.locator("[data-announce]")).to_contain_text("This routine was just updated")
    page.clock.run_for(30_000)  # nothing moves on by itself while the person chooses
    expect(notice).to_be_visible()

    page.click("[data-continue]")
    expect(page).to_have_url(at_step(4))
    expect(page).to_have_title(re.compile(r"^Step 4 of 4: Bridge"))
    expect(page.locator(START)).to_have_text("Start")


def test_without_javascript_next_leads_to_the_notice_and_on(live_server, page_without_js, routine):
    page = page_without_js
    page.goto(live_server.url + reverse("player:play-step", args=[routine.slug, 4]))
    reduce_the_twist_to_two_rounds()

    page.click("[data-next]")

    expect(page.locator("h1")).to_have_text("This routine was just updated")
    page.click("[data-restart]")
    expect(page).to_have_url(at_step(1))
    expect(page.locator("h1")).to_have_text("Knee hug")


def test_past_the_new_end_lands_on_the_finish_page(live_server, page, routine):
    page.goto(live_server.url + reverse("player:play-step", args=[routine.slug, 5]))
    RoutineStep.objects.get(routine__slug="evening-ease", exercise__name="Bridge").delete()
    RoutineStep.objects.filter(routine__slug="evening-ease", rounds=4).update(rounds=1)
    add_step(routine, make_exercise(name="Cat-cow"))

    page.click("[data-next]")

    expect(page).to_have_url(re.compile(r"/well-done/\?v="))
    expect(page.locator(".routine-updated")).to_contain_text("This routine was just updated")


def test_a_step_fetched_ahead_from_the_old_version_gets_the_notice_too(
    live_server, page_without_worker, routine
):
    """Step 2 was fetched while step 1 played, before the edit: it is the old version's, so
    the notice comes as it arrives (its own next step says the routine changed), not a step
    later. Without a service worker: the test times the prefetch by its one response."""
    page = page_without_worker
    page.clock.install()
    page.goto(live_server.url + reverse("player:play-step", args=[routine.slug, 1]))
    page.clock.pause_at(int(page.evaluate("Date.now()")) + 60_000)
    with page.expect_response(at_step(2)):
        page.click(START)  # step 2 is fetched ahead, from the version before the edit
    old_version = page.locator("[data-player]").get_attribute("data-version")
    reduce_the_twist_to_two_rounds()

    # At zero htmx asks for step 2 itself (without a service worker nothing answers it from
    # the step fetched ahead): the server sees the edit and answers with the notice.
    with swap_then_settle(page), page.expect_response(at_step(2)):
        page.clock.run_for(step_milliseconds(page) + 100)

    notice = page.locator("[data-routine-updated]")
    expect(notice).to_contain_text("This routine was just updated")
    expect(notice.locator("[data-continue]")).to_contain_text("Supine twist")
    expect(page.locator("body")).to_have_attribute("data-player-state", "idle")
    page.clock.run_for(30_000)  # the stale step does not play on underneath
    expect(notice).to_be_visible()
    assert old_version
    new_panel = re.compile(r"/play/2/\?v=(?!" + re.escape(old_version) + ")")
    with swap_then_settle(page), page.expect_response(new_panel):
        page.click("[data-continue]")
    expect(page).to_have_title(re.compile(r"^Step 2 of 4: Supine twist"))
    new_version = page.locator("[data-player]").get_attribute("data-version")
    assert new_version != old_version


def test_a_pose_added_before_where_you_are_is_offered(live_server, page_without_worker, routine):
    page = page_without_worker  # the test times the prefetch by its one response
    page.clock.install()
    page.goto(live_server.url + reverse("player:play-step", args=[routine.slug, 3]))
    page.clock.pause_at(int(page.evaluate("Date.now()")) + 60_000)
    with page.expect_response(at_step(4)):
        page.click(START)
    add_step(routine, make_exercise(name="Bottom-to-heels"), order=0)

    with swap_then_settle(page), page.expect_response(at_step(4)):
        page.clock.run_for(step_milliseconds(page) + 100)  # step 4 is asked for: the notice

    added = page.locator(".updated-added")
    expect(added).to_contain_text("Added since you started")
    expect(added).to_contain_text("Bottom-to-heels, step 1 — do it now")
    expect(page.locator("[data-announce]")).to_contain_text(
        "Added since you started: Bottom-to-heels."
    )
    with swap_then_settle(page):
        added.locator("[data-do-now]").click()
    expect(page).to_have_title(re.compile(r"^Step 1 of 7: Bottom-to-heels"))


def test_the_finish_page_describes_the_version_played(live_server, page_without_worker, routine):
    # Without a service worker: the run saved at Start holds the finish page from before
    # the edit, and a slow answer would be served from it.
    page = page_without_worker
    page.clock.install()
    page.goto(live_server.url + reverse("player:play-step", args=[routine.slug, 6]))
    page.clock.pause_at(int(page.evaluate("Date.now()")) + 60_000)
    page.click(START)
    for name in ("Cat-cow", "Heel slide"):
        add_step(routine, make_exercise(name=name))

    page.clock.run_for(step_milliseconds(page) + 100)  # the timer presses Finish itself

    expect(page).to_have_url(re.compile(r"/well-done/\?v="))
    expect(page.locator(".routine-updated")).to_contain_text("describes the version you did")
    expect(page.locator(".lead")).to_contain_text("6 moves in 30 s")
    expect(page.locator("ol.steps")).not_to_contain_text("Heel slide")


def test_with_the_service_worker_a_stale_step_fetched_ahead_leads_to_the_notice(
    live_server, page, routine
):
    """As on a phone: the worker answers step 2 from the panel fetched ahead before the edit;
    that panel's own fetch ahead meets the edit, so the notice comes as step 2 arrives, asked
    for past the worker (`X-Backlog-Fresh`), not from the run saved at Start."""
    page.clock.install()
    page.goto(live_server.url + reverse("player:play-step", args=[routine.slug, 1]))
    page.clock.pause_at(int(page.evaluate("Date.now()")) + 60_000)
    page.click(START)
    wait_until_saved_for_offline(page)  # real time: the save and the fetch ahead are done
    step = step_milliseconds(page)
    reduce_the_twist_to_two_rounds()

    swaps = page.evaluate(SWAPS)
    page.clock.run_for(step + 100)  # step 1 ends: step 2 comes from the worker
    until(page, lambda: page.evaluate(SWAPS) > swaps, "step 2 swapped in")
    page.clock.run_for(100)  # settled: its own fetch ahead meets the edit, in real time
    until(page, lambda: page.evaluate(SWAPS) > swaps + 1, "the notice swapped in")
    page.clock.run_for(100)

    notice = page.locator("[data-routine-updated]")
    expect(notice).to_contain_text("This routine was just updated")
    expect(page.locator("body")).to_have_attribute("data-player-state", "idle")
    page.clock.run_for(30_000)  # nothing plays on underneath
    expect(notice).to_be_visible()
