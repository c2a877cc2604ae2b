"""Health data and CSRF tokens stay out of shared caches (backlog.middleware)."""

import pytest
from django.urls import reverse

from .conftest import make_routine, make_session

pytestmark = pytest.mark.django_db


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_private(response):
    assert {"private", "no-store"} <= cache_control(response), response.get("Cache-Control")
    assert "public" not in cache_control(response)
    assert not any(part.startswith(("max-age=", "s-maxage=")) for part in cache_control(response))
    assert "Cookie" in response.get("Vary", "")


class TestPrivateResponses:
    @pytest.mark.parametrize(
        "name", ["practice:history", "practice:history-csv", "practice:my-routines", "account"]
    )
    def test_a_persons_pages_and_download_are_private(self, signed_in, name):
        response = signed_in.get(reverse(name))
        assert response.status_code == 200
        assert_private(response)

    def test_a_session_page_is_private(self, signed_in, user):
        session = make_session(user, make_routine(steps=2))
        response = signed_in.get(session.get_absolute_url())
        assert response.status_code == 200
        assert_private(response)

    def test_a_public_page_is_private_when_signed_in(self, signed_in):
        routine = make_routine(steps=2)
        response = signed_in.get(reverse("player:play-step", args=[routine.slug, 1]))
        assert response.status_code == 200
        assert_private(response)

    def test_the_sign_in_form_is_private_because_it_carries_a_csrf_token(self, client):
        response = client.get(reverse("login"))
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert_private(response)

    def test_an_anonymous_player_panel_stays_cacheable(self, client):
        routine = make_routine(steps=2)
        url = reverse("player:play-step", args=[routine.slug, 1])
        response = client.get(url, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert not response.cookies
        assert not {"private", "no-store"} & cache_control(response)

    def test_an_anonymous_full_page_without_a_form_is_public_and_carries_no_token(self, client):
        # The page cache renders it for everyone: no hx-headers token, no cookie set.
        routine = make_routine(steps=2)
        response = client.get(reverse("player:play-step", args=[routine.slug, 1]))
        assert response.status_code == 200
        assert not response.cookies
        assert "X-CSRFToken" not in response.content.decode()
        assert {"public", "no-cache"} <= cache_control(response)

    def test_an_anonymous_page_with_a_form_is_private_because_it_carries_a_csrf_token(self, client):
        # The routine page's Bookmark form sends a visitor to sign in: it needs a token.
        routine = make_routine(steps=2)
        response = client.get(routine.get_absolute_url())
        assert response.status_code == 200
        assert "csrftoken" in response.cookies
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert_private(response)

    def test_a_panel_from_the_cache_is_private_for_someone_signed_in(self, signed_in):
        # The cached panel reads no user: the session cookie alone keeps it private.
        routine = make_routine(steps=2)
        url = reverse("player:play-step", args=[routine.slug, 1])
        for _ in range(2):  # rendered, then from the cache
            response = signed_in.get(url, headers={"HX-Request": "true"})
            assert response.status_code == 200
            assert_private(response)

    def test_any_session_cookie_makes_a_response_private(self, client):
        # A session that ended (or never signed in) still might have: private all the same.
        routine = make_routine(steps=2)
        client.cookies["sessionid"] = "no-longer-a-session"
        url = reverse("player:play-step", args=[routine.slug, 1])
        response = client.get(url, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert_private(response)
