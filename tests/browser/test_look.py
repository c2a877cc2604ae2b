"""How the pages look: no layout shift in the player, screenshots to judge, a print sheet.

Screenshots of the player, the routine page and the exercise page, on a phone and a
desktop, light and dark, go to `.screenshots/` (git ignores it) for a person to look at.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.conftest import until

pytestmark = pytest.mark.browser

ROUTINE = "spinal-twist-cycle"
SHOTS = Path(__file__).resolve().parents[2] / ".screenshots"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
PAGES = {
    "player": ("player:play-step", ["first-day-gentle", 8]),
    "before-you-start": ("player:check-first", ["first-day-gentle"]),
    "routine": ("stretches:routine-detail", ["first-day-gentle"]),
    "exercise": ("stretches:exercise-detail", ["pigeon-pose"]),
}

# Sums every layout shift while the page loads. Chromium flags the shifts of a page's first
# moments as `hadRecentInput` (the navigation), but Lighthouse counts them, and so do we:
# nobody has touched the page, and its 0.18 came from exactly these.
WATCH_LAYOUT_SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.layoutShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


AFTER_TWO_FRAMES = "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def layout_shift(page):
    page.wait_for_timeout(1_500)  # player.js has set up the panel and the controls
    return page.evaluate("window.layoutShift")


@pytest.mark.parametrize("start", [False, True], ids=["opened", "started-from-a-start-link"])
def test_the_player_does_not_shift_as_its_controls_appear(
    live_server, starter_library, new_page, start
):
    page = new_page(viewport=SIZES["phone"])
    page.add_init_script(WATCH_LAYOUT_SHIFTS)
    # On a slow phone network the page paints before player.js arrives, as Lighthouse saw:
    # hold the script back until the page has painted, then let it run.
    held = []
    # Only the page's own load is held: saving the run for offline fetches it again.
    page.route("**/js/player.js", lambda r: r.continue_() if held else held.append(r))
    url = live_server.url + reverse("player:play-step", args=[ROUTINE, 1]) + "?c=0"
    page.goto(url + ("#start" if start else ""), wait_until="commit")
    page.wait_for_selector("[data-player] .step-nav")
    page.evaluate(AFTER_TWO_FRAMES)
    until(page, lambda: len(held) == 1, "player.js held at the route")
    held[0].continue_()
    if start:
        # Started, the player saves the whole run for offline play: a request per step.
        done = '[data-offline-status="saved"], [data-offline-status="failed"]'
        page.wait_for_selector(done, state="attached", timeout=30_000)
    page.wait_for_load_state("networkidle", timeout=15_000)
    assert page.locator('[data-action="toggle"]').is_visible()
    shift = layout_shift(page)
    print(f"layout shift: {shift:.4f}")
    assert shift < 0.1


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_screenshots_of_the_main_pages(live_server, starter_library, new_page, name, size, theme):
    page = new_page(
        viewport=SIZES[size], color_scheme=theme, is_mobile=size == "phone", has_touch=True
    )
    url_name, args = PAGES[name]
    query = "?c=0" if name == "player" else ""  # after Before you start, nothing applying
    page.goto(live_server.url + reverse(url_name, args=args) + query)
    page.wait_for_load_state("networkidle")
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}-{size}-{theme}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 0


@pytest.mark.parametrize(
    ("slug", "pages"),
    [
        ("spinal-twist-cycle", 1),
        ("first-day-gentle", 1),
        # 29 moves, each repeat on its own line: one page once repeats print as one group.
        ("full-lower-back", 2),
    ],
)
def test_a_routine_prints_as_a_sheet_with_its_safety_notes(
    live_server, starter_library, new_page, slug, pages
):
    page = new_page(viewport=SIZES["desktop"], color_scheme="dark", is_mobile=False)
    page.goto(live_server.url + reverse("stretches:routine-detail", args=[slug]))
    page.emulate_media(media="print")
    for hidden in (".site-header nav", ".routine-actions", ".lead-in-note"):
        assert not page.locator(hidden).is_visible(), hidden
    for shown in ("#safety-heading", "#steps-heading", ".steps li >> nth=0"):
        assert page.locator(shown).is_visible(), shown
    # Each exercise's cautions print opened, "when not to do it" included.
    cautions = page.locator(".caution")
    assert cautions.count() > 0
    for i in range(cautions.count()):
        assert cautions.nth(i).get_by_text("When not to do it:").is_visible()
    # Black on white, whatever the screen's theme.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"

    pdf = page.pdf(format="A4", print_background=True)
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / f"print-{slug}.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) <= pages
