"""Own routines on My routines, in history like any other, and gone with the account."""

import pytest
from django.urls import reverse

from practice.models import PracticeSession
from stretches.models import Routine, RoutineStep

from .conftest import add_step, make_exercise, make_routine

pytestmark = pytest.mark.django_db


class TestOwnRoutines:
    def test_my_routines_lists_yours_with_edit_and_a_new_routine_button(
        self, signed_in, user, other_user
    ):
        mine = make_routine(owner=user, is_published=False, title="Mine")
        add_step(mine, make_exercise())
        make_routine(owner=user, is_published=False, title="Empty one")
        make_routine(owner=other_user, is_published=False, title="Theirs")
        html = signed_in.get(reverse("practice:my-routines")).content.decode()
        assert "Your routines" in html
        assert reverse("builder:new") in html
        assert reverse("builder:edit", args=[mine.slug]) in html
        assert "No steps yet: add a step to play it." in html
        assert "Theirs" not in html

    def test_playing_your_own_routine_is_recorded_in_history(self, signed_in, user):
        mine = make_routine(owner=user, is_published=False, steps=2)
        response = signed_in.post(reverse("practice:session-start", args=[mine.slug]))
        assert response.status_code == 302
        assert PracticeSession.objects.get(user=user).routine == mine

    def test_deleting_the_account_deletes_them(self, user, other_user):
        mine = make_routine(owner=user, is_published=False, steps=2)
        theirs = make_routine(owner=other_user, is_published=False, steps=1)
        user.delete()
        assert not Routine.objects.filter(pk=mine.pk).exists()
        assert not RoutineStep.objects.filter(routine_id=mine.pk).exists()
        assert Routine.objects.filter(pk=theirs.pk).exists()

    def test_delete_asks_first_and_deletes_nothing_until_confirmed(self, signed_in, user):
        mine = make_routine(owner=user, is_published=False, steps=3)
        mine.share()
        edit = signed_in.get(reverse("builder:edit", args=[mine.slug])).content.decode()
        confirm_url = reverse("builder:delete", args=[mine.slug])
        assert f'href="{confirm_url}"' in edit  # a link to the question, not a delete button
        response = signed_in.get(confirm_url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f"Delete “{mine.title}”?" in html
        assert "its 3 steps" in html
        assert "shared link" in html
        assert reverse("builder:export", args=[mine.slug]) in html
        assert f'action="{confirm_url}"' in html
        assert Routine.objects.filter(pk=mine.pk).exists()

    def test_delete_removes_the_routine_and_returns_to_my_routines(self, signed_in, user):
        mine = make_routine(owner=user, is_published=False, steps=1)
        response = signed_in.post(reverse("builder:delete", args=[mine.slug]))
        assert response.status_code == 302
        assert response["Location"] == reverse("practice:my-routines")
        assert not Routine.objects.filter(pk=mine.pk).exists()

    @pytest.mark.parametrize("count", [2, 20])
    def test_my_routines_query_count_does_not_grow_with_own_routines(
        self, signed_in, user, count, django_assert_max_num_queries, without_starter_routines
    ):
        for _ in range(count):
            make_routine(owner=user, is_published=False, steps=3)
        with django_assert_max_num_queries(11):
            response = signed_in.get(reverse("practice:my-routines"))
        assert response.content.decode().count("3 steps") == count
