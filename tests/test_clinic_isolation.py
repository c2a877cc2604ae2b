"""Every clinician page answers 404 unless an active share covers it: another clinician, an
unlinked patient, a revoked or expired share, a share without goals, a non-clinician."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from clinic.models import AccessLog

from .clinic_factories import make_clinician, make_share
from .conftest import make_routine

pytestmark = pytest.mark.django_db

PAGES = ["clinic:patient", "clinic:patient-goals", "clinic:summary", "clinic:prescribe"]


@pytest.fixture
def physio():
    return make_clinician("physio")


@pytest.fixture
def rival():
    return make_clinician("rival")


def url(name, patient):
    return reverse(name, args=[patient.pk])


class TestTheLinkedClinician:
    @pytest.mark.parametrize("name", PAGES)
    def test_sees_each_page(self, client, physio, user, name):
        make_share(user, physio)
        client.force_login(physio)
        response = client.get(url(name, user))
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]


class TestIsolation:
    @pytest.mark.parametrize("name", PAGES)
    def test_another_clinician_gets_404(self, client, physio, rival, user, name):
        make_share(user, physio)
        client.force_login(rival)
        assert client.get(url(name, user)).status_code == 404

    @pytest.mark.parametrize("name", PAGES)
    def test_an_unlinked_patient_is_404(self, client, physio, user, other_user, name):
        make_share(user, physio)
        client.force_login(physio)
        assert client.get(url(name, other_user)).status_code == 404

    @pytest.mark.parametrize("name", PAGES)
    def test_a_revoked_share_is_404(self, client, physio, user, name):
        make_share(user, physio, revoked_at=timezone.now())
        client.force_login(physio)
        assert client.get(url(name, user)).status_code == 404

    @pytest.mark.parametrize("name", PAGES)
    def test_an_expired_share_is_404(self, client, physio, user, name):
        share = make_share(user, physio, days_ago=30)
        share.ends_on = timezone.localdate() - datetime.timedelta(days=1)
        share.save()
        client.force_login(physio)
        assert client.get(url(name, user)).status_code == 404

    @pytest.mark.parametrize("name", PAGES)
    def test_a_share_not_yet_started_is_404(self, client, physio, user, name):
        make_share(user, physio, days_ago=-2)
        client.force_login(physio)
        assert client.get(url(name, user)).status_code == 404

    def test_a_share_without_goals_hides_the_goals_page(self, client, physio, user):
        make_share(user, physio, goals=False)
        client.force_login(physio)
        assert client.get(url("clinic:patient-goals", user)).status_code == 404
        page = client.get(url("clinic:patient", user)).content.decode()
        assert "Goals beside pain" not in page
        assert 'id="goals-list-heading"' not in page

    def test_a_share_without_the_plan_hides_prescribing_and_sessions(self, client, physio, user):
        make_share(user, physio, plan_and_sessions=False)
        client.force_login(physio)
        assert client.get(url("clinic:prescribe", user)).status_code == 404
        page = client.get(url("clinic:patient", user)).content.decode()
        assert 'id="sessions-heading"' not in page

    @pytest.mark.parametrize("name", PAGES)
    def test_a_patient_who_is_not_a_clinician_gets_404(self, client, physio, user, name):
        # The share exists, but the person asking is not in the Clinicians group.
        make_share(physio, user)
        client.force_login(user)
        assert client.get(url(name, physio)).status_code == 404

    @pytest.mark.parametrize("name", ["clinic:my-patients"])
    def test_my_patients_is_404_for_everyone_else(self, client, user, name):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 404

    def test_invite_is_404_for_everyone_else(self, client, user):
        client.force_login(user)
        assert client.post(reverse("clinic:invite")).status_code == 404

    @pytest.mark.parametrize("name", PAGES)
    def test_a_refused_look_is_not_logged(self, client, physio, rival, user, name):
        make_share(user, physio)
        client.force_login(rival)
        client.get(url(name, user))
        assert not AccessLog.objects.exists()

    @pytest.mark.parametrize("name", [*PAGES, "clinic:my-patients"])
    def test_a_visitor_is_sent_to_sign_in(self, client, user, name):
        target = reverse(name) if name == "clinic:my-patients" else url(name, user)
        response = client.get(target)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_a_prescribed_routine_must_be_one_the_clinician_may_see(
        self, client, physio, user, other_user
    ):
        make_share(user, physio)
        theirs = make_routine(steps=1, owner=other_user, is_published=False)
        client.force_login(physio)
        assert client.get(url("clinic:prescribe", user), {"routine": theirs.pk}).status_code == 404
        response = client.post(url("clinic:prescribe", user), {"routine": theirs.pk})
        assert response.status_code == 404

    def test_revoke_is_404_for_someone_elses_share(self, client, physio, user, other_user):
        share = make_share(user, physio)
        client.force_login(other_user)
        assert client.post(reverse("clinic:revoke", args=[share.pk])).status_code == 404
        share.refresh_from_db()
        assert share.revoked_at is None


class TestMethods:
    @pytest.mark.parametrize("name", ["clinic:patient", "clinic:patient-goals", "clinic:summary"])
    def test_pages_refuse_post(self, client, physio, user, name):
        make_share(user, physio)
        client.force_login(physio)
        assert client.post(url(name, user)).status_code == 405

    @pytest.mark.parametrize("name", ["clinic:invite"])
    def test_actions_refuse_get(self, client, physio, name):
        client.force_login(physio)
        assert client.get(reverse(name)).status_code == 405

    def test_revoke_and_answer_refuse_get(self, signed_in):
        assert signed_in.get(reverse("clinic:revoke", args=[1])).status_code == 405
        assert signed_in.get(reverse("clinic:answer", args=[1])).status_code == 405


class TestCsrf:
    @pytest.mark.parametrize(
        ("name", "args"),
        [
            ("clinic:invite", []),
            ("clinic:link", []),
            ("clinic:revoke", [1]),
            ("clinic:answer", [1]),
        ],
    )
    def test_posts_need_the_token(self, physio, name, args):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(physio)
        assert client.post(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize("value", ["abc", "9" * 4301, str(2**63), "١٢", "-1", ""])
def test_an_odd_routine_value_is_a_404_or_the_choice(client, value):
    physio = make_clinician("physio")
    patient = get_user_model().objects.create_user("anna", password="a-long-anna-password")
    make_share(patient, physio)
    client.force_login(physio)
    response = client.get(url("clinic:prescribe", patient), {"routine": value})
    assert response.status_code == (200 if value == "" else 404)
    assert client.post(url("clinic:prescribe", patient), {"routine": value}).status_code == 404
