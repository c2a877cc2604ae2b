"""Signing in and out with Django's views, and django-axes' lockout after repeated failures."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-walker-password"  # the `user` fixture's
LOCKED_OUT = "Sign-in is paused for a while"


def sign_in(client, password, username="walker", url=None):
    return client.post(url or reverse("login"), {"username": username, "password": password})


def fail(client, times, username="walker", url=None):
    """`times` wrong passwords; returns the last response."""
    for _ in range(times):
        response = sign_in(client, "not-the-password", username, url)
    return response


class TestLogin:
    def test_it_shows_the_form_with_its_links(self, client):
        response = client.get(reverse("login") + "?next=/routines/evening/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'autocomplete="username"' in html
        assert 'autocomplete="current-password"' in html
        assert '<input type="hidden" name="next" value="/routines/evening/">' in html
        assert reverse("password_reset") in html
        assert reverse("signup") in html

    def test_it_signs_in(self, client, user):
        response = client.post(
            reverse("login"), {"username": "walker", "password": PASSWORD}, follow=True
        )
        assert response.context["user"] == user
        assert response.redirect_chain == [(reverse("stretches:routine-list"), 302)]

    def test_it_honours_a_safe_next_and_ignores_an_unsafe_one(self, client, user):
        data = {"username": "walker", "password": PASSWORD}
        response = client.post(reverse("login"), {**data, "next": "/routines/evening/"})
        assert response["Location"] == "/routines/evening/"
        client.logout()
        response = client.post(reverse("login"), {**data, "next": "https://evil.example/"})
        assert response["Location"] == reverse("stretches:routine-list")

    def test_it_refuses_a_wrong_password(self, client, user):
        response = sign_in(client, "not-the-password")
        assert response.status_code == 200
        assert not response.context["user"].is_authenticated
        assert "Please enter a correct username and password." in response.content.decode()

    def test_it_locks_sign_in_after_five_failures(self, client, user):
        for _ in range(4):
            assert sign_in(client, "not-the-password").status_code == 200
        response = sign_in(client, "not-the-password")
        assert response.status_code == 429
        html = response.content.decode()
        assert LOCKED_OUT in html
        assert "There were 5 unsuccessful attempts to sign in as <strong>walker</strong>" in html
        assert "paused for 15 min" in html

    def test_the_right_password_is_refused_while_locked(self, client, user):
        fail(client, 5)
        response = sign_in(client, PASSWORD)
        assert response.status_code == 429
        assert LOCKED_OUT in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_the_lock_is_per_username(self, client, user, django_user_model):
        django_user_model.objects.create_user("runner", password="another-long-password")
        fail(client, 5)
        response = sign_in(client, "another-long-password", username="runner")
        assert response.status_code == 302

    def test_success_resets_the_failures(self, client, user):
        fail(client, 4)
        assert AccessAttempt.objects.get(username="walker").failures_since_start == 4
        assert sign_in(client, PASSWORD).status_code == 302
        assert not AccessAttempt.objects.filter(username="walker").exists()
        client.logout()
        assert fail(client, 4).status_code == 200
        assert sign_in(client, PASSWORD).status_code == 302

    def test_the_admin_login_is_locked_too(self, client, staff_user):
        admin_login = reverse("admin:login")
        fail(client, 5, username="editor", url=admin_login)
        response = sign_in(client, "a-long-editor-password", username="editor", url=admin_login)
        assert response.status_code == 429
        assert LOCKED_OUT in response.content.decode()

    def test_it_rejects_a_post_without_a_csrf_token(self, user):
        response = sign_in(Client(enforce_csrf_checks=True), PASSWORD)
        assert response.status_code == 403


class TestLogout:
    def test_it_signs_out_on_post(self, client, user):
        client.force_login(user)
        response = client.post(reverse("logout"), follow=True)
        assert response.redirect_chain == [(reverse("stretches:routine-list"), 302)]
        assert not response.context["user"].is_authenticated

    def test_it_rejects_get(self, client, user):
        client.force_login(user)
        response = client.get(reverse("logout"))
        assert response.status_code == 405
        assert "_auth_user_id" in client.session
