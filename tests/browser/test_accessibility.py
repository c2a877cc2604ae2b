"""axe-core audits every page type, in the light and the dark theme: zero violations.

axe-core is bundled in the `axe-playwright-python` dev dependency; nothing is copied into
the repository. It is injected with `page.evaluate`, which runs through the DevTools
protocol, outside the page's Content Security Policy, so the strict CSP stays on and the
audit sees exactly what a visitor gets (the `page` fixture still fails on any CSP report).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.conftest import make_routine, make_session

pytestmark = pytest.mark.browser

ROUTINE = "spinal-twist-cycle"
OWN = "my-evening"  # the member's own routine
THEMES = ["light", "dark"]

# Every page type a visitor or a member meets; (url name, args, needs a signed-in member).
PAGES = {
    "home": ("stretches:routine-list", [], False),
    "routine": ("stretches:routine-detail", [ROUTINE], False),
    "exercise": ("stretches:exercise-detail", ["pigeon-pose"], False),
    "before-you-start": ("player:check-first", [ROUTINE], False),
    "player-step": ("player:play-step", [ROUTINE, 2], False),
    "stop": ("player:this-hurts", [ROUTINE, 2], False),
    "finish": ("player:well-done", [ROUTINE], False),
    "sign-in": ("login", [], False),
    "sign-up": ("signup", [], False),
    "my-routines": ("practice:my-routines", [], True),
    "history": ("practice:history", [], True),
    "account": ("account", [], True),
    "builder-new": ("builder:new", [], True),
    "builder-edit": ("builder:edit", [OWN], True),
    "builder-delete": ("builder:delete", [OWN], True),
    "builder-import": ("builder:import", [], True),
}


def audit(page):
    """axe's violations on the page as loaded, as a readable report (empty when none)."""
    results = Axe().run(page)
    return "" if results.violations_count == 0 else results.generate_report()


@pytest.fixture
def member_cookie(live_server, client, user, starter_library):
    """A signed-in member with a bookmark and some history, as a browser cookie."""
    from practice.models import Favourite

    routine = starter_library.get(slug=ROUTINE)
    Favourite.objects.create(user=user, routine=routine)
    for days_ago, before, after in ((0, 6, 3), (1, 5, 4), (3, 7, 5)):
        make_session(user, routine, days_ago=days_ago, pain_before=before, pain_after=after)
    make_routine(owner=user, slug=OWN, title="My evening", is_published=False, steps=2)
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", PAGES)
def test_every_page_type_has_no_axe_violations(
    live_server, starter_library, new_page, request, name, theme
):
    url_name, args, member = PAGES[name]
    page = new_page(color_scheme=theme)
    if member:
        page.context.add_cookies([request.getfixturevalue("member_cookie")])
    # The player's steps as they are after Before you start, when nothing there applies.
    query = "?c=0" if url_name in ("player:play-step", "player:this-hurts") else ""
    page.goto(live_server.url + reverse(url_name, args=args) + query)
    page.wait_for_load_state("networkidle")
    assert audit(page) == ""


@pytest.mark.parametrize("theme", THEMES)
def test_the_not_found_page_has_no_axe_violations(
    live_server, starter_library, new_page, console_errors, theme
):
    console_errors.allow(r"status of 404")  # the page itself answers 404, on purpose
    page = new_page(color_scheme=theme)
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    assert audit(page) == ""


@pytest.mark.parametrize("theme", THEMES)
def test_the_player_while_playing_has_no_axe_violations(
    live_server, starter_library, new_page, console_errors, theme
):
    page = new_page(color_scheme=theme)
    page.goto(live_server.url + reverse("player:play-step", args=[ROUTINE, 1]) + "?c=0")
    page.click('button[data-action="toggle"]')
    page.locator("details.how-to summary").click()  # the instructions open, too
    assert audit(page) == ""


FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    name: (element.getAttribute("aria-label") || element.textContent).trim().split("\\n")[0],
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
  };
}"""


@pytest.mark.parametrize("theme", THEMES)
def test_the_keyboard_reaches_every_player_control_with_a_visible_ring(
    live_server, starter_library, new_page, theme
):
    page = new_page(color_scheme=theme, is_mobile=False, has_touch=False)
    page.goto(live_server.url + reverse("player:play-step", args=[ROUTINE, 2]) + "?c=0")
    page.wait_for_selector("[data-controls][data-ready]")
    reached = []
    while len(reached) < 30:  # Tab from the top to the end of the page, once
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body || !document.hasFocus()"):
            break
        focused = page.evaluate(FOCUSED)
        assert focused["ring"], focused
        reached.append(focused["name"])
    for control in ("Skip to content", "Start", "Restart step", "Mute", "Speak pose names"):
        assert control in reached
    for control in ("Stop — this hurts", "How to do it", "← Previous"):
        assert control in reached
    assert any(name.startswith("Next: ") for name in reached)

    # The disclosure opens from the keyboard.
    page.locator("details.how-to summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("details.how-to").evaluate("details => details.open")
