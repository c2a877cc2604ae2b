"""Per-address limits on failed sign-ins, sign-ups and password resets (accounts.limits)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAUSED = "Please wait a while before trying again"


@pytest.fixture
def limits(settings):
    """Small limits, so a test needs only a few requests."""
    from datetime import timedelta

    settings.ADDRESS_LIMITS = {
        "sign-in": (6, timedelta(minutes=15)),
        "sign-up": (2, timedelta(hours=1)),
        "password-reset": (2, timedelta(hours=1)),
    }
    return settings.ADDRESS_LIMITS


def sign_in(client, username, address="203.0.113.7", **headers):
    return client.post(
        reverse("login"),
        {"username": username, "password": "wrong-password"},
        REMOTE_ADDR=address,
        headers=headers,
    )


class TestFailedSignInsPerAddress:
    def test_many_usernames_from_one_address_are_paused(self, client, limits):
        for n in range(6):
            # A new username each time: django-axes' per-username lock never triggers.
            assert sign_in(client, f"guess{n}").status_code == 200
        response = sign_in(client, "guess-next")
        assert response.status_code == 429
        assert PAUSED in response.content.decode()
        assert "unsuccessful sign-ins" in response.content.decode()

    def test_the_pause_holds_even_for_the_right_password_of_an_account_that_failed(
        self, client, limits
    ):
        get_user_model().objects.create_user("walker", password="a-long-walker-password")
        sign_in(client, "walker", address="198.51.100.9")  # one failure, from elsewhere
        for n in range(6):
            sign_in(client, f"guess{n}")
        response = client.post(
            reverse("login"),
            {"username": "walker", "password": "a-long-walker-password"},
            REMOTE_ADDR="203.0.113.7",
        )
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_another_address_is_not_paused(self, client, limits):
        for n in range(7):
            sign_in(client, f"guess{n}")
        assert sign_in(client, "someone", address="198.51.100.2").status_code == 200

    def test_the_admin_login_counts_and_is_paused_too(self, client, limits):
        for n in range(6):
            client.post(
                reverse("admin:login"),
                {"username": f"guess{n}", "password": "x"},
                REMOTE_ADDR="203.0.113.7",
            )
        response = client.post(
            reverse("admin:login"), {"username": "a", "password": "x"}, REMOTE_ADDR="203.0.113.7"
        )
        assert response.status_code == 429

    def test_showing_the_form_is_never_limited(self, client, limits):
        for n in range(7):
            sign_in(client, f"guess{n}")
        assert client.get(reverse("login"), REMOTE_ADDR="203.0.113.7").status_code == 200

    def test_behind_one_proxy_the_forwarded_address_counts(self, client, limits, settings):
        settings.PROXY_COUNT = 1
        proxy = "10.0.0.1"
        for n in range(6):
            # The client prepends a forged address; the proxy appends the real one.
            forwarded = f"192.0.2.{n}, 203.0.113.7"
            assert sign_in(client, f"guess{n}", proxy, x_forwarded_for=forwarded).status_code == 200
        forwarded = "192.0.2.99, 203.0.113.7"
        assert sign_in(client, "next", proxy, x_forwarded_for=forwarded).status_code == 429
        # Another client behind the same proxy is not paused.
        forwarded = "198.51.100.2"
        assert sign_in(client, "someone", proxy, x_forwarded_for=forwarded).status_code == 200

    def test_without_a_proxy_a_forged_forwarded_header_is_ignored(self, client, limits):
        for n in range(6):
            sign_in(client, f"guess{n}", x_forwarded_for=f"192.0.2.{n}")
        assert sign_in(client, "next", x_forwarded_for="192.0.2.99").status_code == 429


class TestSignUpsPerAddress:
    def signup(self, client, n):
        return client.post(
            reverse("signup"),
            {
                "username": f"newcomer{n}",
                "email": f"newcomer{n}@example.com",
                "password1": "a-long-enough-password-9",
                "password2": "a-long-enough-password-9",
            },
            REMOTE_ADDR="203.0.113.7",
        )

    def test_sign_ups_from_one_address_are_paused(self, client, limits):
        assert self.signup(client, 1).status_code == 302
        client.logout()
        assert self.signup(client, 2).status_code == 302
        client.logout()
        response = self.signup(client, 3)
        assert response.status_code == 429
        assert "new accounts made" in response.content.decode()
        assert not get_user_model().objects.filter(username="newcomer3").exists()


class TestPasswordResetsPerAddress:
    def test_reset_requests_from_one_address_are_paused(self, client, limits, mailoutbox):
        get_user_model().objects.create_user("walker", "walker@example.com", "a-long-password-1")
        for _ in range(2):
            response = client.post(
                reverse("password_reset"),
                {"email": "walker@example.com"},
                REMOTE_ADDR="203.0.113.7",
            )
            assert response.status_code == 302
        response = client.post(
            reverse("password_reset"), {"email": "walker@example.com"}, REMOTE_ADDR="203.0.113.7"
        )
        assert response.status_code == 429
        assert "password-reset requests" in response.content.decode()
        assert len(mailoutbox) == 2
        other = client.post(
            reverse("password_reset"), {"email": "walker@example.com"}, REMOTE_ADDR="198.51.100.2"
        )
        assert other.status_code == 302
