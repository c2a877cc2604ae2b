"""Sign-in limits that protect people without locking them out (accounts.limits): failures
per account are counted across addresses, with a delay that grows; the right password of an
account that has not failed gets through its address's limit, and nothing else does."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts import limits as account_limits

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-walker-password"
SPRAYER = "203.0.113.7"


@pytest.fixture
def small_limits(settings):
    settings.ADDRESS_LIMITS = {
        "sign-in": (6, timedelta(minutes=15)),
        "sign-up": (2, timedelta(hours=1)),
        "password-reset": (2, timedelta(hours=1)),
    }


@pytest.fixture
def clock(monkeypatch):
    """The limits' clock, moved on by hand."""
    now = [1_000_000.0]
    monkeypatch.setattr(account_limits, "_now", lambda: now[0])
    return now


def sign_in(client, username, password="wrong-password", address=SPRAYER, url="login"):
    return client.post(
        reverse(url), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in_as(client):
    return client.session.get("_auth_user_id")


class TestBehindAnAddressOverItsLimit:
    def test_the_right_password_of_an_unfailed_account_gets_in(self, client, user, small_limits):
        for n in range(30):
            sign_in(client, f"guess{n}")
        assert sign_in(client, "guess-more").status_code == 429
        response = sign_in(client, "walker", PASSWORD)
        assert response.status_code == 302
        assert signed_in_as(client) == str(user.pk)

    def test_the_staffs_admin_sign_in_gets_in(self, client, staff_user, small_limits):
        staff_user.set_password("a-long-staff-password")
        staff_user.save()
        for n in range(30):
            sign_in(client, f"guess{n}", url="admin:login")
        response = sign_in(client, staff_user.username, "a-long-staff-password", url="admin:login")
        assert response.status_code == 302
        assert signed_in_as(client) == str(staff_user.pk)

    def test_a_wrong_password_for_an_unfailed_account_is_paused_as_before(
        self, client, user, small_limits
    ):
        for n in range(6):
            sign_in(client, f"guess{n}")
        response = sign_in(client, "walker")
        assert response.status_code == 429
        assert "unsuccessful sign-ins" in response.content.decode()
        # walker has now failed: from this address even the right password waits.
        assert sign_in(client, "walker", PASSWORD).status_code == 429
        assert signed_in_as(client) is None

    def test_past_the_limit_each_account_gets_one_checked_try(self, client, small_limits):
        for n in range(6):
            sign_in(client, f"guess{n}")
        assert sign_in(client, "fresh").status_code == 429
        assert account_limits.account_failures("fresh") == 1
        assert sign_in(client, "fresh").status_code == 429
        assert account_limits.account_failures("fresh") == 1  # not checked again


class TestOneAccountFromManyAddresses:
    def test_failures_from_many_addresses_slow_the_account_down_then_it_gets_in(
        self, client, user, clock
    ):
        for n in range(6):
            assert sign_in(client, "walker", address=f"198.51.100.{n}").status_code == 200
        response = sign_in(client, "walker", PASSWORD, address="192.0.2.1")
        assert response.status_code == 429
        assert "each new try waits a little longer" in response.content.decode()
        assert signed_in_as(client) is None
        clock[0] += 2
        assert sign_in(client, "walker", PASSWORD, address="192.0.2.1").status_code == 302
        assert signed_in_as(client) == str(user.pk)
        assert account_limits.account_failures("walker") == 0

    def test_the_delay_doubles_with_each_failure_up_to_five_minutes(self, client, user, clock):
        waits = []
        for n in range(20):
            wait = account_limits.account_wait("walker")
            waits.append(wait)
            clock[0] += wait
            assert sign_in(client, "walker", address=f"198.51.100.{n}").status_code == 200
        assert waits[:9] == [0, 0, 0, 0, 0, 0, 2, 4, 8]
        assert max(waits) == 300
        assert account_limits.account_wait("walker") == 300

    def test_another_account_is_not_slowed(self, client, user, other_user, clock):
        for n in range(10):
            clock[0] += account_limits.account_wait("walker")
            sign_in(client, "walker", address=f"198.51.100.{n}")
        assert account_limits.account_wait("walker") > 0
        assert account_limits.account_wait(other_user.username) == 0
