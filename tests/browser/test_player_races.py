"""The player's last races: a page that slept through several steps, a prefetch without
AbortSignal.timeout, and a fetched-ahead step swapped in through htmx's own request.

Timers run on Playwright's clock. `clock.fast_forward` is a closed lid or a hidden tab: the
time jumps and each due timer fires once, late.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from practice.models import PracticeSession
from tests.browser.conftest import START, at_step, wait_until_saved_for_offline
from tests.browser.test_player_timer import (
    CLOCK_START,
    open_with_paused_clock,
    settle_at_step,
    sign_in,
    step_url,
)
from tests.conftest import make_routine

pytestmark = pytest.mark.browser

STEP_MS = 35_000  # make_routine's steps: 5 s to get ready, a 30 s hold, no rest


def start_and_wait_for_prefetch(page):
    # Only the fetch ahead sends HX-Current-URL: the run saved at Start fetches step 2 too.
    with page.expect_response(
        lambda r: at_step(2).search(r.url) and "hx-current-url" in r.request.headers
    ):
        page.click(START)
    wait_until_saved_for_offline(page)  # real time: nothing after waits behind its requests


def test_a_page_that_slept_through_steps_waits_paused_at_the_step_the_clock_says(live_server, page):
    routine = make_routine(steps=5)
    open_with_paused_clock(page, step_url(live_server, routine, 1))
    start_and_wait_for_prefetch(page)

    page.clock.fast_forward(2 * STEP_MS + 30_000)  # 5 s before step 3 ends
    expect(page).to_have_url(at_step(3))
    expect(page.locator("[data-player]")).to_have_attribute("data-number", "3")
    expect(page.locator("body")).to_have_attribute("data-player-state", "paused")
    expect(page.locator(START)).to_have_text("Resume")
    expect(page.locator("[data-clock]")).to_have_text("0:05")
    notice = "By the clock you are at step 3 of 5 with 5 seconds left. Press Resume"
    expect(page.locator("[data-away]")).to_contain_text(notice)
    expect(page.locator("[data-announce]")).to_contain_text(notice)

    page.clock.run_for(10_000)  # paused: the clock stays where it is
    expect(page.locator("[data-clock]")).to_have_text("0:05")
    page.click(START)
    expect(page.locator("[data-away]")).to_be_hidden()
    page.clock.run_for(5_000)
    expect(page.locator("[data-player]")).to_have_attribute("data-number", "4")


def test_a_page_that_slept_past_the_end_never_presses_finish_itself(
    live_server, page, signed_in, user
):
    routine = make_routine(steps=3)
    sign_in(page, signed_in, live_server)
    open_with_paused_clock(page, step_url(live_server, routine, 1))
    start_and_wait_for_prefetch(page)

    page.clock.fast_forward(60 * 60_000)  # an hour with the lid shut
    expect(page).to_have_url(at_step(3))
    expect(page.locator("body")).to_have_attribute("data-player-state", "paused")
    expect(page.locator("[data-clock]")).to_have_text("0:00")
    expect(page.locator("[data-away]")).to_contain_text("Press Finish if you did it")
    page.wait_for_timeout(300)  # time for a Finish to reach the server, were there one
    assert not PracticeSession.objects.filter(user=user).exists()

    # The person's own press records it.
    page.click("#finish-routine")
    expect(page).to_have_url(re.compile(r"/well-done/"))
    assert PracticeSession.objects.get(user=user).status == PracticeSession.Status.COMPLETED


def test_one_step_late_goes_on_as_before(live_server, page):
    routine = make_routine(steps=3)
    open_with_paused_clock(page, step_url(live_server, routine, 1))
    start_and_wait_for_prefetch(page)

    page.clock.fast_forward(STEP_MS + 10_000)  # into step 2, not past it
    settle_at_step(page, 2, settle_ms=100)  # htmx swaps, then settles the new panel
    expect(page.locator("body")).to_have_attribute("data-player-state", "playing")
    expect(page.locator("[data-away]")).to_have_count(0)


def test_without_abort_signal_timeout_a_hanging_prefetch_still_gives_up(
    live_server, page_without_worker, console_errors
):
    page = page_without_worker  # so the hanging step is not answered from the saved run
    console_errors.allow(r"^Failed to load resource: ")
    console_errors.allow(r"^htmx:(timeout|afterRequest)")
    routine = make_routine(steps=2)
    page.route("**/play/2/**", lambda route: None)  # no answer, ever
    page.clock.install(time=CLOCK_START)
    # After the clock's own script, which brings an AbortSignal.timeout of its own.
    page.add_init_script("delete AbortSignal.timeout")
    page.goto(step_url(live_server, routine, 1))
    page.clock.pause_at(CLOCK_START + timedelta(minutes=1))
    assert page.evaluate("typeof AbortSignal.timeout") == "undefined"
    page.evaluate("htmx.config.timeout = 500")

    page.click(START)
    page.clock.run_for(STEP_MS + 300)  # the prefetch gives up on our own timer; htmx asks
    expect(page.locator("body")).to_have_attribute("data-player-state", "stuck")
    expect(page.locator("[data-load-error] p")).to_have_text(
        "The next step took too long to load. Check your connection, then press Retry."
    )
    page.unroute("**/play/2/**")
