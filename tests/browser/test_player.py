"""The player in a real browser: the timer, the keys, history, and the page without JavaScript.

Timers run on Playwright's clock: it is installed before the page loads and paused once the
page is there, so time moves only when a test runs it forward and every countdown is exact.
"""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stretches.models import Variation
from tests.browser.conftest import (
    START,
    at_step,
    step_milliseconds,
    until,
    wait_until_saved_for_offline,
)
from tests.conftest import add_step, make_exercise, make_routine

pytestmark = pytest.mark.browser

ROUTINE = "spinal-twist-cycle"  # the starter library's 12 moves: hug, twist left, hug, twist right
CLOCK_START = datetime(2025, 3, 3, 8, 0)


def step_url(live_server, number, slug=ROUTINE):
    """Step `number`, as a player has it after Before you start when nothing there applies
    (tests/browser/test_check_first.py drives that page)."""
    return live_server.url + reverse("player:play-step", args=[slug, number]) + "?c=0"


def finished(live_server):
    """The finish page, carrying the check's answer and the version played."""
    finish = live_server.url + reverse("player:well-done", args=[ROUTINE])
    return re.compile(re.escape(finish) + r"\?c=0&v=\w+$")


def expect_step(page, number, count=12):
    """Step `number` is on screen and set up: player.js has given the page its title.

    htmx processes a swapped-in panel when it settles, a moment after the swap; waiting for
    that keeps the next key press or click on the htmx path rather than a page load.
    """
    expect(page).to_have_url(at_step(number))
    expect(page).to_have_title(re.compile(rf"^Step {number} of {count}: "))


def open_with_paused_clock(page, url):
    page.clock.install(time=CLOCK_START)
    page.goto(url)
    page.clock.pause_at(CLOCK_START + timedelta(minutes=1))


def open_with_clock_paused_from_the_start(page, url):
    """For a page that starts its timer as it loads: no time passes before the test runs it."""
    page.clock.install(time=CLOCK_START)
    page.clock.pause_at(CLOCK_START + timedelta(minutes=1))
    page.goto(url)


def test_the_timer_plays_a_whole_routine_to_the_finish(live_server, starter_library, page):
    open_with_paused_clock(page, step_url(live_server, 1))
    count = int(page.locator("[data-player]").get_attribute("data-count"))
    assert count == 12
    history_at_start = page.evaluate("history.length")

    page.click(START)
    wait_until_saved_for_offline(page)  # real time: no step waits behind the save's requests
    elapsed = 0  # milliseconds the clock has run since Start
    step_ends = 0  # when the step on screen ends, counted from Start
    for number in range(1, count + 1):
        expect(page.locator("[data-player]")).to_have_attribute("data-number", str(number))
        expect(page).to_have_url(at_step(number))
        # Each step's URL is pushed, not replaced, so the back button walks through them.
        assert page.evaluate("history.length") == history_at_start + number - 1
        # A step starts when the one before it ended, not when it arrived, so the routine
        # keeps to the sum of its steps' lengths: ticks and swaps that land late add nothing.
        step_ends += step_milliseconds(page)

        page.clock.run_for(step_ends - 1_000 - elapsed)
        expect(page.locator("[data-clock]")).not_to_have_text("0:00")
        expect(page).to_have_url(at_step(number))

        page.clock.run_for(1_300)  # past the end by a tick (200 ms) and htmx's settling
        elapsed = step_ends + 300
        if number < count:
            page.wait_for_url(at_step(number + 1))

    page.wait_for_url(finished(live_server))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Well done")


def test_pausing_holds_the_time_left_and_resuming_counts_on_from_it(live_server, page):
    routine = make_routine(steps=2)  # 30 s holds, 5 s to get ready, no rest
    open_with_paused_clock(page, step_url(live_server, 1, routine.slug))
    clock = page.locator("[data-clock]")
    toggle = page.locator(START)

    toggle.click()
    page.clock.run_for(8_000)  # 5 s to get ready, then 3 s into the hold
    expect(page.locator("[data-phase]")).to_have_text("Hold")
    expect(clock).to_have_text("0:27")

    page.keyboard.press("Space")
    expect(toggle).to_have_text("Resume")
    page.clock.run_for(40_000)  # longer than the hold had left
    expect(clock).to_have_text("0:27")
    expect(page).to_have_url(at_step(1))

    page.keyboard.press("Space")
    expect(toggle).to_have_text("Pause")
    page.clock.run_for(2_000)
    expect(clock).to_have_text("0:25")

    page.clock.run_for(25_300)
    page.wait_for_url(at_step(2))


def test_arrow_keys_move_between_steps_and_space_starts_and_pauses(
    live_server, starter_library, page
):
    page.goto(step_url(live_server, 1))
    heading = page.locator("#pose-name")
    expect(heading).to_have_text("Knees-to-chest hug")

    page.keyboard.press("ArrowRight")
    expect_step(page, 2)
    expect(heading).to_have_text("Supine spinal twist")
    expect(page.locator("[data-player] .side")).to_have_text(
        "Left side: let your knees fall to your left"
    )
    # Moving while stopped is still announced, so a screen reader hears the new step.
    expect(page.locator("[data-announce]")).to_have_text(
        "Step 2 of 12: Supine spinal twist, left side. Hold 15 seconds."
    )

    page.keyboard.press("ArrowLeft")
    expect_step(page, 1)
    expect(heading).to_have_text("Knees-to-chest hug")

    toggle = page.locator(START)
    expect(toggle).to_have_text("Start")
    page.keyboard.press("Space")
    expect(toggle).to_have_text("Pause")
    page.keyboard.press("Space")
    expect(toggle).to_have_text("Resume")


def test_the_back_button_returns_to_the_previous_step_and_reload_keeps_the_step(
    live_server, starter_library, page
):
    page.goto(step_url(live_server, 1))
    heading = page.locator("#pose-name")
    number = page.locator("[data-player] .progress strong")

    page.click("#next-step")
    expect_step(page, 2)
    page.keyboard.press("ArrowRight")
    expect_step(page, 3)
    expect(page.locator("[data-player] .cue")).to_have_text("Bring your knees back to the middle")

    page.go_back()
    expect_step(page, 2)
    expect(heading).to_have_text("Supine spinal twist")
    expect(number).to_have_text("2")

    page.reload()
    expect_step(page, 2)
    expect(heading).to_have_text("Supine spinal twist")
    expect(number).to_have_text("2")

    page.go_back()
    expect_step(page, 1)
    expect(heading).to_have_text("Knees-to-chest hug")
    expect(number).to_have_text("1")
    # The restored page is set up again: its controls are shown and the keys still work.
    expect(page.locator("[data-controls]")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(at_step(2))


def test_going_back_while_playing_times_the_step_gone_back_to(live_server, starter_library, page):
    open_with_paused_clock(page, step_url(live_server, 1))
    page.click(START)
    wait_until_saved_for_offline(page)  # real time: no step waits behind the save's requests
    page.clock.run_for(step_milliseconds(page) + 300)
    page.wait_for_url(at_step(2))
    page.clock.run_for(100)  # htmx settles the new panel; its 20 s start counting

    page.go_back()
    expect(page).to_have_url(at_step(1))
    expect(page.locator("[data-announce]")).to_have_text(
        "Step 1 of 12. Get ready: Knees-to-chest hug. Hold 10 seconds."
    )
    expect(page.locator(START)).to_have_text("Pause")
    page.clock.run_for(14_000)  # step 1 takes 15 s
    expect(page).to_have_url(at_step(1))
    page.clock.run_for(1_300)
    page.wait_for_url(at_step(2))


@pytest.mark.parametrize("failure", ["server error", "no connection"])
def test_a_next_step_that_fails_to_load_pauses_and_is_asked_for_once(
    live_server, page_without_worker, console_errors, failure
):
    # Without a service worker: with one, the run saved at Start answers the failed step.
    page = page_without_worker
    routine = make_routine(steps=2)  # 30 s holds, 5 s to get ready, no rest
    # The failure this test makes, as Chromium and htmx report it.
    console_errors.allow(r"^Failed to load resource: ")
    console_errors.allow(r"^(Response Status Error Code 500 from|htmx:sendError|htmx:afterRequest)")
    requests = []  # (resource type, URL): "fetch" is the prefetch, "xhr" is htmx at zero
    failing = True

    def step_2(route):
        requests.append(route.request.resource_type)
        if not failing:
            route.continue_()
        elif failure == "server error":
            route.fulfill(status=500, body="x")
        else:
            route.abort()

    page.route("**/play/2/**", step_2)
    open_with_paused_clock(page, step_url(live_server, 1, routine.slug))
    toggle = page.locator(START)
    announcer = page.locator("[data-announce]")
    message = "Could not load the next step. Check your connection, then press Retry."

    toggle.click()
    until(page, lambda: requests == ["fetch"], "the prefetch, made as the step starts, fails")
    page.clock.run_for(35_300)  # to the end of step 1: the prefetch failed, so htmx asks
    expect(announcer).to_have_text(message)
    expect(page.locator("[data-load-error]")).to_have_text(re.compile(re.escape(message)))
    expect(page.get_by_role("button", name="Retry")).to_be_visible()
    expect(toggle).to_have_text("Resume")
    for _ in range(3):  # well past the end: no tick asks again
        page.clock.run_for(20_000)
        page.wait_for_timeout(100)  # time for a retry to reach the route, were there one
    assert requests == ["fetch", "xhr"]
    expect(toggle).to_have_text("Resume")
    expect(page).to_have_url(at_step(1))
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bis-playing\b"))

    # Back online, Resume asks for the next step again and plays it.
    failing = False
    toggle.click()
    expect(page).to_have_url(at_step(2))
    page.clock.run_for(100)  # htmx settles the new panel
    expect_step(page, 2, count=2)
    assert requests == ["fetch", "xhr", "xhr"]
    expect(page.locator("[data-load-error]")).to_be_hidden()
    expect(toggle).to_have_text("Pause")
    page.clock.run_for(2_000)
    expect(page.locator("[data-clock]")).to_have_text("0:03")


def test_time_a_background_tab_missed_is_caught_up_across_phases_and_steps(live_server, page):
    exercise = make_exercise()
    routine = make_routine()
    for _ in range(2):
        add_step(routine, exercise, hold_seconds=20, rest_seconds=10)
    open_with_paused_clock(page, step_url(live_server, 1, routine.slug))
    clock = page.locator("[data-clock]")
    phase = page.locator("[data-phase]")

    page.click(START)
    # fast_forward fires a due timer once, as a throttled tab does when it wakes.
    page.clock.fast_forward(12_000)  # 5 s to get ready, then 7 s into the 20 s hold
    expect(phase).to_have_text("Hold")
    expect(clock).to_have_text("0:13")

    page.clock.fast_forward(25_000)  # the hold, the 10 s rest and 2 s of step 2
    expect(page).to_have_url(at_step(2))
    page.clock.run_for(100)  # htmx settles the new panel
    expect_step(page, 2, count=2)
    # Step 2 began when step 1 ended, so 2 s of its 5 s to get ready have gone.
    expect(phase).to_have_text("Get ready")
    expect(clock).to_have_text("0:03")
    page.clock.run_for(3_000 + 5_000)
    expect(phase).to_have_text("Hold")
    expect(clock).to_have_text("0:15")


def test_arriving_from_a_start_button_starts_the_player_at_once(live_server, starter_library, page):
    url = step_url(live_server, 1)
    open_with_clock_paused_from_the_start(page, url + "#start")
    toggle = page.locator(START)

    expect(toggle).to_have_text("Pause")
    expect(page).to_have_url(url)  # the fragment is gone, so a reload does not start again
    expect(page.locator("[data-phase]")).to_have_text("Get ready")
    expect(page.locator("[data-clock]")).to_have_text("0:05")
    page.clock.run_for(2_000)
    expect(page.locator("[data-clock]")).to_have_text("0:03")

    page.reload()
    expect(toggle).to_have_text("Start")


def test_the_start_button_names_its_action_and_the_toggles_say_whether_they_are_on(
    live_server, starter_library, page
):
    page.goto(step_url(live_server, 1))
    toggle = page.locator(START)
    mute = page.locator('[data-action="mute"]')

    expect(mute).to_have_attribute("aria-pressed", "false")
    assert toggle.get_attribute("aria-pressed") is None
    toggle.click()
    expect(toggle).to_have_text("Pause")
    assert toggle.get_attribute("aria-pressed") is None
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")


def test_while_playing_a_phone_shows_the_clock_the_safety_note_and_stop(
    live_server, starter_library, page
):
    page.set_viewport_size({"width": 360, "height": 740})
    # The starter library's longest step: switch sides, an easier variation, two notes.
    open_with_paused_clock(page, step_url(live_server, 8, "first-day-gentle"))
    # The first note is the summary's line; the second opens with a tap.
    expect(page.locator("[data-player] .safety summary")).to_contain_text("Safety:")
    expect(page.locator("[data-player] .safety > p")).to_have_count(1)
    expect(page.locator("[data-player] .switch-sides")).to_be_visible()

    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.keyboard.press("Space")  # Start, with the player scrolled out of sight
    page.clock.run_for(7_000)  # into the hold
    expect(page.locator("[data-phase]")).to_have_text("Hold")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    for selector in ("[data-controls]", "#pose-name", "[data-clock]", ".safety", "[data-stop]"):
        box = page.locator(selector).bounding_box()
        assert box["y"] >= 0, (selector, box)
        assert box["y"] + box["height"] <= 740, (selector, box)
    expect(page.locator("[data-clock]")).to_be_in_viewport(ratio=1)

    buttons = page.locator("[data-controls] .button")
    boxes = [buttons.nth(i).bounding_box() for i in range(buttons.count())]
    assert len({round(box["y"]) for box in boxes}) == 1  # one row
    assert all(box["height"] >= 44 and box["width"] >= 44 for box in boxes)
    assert all(box["x"] + box["width"] <= 360 for box in boxes)
    # The shortened labels keep their full names for screen readers.
    expect(page.get_by_role("button", name="Speak pose names")).to_be_visible()

    # Pausing brings the header back, above: the button stays under the finger.
    toggle = page.locator(START)
    y = toggle.bounding_box()["y"]
    toggle.tap()
    expect(toggle).to_have_text("Resume")
    expect(page.locator(".site-header")).to_be_visible()
    assert abs(toggle.bounding_box()["y"] - y) < 1


def test_the_title_names_the_easier_variation_in_use(
    live_server, starter_library, page, page_without_js
):
    easier = Variation.objects.get(exercise__slug="knees-to-chest-hug", ladder=-1)

    def hug_title(number):
        name = re.escape(f"Knees-to-chest hug — {easier.name}")
        return re.compile(rf"^Step {number} of 12: {name} · ")

    page_without_js.goto(step_url(live_server, 3) + f"&use={easier.pk}")  # the server's <title>
    expect(page_without_js).to_have_title(hug_title(3))

    page.goto(step_url(live_server, 4) + f"&use={easier.pk}")  # the twist: no variation
    expect(page).to_have_title(re.compile(r"^Step 4 of 12: Supine spinal twist · "))
    page.click("#next-step")  # swapped in by htmx: the title comes from data-title
    expect(page).to_have_url(at_step(5))
    expect(page).to_have_title(hug_title(5))


def test_without_javascript_the_next_links_walk_through_the_routine(
    live_server, starter_library, page_without_js
):
    page = page_without_js
    page.goto(step_url(live_server, 1))
    expect(page.locator("[data-phase]")).to_have_text("Hold for 10 s")
    expect(page.locator("[data-controls]")).to_be_hidden()

    for number in range(2, 13):
        page.click("#next-step")
        expect_step(page, number)
        expect(page.locator("[data-player] .progress strong")).to_have_text(str(number))
    expect(page.locator("#pose-name")).to_have_text("Supine spinal twist")
    expect(page.locator("[data-phase]")).to_have_text("Hold for 15 s")

    page.click("#finish-routine")
    expect(page).to_have_url(finished(live_server))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Well done")


def test_stopping_offers_the_easier_variation_for_the_rest_of_the_routine(
    live_server, starter_library, page
):
    easier = Variation.objects.get(exercise__slug="knees-to-chest-hug", ladder=-1)
    page.goto(step_url(live_server, 3))  # the hug, back in the middle of the cycle
    variation_name = page.locator("[data-player] .variation-name")
    expect(variation_name).to_have_count(0)

    page.get_by_role("link", name="Stop — this hurts").click()
    expect(page).to_have_url(re.compile(r"/play/3/this-hurts/(\?.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You stopped. That was the right call."
    )

    page.get_by_role("link", name=f"Continue with {easier.name}").click()
    # The player's links carry the routine's version and where each move is, too.
    carried = rf"\?use={easier.pk}&c=0&v=\w+&at=[\w.]+$"
    expect(page).to_have_url(re.compile(r"/play/3/" + carried))
    expect(page.locator("#pose-name")).to_have_text("Knees-to-chest hug")
    expect(variation_name).to_have_text(f"{easier.name} (easier version)")
    for link in ("#previous-step", "#next-step", "[data-stop]"):
        expect(page.locator(link)).to_have_attribute("href", re.compile(carried))

    page.click("#next-step")  # the twist to the right: a different exercise, unchanged
    expect_step(page, 4)
    expect(page).to_have_url(re.compile(r"/play/4/" + carried))
    expect(variation_name).to_have_count(0)
    page.click("#next-step")  # the hug again, in round 2: still the easier version
    expect(page).to_have_url(re.compile(r"/play/5/" + carried))
    expect(variation_name).to_have_text(f"{easier.name} (easier version)")


def test_the_live_region_announces_each_step_not_every_second(live_server, starter_library, page):
    open_with_paused_clock(page, step_url(live_server, 1))
    announcer = page.locator("[data-announce]")

    page.click(START)
    wait_until_saved_for_offline(page)  # real time: no step waits behind the save's requests
    page.clock.run_for(step_milliseconds(page) + 300)
    page.wait_for_url(at_step(2))
    page.clock.run_for(100)  # htmx settles the new panel
    expect(announcer).to_have_text(
        "Step 2 of 12. Get ready: Supine spinal twist, left side. Hold 15 seconds."
    )

    page.clock.run_for(6_000)  # into the 15 s hold
    expect(announcer).to_have_text("Hold, 15 seconds.")
    heard = set()
    for _ in range(5):
        page.clock.run_for(1_000)
        heard.add(announcer.text_content())
    expect(page.locator("[data-clock]")).to_have_text("0:09")  # the clock did count down
    assert heard == {"Hold, 15 seconds."}


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("stretches:routine-list", []),
        ("stretches:routine-detail", [ROUTINE]),
        ("stretches:exercise-detail", ["supine-spinal-twist"]),
        ("player:check-first", [ROUTINE]),
        ("player:play-step", [ROUTINE, 2]),
        ("player:this-hurts", [ROUTINE, 2]),
        ("player:well-done", [ROUTINE]),
    ],
)
def test_pages_load_without_console_errors(live_server, starter_library, page, name, args):
    response = page.goto(live_server.url + reverse(name, args=args))
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    # The `page` fixture fails the test on any console error or CSP violation.
