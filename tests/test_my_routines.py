"""My routines: bookmarked routines first (newest bookmark first), then those practised lately."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.models import Favourite

from .conftest import make_routine, make_session

pytestmark = pytest.mark.django_db

URL = reverse("practice:my-routines")


def bookmark(user, routine, days_ago):
    favourite = Favourite.objects.create(user=user, routine=routine)
    # `created` is auto_now_add, so set the bookmark's age afterwards.
    Favourite.objects.filter(pk=favourite.pk).update(
        created=timezone.now() - datetime.timedelta(days=days_ago)
    )


class TestMyRoutines:
    def test_it_lists_bookmarks_newest_first_then_practised_recently(
        self, signed_in, user, without_starter_routines
    ):
        old_bookmark = make_routine(steps=1, title="Old bookmark")
        new_bookmark = make_routine(steps=1, title="New bookmark")
        long_ago = make_routine(steps=1, title="Practised long ago")
        lately = make_routine(steps=1, title="Practised lately")
        make_routine(steps=1, title="Never touched")
        bookmark(user, old_bookmark, days_ago=5)
        bookmark(user, new_bookmark, days_ago=1)
        make_session(user, long_ago, days_ago=9)
        make_session(user, lately, days_ago=2)
        make_session(user, long_ago, days_ago=8)

        response = signed_in.get(URL)

        assert response.status_code == 200
        assert [r.title for r in response.context["favourites"]] == [
            "New bookmark",
            "Old bookmark",
        ]
        assert [r.title for r in response.context["practised"]] == [
            "Practised lately",
            "Practised long ago",
        ]
        html = response.content.decode()
        assert "Never touched" not in html
        positions = [
            html.index(f">{title}</a>")
            for title in ("New bookmark", "Old bookmark", "Practised lately", "Practised long ago")
        ]
        assert positions == sorted(positions)

    def test_a_bookmarked_routine_that_was_practised_is_listed_once(
        self, signed_in, user, without_starter_routines
    ):
        routine = make_routine(steps=1, title="Both at once")
        bookmark(user, routine, days_ago=1)
        make_session(user, routine)
        make_session(user, routine, days_ago=1)
        response = signed_in.get(URL)
        assert [r.title for r in response.context["favourites"]] == ["Both at once"]
        assert response.context["practised"] == []
        assert response.content.decode().count(">Both at once</a>") == 1

    def test_bookmarks_show_as_pressed_toggles(self, signed_in, user, without_starter_routines):
        routine = make_routine(steps=1)
        bookmark(user, routine, days_ago=0)
        html = signed_in.get(URL).content.decode()
        assert reverse("practice:favourite", args=[routine.slug]) in html
        assert 'aria-pressed="true"' in html

    def test_it_says_so_when_nothing_is_bookmarked(self, signed_in):
        html = signed_in.get(URL).content.decode()
        assert "You have not bookmarked a routine yet." in html
        assert "Practised recently" not in html

    def test_it_shows_only_the_users_own_routines(
        self, signed_in, other_user, without_starter_routines
    ):
        bookmark(other_user, make_routine(steps=1, title="Their bookmark"), days_ago=0)
        make_session(other_user, make_routine(steps=1, title="Their practice"))
        response = signed_in.get(URL)
        html = response.content.decode()
        assert "Their bookmark" not in html
        assert "Their practice" not in html
        assert response.context["favourites"] == []
        assert response.context["practised"] == []

    def test_it_leaves_out_drafts(self, signed_in, user, without_starter_routines):
        draft = make_routine(steps=1, title="Now a draft", is_published=False)
        bookmark(user, draft, days_ago=0)
        make_session(user, draft)
        assert "Now a draft" not in signed_in.get(URL).content.decode()

    def test_it_sends_a_visitor_to_sign_in(self, client):
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={URL}"

    def test_it_rejects_post(self, signed_in):
        assert signed_in.post(URL).status_code == 405

    def test_query_count_does_not_grow(
        self, signed_in, user, without_starter_routines, django_assert_max_num_queries
    ):
        for size in (2, 20):
            for _ in range(size):
                bookmark(user, make_routine(steps=3), days_ago=0)
                make_session(user, make_routine(steps=3))
            # 9: one of them lists the person's own routines (the builder's block).
            with django_assert_max_num_queries(9):
                response = signed_in.get(URL)
            assert response.status_code == 200
            assert len(response.context["favourites"]) >= size
