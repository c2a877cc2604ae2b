"""Error pages keep the site's look and its Content Security Policy."""

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import make_routine

pytestmark = pytest.mark.django_db


def test_an_expired_form_gets_a_calm_403_without_inline_style(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    routine = make_routine(steps=1)
    response = client.post(reverse("practice:favourite", args=[routine.slug]), {"favourite": "on"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Please try that again" in html
    assert "<style" not in html
    assert "style=" not in html


def test_unknown_pages_get_the_sites_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


INTERNALS = ["Resolver404", "No Routine matches", "matches the given query", "Traceback"]


def test_an_unknown_url_gets_our_own_words_and_links_back(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "The address may be mistyped" in html
    assert f'href="{reverse("stretches:routine-list")}"' in html
    for text in INTERNALS:
        assert text not in html


def test_an_unknown_routine_never_shows_djangos_message(client):
    response = client.get(reverse("stretches:routine-detail", args=["no-such-routine"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    for text in INTERNALS:
        assert text not in html


def test_a_signed_in_person_gets_links_to_their_own_pages(signed_in):
    html = signed_in.get("/no-such-page/").content.decode()
    assert reverse("practice:my-routines") in html
    assert reverse("practice:history") in html


def test_a_step_beyond_the_routine_explains_itself(client):
    routine = make_routine(steps=2, title="Evening")
    response = client.get(reverse("player:play-step", args=[routine.slug, 9]))
    assert response.status_code == 404
    assert "“Evening” has 2 steps; there is no step 9." in response.content.decode()


def test_a_bad_request_gets_a_calm_400(client):
    routine = make_routine(steps=1)
    response = client.get(reverse("player:play-step", args=[routine.slug, 1]) + "?use=abc")
    assert response.status_code == 400
    html = response.content.decode()
    assert "That link did not make sense to us" in html
    # Our own words about what was wrong, never a traceback or Django's exception text.
    assert "“use” must be a comma-separated list of variation numbers." in html
    assert "Traceback" not in html


def test_forbidden_gets_a_calm_403(client):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/")
    response = permission_denied(request, PermissionDenied("internal detail"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "That is not something you can do here" in html
    assert "internal detail" not in html


def test_the_500_page_stands_alone_and_says_sorry():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "<style" not in html
    assert "<script" not in html
