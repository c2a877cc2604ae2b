"""An account in a real browser: bookmark, sign up, practise, rate, and take the history away.

The player's timer runs on Playwright's clock, as in test_player.py. The clock is installed
before the player page loads (it reaches the player through a POST and a redirect, so there
is no `goto` to install it before) and paused before the redirect lands: the player starts
itself on arrival, and no time may pass before the test runs the clock.
"""

import csv
import io
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from practice.models import Favourite, Profile
from tests.browser.conftest import (
    START,
    at_step,
    step_milliseconds,
    wait_until_saved_for_offline,
)
from tests.test_history_csv import HEADER

pytestmark = pytest.mark.browser

ROUTINE = "spinal-twist-cycle"  # the starter library's 12 moves
TITLE = "Spinal twist cycle"
BOOKMARK = f"#favourite-{ROUTINE}"
CLOCK_START = datetime(2025, 3, 3, 8, 0)
PASSWORD = "quiet-harbour-lantern-47"


def expect_page_with_next(page, url, next_url):
    """The page is `url`, asked to return to `next_url` (however the query is escaped)."""
    expect(page).to_have_url(re.compile(rf"^{re.escape(url)}\?"))
    assert parse_qs(urlsplit(page.url).query) == {"next": [next_url]}


def play_to_the_end(page, count):
    """Run the clock through every step; the last one ends on its Finish.

    The player started itself: the tap that reached it (#start) was the one Start.
    """
    expect(page.locator(START)).to_have_text("Pause")
    # The run saved at Start first (real time; the page's clock is paused): a step asked
    # for meanwhile would wait behind its requests.
    wait_until_saved_for_offline(page)
    for number in range(1, count + 1):
        expect(page.locator("[data-player]")).to_have_attribute("data-number", str(number))
        page.clock.run_for(step_milliseconds(page) + 300)
        if number < count:
            page.wait_for_url(at_step(number + 1))


def test_a_visitor_bookmarks_signs_up_practises_and_downloads_the_history(
    live_server, starter_library, page
):
    home = live_server.url + reverse("stretches:routine-list")
    page.goto(home)
    bookmark = page.locator(BOOKMARK)
    expect(bookmark).to_have_attribute("aria-pressed", "false")

    # Signed out, htmx is told to send the whole page to the sign-in form, remembering "next".
    bookmark.click()
    expect_page_with_next(page, live_server.url + reverse("login"), "/")
    page.get_by_role("link", name="Create an account").click()
    expect_page_with_next(page, live_server.url + reverse("signup"), "/")

    page.get_by_label("Username").fill("walker")
    page.get_by_label("Email").fill("walker@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    # Back home, signed in, with the routine bookmarked while signed out now kept.
    expect(page).to_have_url(home)
    expect(page.locator(".messages")).to_have_text("Welcome, walker.")
    # static/js/time-zone.js sent the browser's zone with the sign-up form.
    browser_zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    assert Profile.objects.get(user__username="walker").time_zone == browser_zone
    bookmarked = page.get_by_role("region", name="Your bookmarked routines")
    expect(bookmarked.get_by_role("link", name=TITLE)).to_be_visible()
    bookmark = bookmarked.locator(BOOKMARK)
    expect(bookmark).to_have_attribute("aria-pressed", "true")

    # Signed in, the button changes in place: no page load, the same URL.
    page.evaluate("window.stillTheSamePage = true")
    bookmark.click()
    expect(bookmark).to_have_attribute("aria-pressed", "false")
    expect(bookmark).to_have_text(f"☆ Bookmark: {TITLE}")
    assert not Favourite.objects.filter(user__username="walker").exists()
    bookmark.click()
    expect(bookmark).to_have_attribute("aria-pressed", "true")
    expect(bookmark).to_have_text(f"★ Bookmarked: {TITLE}")
    assert page.evaluate("window.stillTheSamePage") is True
    expect(page).to_have_url(home)

    # The player page arrives after a POST, so the clock goes in before the routine page.
    page.clock.install(time=CLOCK_START)
    bookmarked.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(BOOKMARK)).to_have_attribute("aria-pressed", "true")
    # The player starts as it loads, so the clock stops first: no time passes unasked.
    page.clock.pause_at(CLOCK_START + timedelta(minutes=1))
    page.get_by_role("button", name="6", exact=True).click()  # pain before: one tap starts
    # Before you start asks what applies, once; here nothing does.
    page.get_by_role("button", name=re.compile("None of these apply")).click()
    expect(page).to_have_url(at_step(1))
    count = int(page.locator("[data-player]").get_attribute("data-count"))
    assert count == 12

    play_to_the_end(page, count)

    # Signed in, Finish is a POST that saves the session, then the finish page names it.
    finish = reverse("player:well-done", args=[ROUTINE])
    page.wait_for_url(re.compile(rf"{re.escape(finish)}\?session=\d+&c=0$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Well done")
    expect(page.get_by_role("status")).to_have_text("Saved to your practice history.")
    page.get_by_role("button", name="3", exact=True).click()  # pain after

    expect(page).to_have_url(live_server.url + reverse("practice:history"))
    expect(page.locator(".messages")).to_have_text(
        "Thank you. Your rating is saved in your history."
    )
    expect(page.locator("ul.sessions li")).to_have_text([f"{TITLE} — completed; pain 6 → 3"])
    expect(page.locator(".summary div", has_text="Current streak").locator("dd")).to_have_text(
        "1 day"
    )
    expect(page.locator("svg[role=img]")).to_be_visible()
    expect(page.get_by_role("img", name="Pain before and after each rated session")).to_be_visible()
    rows = page.locator("table.numbers tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.locator("td").nth(1)).to_have_text(TITLE)
    expect(rows.locator("td").nth(2)).to_have_text("6")
    expect(rows.locator("td").nth(3)).to_have_text("3")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my history (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "backlog-history.csv"
    reader = csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8")))
    header, *sessions = list(reader)
    assert header == HEADER  # the CSV contract, kept once in test_history_csv
    assert len(sessions) == 1
    session = dict(zip(header, sessions[0], strict=True))
    assert session["routine"] == TITLE
    assert session["status"] == "completed"
    assert session["reached_step"] == session["step_count"] == "12"
    assert (session["pain_before"], session["pain_after"]) == ("6", "3")
    started = datetime.fromisoformat(session["started_at"])
    assert started <= datetime.fromisoformat(session["finished_at"])
    assert session["date"] == timezone.localdate(started).isoformat()


def test_without_javascript_bookmarking_posts_and_returns_to_the_routine(
    live_server, starter_library, user, page_without_js
):
    page = page_without_js
    path = reverse("stretches:routine-detail", args=[ROUTINE])
    routine = live_server.url + path
    page.goto(f"{live_server.url}{reverse('login')}?{urlencode({'next': path})}")
    page.get_by_label("Username").fill("walker")
    page.get_by_label("Password").fill("a-long-walker-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(routine)

    bookmark = page.locator(BOOKMARK)
    expect(bookmark).to_have_attribute("aria-pressed", "false")
    bookmark.click()
    expect(page).to_have_url(routine)
    expect(page.locator(".messages")).to_have_text(f"Bookmarked “{TITLE}”.")
    expect(bookmark).to_have_attribute("aria-pressed", "true")
    assert Favourite.objects.filter(user=user, routine__slug=ROUTINE).exists()

    bookmark.click()
    expect(page).to_have_url(routine)
    expect(page.locator(".messages")).to_have_text(f"Removed the bookmark from “{TITLE}”.")
    expect(bookmark).to_have_attribute("aria-pressed", "false")
    assert not Favourite.objects.filter(user=user).exists()
