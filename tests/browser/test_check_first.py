"""Before you start, in a real browser on a small phone: every way in reaches it before the
timer, with JavaScript and without, and the answer plays the routine adjusted."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from stretches.models import Condition, Routine
from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
FULL = "full-lower-back"


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def phone(request, browser, console_errors, quiet_server):
    context, page = open_page(
        browser, console_errors, viewport=SMALL_PHONE, java_script_enabled=request.param
    )
    yield page
    context.close()


def expect_before_you_start(page, slug=FULL):
    expect(page).to_have_url(re.compile(rf"/routines/{slug}/before-you-start/\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you start")


def expect_player(page, slug, count):
    expect(page).to_have_url(re.compile(rf"/routines/{slug}/play/1/\?.*c=[0-9,]+"))
    expect(page.locator("[data-player]")).to_have_attribute("data-count", str(count))


def test_the_card_start_asks_first_then_plays_the_adjusted_routine(
    live_server, starter_library, phone
):
    phone.goto(live_server.url + reverse("stretches:routine-list"))
    card = phone.locator(".card", has=phone.get_by_role("link", name="Full lower back routine"))
    card.get_by_role("link", name=re.compile("^Start")).click()
    expect_before_you_start(phone)
    # Only what this routine's exercises name, and the urgent signs a tap away.
    expect(phone.get_by_role("link", name=re.compile("urgent signs"))).to_be_visible()
    phone.get_by_label("Osteoporosis or a spinal fracture").check()
    phone.get_by_role("button", name="Start with what I ticked").click()
    osteoporosis = Condition.objects.get(slug="osteoporosis").pk
    _, moves = Routine.objects.get(slug=FULL).adjusted({osteoporosis})
    expect_player(phone, FULL, len(moves))
    # Asked once: the next Start goes straight to the player.
    phone.goto(live_server.url + reverse("stretches:routine-detail", args=[FULL]))
    expect(phone.get_by_role("heading", name="Adjusted for you")).to_be_visible()
    phone.get_by_role("link", name=re.compile("^Start")).first.click()
    expect_player(phone, FULL, len(moves))


def test_a_typed_step_one_url_asks_first(live_server, starter_library, phone):
    phone.goto(live_server.url + reverse("player:play-step", args=["gentle-basics", 1]))
    expect_before_you_start(phone, "gentle-basics")
    phone.get_by_role("button", name=re.compile("None of these apply")).click()
    expect_player(phone, "gentle-basics", len(Routine.objects.get(slug="gentle-basics").timeline()))


def test_ticking_nothing_says_what_to_do(live_server, starter_library, phone):
    phone.goto(live_server.url + reverse("player:play-step", args=[FULL, 1]))
    phone.get_by_role("button", name="Start with what I ticked").click()
    expect_before_you_start(phone)
    expect(phone.get_by_role("alert")).to_contain_text("Tick what applies to you")


def test_a_signed_in_start_asks_first(live_server, client, user, starter_library, phone):
    client.force_login(user)
    phone.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    phone.goto(live_server.url + reverse("stretches:routine-detail", args=["first-day-gentle"]))
    phone.get_by_role("button", name="Start without rating").click()
    expect_before_you_start(phone, "first-day-gentle")
    phone.get_by_label("A hip replacement").check()
    phone.get_by_role("button", name="Start with what I ticked").click()
    expect(phone).to_have_url(re.compile(r"/play/1/\?session=\d+&c=\d+"))
    phone.goto(live_server.url + reverse("account"))
    expect(phone.get_by_label("A hip replacement")).to_be_checked()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_before_you_start_passes_axe(
    quiet_server, starter_library, browser, console_errors, scheme
):
    live_server = quiet_server
    context, page = open_page(browser, console_errors, viewport=SMALL_PHONE, color_scheme=scheme)
    page.goto(live_server.url + reverse("player:check-first", args=[FULL]))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Start with what I ticked").click()  # the error state
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    context.close()
