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
