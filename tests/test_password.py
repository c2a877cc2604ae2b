"""Changing a password while signed in, and setting a new one from an e-mailed link."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OLD = "quiet-morning-stretch"
NEW = "slow-evening-breath"


@pytest.fixture
def amira(django_user_model):
    return django_user_model.objects.create_user("amira", "amira@example.org", OLD)


class TestPasswordChange:
    def test_it_changes_the_password_and_keeps_you_signed_in(self, client, amira):
        client.force_login(amira)
        response = client.post(
            reverse("password_change"),
            {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
            follow=True,
        )
        assert response.redirect_chain == [(reverse("password_change_done"), 302)]
        assert "Password changed" in response.content.decode()
        assert response.context["user"].is_authenticated
        amira.refresh_from_db()
        assert amira.check_password(NEW)

    def test_it_shows_the_form(self, client, amira):
        client.force_login(amira)
        html = client.get(reverse("password_change")).content.decode()
        assert 'autocomplete="current-password"' in html
        assert html.count('autocomplete="new-password"') == 2

    def test_it_refuses_a_wrong_old_password(self, client, amira):
        client.force_login(amira)
        response = client.post(
            reverse("password_change"),
            {"old_password": "not-it", "new_password1": NEW, "new_password2": NEW},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["old_password"]
        amira.refresh_from_db()
        assert amira.check_password(OLD)

    def test_it_runs_the_password_validators(self, client, amira):
        client.force_login(amira)
        response = client.post(
            reverse("password_change"),
            {"old_password": OLD, "new_password1": "123", "new_password2": "123"},
        )
        assert "This password is too short." in response.content.decode()
        amira.refresh_from_db()
        assert amira.check_password(OLD)

    def test_it_sends_anonymous_visitors_to_sign_in(self, client):
        response = client.get(reverse("password_change"))
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={reverse('password_change')}"


class TestPasswordReset:
    def test_the_emailed_link_sets_a_new_password(self, client, amira, mailoutbox):
        response = client.post(reverse("password_reset"), {"email": "AMIRA@example.org"})
        assert response["Location"] == reverse("password_reset_done")

        assert len(mailoutbox) == 1
        email = mailoutbox[0]
        assert email.to == ["amira@example.org"]
        assert email.subject == "Set a new password for backlog"
        link = re.search(r"http://testserver(/accounts/reset/\S+/)", email.body).group(1)

        response = client.get(link, follow=True)
        set_password_url, status = response.redirect_chain[-1]
        assert status == 302
        assert set_password_url.endswith("/set-password/")
        assert response.context["validlink"]
        assert "Set a new password" in response.content.decode()

        response = client.post(
            set_password_url, {"new_password1": NEW, "new_password2": NEW}, follow=True
        )
        assert response.redirect_chain == [(reverse("password_reset_complete"), 302)]
        assert "Password set" in response.content.decode()

        assert (
            client.post(reverse("login"), {"username": "amira", "password": OLD}).status_code == 200
        )
        response = client.post(reverse("login"), {"username": "amira", "password": NEW})
        assert response.status_code == 302
        assert response["Location"] == reverse("stretches:routine-list")

    def test_the_link_works_only_once(self, client, amira, mailoutbox):
        client.post(reverse("password_reset"), {"email": "amira@example.org"})
        link = re.search(r"http://testserver(\S+)", mailoutbox[0].body).group(1)
        set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
        client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW})
        response = client.get(link, follow=True)
        assert not response.context["validlink"]
        assert "This link no longer works" in response.content.decode()

    def test_it_sends_nothing_for_an_unknown_address(self, client, amira, mailoutbox):
        response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
        assert response["Location"] == reverse("password_reset_done")
        assert mailoutbox == []
