"""New routine: start empty with a title, a description and a level; it is yours, a draft."""

import re

import pytest
from django.urls import reverse

from stretches.models import Routine

from .conftest import make_routine

pytestmark = pytest.mark.django_db

URL = reverse("builder:new")


class TestNewRoutine:
    def test_it_shows_the_form(self, signed_in):
        response = signed_in.get(URL)
        assert response.status_code == 200
        assert 'name="title"' in response.content.decode()

    def test_it_creates_an_empty_private_routine_and_opens_it_for_editing(self, signed_in, user):
        response = signed_in.post(URL, {"title": "Morning back", "description": "", "level": 1})
        routine = Routine.objects.get(title="Morning back")
        assert response.status_code == 302
        assert response["Location"] == reverse("builder:edit", args=[routine.slug])
        assert routine.owner == user
        assert not routine.is_published
        assert routine.steps.count() == 0

    def test_two_routines_of_the_same_title_get_different_slugs(self, signed_in):
        for _ in range(2):
            signed_in.post(URL, {"title": "Same", "description": "", "level": 1})
        slugs = set(Routine.objects.filter(title="Same").values_list("slug", flat=True))
        assert len(slugs) == 2
        assert all(re.fullmatch(r"same-[0-9a-f]{6}", slug) for slug in slugs)

    def test_the_slug_says_nothing_about_other_peoples_titles(self, signed_in, other_user):
        """Another person's routine of the same title (“iso-private-2” told of it)."""
        make_routine(owner=other_user, title="Iso private", slug="iso-private")
        make_routine(owner=other_user, title="Iso private", slug="iso-private-2")
        signed_in.post(URL, {"title": "Iso private", "description": "", "level": 1})
        mine = Routine.objects.get(owner__username="walker")
        assert re.fullmatch(r"iso-private-[0-9a-f]{6}", mine.slug)

    def test_a_missing_title_is_a_field_error(self, signed_in):
        response = signed_in.post(URL, {"title": "", "level": 1})
        assert response.status_code == 200
        assert response.context["form"].errors["title"]
        assert not Routine.objects.filter(owner__isnull=False).exists()

    def test_an_empty_routine_cannot_be_played(self, signed_in, user):
        signed_in.post(URL, {"title": "Empty", "description": "", "level": 1})
        slug = Routine.objects.get(title="Empty").slug
        assert signed_in.get(reverse("player:play-step", args=[slug, 1])).status_code == 404
        edit = signed_in.get(reverse("builder:edit", args=[slug])).content.decode()
        assert "Add a step to play it" in edit
