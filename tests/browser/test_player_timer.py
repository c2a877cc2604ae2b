"""The player's timer, state and requests under stress: the next step fetched ahead, slow
steps, phase boundaries, clock changes, the wake lock, and Finish pressed twice.

Timers run on Playwright's clock, paused once the page is there, so time moves only when a
test runs it forward. `navigator.wakeLock` is replaced by a stub the test controls.
"""

import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import START, at_step, until, wait_until_saved_for_offline
from tests.conftest import make_routine

pytestmark = pytest.mark.browser

CLOCK_START = datetime(2025, 3, 3, 8, 0)

# A wake lock the test grants and releases by hand. `manual`: requests wait for grant();
# `deferReleases`: a released lock's `release` event waits for fireReleases(), as a slow
# browser's may. `held` counts locks granted and not released.
WAKE_LOCK_STUB = """
(() => {
  const held = new Set();
  const waiting = [];
  const releases = [];
  const stub = {
    manual: false,
    deferReleases: false,
    requests: 0,
    get held() { return held.size; },
    grant() { waiting.splice(0).forEach((grant) => grant()); },
    fireReleases() { releases.splice(0).forEach((fire) => fire()); },
  };
  class Sentinel extends EventTarget {
    constructor() { super(); this.type = "screen"; this.released = false; held.add(this); }
    release() {
      if (!this.released) {
        this.released = true;
        held.delete(this);
        const fire = () => this.dispatchEvent(new Event("release"));
        if (stub.deferReleases) releases.push(fire);
        else queueMicrotask(fire);
      }
      return Promise.resolve();
    }
  }
  const wakeLock = {
    request() {
      stub.requests += 1;
      return new Promise((resolve) => {
        const grant = () => resolve(new Sentinel());
        if (stub.manual) waiting.push(grant);
        else grant();
      });
    },
  };
  Object.defineProperty(navigator, "wakeLock", { value: wakeLock, configurable: true });
  window.wakeLockStub = stub;
})();
"""


# Until the service worker controls the page (it claims the player as it activates).
CONTROLLED = """navigator.serviceWorker.ready.then(() => new Promise((done) => {
  if (navigator.serviceWorker.controller) done();
  else navigator.serviceWorker.addEventListener("controllerchange", done);
}))"""


def step_url(live_server, routine, number):
    return live_server.url + reverse("player:play-step", args=[routine.slug, number])


def open_with_paused_clock(page, url):
    page.clock.install(time=CLOCK_START)
    page.goto(url)
    page.clock.pause_at(CLOCK_START + timedelta(minutes=1))


def click_at(page, selector, milliseconds):
    """A tap on `selector` after `milliseconds` of the page's clock, scheduled now, so it
    comes before any of the player's timers due at the same moment."""
    page.evaluate(
        "([selector, ms]) => setTimeout(() => document.querySelector(selector).click(), ms)",
        [selector, milliseconds],
    )


def stub(page, expression):
    return page.evaluate(f"window.wakeLockStub.{expression}")


HTMX_EVENTS = """() => {
  window.htmxEvents = [];
  for (const name of ["htmx:beforeRequest", "htmx:afterSwap", "htmx:pushedIntoHistory"]) {
    document.body.addEventListener(name, () => window.htmxEvents.push(name));
  }
}"""


def wait_for_the_step_ahead(page):
    """Until the step fetched ahead waits where the service worker answers htmx from."""
    count = "caches.open('backlog-ahead').then((cache) => cache.keys()).then((k) => k.length)"
    for _ in range(50):
        if page.evaluate(count) == 1:
            return
        page.wait_for_timeout(100)
    raise AssertionError("the next step was not fetched ahead")


def settle_at_step(page, number, settle_ms=20):
    """Waits in real time for htmx to swap in step `number` (the answer comes from the
    worker or the server, off the page's clock), then runs the page's paused clock through
    htmx's settle delay, which is a timer on it. Running the clock before the answer is in
    would leave the panel swapped and never settled, on a busy machine."""
    now = "document.querySelector('[data-player]')?.dataset.number"
    until(page, lambda: page.evaluate(now) == str(number), f"step {number} swapped in")
    page.clock.run_for(settle_ms)


def test_the_next_step_fetched_ahead_is_swapped_in_by_htmx_without_the_network(
    live_server, page, server_requests, console_errors
):
    console_errors.allow(r"net::ERR_INTERNET_DISCONNECTED")  # the cut network, as Chromium says
    routine = make_routine(steps=2)  # 30 s holds, 5 s to get ready, no rest
    open_with_paused_clock(page, step_url(live_server, routine, 1))
    page.evaluate(CONTROLLED)
    page.evaluate(HTMX_EVENTS)
    history_at_start = page.evaluate("history.length")

    page.click(START)  # the step starts, and the next one is fetched during it
    wait_for_the_step_ahead(page)
    wait_until_saved_for_offline(page)  # its requests reach the server before the cut
    page.context.set_offline(True)  # so the transition cannot use the network
    server_requests.clear()
    page.clock.run_for(35_000)  # exactly to the end of step 1
    settle_at_step(page, 2)  # htmx settles the new panel (its default settle delay, 20 ms)
    expect(page).to_have_url(at_step(2))
    expect(page).to_have_title(re.compile(r"^Step 2 of 2: "))
    expect(page.locator("[data-player]")).to_have_attribute("data-number", "2")
    expect(page.locator("[data-announce]")).to_have_text(re.compile(r"^Step 2 of 2\. Get ready"))
    assert page.evaluate("history.length") == history_at_start + 1
    assert server_requests == []  # the step fetched ahead; nothing asked at zero
    # htmx made the request (the service worker answered it) and swapped: its lifecycle,
    # events and history, not a swap around them.
    assert page.evaluate("window.htmxEvents") == [
        "htmx:beforeRequest",
        "htmx:pushedIntoHistory",
        "htmx:afterSwap",
    ]

    # Step 2 started when step 1 ended, not later: 1 s in, 4 s of its 5 s lead-in are left.
    page.clock.run_for(980)
    expect(page.locator("[data-clock]")).to_have_text("0:04")

    # Back is htmx's, as for a swap it made itself.
    page.context.set_offline(False)
    page.go_back()
    expect(page).to_have_url(at_step(1))
    expect(page.locator("[data-player]")).to_have_attribute("data-number", "1")


def test_a_step_that_takes_too_long_pauses_with_a_message_and_retry(
    live_server, page_without_worker, console_errors
):
    # Without a service worker: with one, the run saved at Start answers the slow step.
    page = page_without_worker
    routine = make_routine(steps=2)
    console_errors.allow(r"^Failed to load resource: ")
    console_errors.allow(r"^htmx:(timeout|afterRequest)")
    hanging = True
    requests = []

    def step_2(route):
        requests.append(route.request.resource_type)
        if not hanging:
            route.continue_()
        # else: no answer, ever, as on a dead connection

    page.route("**/play/2/**", step_2)
    open_with_paused_clock(page, step_url(live_server, routine, 1))
    # base.html sets 8 s; a shorter timeout keeps the test short (the prefetch uses it too).
    assert page.evaluate("htmx.config.timeout") == 8_000
    page.evaluate("htmx.config.timeout = 500")
    toggle = page.locator(START)
    message = "The next step took too long to load. Check your connection, then press Retry."

    toggle.click()
    # The prefetch reaches the route before the clock runs its 500 ms give-up timer.
    until(page, lambda: requests == ["fetch"], "the prefetch reached the route")
    page.clock.run_for(35_300)  # to the end of step 1: htmx asks, and gets no answer
    expect(page.locator("[data-announce]")).to_have_text(message)
    expect(page.locator("[data-load-error] p")).to_have_text(message)
    expect(toggle).to_have_text("Resume")
    expect(page.locator("[data-clock]")).to_have_text("0:00")
    expect(page.locator("body")).to_have_attribute("data-player-state", "stuck")
    assert requests == ["fetch", "xhr"]

    hanging = False
    page.get_by_role("button", name="Retry").click()
    expect(page).to_have_url(at_step(2))
    page.clock.run_for(100)  # htmx settles the new panel
    expect(page).to_have_title(re.compile(r"^Step 2 of 2: "))
    expect(page.locator("[data-load-error]")).to_be_hidden()
    expect(toggle).to_have_text("Pause")
    assert requests[:3] == ["fetch", "xhr", "xhr"]


def test_pausing_on_a_phase_boundary_goes_on_with_the_next_phase(live_server, page):
    routine = make_routine(steps=2)  # 5 s to get ready, then a 30 s hold
    open_with_paused_clock(page, step_url(live_server, routine, 1))
    phase = page.locator("[data-phase]")
    clock = page.locator("[data-clock]")
    toggle = page.locator(START)

    click_at(page, START, 5_000)  # Pause, the instant the get-ready ends
    toggle.click()
    page.clock.run_for(5_000)
    expect(toggle).to_have_text("Resume")
    expect(phase).to_have_text("Hold")
    expect(clock).to_have_text("0:30")
    toggle.click()
    page.clock.run_for(1_000)
    expect(phase).to_have_text("Hold")  # not the step's get-ready again
    expect(clock).to_have_text("0:29")

    click_at(page, START, 29_000)  # Pause, the instant the step ends
    page.clock.run_for(29_000)
    expect(toggle).to_have_text("Resume")
    expect(page).to_have_url(at_step(1))
    toggle.click()  # the step is over: Resume goes on to the next one
    expect(page).to_have_url(at_step(2))
    expect(toggle).to_have_text("Pause")


def test_changing_the_system_clock_does_not_move_the_timer(live_server, page):
    routine = make_routine(steps=2)
    open_with_paused_clock(page, step_url(live_server, routine, 1))
    clock = page.locator("[data-clock]")

    page.click(START)
    page.clock.run_for(8_000)  # 5 s to get ready, then 3 s into the hold
    expect(clock).to_have_text("0:27")

    page.clock.set_system_time(CLOCK_START + timedelta(hours=2))  # the phone's clock jumps on
    page.clock.run_for(1_000)
    expect(clock).to_have_text("0:26")
    expect(page).to_have_url(at_step(1))

    page.clock.set_system_time(CLOCK_START - timedelta(days=1))  # and back
    page.clock.run_for(1_000)
    expect(clock).to_have_text("0:25")
    page.clock.run_for(25_000)
    expect(page).to_have_url(at_step(2))


@pytest.fixture
def wake_page(page):
    page.context.add_init_script(WAKE_LOCK_STUB)
    return page


def test_a_wake_lock_granted_after_pausing_is_let_go(live_server, wake_page):
    page = wake_page
    open_with_paused_clock(page, step_url(live_server, make_routine(steps=2), 1))
    stub(page, "manual = true")

    page.click(START)
    page.click(START)  # Pause, before the lock is granted
    expect(page.locator(START)).to_have_text("Resume")
    stub(page, "grant()")
    assert stub(page, "requests") == 1
    assert stub(page, "held") == 0


def test_two_quick_plays_ask_for_one_wake_lock_and_pausing_lets_it_go(live_server, wake_page):
    page = wake_page
    open_with_paused_clock(page, step_url(live_server, make_routine(steps=2), 1))
    stub(page, "manual = true")

    for _ in range(3):  # Start, Pause, Resume, all before the lock is granted
        page.click(START)
    expect(page.locator(START)).to_have_text("Pause")
    stub(page, "grant()")
    assert stub(page, "requests") == 1
    assert stub(page, "held") == 1

    page.click(START)
    expect(page.locator(START)).to_have_text("Resume")
    assert stub(page, "held") == 0


def test_a_late_release_of_an_old_wake_lock_does_not_forget_the_new_one(live_server, wake_page):
    page = wake_page
    open_with_paused_clock(page, step_url(live_server, make_routine(steps=2), 1))
    stub(page, "deferReleases = true")

    page.click(START)
    assert stub(page, "held") == 1
    page.click(START)  # Pause: the first lock is released; its event comes later
    assert stub(page, "held") == 0
    page.click(START)  # Resume: a second lock
    assert stub(page, "held") == 1
    stub(page, "fireReleases()")  # the first lock's `release` arrives now

    page.click(START)  # Pause: the second lock must be let go
    expect(page.locator(START)).to_have_text("Resume")
    assert stub(page, "held") == 0
    assert stub(page, "requests") == 2


def sign_in(page, client, live_server):
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
    page.context.add_cookies([cookie])


@pytest.mark.parametrize(
    "first", ["a double tap", "the timer, then a tap", "a tap, then the timer"]
)
def test_finish_sends_one_request(live_server, page, signed_in, first):
    routine = make_routine(steps=1)  # its one step is the last: Finish records the session
    sign_in(page, signed_in, live_server)
    posts = []

    def finish(route):
        posts.append(route.request.method)
        # No content: the page stays, as it does while a slow answer is on its way, so a
        # second tap or the timer's own press has the chance to send a second request.
        route.fulfill(status=204)

    page.route("**/record-finish/", finish)
    open_with_paused_clock(page, step_url(live_server, routine, 1))
    button = page.locator("#finish-routine")
    expect(button).to_have_text("Finish →")

    if first == "a double tap":
        button.dblclick()
    else:
        page.click(START)
        if first == "the timer, then a tap":
            page.clock.run_for(35_000)  # the step ends: the player presses Finish itself
            expect(page.locator("body")).to_have_attribute("data-player-state", "finished")
            page.wait_for_timeout(200)
            button.click(force=True)  # a tap lands whatever aria-disabled says
        else:
            page.clock.run_for(34_000)
            button.click()
            page.wait_for_timeout(200)
            page.clock.run_for(2_000)  # past the step's end
    until(page, lambda: posts, "a Finish reached the route")
    page.wait_for_timeout(300)  # time for a second request to reach the route, were there one
    assert posts == ["POST"]
    expect(page.locator("body")).to_have_attribute("data-player-state", "finished")
    expect(button).to_have_attribute("aria-disabled", "true")
