"""A patient links a physiotherapist by a one-time code, chooses what to share and for how
long, sees each look in the access log, and revokes access at once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import AccessLog, Invitation, Share

from .clinic_factories import make_clinician, make_share

pytestmark = pytest.mark.django_db


@pytest.fixture
def physio():
    return make_clinician("physio")


def link(client, code, **fields):
    data = {
        "code": code,
        "plan_and_sessions": "on",
        "goals": "on",
        "starts_on": (timezone.localdate() - datetime.timedelta(days=28)).isoformat(),
        "ends_on": "",
    }
    data.update(fields)
    return client.post(reverse("clinic:link"), {k: v for k, v in data.items() if v is not None})


class TestInvite:
    def test_a_clinician_makes_a_code_that_my_patients_shows(self, client, physio):
        client.force_login(physio)
        response = client.post(reverse("clinic:invite"), follow=True)
        invitation = Invitation.objects.get(clinician=physio)
        page = response.content.decode()
        assert invitation.spaced_code in page
        assert f"?code={invitation.code}" in page
        assert invitation.expires_at - invitation.created == datetime.timedelta(days=7)

    def test_open_codes_are_capped(self, client, physio):
        client.force_login(physio)
        for _ in range(20):
            Invitation.objects.create(clinician=physio)
        client.post(reverse("clinic:invite"))
        assert Invitation.objects.filter(clinician=physio).count() == 20


class TestLink:
    def test_the_link_form_is_filled_from_the_link(self, signed_in):
        page = signed_in.get(reverse("clinic:link"), {"code": "ABCDE23456"}).content.decode()
        assert 'value="ABCDE23456"' in page

    def test_a_code_links_and_shares_what_was_chosen(self, signed_in, user, physio):
        code = Invitation.objects.create(clinician=physio).code
        response = link(signed_in, f"{code[:5]}-{code[5:].lower()}", goals=None)
        assert response.status_code == 302
        share = Share.objects.get(patient=user)
        assert (share.clinician, share.plan_and_sessions, share.goals) == (physio, True, False)
        assert share.ends_on is None
        account = signed_in.get(reverse("account")).content.decode()
        assert "physio</strong> can see your plan and sessions, from" in account
        assert "until you revoke it" in account

    def test_a_code_works_once(self, client, user, other_user, physio):
        code = Invitation.objects.create(clinician=physio).code
        client.force_login(user)
        assert link(client, code).status_code == 302
        client.force_login(other_user)
        response = link(client, code)
        assert response.status_code == 400
        assert "used, expired or mistyped" in response.content.decode()
        assert not Share.objects.filter(patient=other_user).exists()

    def test_a_code_expires(self, signed_in, user, physio):
        old = timezone.now() - datetime.timedelta(days=8)
        code = Invitation.objects.create(clinician=physio, created=old).code
        assert link(signed_in, code).status_code == 400
        assert not Share.objects.exists()

    @pytest.mark.parametrize("code", ["", "NOPE", "ABCDE2345I", "x" * 20, "ABCDE\x0023456"])
    def test_a_bad_code_is_a_form_error(self, signed_in, code):
        response = link(signed_in, code)
        assert response.status_code == 400
        assert not Share.objects.exists()

    def test_something_must_be_shared(self, signed_in, physio):
        code = Invitation.objects.create(clinician=physio).code
        response = link(signed_in, code, plan_and_sessions=None, goals=None)
        assert response.status_code == 400
        assert "at least one thing" in response.content.decode()
        assert Invitation.objects.get().used_at is None

    def test_an_end_before_the_start_is_refused(self, signed_in, physio):
        code = Invitation.objects.create(clinician=physio).code
        today = timezone.localdate()
        response = link(
            signed_in,
            code,
            starts_on=(today + datetime.timedelta(days=5)).isoformat(),
            ends_on=(today + datetime.timedelta(days=2)).isoformat(),
        )
        assert response.status_code == 400
        assert not Share.objects.exists()

    def test_an_end_in_the_past_is_refused(self, signed_in, physio):
        code = Invitation.objects.create(clinician=physio).code
        ends = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
        assert link(signed_in, code, ends_on=ends).status_code == 400

    def test_a_clinician_cannot_link_their_own_code(self, client, physio):
        code = Invitation.objects.create(clinician=physio).code
        client.force_login(physio)
        assert link(client, code).status_code == 400
        assert not Share.objects.exists()

    def test_linking_again_replaces_the_open_share(self, signed_in, user, physio):
        make_share(user, physio, goals=False)
        code = Invitation.objects.create(clinician=physio).code
        link(signed_in, code)
        open_shares = Share.objects.filter(patient=user, revoked_at=None)
        assert [s.goals for s in open_shares] == [True]

    def test_a_visitor_is_sent_to_sign_in_keeping_the_code(self, client):
        response = client.get(reverse("clinic:link") + "?code=ABCDE23456")
        assert response.status_code == 302
        assert "code%3DABCDE23456" in response["Location"]


class TestRevoke:
    def test_revoking_ends_access_at_once(self, client, user, physio):
        share = make_share(user, physio)
        client.force_login(physio)
        assert client.get(reverse("clinic:patient", args=[user.pk])).status_code == 200
        client.force_login(user)
        response = client.post(reverse("clinic:revoke", args=[share.pk]), follow=True)
        assert "can no longer see anything of yours" in response.content.decode()
        client.force_login(physio)
        assert client.get(reverse("clinic:patient", args=[user.pk])).status_code == 404
        page = client.get(reverse("clinic:my-patients")).content.decode()
        assert reverse("clinic:patient", args=[user.pk]) not in page


class TestAccessLog:
    @pytest.mark.parametrize(
        ("name", "what"),
        [
            ("clinic:patient", "patient"),
            ("clinic:patient-goals", "goals"),
            ("clinic:summary", "summary"),
            ("clinic:prescribe", "prescribe"),
        ],
    )
    def test_each_look_writes_one_entry_the_patient_sees(self, client, user, physio, name, what):
        make_share(user, physio)
        client.force_login(physio)
        client.get(reverse(name, args=[user.pk]))
        entry = AccessLog.objects.get()
        assert (entry.patient, entry.clinician, entry.what) == (user, physio, what)
        client.force_login(user)
        account = client.get(reverse("account")).content.decode()
        assert f"<td>physio</td><td>{entry.get_what_display()}</td>" in account

    def test_my_patients_logs_one_entry_per_patient_shown(self, client, user, other_user, physio):
        make_share(user, physio)
        make_share(other_user, physio)
        client.force_login(physio)
        client.get(reverse("clinic:my-patients"))
        assert sorted(AccessLog.objects.values_list("patient__username", "what")) == [
            ("stroller", "list"),
            ("walker", "list"),
        ]

    def test_a_patient_sees_only_their_own_log(self, client, user, other_user, physio):
        make_share(other_user, physio)
        client.force_login(physio)
        client.get(reverse("clinic:patient", args=[other_user.pk]))
        client.force_login(user)
        assert "Nobody has looked at your data." in client.get(reverse("account")).content.decode()


class TestMakeClinician:
    def test_the_command_adds_and_removes_my_patients(self, client, user):
        import io

        from django.core.management import call_command

        make_clinician("physio")
        client.force_login(user)
        assert client.get(reverse("clinic:my-patients")).status_code == 404
        call_command("make_clinician", "walker", stdout=io.StringIO())
        assert client.get(reverse("clinic:my-patients")).status_code == 200
        user.refresh_from_db()
        assert not user.is_staff  # a clinician need not edit the library
        call_command("make_clinician", "walker", "--remove", stdout=io.StringIO())
        assert client.get(reverse("clinic:my-patients")).status_code == 404

    def test_an_unknown_name_is_an_error(self, db):
        from django.core.management import CommandError, call_command

        make_clinician("physio")
        with pytest.raises(CommandError):
            call_command("make_clinician", "nobody")
