"""A plan on a phone: set it, finish green sessions on three days, accept the harder rung,
see the player use it; a red session brings the easier suggestion back."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from plans.models import Rung
from practice.models import PracticeSession
from tests.conftest import make_exercise, make_routine, make_session, make_variation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("PLAN_SHOTS")  # a folder: also write screenshots there


def sign_in(page, client, live_server, user):
    client.force_login(user)
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }
    page.context.add_cookies([cookie])


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_plan_on_a_phone(page, client, live_server, user):
    exercise = make_exercise(name="Lying twist")
    harder = make_variation(exercise, ladder=1, name="Twist with a straight leg")
    routine = make_routine(steps=1, exercise=exercise, title="Evening unwind")
    page.clock.install()  # the player's timer waits on the fake clock; nothing runs by itself
    sign_in(page, client, live_server, user)

    page.goto(f"{live_server.url}/my/plan/edit/")
    page.get_by_label("Routine", exact=True).first.select_option(label="Evening unwind")
    for day in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]:
        page.locator("fieldset.plan-row").first.get_by_label(day).check()
    page.get_by_role("button", name="Save my plan").click()
    expect(page.get_by_text("Your plan is saved.")).to_be_visible()

    # Two green sessions on the two days before (the server's days, set in the database).
    for days in (2, 1):
        make_session(user, routine, days_ago=days, pain_before=3, pain_after=1)
    # Yesterday's session: the home page asks about this morning, once.
    page.goto(live_server.url + "/")
    expect(page.get_by_text("How is your back this morning?")).to_be_visible()
    shot(page, "home-today-phone")
    page.get_by_role("button", name="2", exact=True).first.click()
    expect(page.get_by_text("How is your back this morning?")).to_have_count(0)

    # Today's session, played on the phone: Start, Finish, rate it 1.
    page.get_by_role("link", name="Start Evening unwind").click()
    expect(page).to_have_url(re.compile(r"/play/1/"))
    page.locator("#finish-routine").click()
    expect(page.get_by_text("How does your back feel now?")).to_be_visible()
    page.get_by_role("button", name="1", exact=True).click()
    assert PracticeSession.objects.filter(user=user, pain_after=1).count() == 3

    page.goto(f"{live_server.url}/my/plan/")
    expect(page.get_by_text("try the harder “Twist with a straight leg”")).to_be_visible()
    shot(page, "plan-suggestion-phone")
    page.get_by_role("button", name="Accept for Lying twist").click()
    expect(page.get_by_text("you are now on Twist with a straight leg")).to_be_visible()
    assert Rung.objects.get(user=user).variation == harder

    page.goto(live_server.url + "/")
    expect(page.get_by_text("1 of 1 done")).to_be_visible()
    page.goto(live_server.url + routine.get_absolute_url())
    expect(page.get_by_text("Lying twist: Twist with a straight leg (rung 1)")).to_be_visible()
    page.get_by_role("button", name="2", exact=True).click()  # before: 2/10, then step 1
    expect(page).to_have_url(re.compile(rf"use={harder.pk}"))
    expect(page.locator("[data-player]")).to_contain_text("Twist with a straight leg")

    # A red session (Stop — this hurts) brings the easier suggestion, and its note once.
    make_session(user, routine, status=PracticeSession.Status.STOPPED, reached_step=1)
    page.goto(live_server.url + "/")
    expect(page.get_by_text("Hurting is not the same as harm")).to_be_visible()
    page.goto(f"{live_server.url}/my/plan/")
    expect(page.get_by_text("go back to the easier plain exercise")).to_be_visible()
    page.goto(live_server.url + "/")
    expect(page.get_by_text("Hurting is not the same as harm")).to_have_count(0)


@pytest.fixture
def busy_plan(user):
    """A plan with a suggestion waiting, a morning question, a red note, and goals."""
    import datetime

    from django.utils import timezone

    from plans.models import Goal, GoalRating
    from tests.plan_factories import make_plan

    exercise = make_exercise(name="Lying twist")
    make_variation(exercise, ladder=1, name="Twist with a straight leg")
    routine = make_routine(steps=1, exercise=exercise, title="Evening unwind")
    make_plan(user, routine, make_routine(steps=1), starts_days_ago=30, weeks=None)
    for days in (3, 2, 1):
        make_session(user, routine, days_ago=days, pain_before=3, pain_after=1)
    make_session(user, routine, days_ago=0, status=PracticeSession.Status.STOPPED, reached_step=1)
    goal = Goal.objects.create(user=user, activity="putting on socks")
    long_ago = timezone.now() - datetime.timedelta(days=15)
    GoalRating.objects.create(goal=goal, score=3, rated_at=long_ago)
    return routine


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_plan_pages_have_no_axe_violations(
    new_page, client, live_server, user, busy_plan, theme
):
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(color_scheme=theme)
    sign_in(page, client, live_server, user)
    for url in ["/", "/my/plan/", "/my/plan/edit/", "/my/goals/", busy_plan.get_absolute_url()]:
        page.goto(live_server.url + url)
        results = Axe().run(page)
        assert results.violations_count == 0, f"{url}: {results.generate_report()}"
