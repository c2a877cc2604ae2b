"""A shared routine: a read-only link that plays it for anyone holding it, until revoked."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from stretches import caching
from stretches.models import Routine

from .conftest import make_routine

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(user):
    routine = make_routine(steps=3, title="Shared three", owner=user, is_published=False)
    routine.share()
    return routine


def share_of(url):
    return parse_qs(urlsplit(unescape(url)).query).get("share", [""])[0]


def href(html, marker):
    """The href of the first link carrying `marker` (an id or data- attribute)."""
    match = re.search(rf"<a [^>]*{marker}[^>]*>", html)
    assert match, marker
    return unescape(re.search(r'href="([^"]*)"', match.group(0)).group(1))


class TestShareAndUnshare:
    def test_share_makes_an_unguessable_token_once(self, user):
        routine = make_routine(steps=1, owner=user)
        token = routine.share()
        assert len(token) >= 32
        assert routine.share() == token
        routine.refresh_from_db()
        assert routine.share_token == token
        assert routine.get_share_url() == reverse("stretches:routine-shared", args=[token])

    def test_sharing_does_not_change_the_version(self, user):
        routine = make_routine(steps=1, owner=user)
        version = routine.version
        routine.share()
        routine.refresh_from_db()
        assert routine.version == version

    def test_unshare_forgets_the_token(self, shared):
        shared.unshare()
        shared.refresh_from_db()
        assert shared.share_token is None
        assert shared.get_share_url() is None


class TestTheSharedLink:
    def test_it_works_signed_out(self, client, shared):
        response = client.get(shared.get_share_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "Shared three" in html
        assert "Shared with you by link" in html
        assert "Draft" not in html
        start = href(html, "button-start")
        assert share_of(start) == shared.share_token
        # Read-only: no bookmark and no practice forms for a visitor holding the link.
        assert reverse("practice:favourite", args=[shared.slug]) not in html

    def test_it_works_for_another_user_without_recording(self, client, other_user, shared):
        client.force_login(other_user)
        html = client.get(shared.get_share_url()).content.decode()
        assert reverse("practice:session-start", args=[shared.slug]) not in html
        assert share_of(href(html, "button-start")) == shared.share_token

    def test_a_wrong_token_is_404(self, client, shared):
        wrong = shared.share_token[:-1] + ("A" if shared.share_token[-1] != "A" else "B")
        assert client.get(reverse("stretches:routine-shared", args=[wrong])).status_code == 404
        step = reverse("player:play-step", args=[shared.slug, 1])
        assert client.get(step, {"share": wrong}).status_code == 404

    @pytest.mark.parametrize("token", ["x", "not a token at all", "a" * 65])
    def test_a_malformed_token_is_404(self, client, shared, token):
        assert client.get(reverse("stretches:routine-shared", args=[token])).status_code == 404
        step = reverse("player:play-step", args=[shared.slug, 1])
        assert client.get(step, {"share": token}).status_code == 404

    def test_after_unshare_every_old_link_is_404(self, client, shared):
        token = shared.share_token
        page = shared.get_share_url()
        step = reverse("player:play-step", args=[shared.slug, 1])
        assert client.get(step, {"share": token}).status_code == 200
        shared.unshare()
        assert client.get(page).status_code == 404
        assert client.get(step, {"share": token}).status_code == 404
        finish = reverse("player:well-done", args=[shared.slug])
        assert client.get(finish, {"share": token}).status_code == 404

    def test_a_token_of_another_routine_opens_nothing_else(self, client, user, shared):
        other = make_routine(steps=1, owner=user, title="Not shared")
        step = reverse("player:play-step", args=[other.slug, 1])
        assert client.get(step, {"share": shared.share_token}).status_code == 404


class TestThePlayerCarriesTheToken:
    @pytest.mark.parametrize("signed_in_as", [None, "other"])
    def test_the_token_is_carried_through_every_step_to_the_finish(
        self, client, other_user, shared, signed_in_as
    ):
        if signed_in_as:
            client.force_login(other_user)
        token = shared.share_token
        url = href(client.get(shared.get_share_url()).content.decode(), "button-start")
        for number in (1, 2, 3):
            assert urlsplit(url).path == reverse("player:play-step", args=[shared.slug, number])
            for headers in ({}, {"HX-Request": "true"}):
                response = client.get(url, headers=headers)
                assert response.status_code == 200, (url, headers)
            html = response.content.decode()
            stop = unescape(re.search(r'href="([^"]*/this-hurts/[^"]*)"', html).group(1))
            assert share_of(stop) == token
            stop_html = client.get(stop).content.decode()
            assert reverse("practice:record-stop", args=[shared.slug, number]) not in stop_html
            for link in re.findall(r'href="(/routines/[^"]*/play/[^"]*)"', stop_html):
                assert share_of(link) == token, link
            if number < 3:
                url = href(html, "data-next")
                assert share_of(url) == token
        finish = href(html, "data-finish")
        assert share_of(finish) == token
        response = client.get(finish)
        assert response.status_code == 200
        assert "you finished Shared three" in response.content.decode()

    def test_an_anonymous_htmx_step_with_the_token_is_never_cached(self, client, shared):
        step = reverse("player:play-step", args=[shared.slug, 1])
        client.get(step, {"share": shared.share_token}, headers={"HX-Request": "true"})
        entry, _ = caching.lookup(shared.slug)
        assert not entry.pointer.published
        assert cache.get(entry.key("data")) is None
        assert cache.get(entry.key("panel", 1, "", "")) is None
        # Without the token, the same panel is still a 404.
        assert client.get(step, headers={"HX-Request": "true"}).status_code == 404


class TestVisibleTo:
    def test_the_queryset_and_the_instance_agree(self, user, other_user, shared):
        from django.contrib.auth.models import AnonymousUser

        for who in (AnonymousUser(), other_user):
            assert not Routine.objects.visible_to(who).filter(pk=shared.pk).exists()
            assert not shared.is_visible_to(who)
            opened = Routine.objects.visible_to(who, share_token=shared.share_token)
            assert opened.filter(pk=shared.pk).exists()
            assert shared.is_visible_to(who, share_token=shared.share_token)
            assert not shared.is_visible_to(who, share_token="A" * 32)
