"""Share: a revocable, unguessable read-only link to your own routine, for anyone."""

import pytest
from django.test import Client
from django.urls import reverse

from stretches.models import Routine

from .conftest import make_routine

pytestmark = pytest.mark.django_db


def share(client, routine, wanted):
    return client.post(reverse("builder:share", args=[routine.slug]), {"share": wanted})


class TestShareRoutine:
    def test_it_makes_a_link_that_plays_for_a_visitor(self, signed_in, user):
        routine = make_routine(steps=2, owner=user, is_published=False)
        response = share(signed_in, routine, "on")
        assert response.status_code == 302
        routine.refresh_from_db()
        assert len(routine.share_token) >= 32
        html = signed_in.get(reverse("builder:edit", args=[routine.slug])).content.decode()
        assert routine.get_share_url() in html
        visitor = Client()
        assert visitor.get(routine.get_share_url()).status_code == 200
        # ...but not without the link.
        assert visitor.get(routine.get_absolute_url()).status_code == 404

    def test_sharing_twice_keeps_the_same_link(self, signed_in, user):
        routine = make_routine(steps=1, owner=user)
        share(signed_in, routine, "on")
        token = Routine.objects.get(pk=routine.pk).share_token
        share(signed_in, routine, "on")
        assert Routine.objects.get(pk=routine.pk).share_token == token

    def test_revoking_makes_the_old_link_404(self, signed_in, user):
        routine = make_routine(steps=1, owner=user)
        share(signed_in, routine, "on")
        routine.refresh_from_db()
        old_link = routine.get_share_url()
        assert share(signed_in, routine, "off").status_code == 302
        routine.refresh_from_db()
        assert routine.share_token is None
        assert Client().get(old_link).status_code == 404

    def test_a_bad_value_is_a_400_and_changes_nothing(self, signed_in, user):
        routine = make_routine(steps=1, owner=user)
        assert share(signed_in, routine, "maybe").status_code == 400
        routine.refresh_from_db()
        assert routine.share_token is None

    def test_someone_elses_routine_cannot_be_shared(self, signed_in, other_user):
        theirs = make_routine(steps=1, owner=other_user)
        assert share(signed_in, theirs, "on").status_code == 404
        theirs.refresh_from_db()
        assert theirs.share_token is None
