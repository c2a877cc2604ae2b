"""The admin action that copies a person's shared routine into the library as a draft."""

import pytest
from django.urls import reverse

from stretches.models import Routine

from .conftest import add_step, make_exercise, make_routine

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:stretches_routine_changelist")


def run_action(client, *routines):
    return client.post(
        CHANGELIST,
        {"action": "copy_into_library", "_selected_action": [r.pk for r in routines]},
        follow=True,
    )


class TestCopyIntoLibrary:
    def test_a_shared_routine_becomes_a_library_draft(self, client, staff_user, user):
        shared = make_routine(
            owner=user, is_published=False, title="Patient's three", share_token="t" * 40
        )
        add_step(shared, make_exercise(name="A"), hold_seconds=40)
        add_step(shared, make_exercise(name="B"))
        client.force_login(staff_user)

        response = run_action(client, shared)

        copy = Routine.objects.get(owner=None, title="Patient's three")
        assert response.status_code == 200
        assert "Copied into the library as drafts" in response.content.decode()
        assert not copy.is_published
        assert copy.share_token is None
        assert [(s.exercise.name, s.hold_seconds) for s in copy.steps.all()] == [
            ("A", 40),
            ("B", 30),
        ]
        shared.refresh_from_db()
        assert shared.owner == user  # the person keeps theirs

    def test_a_private_routine_is_skipped(self, client, staff_user, user):
        private = make_routine(owner=user, is_published=False, title="Private", steps=1)
        client.force_login(staff_user)
        response = run_action(client, private)
        assert "Skipped 1" in response.content.decode()
        assert Routine.objects.filter(title="Private").count() == 1

    def test_someone_who_is_not_staff_cannot_run_it(self, client, user):
        shared = make_routine(owner=user, is_published=False, share_token="s" * 40, steps=1)
        client.force_login(user)
        response = run_action(client, shared)
        assert Routine.objects.filter(title=shared.title).count() == 1
        assert "/admin/login/" in response.redirect_chain[-1][0]
