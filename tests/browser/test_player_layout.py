"""The player on every screen: while a pose is held, its picture, the clock, the side and
round, Pause and Stop are in the window without scrolling, at phone, tablet, laptop and
sideways-phone sizes, in both themes; axe finds nothing on the player or the routine page.

Screenshots of each size and theme go to `.screenshots/` (git ignores it), for a person to
open and judge.
"""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from stretches.models import Routine, Side
from tests.browser.conftest import START

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / ".screenshots"
CLOCK_START = datetime(2025, 3, 3, 8, 0)
# (width, height): phones, a tablet, laptops, and a phone held sideways.
SIZES = [(360, 640), (375, 667), (390, 844), (768, 1024), (1280, 800), (1366, 768), (640, 360)]
THEMES = ["light", "dark"]
PHONES = {(360, 640), (375, 667), (390, 844)}


def steps_to_check():
    """Step 1 and the first sided step of every published library routine."""
    steps = []
    for routine in Routine.objects.filter(owner=None, is_published=True).order_by("slug"):
        moves = routine.timeline()
        sided = next(move for move in moves if move.side != Side.NONE and move.number > 1)
        steps += [(routine.slug, 1), (routine.slug, sided.number)]
    return steps


def box_in_window(page, selector, height):
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    assert box["y"] >= 0, (selector, box)
    assert box["y"] + box["height"] <= height + 0.5, (selector, box)
    return box


def audit(page):
    results = Axe().run(page)
    return "" if results.violations_count == 0 else results.generate_report()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_while_holding_a_pose_the_picture_clock_side_pause_and_stop_fit_the_window(
    live_server, starter_library, new_page, size, theme
):
    width, height = size
    phone = width < 700 or height < 400
    page = new_page(
        viewport={"width": width, "height": height},
        color_scheme=theme,
        is_mobile=phone,
        has_touch=True,
    )
    page.clock.install(time=CLOCK_START)
    checked = steps_to_check()
    assert len(checked) == 8  # four starter routines
    for minutes, (slug, number) in enumerate(checked, start=1):
        page.goto(live_server.url + reverse("player:play-step", args=[slug, number]) + "?c=0")
        page.clock.pause_at(CLOCK_START + timedelta(minutes=minutes))
        page.locator(START).click()
        page.clock.run_for(6_000)  # into the hold
        assert page.locator(START).text_content() == "Pause"

        picture = box_in_window(page, "[data-player] .pose-now img", height)
        clock = box_in_window(page, "[data-clock]", height)
        box_in_window(page, START, height)
        box_in_window(page, "[data-stop]", height)
        box_in_window(page, ".safety summary", height)
        if number != 1 or page.locator(".pose-meta .side").count():
            meta = box_in_window(page, ".pose-meta", height)
            assert "side" in page.locator(".pose-meta").text_content()
            assert meta["height"] > 0
        # Nothing makes the page wider than the window.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if size in PHONES:
            assert picture["height"] >= 120, (slug, number, picture)
        else:
            assert picture["height"] >= 150, (slug, number, picture)
        if width > height:  # landscape and desktop: the picture beside the clock
            assert picture["x"] + picture["width"] <= clock["x"], (slug, number)
        else:
            assert picture["y"] + picture["height"] <= clock["y"], (slug, number)

        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / f"player-{slug}-{number}-{width}x{height}-{theme}.png")

    # axe: the player as it plays, with the safety note opened, then the routine page.
    page.clock.resume()  # axe waits on timers of its own
    page.locator(".safety summary").click()
    assert page.locator(".safety").get_attribute("open") is not None
    assert audit(page) == ""
    page.goto(live_server.url + reverse("stretches:routine-detail", args=["full-lower-back"]))
    assert audit(page) == ""
    page.screenshot(path=SHOTS / f"routine-{width}x{height}-{theme}.png", full_page=True)


def test_without_javascript_the_safety_note_opens_on_a_tap(
    live_server, starter_library, page_without_js
):
    page = page_without_js
    page.goto(live_server.url + reverse("player:play-step", args=["first-day-gentle", 8]) + "?c=0")
    note = page.locator("[data-player] .safety")
    rest = note.locator("> p")
    assert not rest.first.is_visible()
    note.locator("summary").click()
    assert rest.first.is_visible()


def test_show_pictures_as_a_mirror_flips_them_and_is_remembered_on_the_device(
    live_server, starter_library, page
):
    # Step 3 of the first routine is a left-side step: its picture is not mirrored.
    url = live_server.url + reverse("player:play-step", args=["first-day-gentle", 3]) + "?c=0"
    page.goto(url)
    picture = page.locator("[data-player] .pose-now img")
    mirror = page.get_by_role("button", name="Show pictures as a mirror")
    assert mirror.get_attribute("aria-pressed") == "false"
    assert picture.evaluate("img => getComputedStyle(img).transform") == "none"
    mirror.click()
    assert mirror.get_attribute("aria-pressed") == "true"
    assert picture.evaluate("img => getComputedStyle(img).transform").startswith("matrix(-1")
    # The next step, a right side, is mirrored already: shown as a mirror, it is not.
    page.goto(url.replace("/play/3/", "/play/4/"))
    assert page.locator(".pose-meta .side").text_content() == "Right side: draw your right knee in"
    assert mirror.get_attribute("aria-pressed") == "true"
    assert picture.evaluate("img => getComputedStyle(img).transform") == "none"
    mirror.click()
    assert picture.evaluate("img => getComputedStyle(img).transform").startswith("matrix(-1")


@pytest.mark.parametrize("size", [(360, 640), (640, 360)], ids=["360x640", "640x360"])
def test_an_ask_first_step_still_fits_with_stop_in_the_window(
    live_server, starter_library, new_page, size
):
    """What the check first found leads the safety line instead of adding lines above it."""
    from stretches.models import Condition

    width, height = size
    page = new_page(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)
    osteoporosis = Condition.objects.get(slug="osteoporosis").pk
    page.clock.install(time=CLOCK_START)
    url = reverse("player:play-step", args=["full-lower-back", 4]) + f"?c={osteoporosis}"
    page.goto(live_server.url + url)
    page.clock.pause_at(CLOCK_START + timedelta(minutes=1))
    page.locator(START).click()
    page.clock.run_for(6_000)
    summary = box_in_window(page, "[data-player] .safety-note summary", height)
    assert "Ask first" in page.locator("[data-player] .safety-note summary").text_content()
    assert summary["height"] < 60
    for selector in ("[data-player] .pose-now img", "[data-clock]", START, "[data-stop]"):
        box_in_window(page, selector, height)
