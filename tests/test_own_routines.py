"""Someone's own routine: private to them on every public page (staff included), and
bookmarked, played and recorded like any other for its owner."""

import pytest
from django.urls import reverse

from practice.models import Favourite, PracticeSession
from practice.signals import PENDING_FAVOURITE
from stretches.models import Routine

from .conftest import make_routine

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(user):
    return make_routine(steps=3, title="My three", owner=user, is_published=False)


def public_pages(routine):
    """The routine's page, every player step, every stop page and the finish page."""
    urls = [reverse("stretches:routine-detail", args=[routine.slug])]
    for number in range(1, len(routine.timeline()) + 1):
        urls.append(reverse("player:play-step", args=[routine.slug, number]))
        urls.append(reverse("player:this-hurts", args=[routine.slug, number]))
    urls.append(reverse("player:well-done", args=[routine.slug]))
    return urls


class TestOwnRoutinesArePrivate:
    def test_another_user_gets_404_everywhere(self, client, other_user, own):
        client.force_login(other_user)
        for url in public_pages(own):
            assert client.get(url).status_code == 404, url
            assert client.get(url, headers={"HX-Request": "true"}).status_code == 404, url

    def test_a_visitor_gets_404_everywhere(self, client, own):
        for url in public_pages(own):
            assert client.get(url).status_code == 404, url
            assert client.get(url, headers={"HX-Request": "true"}).status_code == 404, url

    def test_staff_get_404_everywhere(self, client, staff_user, own):
        client.force_login(staff_user)
        for url in public_pages(own):
            assert client.get(url).status_code == 404, url

    def test_a_published_own_routine_is_still_private(self, client, user, other_user):
        routine = make_routine(steps=2, owner=user, is_published=True)
        client.force_login(other_user)
        for url in public_pages(routine):
            assert client.get(url).status_code == 404, url
        assert routine.title not in client.get(reverse("stretches:routine-list")).content.decode()

    def test_another_user_cannot_bookmark_start_finish_or_stop_it(self, client, other_user, own):
        client.force_login(other_user)
        for url in (
            reverse("practice:favourite", args=[own.slug]),
            reverse("practice:session-start", args=[own.slug]),
            reverse("practice:record-finish", args=[own.slug]),
            reverse("practice:record-stop", args=[own.slug, 1]),
        ):
            assert client.post(url, {"favourite": "on", "pain": ""}).status_code == 404, url
        assert not Favourite.objects.exists()
        assert not PracticeSession.objects.exists()

    def test_a_pending_bookmark_of_someone_elses_routine_is_dropped(self, client, other_user, own):
        session = client.session
        session[PENDING_FAVOURITE] = own.pk
        session.save()
        credentials = {"username": "stroller", "password": "a-long-stroller-password"}
        client.post(reverse("login"), credentials)
        assert not Favourite.objects.exists()


class TestTheOwnerPlaysIt:
    def test_the_owner_sees_every_page(self, signed_in, own):
        for url in public_pages(own):
            assert signed_in.get(url).status_code == 200, url

    def test_the_page_says_it_is_theirs_not_a_draft(self, signed_in, own):
        html = signed_in.get(own.get_absolute_url()).content.decode()
        assert "Your own routine: only you can see it." in html
        assert "Draft" not in html
        own.share()
        html = signed_in.get(own.get_absolute_url()).content.decode()
        assert "only you can see it, and anyone with its shared link." in html

    def test_the_owner_bookmarks_plays_and_finishes_it(self, signed_in, user, own):
        signed_in.post(reverse("practice:favourite", args=[own.slug]), {"favourite": "on"})
        assert Favourite.objects.filter(user=user, routine=own).exists()
        signed_in.post(reverse("practice:session-start", args=[own.slug]), {"pain": "3"})
        session = PracticeSession.objects.get(user=user, routine=own)
        response = signed_in.post(
            reverse("practice:record-finish", args=[own.slug]), {"session": str(session.pk)}
        )
        assert response.status_code == 302
        session.refresh_from_db()
        assert session.status == PracticeSession.Status.COMPLETED
        assert "My three" in signed_in.get(reverse("practice:history")).content.decode()

    def test_a_pending_bookmark_of_their_own_routine_is_kept(self, client, user, own):
        session = client.session
        session[PENDING_FAVOURITE] = own.pk
        session.save()
        client.post(reverse("login"), {"username": "walker", "password": "a-long-walker-password"})
        assert Favourite.objects.filter(user=user, routine=own).exists()

    def test_an_empty_own_routine_cannot_be_started(self, signed_in, user):
        empty = make_routine(owner=user, title="Still building")
        response = signed_in.post(reverse("practice:session-start", args=[empty.slug]), {})
        assert response.status_code == 404
        assert not PracticeSession.objects.exists()

    def test_deleting_the_account_deletes_them(self, user, own):
        user.delete()
        assert not Routine.objects.filter(pk=own.pk).exists()


class TestMyRoutinesListsThem:
    URL = reverse("practice:my-routines")

    def test_it_lists_your_routines(self, signed_in, user, other_user, own):
        make_routine(steps=1, owner=other_user, title="Their own")
        response = signed_in.get(self.URL)
        assert [r.title for r in response.context["own"]] == ["My three"]
        html = response.content.decode()
        assert "Your routines" in html
        assert ">My three</a>" in html
        assert "Their own" not in html

    def test_own_routines_are_bookmarked_and_practised_like_any(self, signed_in, user, own):
        Favourite.objects.create(user=user, routine=own)
        practised = make_routine(steps=1, owner=user, title="Practised own")
        PracticeSession.record_without_start(user, practised, "completed", 1)
        response = signed_in.get(self.URL)
        assert [r.title for r in response.context["favourites"]] == ["My three"]
        assert [r.title for r in response.context["practised"]] == ["Practised own"]

    def test_an_empty_routine_is_never_listed_as_bookmarked_or_practised(
        self, signed_in, user, without_starter_routines
    ):
        empty = make_routine(title="Emptied since")
        Favourite.objects.create(user=user, routine=empty)
        PracticeSession.objects.create(
            user=user, routine=empty, routine_title=empty.title, step_count=0
        )
        own_empty = make_routine(owner=user, title="Mine, empty")
        Favourite.objects.create(user=user, routine=own_empty)
        response = signed_in.get(self.URL)
        assert response.context["favourites"] == []
        assert response.context["practised"] == []
        html = response.content.decode()
        assert "Emptied since" not in html
        # Listed under Your routines (to be finished), but with nothing to start.
        assert [r.title for r in response.context["own"]] == ["Mine, empty"]
        assert reverse("practice:session-start", args=[own_empty.slug]) not in html


class TestAdminLeavesItOut:
    def test_the_list_and_the_form_never_show_it(self, client, staff_user, user, own):
        client.force_login(staff_user)
        html = client.get(reverse("admin:stretches_routine_changelist")).content.decode()
        assert own.title not in html
        change = client.get(reverse("admin:stretches_routine_change", args=[own.pk]))
        assert change.status_code == 404

    def test_a_library_routine_keeps_its_view_on_site_link(self, client, staff_user):
        routine = make_routine(steps=1)
        client.force_login(staff_user)
        change = client.get(reverse("admin:stretches_routine_change", args=[routine.pk]))
        assert routine.get_absolute_url() in change.content.decode()


class TestQueryCounts:
    @pytest.mark.parametrize("steps", [2, 20])
    def test_a_step_of_an_own_routine_costs_the_same_at_any_length(
        self, signed_in, user, steps, django_assert_num_queries, session_queries
    ):
        routine = make_routine(steps=steps, owner=user)
        url = reverse("player:play-step", args=[routine.slug, 2])
        signed_in.get(url)  # the pointer is cached; own routines' contents never are
        # session, user, the routine, its steps, the exercises' variations, caution rules
        with django_assert_num_queries(session_queries + 5):
            assert signed_in.get(url, headers={"HX-Request": "true"}).status_code == 200

    @pytest.mark.parametrize("steps", [2, 20])
    def test_a_shared_step_costs_the_same_at_any_length(
        self, client, user, steps, django_assert_num_queries
    ):
        routine = make_routine(steps=steps, owner=user)
        token = routine.share()
        url = reverse("player:play-step", args=[routine.slug, 2])
        client.get(url, {"share": token})
        # the routine, its steps, the exercises' variations, caution rules; no session for
        # a visitor (whose session is not saved either)
        with django_assert_num_queries(4):
            response = client.get(url, {"share": token}, headers={"HX-Request": "true"})
        assert response.status_code == 200
