"""Whole public pages from the shared cache (stretches.pagecache): the same for every
visitor without a cookie, never for anyone else, and made again after any content edit."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import reverse

from .conftest import add_step, make_exercise, make_routine

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_starter_routines")]


@pytest.fixture
def routine():
    routine = make_routine(title="Morning ease")
    add_step(routine, make_exercise(name="Knee hug", slug="knee-hug"))
    add_step(routine, make_exercise(name="Cat cow"))
    return routine


def public_paths(routine):
    """Every page that may be public, and where a visitor's first load lands."""
    play = reverse("player:play-step", args=[routine.slug, 1])
    stop = reverse("player:this-hurts", args=[routine.slug, 1])
    return [
        play,
        play + "?c=0",
        stop + "?c=0",
        reverse("stretches:exercise-detail", args=["knee-hug"]),
        reverse("stretches:urgent-signs"),
    ]


def token_paths(routine):
    """Pages with a Bookmark form: from the cache, with the visitor's own CSRF token."""
    return [reverse("stretches:routine-list"), routine.get_absolute_url()]


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


class TestPublicPages:
    def test_a_visitor_gets_each_page_from_the_cache_without_a_query(
        self, routine, django_assert_num_queries
    ):
        for path in public_paths(routine) + token_paths(routine):
            assert Client().get(path).status_code == 200, path
            with django_assert_num_queries(0):
                response = Client().get(path)
            assert response.status_code == 200, path

    def test_a_cached_bookmark_form_returns_the_visitor_to_the_page_it_is_on(self, routine):
        for path in token_paths(routine):
            for _ in ("cold", "warm"):
                html = Client().get(path).content.decode()
                nexts = set(re.findall(r'<input type="hidden" name="next" value="([^"]*)">', html))
                assert nexts == {path}, path

    def test_a_page_without_a_form_is_public_with_an_etag_and_a_304(self, routine):
        for path in public_paths(routine):
            response = Client().get(path)
            assert {"public", "no-cache"} <= cache_control(response), path
            assert "Cookie" in response["Vary"], path
            assert not response.cookies, path
            html = response.content.decode()
            assert "csrf" not in html.lower(), path
            assert "nonce=" not in html, path
            again = Client().get(path, headers={"If-None-Match": response["ETag"]})
            assert again.status_code == 304, path
            assert again["ETag"] == response["ETag"]

    def test_the_sign_in_links_come_back_to_the_page(self, routine):
        path = public_paths(routine)[1]  # the player, with ?c=0
        Client().get(path)
        html = Client().get(path).content.decode()
        assert f"/accounts/login/?next=/routines/{routine.slug}/play/1/%3Fc%3D0" in html

    def test_each_visitor_gets_their_own_token_and_it_works(self, routine):
        first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
        page = routine.get_absolute_url()
        tokens = []
        for client in (first, second):
            response = client.get(page)
            assert response.status_code == 200
            assert "private" in cache_control(response)
            assert "ETag" not in response
            tokens.append(
                re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[
                    1
                ]
            )
        assert tokens[0] != tokens[1]
        # Bookmark, as a visitor: the token served from the cache is accepted (not a 403),
        # and they are sent to sign in.
        url = reverse("practice:favourite", args=[routine.slug])
        response = second.post(url, {"favourite": "on", "csrfmiddlewaretoken": tokens[1]})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        refused = first.post(url, {"favourite": "on", "csrfmiddlewaretoken": "x" * 64})
        assert refused.status_code == 403

    def test_an_edit_is_served_at_the_next_request(self, routine):
        exercise = routine.steps.first().exercise
        pages = [*public_paths(routine)[:4], routine.get_absolute_url()]
        for path in pages:
            assert "Knee hug" in Client().get(path).content.decode(), path
        listed = reverse("stretches:routine-list")
        assert "Morning ease" in Client().get(listed).content.decode()
        exercise.name = "Knees to chest"
        exercise.save()
        routine.refresh_from_db()
        routine.title = "Evening ease"
        routine.save()
        for path in pages:
            html = Client().get(path).content.decode()
            assert "Knees to chest" in html, path
            assert "Knee hug" not in html, path
        html = Client().get(listed).content.decode()
        assert "Evening ease" in html
        assert "Morning ease" not in html


class TestNeverForAnyoneElse:
    def test_someone_signed_in_gets_their_own_page(self, routine, signed_in, user):
        for path in public_paths(routine) + token_paths(routine):
            Client().get(path)  # cached for visitors
            response = signed_in.get(path)
            assert response.status_code == 200, path
            assert "Sign out" in response.content.decode(), path
            assert "private" in cache_control(response), path
            assert "ETag" not in response, path

    def test_a_visitor_with_a_message_waiting_gets_it(self, routine):
        path = reverse("stretches:routine-list")
        Client().get(path)
        client = Client()
        storage = CookieStorage(HttpRequest())
        storage.add(constants.SUCCESS, "Signed out.")
        response = HttpResponse()
        storage.update(response)
        client.cookies["messages"] = response.cookies["messages"].value
        assert "Signed out." in client.get(path).content.decode()

    def test_a_filtered_list_and_an_unknown_query_are_computed(
        self, routine, django_assert_num_queries
    ):
        for query in ("?level=1", "?utm_source=x"):
            path = reverse("stretches:routine-list") + query
            Client().get(path)
            # Rendered again (its routines kept for everyone: no query), not the page kept.
            with django_assert_num_queries(0):
                response = Client().get(path)
            assert response.status_code == 200
            assert "stretches/routine_list.html" in [t.name for t in response.templates]

    def test_an_htmx_request_is_not_answered_with_a_whole_page(self, routine):
        path = reverse("player:play-step", args=[routine.slug, 1]) + "?c=0"
        Client().get(path)
        panel = Client().get(path, headers={"HX-Request": "true"}).content.decode()
        assert "<html" not in panel

    def test_a_draft_is_never_served(self, routine):
        path = routine.get_absolute_url()
        Client().get(path)
        routine.is_published = False
        routine.save()
        assert Client().get(path).status_code == 404

    def test_a_missing_page_is_not_kept(self, routine):
        path = reverse("stretches:exercise-detail", args=["no-such-pose"])
        assert Client().get(path).status_code == 404
        make_exercise(name="No such pose", slug="no-such-pose")
        assert Client().get(path).status_code == 200
