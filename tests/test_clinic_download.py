"""The patient's own clinic data as JSON (`/my/physio.json`): who they share with (every
share, revoked and ended ones too), every time a clinician looked, and what was prescribed
for them. Linked from the history page beside the other downloads and from the account
page; private; nobody else's rows; a fixed number of queries however long the log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import AccessLog, Invitation, Prescription
from practice.models import Profile

from .clinic_factories import make_clinician, make_share
from .conftest import add_step, make_exercise, make_routine, make_variation

pytestmark = pytest.mark.django_db
URL = reverse("clinic:download")
EMPTY = {
    "shares": [],
    "access_log": [],
    "prescriptions": [],
    "as_clinician": {"invitations": [], "prescriptions_sent": []},
}


@pytest.fixture
def physio():
    return make_clinician("physio")


def fill(user, physio, looks=1, prescriptions=1):
    """A share in force, a revoked one with a second clinician, `looks` logged looks and
    `prescriptions` prescriptions with a locked rung."""
    other_physio = make_clinician("osteo")
    make_share(user, physio, ends_in=30, goals=False)
    make_share(user, other_physio, days_ago=60, revoked_at=timezone.now())
    now = timezone.now()
    AccessLog.objects.bulk_create(
        AccessLog(
            patient=user,
            clinician=physio if n % 2 else other_physio,
            what=AccessLog.What.PATIENT,
            at=now - datetime.timedelta(minutes=n),
        )
        for n in range(looks)
    )
    for n in range(prescriptions):
        exercise = make_exercise(name=f"Seated twist {n}")
        small = make_variation(exercise, ladder=-1, name=f"Small twist {n}")
        routine = make_routine(title=f"Twists {n}", is_published=True)
        add_step(routine, exercise)
        prescription = Prescription.objects.create(
            clinician=physio, patient=user, routine=routine, note="Keep it small", weeks=4
        )
        prescription.rungs.create(exercise=exercise, variation=small, locked=True)


class TestDownload:
    def test_it_has_the_shares_the_looks_and_the_prescriptions(self, signed_in, user, physio):
        fill(user, physio, looks=3)
        response = signed_in.get(URL)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert 'filename="backlog-physio.json"' in response["Content-Disposition"]
        data = response.json()
        shares = {share["clinician"]: share for share in data["shares"]}
        in_force, revoked = shares["physio"], shares["osteo"]
        assert len(data["shares"]) == 2
        assert in_force | {"clinician": "physio", "sharing": ["plan and sessions"]} == in_force
        assert in_force["in_force"] is True
        assert in_force["revoked_at"] is None
        today = timezone.localdate()
        assert in_force["ends_on"] == (today + datetime.timedelta(days=30)).isoformat()
        assert revoked["clinician"] == "osteo"
        assert revoked["in_force"] is False
        assert revoked["revoked_at"]
        assert [entry["clinician"] for entry in data["access_log"]] == ["osteo", "physio", "osteo"]
        assert data["access_log"][0]["what"] == "Your page (plan, sessions, goals)"
        (prescription,) = data["prescriptions"]
        assert (
            prescription
            | {
                "from": "physio",
                "routine": "Twists 0",
                "rhythm": "Once a day, Monday to Friday, for 4 weeks",
                "note": "Keep it small",
                "status": "pending",
                "answered_at": None,
            }
            == prescription
        )
        assert prescription["rungs"] == [
            {"exercise": "Seated twist 0", "variation": "Small twist 0", "rung": -1, "keep": True}
        ]

    def test_the_whole_log_is_in_it_not_only_what_the_account_page_shows(
        self, signed_in, user, physio
    ):
        fill(user, physio, looks=60, prescriptions=0)
        assert len(signed_in.get(URL).json()["access_log"]) == 60

    def test_times_are_in_the_persons_time_zone(self, signed_in, user, physio):
        Profile.objects.create(user=user, time_zone="Pacific/Auckland")
        fill(user, physio)
        data = signed_in.get(URL).json()
        assert data["time_zone"] == "Pacific/Auckland"
        assert data["access_log"][0]["at"].endswith(("+12:00", "+13:00"))

    def test_it_is_private(self, signed_in, user, physio):
        fill(user, physio)
        response = signed_in.get(URL)
        assert {"private", "no-store"} <= {
            part.strip() for part in response["Cache-Control"].split(",")
        }
        assert "Cookie" in response["Vary"]

    def test_nobody_elses_rows_are_in_it(self, client, user, other_user, physio):
        fill(user, physio)
        client.force_login(other_user)
        data = client.get(URL).json()
        assert {key: data[key] for key in EMPTY} == EMPTY

    def test_a_clinicians_download_holds_what_they_made_and_sent_not_the_answers(
        self, client, user, physio
    ):
        fill(user, physio, prescriptions=2)
        Prescription.objects.filter(note="Keep it small").update(
            status=Prescription.Status.ACCEPTED, answered_at=timezone.now()
        )
        invitation = Invitation.objects.create(clinician=physio)
        client.force_login(physio)
        data = client.get(URL).json()
        # Nothing of the patient's: no shares, no log, none of their answers.
        assert {key: data[key] for key in ("shares", "access_log", "prescriptions")} == {
            "shares": [],
            "access_log": [],
            "prescriptions": [],
        }
        mine = data["as_clinician"]
        assert [i["code"] for i in mine["invitations"]] == [invitation.spaced_code]
        assert mine["invitations"][0]["used_at"] is None
        sent = sorted(mine["prescriptions_sent"], key=lambda p: p["routine"])
        assert [(p["to"], p["routine"], p["note"]) for p in sent] == [
            (user.get_username(), "Twists 0", "Keep it small"),
            (user.get_username(), "Twists 1", "Keep it small"),
        ]
        assert sent[0]["rungs"] == [
            {"exercise": "Seated twist 0", "variation": "Small twist 0", "rung": -1, "keep": True}
        ]
        assert not {"status", "answered_at"} & set(sent[0])

    def test_a_patients_download_has_no_clinician_part(self, signed_in, user, physio):
        fill(user, physio)
        Invitation.objects.create(clinician=physio)
        data = signed_in.get(URL).json()
        assert data["as_clinician"] == EMPTY["as_clinician"]

    def test_an_empty_download_for_someone_with_no_physiotherapist(self, signed_in):
        data = signed_in.get(URL).json()
        assert {key: data[key] for key in EMPTY} == EMPTY

    def test_a_visitor_is_sent_to_sign_in(self, client):
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_post_is_refused(self, signed_in):
        assert signed_in.post(URL).status_code == 405

    @pytest.mark.parametrize("size", [1, 40])
    def test_the_queries_do_not_grow(
        self, signed_in, user, physio, size, django_assert_num_queries, session_queries
    ):
        fill(user, physio, looks=size * 3, prescriptions=size)
        # user, profile (time zone), shares, access log, prescriptions, their rungs; as a
        # clinician: invitations and prescriptions sent (none, so no rungs to fetch)
        with django_assert_num_queries(8 + session_queries):
            response = signed_in.get(URL)
        assert len(response.json()["prescriptions"]) == size

    @pytest.mark.parametrize("size", [1, 40])
    def test_a_clinicians_queries_do_not_grow(
        self, client, user, physio, size, django_assert_num_queries, session_queries
    ):
        fill(user, physio, looks=size * 3, prescriptions=size)
        for _ in range(size):
            Invitation.objects.create(clinician=physio)
        client.force_login(physio)
        # as above, with the rungs of what they sent instead of what they received (none)
        with django_assert_num_queries(8 + session_queries):
            response = client.get(URL)
        assert len(response.json()["as_clinician"]["prescriptions_sent"]) == size


class TestLinks:
    def test_the_history_page_links_it_beside_the_other_downloads(self, signed_in):
        html = signed_in.get(reverse("practice:history")).content.decode()
        assert f'href="{URL}" download' in html
        assert html.index(reverse("practice:history-json")) < html.index(URL)

    def test_the_account_page_links_it_by_who_can_see_what(self, signed_in, user, physio):
        make_share(user, physio)
        html = signed_in.get(reverse("account")).content.decode()
        section = html[html.index('id="physiotherapists-section"') :]
        assert f'href="{URL}" download' in section.split("</section>", 1)[0]

    def test_my_patients_links_it_for_the_clinician(self, client, physio):
        client.force_login(physio)
        html = client.get(reverse("clinic:my-patients")).content.decode()
        assert f'href="{URL}" download' in html
