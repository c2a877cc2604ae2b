"""With a physiotherapist, on two browsers at once: the clinician makes an invitation code,
the patient links and shares, the clinician prescribes with a locked rung, the patient
accepts and plays it and presses “Stop — this hurts”, and the clinician sees the session
and the flag. Then axe on the clinic's pages, light and dark."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from clinic.models import AccessLog, Prescription, Share
from plans.models import Rung
from practice.models import PracticeSession
from tests.clinic_factories import make_clinician, make_share
from tests.conftest import add_step, make_exercise, make_routine, make_session, make_variation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("CLINIC_SHOTS")  # a folder: also write screenshots there
DESKTOP = {"width": 1366, "height": 768}


def sign_in(page, client, live_server, user):
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def twist_routine():
    exercise = make_exercise(name="Lying twist")
    small = make_variation(exercise, ladder=-1, name="Small lying twist")
    make_variation(exercise, ladder=1, name="Twist with a straight leg")
    routine = make_routine(title="Evening unwind", is_published=True)
    add_step(routine, exercise)
    return routine, exercise, small


def test_the_clinician_and_the_patient_on_two_browsers(
    browser, new_page, console_errors, live_server, user, twist_routine
):
    from django.test import Client

    routine, exercise, small = twist_routine
    physio = make_clinician("physio")
    clinic = new_page(viewport=DESKTOP, is_mobile=False, has_touch=False)
    phone = new_page()
    sign_in(clinic, Client(), live_server, physio)
    sign_in(phone, Client(), live_server, user)

    # The clinician makes a code.
    clinic.goto(f"{live_server.url}/clinic/")
    expect(clinic.get_by_text("No patients yet.")).to_be_visible()
    clinic.get_by_role("button", name="Make an invitation code").click()
    code = clinic.locator(".invitations .code").first.inner_text()
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code)

    # The patient types it on their account page's form and shares without goals.
    phone.goto(f"{live_server.url}/accounts/")
    phone.get_by_role("link", name="Link a physiotherapist with their code").click()
    phone.get_by_label("Invitation code").fill(code.lower())
    phone.get_by_label("My goals").uncheck()
    shot(phone, "link-phone")
    phone.get_by_role("button", name="Share").click()
    expect(phone.get_by_text("physio can now see your plan and sessions")).to_be_visible()
    expect(phone.get_by_role("button", name="Revoke physio's access")).to_be_visible()

    # The clinician prescribes the routine with the small twist, locked, and a note.
    clinic.goto(f"{live_server.url}/clinic/")
    clinic.get_by_role("link", name="walker").click()
    clinic.get_by_role("link", name="Prescribe").click()
    clinic.get_by_label("Routine").select_option(label="Evening unwind")
    clinic.get_by_role("button", name="Next: rhythm and rungs").click()
    for day in ["Saturday", "Sunday"]:
        clinic.get_by_label(day).check()
    clinic.get_by_label("Rung for Lying twist").select_option(label="Small lying twist (rung -1)")
    clinic.get_by_label("Keep Lying twist on this rung").check()
    clinic.get_by_label("Note for your patient").fill("Keep the twist small this week")
    shot(clinic, "prescribe-desktop")
    clinic.get_by_role("button", name="Send to walker").click()
    expect(clinic.get_by_text("Sent to walker")).to_be_visible()

    # The patient sees it on their plan and accepts.
    phone.goto(f"{live_server.url}/my/plan/")
    expect(phone.get_by_role("heading", name="From your physiotherapist")).to_be_visible()
    expect(phone.get_by_text("Keep the twist small this week")).to_be_visible()
    shot(phone, "prescription-phone")
    phone.get_by_role("button", name="Accept into my plan for Evening unwind").click()
    expect(phone.get_by_text("is in your plan, as your physiotherapist set it")).to_be_visible()
    expect(phone.get_by_text("Your physiotherapist set this rung")).to_be_visible()
    rung = Rung.objects.get(user=user, exercise=exercise)
    assert (rung.variation, rung.locked) == (small, True)
    assert Prescription.objects.get().status == "accepted"

    # The patient plays it with the locked rung, and it hurts.
    phone.goto(live_server.url + routine.get_absolute_url())
    phone.get_by_role("button", name="3", exact=True).click()
    expect(phone).to_have_url(re.compile(rf"use={small.pk}"))
    expect(phone.locator("[data-player]")).to_contain_text("Small lying twist")
    phone.get_by_role("link", name="Stop — this hurts").click()
    phone.get_by_role("button", name="Stop for today and save it in my history").click()
    expect(phone.get_by_text("Saved to your history: you stopped")).to_be_visible(timeout=15_000)
    assert PracticeSession.objects.get(user=user).status == PracticeSession.Status.STOPPED

    # The clinician sees the flag first, and the session on the patient's page.
    clinic.goto(f"{live_server.url}/clinic/")
    expect(clinic.locator(".patient-card.flagged")).to_contain_text("“This hurts” on")
    expect(clinic.locator(".patient-card.flagged")).to_contain_text("Evening unwind, step 1")
    shot(clinic, "my-patients-desktop")
    clinic.get_by_role("link", name="walker").click()
    expect(clinic.locator("#hurts-heading + ul")).to_contain_text("(Lying twist)")
    expect(clinic.get_by_role("cell", name="stopped at step 1 of 1")).to_be_visible()
    expect(clinic.get_by_text("Small lying twist (rung -1) — kept there by you")).to_be_visible()
    shot(clinic, "patient-desktop")

    # The patient sees each look, and revokes: the clinician's next look is a 404.
    phone.goto(f"{live_server.url}/accounts/")
    expect(phone.locator("#physiotherapists-section table")).to_contain_text("My patients")
    expect(phone.locator("#physiotherapists-section table")).to_contain_text("Your page")
    shot(phone, "account-phone")
    phone.get_by_role("button", name="Revoke physio's access").click()
    expect(phone.get_by_text("physio can no longer see anything of yours")).to_be_visible()
    assert Share.objects.get().revoked_at is not None
    console_errors.allow(r"status of 404")  # the revoked share's page, on purpose
    response = clinic.goto(f"{live_server.url}/clinic/patients/{user.pk}/")
    assert response.status == 404


def audit(page):
    results = Axe().run(page)
    return "" if results.violations_count == 0 else results.generate_report()


@pytest.fixture
def linked(user, twist_routine):
    """A clinician, a patient who shares everything, with sessions, a stop, goals, a
    prescription waiting and a look already logged."""
    from plans.models import Goal, GoalRating
    from tests.plan_factories import make_plan

    routine, exercise, small = twist_routine
    physio = make_clinician("physio")
    make_share(user, physio)
    make_plan(user, routine, starts_days_ago=20)
    for days, (before, after) in enumerate([(3, 2), (4, 3), (3, 7), (2, 2)]):
        make_session(user, routine, days_ago=days + 1, pain_before=before, pain_after=after)
    make_session(user, routine, status=PracticeSession.Status.STOPPED, reached_step=1)
    goal = Goal.objects.create(user=user, activity="Lift my grandson")
    GoalRating.objects.create(goal=goal, score=4)
    prescription = Prescription.objects.create(
        clinician=physio, patient=user, routine=routine, note="Keep the twist small this week"
    )
    prescription.rungs.create(exercise=exercise, variation=small, locked=True)
    AccessLog.objects.create(patient=user, clinician=physio, what="patient")
    return physio


CLINICIAN_PAGES = {
    "my-patients": ("clinic:my-patients", False),
    "patient": ("clinic:patient", True),
    "patient-goals": ("clinic:patient-goals", True),
    "summary": ("clinic:summary", True),
    "prescribe-choose": ("clinic:prescribe", True),
}
PATIENT_PAGES = ["clinic:link", "clinic:my-summary", "account", "plans:plan"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_clinic_pages_have_no_axe_violations(
    live_server, new_page, client, user, linked, twist_routine, theme
):
    from django.test import Client

    page = new_page(color_scheme=theme)
    sign_in(page, Client(), live_server, linked)
    for name, (url_name, per_patient) in CLINICIAN_PAGES.items():
        page.goto(live_server.url + reverse(url_name, args=[user.pk] if per_patient else []))
        assert audit(page) == "", name
        shot(page, f"{name}-{theme}-phone")
    # The summary in print: no navigation, forms or sessions table; the charts are there.
    page.goto(live_server.url + reverse("clinic:summary", args=[user.pk]))
    page.emulate_media(media="print")
    expect(page.locator(".site-header nav")).to_be_hidden()
    expect(page.locator("#sessions-heading")).to_be_hidden()
    expect(page.locator("#pain-heading")).to_be_visible()
    expect(page.locator("#goals-heading")).to_be_visible()
    shot(page, f"summary-print-{theme}")
    page.emulate_media(media="screen")
    page.goto(
        live_server.url
        + reverse("clinic:prescribe", args=[user.pk])
        + f"?routine={twist_routine[0].pk}"
    )
    assert audit(page) == "", "prescribe"
    shot(page, f"prescribe-{theme}-phone")

    patient = new_page(color_scheme=theme)
    sign_in(patient, Client(), live_server, user)
    for url_name in PATIENT_PAGES:
        patient.goto(live_server.url + reverse(url_name))
        assert audit(patient) == "", url_name
        shot(patient, f"{url_name.replace(':', '-')}-{theme}-phone")


# The date labels under the clinic's charts: a short history must not pile them up.
LABEL_BOXES = """
(svg) => [...svg.querySelectorAll("text")].map((t) => {
  const r = t.getBoundingClientRect();
  return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
})
"""
SHORT_HISTORIES = {
    "one session": [0],
    "three sessions on one day": [0, 0, 0],
    "two days": [1, 0],
    "three days": [2, 1, 0],
}


def overlapping(boxes):
    return [
        (a["text"], b["text"])
        for n, a in enumerate(boxes)
        for b in boxes[n + 1 :]
        if a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 0.5
        and b["top"] < a["bottom"] - 0.5
    ]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [{"width": 360, "height": 640}, DESKTOP], ids=["360", "1366"])
def test_a_short_history_charts_its_dates_once_and_apart(
    live_server, new_page, user, twist_routine, theme, size
):
    from django.test import Client

    from plans.models import Goal, GoalRating

    routine = twist_routine[0]
    physio = make_clinician("physio")
    make_share(user, physio)
    goal = Goal.objects.create(user=user, activity="Lift my grandson")
    GoalRating.objects.create(goal=goal, score=4)
    page = new_page(viewport=size, is_mobile=size["width"] < 400, color_scheme=theme)
    sign_in(page, Client(), live_server, physio)
    for history, days in SHORT_HISTORIES.items():
        PracticeSession.objects.all().delete()
        for n, days_ago in enumerate(days):
            make_session(user, routine, days_ago=days_ago, pain_before=4 + n, pain_after=2 + n)
        page.goto(live_server.url + reverse("clinic:patient", args=[user.pk]))
        shot(page, f"short-{history.replace(' ', '-')}-{size['width']}-{theme}")
        for chart in ["#pain-heading", "#goals-heading"]:
            svg = page.locator(f"section:has({chart}) svg")
            if SHOTS:
                name = f"{history.replace(' ', '-')}-{chart[1:]}-{size['width']}-{theme}"
                svg.screenshot(path=f"{SHOTS}/chart-{name}.png")
            boxes = svg.evaluate(LABEL_BOXES)
            assert overlapping(boxes) == [], (history, chart)
            dates = [b["text"] for b in boxes if not b["text"].isdigit()]
            # One day is named once; a longer span names its first and last day.
            assert len(dates) == len(set(dates)), (history, chart, dates)
            assert len(dates) == (1 if len(set(days)) == 1 else 2), (history, chart, dates)


FIELD_BOXES = """() => [...document.querySelectorAll("main form input:not([type=hidden])")].map(
  (input) => {
    const box = input.getBoundingClientRect();
    const label = input.labels[0].getBoundingClientRect();
    return {
      name: input.name,
      type: input.type,
      height: box.height,
      width: box.width,
      middle: box.top + box.height / 2,
      labelMiddle: label.top + label.height / 2,
    };
  })"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_link_form_fits_a_phone(live_server, new_page, user, theme):
    # The patient types a code and picks days on a phone: the date fields are as easy to tap
    # as the code's (they were 20 px tall), and each box sits level with its words.
    from django.test import Client

    page = new_page(viewport={"width": 360, "height": 640}, is_mobile=True, color_scheme=theme)
    sign_in(page, Client(), live_server, user)
    page.goto(live_server.url + reverse("clinic:link"))
    fields = {box["name"]: box for box in page.evaluate(FIELD_BOXES)}
    code = fields["code"]
    assert code["height"] >= 44
    for name in ("starts_on", "ends_on"):
        assert fields[name]["height"] == pytest.approx(code["height"], abs=1), name
        assert fields[name]["width"] == pytest.approx(code["width"], abs=1), name
    for name in ("plan_and_sessions", "goals"):
        assert fields[name]["middle"] == pytest.approx(fields[name]["labelMiddle"], abs=2), name


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_prescribe_form_fits_a_phone(live_server, starter_library, new_page, user, theme):
    # The starter library's rung options are long ("Seated hamstring stretch (plain, rung
    # 0)"): they pushed each field, and the page, past a 360 px phone's edge (424 px).
    from django.test import Client

    physio = make_clinician("physio")
    make_share(user, physio)
    page = new_page(viewport={"width": 360, "height": 640}, is_mobile=True, color_scheme=theme)
    sign_in(page, Client(), live_server, physio)
    page.goto(live_server.url + reverse("clinic:prescribe", args=[user.pk]))
    page.get_by_role("button", name="Next: rhythm and rungs").click()
    expect(page.get_by_role("group", name="Rungs")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    send = page.get_by_role("button", name=f"Send to {user.get_username()}").bounding_box()
    cancel = page.get_by_role("link", name="Cancel").bounding_box()
    assert cancel["x"] - (send["x"] + send["width"]) >= 8  # apart, not touching
    shot(page, f"prescribe-rungs-{theme}-360")
