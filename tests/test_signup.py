"""Sign up: a new account, signed in straight away, sent back where it came from."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "quiet-morning-stretch"


def details(**overrides):
    data = {
        "username": "amira",
        "email": "amira@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return {**data, **overrides}


def signup_url(next_url=None):
    url = reverse("signup")
    return f"{url}?next={next_url}" if next_url else url


class TestSignup:
    def test_it_shows_the_form(self, client):
        response = client.get(signup_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert 'autocomplete="username"' in html
        assert 'autocomplete="email"' in html
        assert 'autocomplete="new-password"' in html
        assert '<label for="id_email">' in html

    def test_it_creates_the_user_and_signs_them_in(self, client):
        response = client.post(signup_url(), details(), follow=True)
        user = get_user_model().objects.get(username="amira")
        assert user.email == "amira@example.org"
        assert user.check_password(PASSWORD)
        assert response.context["user"] == user
        assert response.context["user"].is_authenticated
        assert response.redirect_chain == [(reverse("stretches:routine-list"), 302)]
        assert "Welcome, amira." in response.content.decode()

    def test_it_honours_a_safe_next(self, client):
        response = client.post(signup_url("/routines/evening/"), details())
        assert response.status_code == 302
        assert response["Location"] == "/routines/evening/"

    def test_it_carries_next_through_the_form(self, client):
        html = client.get(signup_url("/routines/evening/")).content.decode()
        assert '<input type="hidden" name="next" value="/routines/evening/">' in html

    def test_it_ignores_an_unsafe_next(self, client):
        response = client.post(signup_url("https://evil.example/"), details())
        assert response.status_code == 302
        assert response["Location"] == reverse("stretches:routine-list")
        assert get_user_model().objects.filter(username="amira").exists()

    def test_it_rejects_a_username_taken_in_any_case(self, client, django_user_model):
        django_user_model.objects.create_user("Amira", "first@example.org", PASSWORD)
        response = client.post(signup_url(), details(username="amira"))
        assert response.status_code == 200
        assert response.context["form"].errors["username"] == [
            "A user with that username already exists."
        ]
        assert not response.context["user"].is_authenticated
        assert django_user_model.objects.count() == 1

    def test_it_rejects_an_email_taken_in_any_case(self, client, django_user_model):
        django_user_model.objects.create_user("first", "Amira@Example.org", PASSWORD)
        response = client.post(signup_url(), details(email="amira@example.ORG"))
        assert response.status_code == 200
        errors = response.context["form"].errors["email"]
        assert errors == [
            "An account with this email address already exists. "
            "Sign in instead, or reset your password if you have forgotten it."
        ]
        html = response.content.decode()
        assert 'id="id_email_error"' in html
        assert 'aria-describedby="id_email_helptext id_email_error"' in html
        assert django_user_model.objects.count() == 1

    def test_it_requires_an_email(self, client, django_user_model):
        response = client.post(signup_url(), details(email=""))
        assert response.context["form"].errors["email"] == ["This field is required."]
        assert not django_user_model.objects.exists()

    def test_it_rejects_a_weak_password(self, client, django_user_model):
        response = client.post(signup_url(), details(password1="12345678", password2="12345678"))
        assert response.status_code == 200
        errors = response.context["form"].errors["password2"]
        assert "This password is too common." in errors
        assert "This password is entirely numeric." in errors
        assert not django_user_model.objects.exists()

    def test_it_rejects_a_password_like_the_username(self, client, django_user_model):
        response = client.post(signup_url(), details(password1="amira2024", password2="amira2024"))
        assert (
            "The password is too similar to the username."
            in (response.context["form"].errors["password2"])
        )
        assert not django_user_model.objects.exists()

    def test_it_rejects_mismatched_passwords(self, client, django_user_model):
        response = client.post(signup_url(), details(password2="quiet-evening-stretch"))
        assert response.context["form"].errors["password2"] == [
            "The two password fields didn’t match."
        ]
        assert not django_user_model.objects.exists()

    def test_it_sends_a_signed_in_user_away(self, client, user):
        client.force_login(user)
        response = client.get(signup_url())
        assert response.status_code == 302
        assert response["Location"] == reverse("stretches:routine-list")

    def test_it_sends_a_signed_in_user_to_a_safe_next(self, client, user):
        client.force_login(user)
        response = client.post(signup_url("/routines/evening/"), details())
        assert response["Location"] == "/routines/evening/"
        assert not get_user_model().objects.filter(username="amira").exists()

    @pytest.mark.parametrize("target", ["29", "stretches:routine-list", "routines/evening/"])
    def test_a_next_that_is_not_a_path_from_the_root_goes_home(self, client, user, target):
        # Found by tests/test_any_input.py: redirect("29") tried to reverse a view named 29.
        client.force_login(user)
        response = client.get(signup_url(target))
        assert response.status_code == 302
        assert response["Location"] == reverse("stretches:routine-list")

    def test_it_rejects_a_post_without_a_csrf_token(self, django_user_model):
        response = Client(enforce_csrf_checks=True).post(signup_url(), details())
        assert response.status_code == 403
        assert not django_user_model.objects.exists()

    def test_it_rejects_put(self, client):
        assert client.put(signup_url()).status_code == 405
