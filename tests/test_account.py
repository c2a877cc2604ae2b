"""The account page: who you are signed in as, and what you can do about it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


class TestAccount:
    def test_it_shows_the_username_and_email(self, client, django_user_model):
        user = django_user_model.objects.create_user(
            "amira", "amira@example.org", "quiet-morning-stretch"
        )
        client.force_login(user)
        response = client.get(reverse("account"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "<dd>amira</dd>" in html
        assert "<dd>amira@example.org</dd>" in html
        assert reverse("password_change") in html
        assert reverse("delete-account") in html

    def test_it_sends_anonymous_visitors_to_sign_in(self, client):
        response = client.get(reverse("account"))
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={reverse('account')}"

    def test_it_rejects_post(self, client, user):
        client.force_login(user)
        assert client.post(reverse("account")).status_code == 405
