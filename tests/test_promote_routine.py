"""Routines offered to the library: people's shared routines, read-only, and Promote."""

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from stretches.models import OfferedRoutine, Routine

from .conftest import add_step, make_exercise, make_routine

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:stretches_offeredroutine_changelist")


def promote_url(routine):
    return reverse("admin:stretches_offeredroutine_promote", args=[routine.pk])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def shared(user):
    user.first_name, user.last_name = "Wanda", "Walker"
    user.save()
    routine = make_routine(
        owner=user,
        is_published=False,
        title="Patient's three",
        description="After my operation; ask Dr. Patel.",
    )
    add_step(routine, make_exercise(name="Slow hip roll"), hold_seconds=40, side="both")
    add_step(routine, make_exercise(name="Pelvic rock"), rounds=3)
    routine.share()
    return routine


class TestTheList:
    def test_it_lists_shared_routines_with_their_owner_and_when(self, editor_client, shared, user):
        make_routine(owner=user, is_published=False, title="Only mine", steps=1)
        make_routine(title="Library one", steps=1)

        response = editor_client.get(CHANGELIST)

        html = response.content.decode()
        assert response.status_code == 200
        assert [r.pk for r in response.context["cl"].result_list] == [shared.pk]
        assert "Wanda Walker" in html
        assert "Only mine" not in html
        assert "Library one" not in html

    def test_an_unshared_routine_leaves_the_list(self, editor_client, shared):
        shared.unshare()
        response = editor_client.get(CHANGELIST)
        assert list(response.context["cl"].result_list) == []
        page = reverse("admin:stretches_offeredroutine_change", args=[shared.pk])
        assert editor_client.get(page).status_code == 404

    def test_its_page_shows_the_steps_but_not_the_description(self, editor_client, shared):
        page = reverse("admin:stretches_offeredroutine_change", args=[shared.pk])
        html = editor_client.get(page).content.decode()
        assert "Slow hip roll — hold 40 s, both sides" in html
        assert "Pelvic rock — hold 30 s, × 3" in html
        assert "Dr. Patel" not in html
        assert promote_url(shared) in html

    def test_it_is_read_only(self, editor_client, shared):
        page = reverse("admin:stretches_offeredroutine_change", args=[shared.pk])
        response = editor_client.post(page, {"title": "Changed", "level": 1})
        assert response.status_code == 403
        add = editor_client.get(reverse("admin:stretches_offeredroutine_add"))
        assert add.status_code == 403
        delete = reverse("admin:stretches_offeredroutine_delete", args=[shared.pk])
        assert editor_client.post(delete, {"post": "yes"}).status_code == 403
        shared.refresh_from_db()
        assert shared.title == "Patient's three"

    def test_it_offers_no_bulk_delete(self, editor_client, shared):
        response = editor_client.get(CHANGELIST)
        actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
        assert "delete_selected" not in actions
        assert "promote" in actions


class TestPromote:
    def test_it_makes_a_library_draft_with_a_fresh_title_and_no_description(
        self, editor_client, editor, shared, user
    ):
        response = editor_client.post(promote_url(shared))

        draft = Routine.objects.get(promoted_from=shared)
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:stretches_routine_change", args=[draft.pk])
        assert draft.owner is None
        assert not draft.is_published
        assert draft.share_token is None
        assert draft.title == f"Offered routine {shared.pk}"
        assert draft.slug != shared.slug
        assert draft.description == ""
        assert [(s.exercise.name, s.hold_seconds, s.side, s.rounds) for s in draft.steps.all()] == [
            ("Slow hip roll", 40, "both", 1),
            ("Pelvic rock", 30, "none", 3),
        ]
        shared.refresh_from_db()
        assert shared.owner == user  # the person keeps theirs, still shared
        assert shared.share_token

    def test_it_writes_a_history_entry_saying_where_and_when(self, editor_client, editor, shared):
        editor_client.post(promote_url(shared))

        draft = Routine.objects.get(promoted_from=shared)
        version = Version.objects.get_for_object(draft).get()
        comment = version.revision.comment
        assert version.revision.user == editor
        assert f"from routine #{shared.pk} offered to the library" in comment
        assert timezone.localdate().strftime("%Y") in comment
        assert "Promoted on" in comment
        history = reverse("admin:stretches_routine_history", args=[draft.pk])
        assert comment in editor_client.get(history).content.decode()

    def test_promoting_twice_says_it_was_already_promoted(self, editor_client, shared):
        editor_client.post(promote_url(shared))
        response = editor_client.post(promote_url(shared), follow=True)

        assert Routine.objects.filter(promoted_from=shared).count() == 1
        assert "was already promoted" in response.content.decode()

    def test_the_list_action_promotes_and_says_so_the_second_time(self, editor_client, shared):
        data = {"action": "promote", "_selected_action": [shared.pk]}
        first = editor_client.post(CHANGELIST, data, follow=True)
        second = editor_client.post(CHANGELIST, data, follow=True)

        assert "into the library as a draft" in first.content.decode()
        assert "was already promoted" in second.content.decode()
        assert Routine.objects.filter(promoted_from=shared).count() == 1
        page = editor_client.get(CHANGELIST).content.decode()
        assert "Promoted:" in page

    def test_get_is_not_allowed(self, editor_client, shared):
        assert editor_client.get(promote_url(shared)).status_code == 405
        assert not Routine.objects.filter(promoted_from=shared).exists()

    def test_a_private_or_library_routine_cannot_be_promoted(self, editor_client, user):
        private = make_routine(owner=user, is_published=False, steps=1)
        library = make_routine(steps=1)
        for routine in (private, library):
            assert editor_client.post(promote_url(routine)).status_code == 404
        assert not Routine.objects.filter(promoted_from__isnull=False).exists()

    def test_someone_who_is_not_staff_cannot_promote(self, client, shared, user):
        client.force_login(user)
        response = client.post(promote_url(shared))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
        assert not Routine.objects.filter(promoted_from=shared).exists()

    def test_staff_outside_the_editors_cannot_see_or_promote(
        self, client, shared, django_user_model
    ):
        clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
        client.force_login(clerk)
        assert client.get(CHANGELIST).status_code == 403
        assert client.post(promote_url(shared)).status_code == 403
        assert not OfferedRoutine.objects.filter(promoted_from=shared).exists()
