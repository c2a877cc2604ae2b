"""The routine builder in a real browser: copy a starter routine, adjust it, play it through."""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from practice.models import PracticeSession
from stretches.models import Routine
from tests.browser.conftest import START, at_step, step_milliseconds, wait_until_saved_for_offline

pytestmark = pytest.mark.browser

PASSWORD = "a-long-builder-password"
CLOCK_START = datetime(2025, 3, 3, 8, 0)


def sign_up(page, live_server, username):
    page.goto(live_server.url + reverse("signup"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".messages")).to_contain_text("Welcome")


def test_sign_up_copy_adjust_reorder_and_play_your_own_routine(
    live_server, starter_library, page, new_page, tmp_path
):
    page.goto(live_server.url + reverse("signup"))
    page.get_by_label("Username").fill("builder")
    page.get_by_label("Email").fill("builder@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".messages")).to_contain_text("Welcome")

    # Copy a starter routine: a private draft, opened in the builder.
    page.goto(live_server.url + reverse("stretches:routine-detail", args=["first-day-gentle"]))
    page.get_by_role("button", name="Make my own copy").click()
    expect(page).to_have_url(
        re.compile(r"/my/routines/first-day-gently-my-copy-[0-9a-f]{6}/edit/$")
    )
    routine = Routine.objects.get(owner__username="builder")
    steps = page.locator(".builder-step")
    expect(steps).to_have_count(5)
    summary = page.locator(".builder-summary")
    expect(summary).to_contain_text("5 steps")

    # Change the first step's hold: htmx swaps the steps section, the total follows.
    before = summary.inner_text()
    steps.first.get_by_label("Hold (s)").fill("10")
    steps.first.get_by_role("button", name="Save step 1").click()
    expect(summary).not_to_have_text(before)
    assert routine.steps.first().hold_seconds == 10

    # Add an exercise found by a search; it arrives at the end, in place.
    page.get_by_label("Search exercises").fill("cat")
    results = page.locator("#exercise-results li")
    expect(results).to_have_count(1)
    results.get_by_role("button", name="Add Cat–cow").click()
    expect(steps).to_have_count(6)
    expect(steps.nth(5).get_by_role("heading")).to_have_text("6. Cat–cow")

    # Move it up with the keyboard: focus stays on the button after the swap.
    up = steps.nth(5).get_by_role("button", name=re.compile("^Move up"))
    up.focus()
    page.keyboard.press("Enter")
    expect(steps.nth(4).get_by_role("heading")).to_have_text("5. Cat–cow")
    assert [s.exercise.slug for s in routine.steps.all()][4] == "cat-cow"

    # Play it to the end, as any routine, on Playwright's clock: it goes in before the
    # routine page, and stops before the player, which starts itself as it loads (#start).
    page.clock.install(time=CLOCK_START)
    page.get_by_role("link", name="Play it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(routine.title)
    page.clock.pause_at(CLOCK_START + timedelta(minutes=1))
    page.get_by_role("button", name="Start without rating").click()
    # Before you start asks what applies, once; here nothing does.
    page.get_by_role("button", name=re.compile("None of these apply")).click()
    expect(page).to_have_url(at_step(1))
    count = int(page.locator("[data-player]").get_attribute("data-count"))
    assert count == 10  # 2 rounds, 3 steps on both sides, then two single steps
    expect(page.locator(START)).to_have_text("Pause")
    # The run saved at Start is some forty requests: let them finish before the clock runs,
    # or on a busy machine the next step's request waits behind them past the 5 s limit.
    wait_until_saved_for_offline(page)
    for number in range(1, count + 1):
        expect(page.locator("[data-player]")).to_have_attribute("data-number", str(number))
        page.clock.run_for(step_milliseconds(page) + 300)
        if number < count:
            page.wait_for_url(at_step(number + 1))

    expect(page.get_by_role("heading", level=1)).to_contain_text("Well done")
    session = PracticeSession.objects.get(user__username="builder")
    assert session.routine == routine

    # Share it: the link opens and plays for someone signed out.
    page.goto(live_server.url + reverse("builder:edit", args=[routine.slug]))
    page.get_by_role("button", name="Make a shared link").click()
    link = page.locator("a.share-link").get_attribute("href")
    visitor = new_page()
    visitor.goto(live_server.url + link)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(routine.title)
    visitor.get_by_role("link", name=re.compile("^Start")).first.click()
    visitor.get_by_role("button", name=re.compile("None of these apply")).click()
    expect(visitor).to_have_url(at_step(1))
    expect(visitor.locator("[data-player]")).to_have_attribute("data-count", "10")
    assert "share=" in visitor.locator("[data-next]").get_attribute("href")

    # Export it, and import the file as someone else: the same steps, theirs now.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a file").click()
    exported = tmp_path / "routine.json"
    download.value.save_as(exported)
    sign_up(visitor, live_server, "friend")
    visitor.goto(live_server.url + reverse("builder:import"))
    visitor.get_by_label("Routine file (.json)").set_input_files(exported)
    visitor.get_by_role("button", name="Import").click()
    expect(visitor).to_have_url(re.compile(r"/my/routines/[-\w]+/edit/$"))
    imported = Routine.objects.get(owner__username="friend")
    step_fields = ("exercise_id", "variation_id", "hold_seconds", "side", "rounds", "cue")
    assert [[getattr(s, f) for f in step_fields] for s in imported.steps.all()] == [
        [getattr(s, f) for f in step_fields] for s in routine.steps.all()
    ]


def test_without_javascript_the_builder_adds_saves_and_moves_steps(
    live_server, starter_library, user, page_without_js, console_errors
):
    page = page_without_js
    console_errors.allow(r"^Failed to load resource: .* 400")  # the refused hold, below
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill("walker")
    page.get_by_label("Password").fill("a-long-walker-password")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + reverse("builder:new"))
    page.get_by_label("Title").fill("Two things")
    page.get_by_role("button", name="Create and add steps").click()
    expect(page.get_by_text("Add a step to play it")).to_be_visible()

    for words in ("pelvic", "knee rolls"):
        page.get_by_label("Search exercises").fill(words)
        page.get_by_role("button", name="Search").click()
        page.locator("#exercise-results li").first.get_by_role("button").click()
    steps = page.locator(".builder-step")
    expect(steps).to_have_count(2)

    steps.nth(1).get_by_label("Hold (s)").fill("700")
    steps.nth(1).get_by_role("button", name="Save step 2").click()
    expect(steps.nth(1).locator(".errorlist")).to_contain_text("at most 600 seconds")

    steps.nth(1).get_by_role("button", name=re.compile("^Move up")).click()
    expect(steps.nth(0).get_by_role("heading")).to_have_text("1. Knee rolls")
    routine = Routine.objects.get(owner=user)
    assert [s.exercise.slug for s in routine.steps.all()] == ["knee-rolls", "pelvic-tilt"]
