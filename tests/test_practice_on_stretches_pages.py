"""The practice parts of the public pages: bookmarks, Start with a rating, Finish and Stop saved."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.urls import reverse

from practice.models import Favourite, PracticeSession
from stretches.models import Routine

from .conftest import make_routine, make_session

pytestmark = pytest.mark.django_db

HOME = reverse("stretches:routine-list")


def favourite_action(routine):
    return f'action="{reverse("practice:favourite", args=[routine.slug])}"'


def finish_page(routine, query=""):
    return reverse("player:well-done", args=[routine.slug]) + query


def step_url(routine, number, query=""):
    return reverse("player:play-step", args=[routine.slug, number]) + query


def links(html):
    """The page's links, without the routine version and place every player link carries."""
    found = set()
    for href in re.findall(r'href="([^"]*)"', html):
        url = urlsplit(unescape(href))
        query = [(k, v) for k, v in parse_qsl(url.query) if k not in ("v", "at")]
        found.add(url.path + ("?" + urlencode(query, safe=",") if query else ""))
    return found


@pytest.fixture
def routine():
    return make_routine(steps=3, title="Morning unknot")


class TestRoutineList:
    def test_bookmarked_routines_come_first_for_a_signed_in_user(
        self, signed_in, user, without_starter_routines
    ):
        make_routine(steps=1, title="Aardvark stretch")
        liked = make_routine(steps=1, title="Zebra stretch")
        Favourite.objects.create(user=user, routine=liked)
        html = signed_in.get(HOME).content.decode()
        bookmarks, more = html.split('<h2 id="routines-heading">')
        assert ">Zebra stretch</a>" in bookmarks
        assert ">Aardvark stretch</a>" not in bookmarks
        assert ">Aardvark stretch</a>" in more
        assert ">Zebra stretch</a>" not in more
        assert "Your bookmarked routines" in html
        assert '<h2 id="routines-heading">More routines</h2>' in html
        assert html.index(">Zebra stretch</a>") < html.index(">Aardvark stretch</a>")

    def test_someone_elses_bookmarks_do_not_move_routines(
        self, signed_in, other_user, without_starter_routines
    ):
        Favourite.objects.create(user=other_user, routine=make_routine(steps=1))
        html = signed_in.get(HOME).content.decode()
        assert "Your bookmarked routines" not in html
        assert '<h2 id="routines-heading">All routines</h2>' in html

    def test_a_visitor_sees_no_bookmarks_section(self, client, user, routine):
        Favourite.objects.create(user=user, routine=routine)
        html = client.get(HOME).content.decode()
        assert "Your bookmarked routines" not in html
        assert favourite_action(routine) in html
        assert 'aria-pressed="true"' not in html

    def test_every_card_has_a_bookmark_toggle(self, signed_in, user, without_starter_routines):
        liked, other = make_routine(steps=1), make_routine(steps=1)
        Favourite.objects.create(user=user, routine=liked)
        html = signed_in.get(HOME).content.decode()
        assert favourite_action(liked) in html
        assert favourite_action(other) in html
        assert html.count('aria-pressed="true"') == 1
        assert f'<input type="hidden" name="next" value="{HOME}">' in html

    def test_a_signed_in_cards_start_is_a_post(self, signed_in, routine):
        html = signed_in.get(HOME).content.decode()
        assert f'action="{reverse("practice:session-start", args=[routine.slug])}"' in html


class TestRoutineDetail:
    def test_the_bookmark_toggle_shows_its_state(self, signed_in, user, routine):
        url = routine.get_absolute_url()
        html = signed_in.get(url).content.decode()
        assert favourite_action(routine) in html
        assert 'aria-pressed="false"' in html
        Favourite.objects.create(user=user, routine=routine)
        html = signed_in.get(url).content.decode()
        assert 'aria-pressed="true"' in html
        assert f'<input type="hidden" name="next" value="{url}">' in html

    def test_a_signed_in_user_starts_with_a_pain_rating(self, signed_in, routine):
        html = signed_in.get(routine.get_absolute_url()).content.decode()
        form = html[html.index('<form class="pain-form"') :]
        form = form[: form.index("</form>")]
        assert f'action="{reverse("practice:session-start", args=[routine.slug])}"' in form
        assert 'method="post"' in form
        assert "csrfmiddlewaretoken" in form
        for value in range(11):
            assert f'name="pain" value="{value}"' in form
        assert 'name="pain" value=""' in form
        assert "Start without rating" in form
        assert f'href="{step_url(routine, 1)}"' not in html

    def test_a_visitor_starts_with_a_link(self, client, routine):
        html = client.get(routine.get_absolute_url()).content.decode()
        assert f'href="{step_url(routine, 1)}#start"' in html
        assert reverse("practice:session-start", args=[routine.slug]) not in html
        assert favourite_action(routine) in html


class TestPlayer:
    def test_a_signed_in_users_last_step_finishes_with_a_post(self, signed_in, routine):
        html = signed_in.get(step_url(routine, 3)).content.decode()
        form = html[html.index('<form class="inline-form" method="post" action="/routines/') :]
        form = form[: form.index("</form>")]
        assert f'action="{reverse("practice:record-finish", args=[routine.slug])}"' in form
        assert 'id="finish-routine"' in form
        assert "csrfmiddlewaretoken" in form
        assert 'name="use"' not in form

    def test_the_finish_form_carries_the_easier_versions(self, signed_in):
        from .conftest import add_step, make_exercise, make_variation

        routine = make_routine()
        pigeon = make_exercise(name="Test pigeon")
        easier = make_variation(pigeon, ladder=-1)
        add_step(routine, pigeon)
        html = signed_in.get(step_url(routine, 1, f"?use={easier.pk}")).content.decode()
        assert f'<input type="hidden" name="use" value="{easier.pk}">' in html

    def test_an_htmx_last_step_has_the_finish_form_too(self, signed_in, routine):
        html = signed_in.get(step_url(routine, 3), HTTP_HX_REQUEST="true").content.decode()
        assert f'action="{reverse("practice:record-finish", args=[routine.slug])}"' in html

    def test_earlier_steps_have_no_finish_form(self, signed_in, routine):
        html = signed_in.get(step_url(routine, 2)).content.decode()
        assert reverse("practice:record-finish", args=[routine.slug]) not in html

    def test_a_visitors_finish_is_a_link(self, client, routine):
        html = client.get(step_url(routine, 3)).content.decode()
        # It carries the version played (the finish page describes that one).
        version = Routine.objects.get(pk=routine.pk).version
        finish = f"{finish_page(routine)}?v={version}"
        assert f'<a id="finish-routine" class="button" href="{finish}"' in html
        assert reverse("practice:record-finish", args=[routine.slug]) not in html


class TestStopPage:
    def test_a_signed_in_user_can_stop_for_today_and_save_it(self, signed_in, routine):
        url = reverse("player:this-hurts", args=[routine.slug, 2])
        html = signed_in.get(url).content.decode()
        action = reverse("practice:record-stop", args=[routine.slug, 2])
        form = html[html.index(f'action="{action}"') :]
        form = form[: form.index("</form>")]
        assert "Stop for today and save it in my history" in form
        assert "csrfmiddlewaretoken" in form
        # Queued on the device when offline, sent once when back (offline.js).
        assert (
            f'<form class="inline-form" method="post" action="{action}" data-queue="Stop">' in html
        )

    def test_a_visitor_just_stops(self, client, routine):
        html = client.get(reverse("player:this-hurts", args=[routine.slug, 2])).content.decode()
        assert "Stop for today and save it" not in html
        assert reverse("practice:record-stop", args=[routine.slug, 2]) not in html


class TestFinishPage:
    def test_it_says_the_session_is_saved_and_asks_about_pain(self, signed_in, user, routine):
        session = make_session(user, routine)
        html = signed_in.get(finish_page(routine, f"?session={session.pk}")).content.decode()
        assert "Saved to your" in html
        assert f'<a href="{reverse("practice:history")}">practice history</a>' in html
        assert f'action="{reverse("practice:session-pain", args=[session.pk])}"' in html
        assert "How does your back feel now?" in html

    def test_a_rated_session_is_not_asked_again(self, signed_in, user, routine):
        session = make_session(user, routine, pain_after=2)
        html = signed_in.get(finish_page(routine, f"?session={session.pk}")).content.decode()
        assert "Saved to your" in html
        assert reverse("practice:session-pain", args=[session.pk]) not in html

    def test_without_a_session_it_says_nothing_about_saving(self, signed_in, routine):
        html = signed_in.get(finish_page(routine)).content.decode()
        assert "Saved to your" not in html
        # Only a hidden rating, for a run started offline: offline.js shows it when the
        # phone kept that run's Finish, and the rating names it.
        assert html.count('class="pain-form"') == 1
        assert html.index("<div data-queue-reveal hidden>") < html.index('class="pain-form"')
        action = reverse("practice:record-pain", args=[routine.slug])
        assert f'action="{action}" data-queue="Pain rating" data-queue-names="finish"' in html

    def test_it_has_the_bookmark_toggle(self, signed_in, user, routine):
        Favourite.objects.create(user=user, routine=routine)
        html = signed_in.get(finish_page(routine)).content.decode()
        assert favourite_action(routine) in html
        assert 'aria-pressed="true"' in html

    def test_a_visitor_is_invited_to_sign_in(self, client, routine):
        html = client.get(finish_page(routine)).content.decode()
        assert "to bookmark routines and keep a history of your practice" in html
        assert favourite_action(routine) in html

    def test_a_visitor_with_a_session_number_is_shown_nothing_of_it(self, client, user, routine):
        session = make_session(user, routine)
        response = client.get(finish_page(routine, f"?session={session.pk}"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Saved to your" not in html
        assert reverse("practice:session-pain", args=[session.pk]) not in html

    def test_someone_elses_session_shows_nothing_of_theirs(self, client, other_user, user, routine):
        # The finish page carries the id opaquely; practice's tag shows only the owner's.
        session = make_session(user, routine)
        client.force_login(other_user)
        response = client.get(finish_page(routine, f"?session={session.pk}"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Saved to your" not in html
        assert reverse("practice:session-pain", args=[session.pk]) not in html

    def test_a_session_of_another_routine_shows_nothing(self, signed_in, user, routine):
        session = make_session(user, make_routine(steps=1))
        html = signed_in.get(finish_page(routine, f"?session={session.pk}")).content.decode()
        assert "Saved to your" not in html
        assert reverse("practice:session-pain", args=[session.pk]) not in html

    @pytest.mark.parametrize("session", ["abc", "-1", "0", "99999999999999999999"])
    def test_a_session_that_cannot_be_a_session_number_is_400(self, signed_in, routine, session):
        assert signed_in.get(finish_page(routine, f"?session={session}")).status_code == 400

    def test_the_whole_flow_saves_one_completed_session(self, signed_in, user, routine):
        start = signed_in.post(reverse("practice:session-start", args=[routine.slug]), {"pain": ""})
        started = PracticeSession.objects.get(user=user)
        query = f"?session={started.pk}"
        assert start["Location"] == step_url(routine, 1, query) + "#start"
        # Every step's links carry the session on to the last step's Finish form.
        html = signed_in.get(step_url(routine, 1, query)).content.decode()
        assert step_url(routine, 2, query) in links(html)
        html = signed_in.get(step_url(routine, 3, query)).content.decode()
        assert f'<input type="hidden" name="session" value="{started.pk}">' in html
        response = signed_in.post(
            reverse("practice:record-finish", args=[routine.slug]),
            {"session": str(started.pk)},
            follow=True,
        )
        session = PracticeSession.objects.get(user=user)
        assert session.status == PracticeSession.Status.COMPLETED
        assert session.started_at is not None
        assert response.redirect_chain == [(finish_page(routine, f"?session={session.pk}"), 302)]
        assert "Saved to your" in response.content.decode()

    def test_two_tabs_on_two_routines_each_close_their_own(self, signed_in, user, routine):
        other = make_routine(steps=2, title="Evening unknot")
        start = reverse("practice:session-start", args=[routine.slug])
        signed_in.post(start, {"pain": "4"})
        signed_in.post(reverse("practice:session-start", args=[other.slug]), {"pain": "5"})
        mine, theirs = (PracticeSession.objects.get(routine=r) for r in (routine, other))
        signed_in.post(
            reverse("practice:record-finish", args=[other.slug]), {"session": str(theirs.pk)}
        )
        signed_in.post(
            reverse("practice:record-stop", args=[routine.slug, 2]), {"session": str(mine.pk)}
        )
        mine.refresh_from_db()
        theirs.refresh_from_db()
        assert (mine.status, mine.reached_step, mine.pain_before) == ("stopped", 2, 4)
        assert (theirs.status, theirs.pain_before) == ("completed", 5)
        assert PracticeSession.objects.count() == 2


class TestPlayerCarriesTheSession:
    def test_the_stop_link_and_the_stop_page_carry_it(self, signed_in, user, routine):
        session = PracticeSession.start(user, routine)
        query = f"?session={session.pk}"
        html = signed_in.get(step_url(routine, 2, query)).content.decode()
        stop = reverse("player:this-hurts", args=[routine.slug, 2])
        assert stop + query in links(html)
        html = signed_in.get(stop + query).content.decode()
        assert f'<input type="hidden" name="session" value="{session.pk}">' in html
        assert step_url(routine, 2, query) in links(html)  # resume
        assert step_url(routine, 3, query) in links(html)  # skip

    def test_easier_versions_and_the_session_travel_together(self, signed_in, user):
        from .conftest import add_step, make_exercise, make_variation

        routine = make_routine()
        pigeon = make_exercise(name="Test pigeon")
        easier = make_variation(pigeon, ladder=-1)
        add_step(routine, pigeon)
        add_step(routine, pigeon)
        session = PracticeSession.start(user, routine)
        query = f"?use={easier.pk}&session={session.pk}"
        html = signed_in.get(step_url(routine, 1, query)).content.decode()
        assert step_url(routine, 2, query) in links(html)

    def test_someone_elses_session_cannot_be_closed_from_their_links(
        self, signed_in, other_user, routine
    ):
        # The player carries the id opaquely; Finish and Stop (practice) refuse it.
        theirs = PracticeSession.start(other_user, routine, pain_before=7)
        for url in (
            step_url(routine, 1),
            reverse("player:this-hurts", args=[routine.slug, 1]),
        ):
            response = signed_in.get(f"{url}?session={theirs.pk}")
            assert response.status_code == 200
            assert "Saved to your" not in response.content.decode()
        finish = reverse("practice:record-finish", args=[routine.slug])
        stop = reverse("practice:record-stop", args=[routine.slug, 1])
        assert signed_in.post(finish, {"session": str(theirs.pk)}).status_code == 404
        assert signed_in.post(stop, {"session": str(theirs.pk)}).status_code == 404
        theirs.refresh_from_db()
        assert theirs.status == PracticeSession.Status.IN_PROGRESS
        assert theirs.finished_at is None

    def test_a_visitor_player_ignores_a_session_and_carries_none(self, client, user, routine):
        session = PracticeSession.start(user, routine)
        response = client.get(step_url(routine, 1, f"?session={session.pk}"))
        assert response.status_code == 200
        assert "session=" not in response.content.decode()

    def test_without_a_session_the_player_links_are_as_before(self, signed_in, routine):
        html = signed_in.get(step_url(routine, 1)).content.decode()
        assert step_url(routine, 2) in links(html)
        assert 'name="session"' not in html

    def test_carrying_the_session_costs_no_query(
        self, signed_in, user, routine, django_assert_num_queries, session_queries
    ):
        session = PracticeSession.start(user, routine)
        # session, user, then the routine (cold: the routine, steps, variations, rules)
        with django_assert_num_queries(session_queries + 5):
            signed_in.get(step_url(routine, 2))
        # warm: session, user. The player no longer checks the session (it was one query):
        # it carries the id, and practice checks it is theirs when Finish or Stop acts.
        with django_assert_num_queries(session_queries + 1):
            signed_in.get(step_url(routine, 2, f"?session={session.pk}"))


@pytest.mark.parametrize("history", [1, 40])
def test_the_routine_page_with_bookmark_costs_the_same_whatever_the_history(
    signed_in, user, history, django_assert_num_queries, session_queries
):
    """Signed in, a routine's page (Bookmark state, the plan's rungs) costs a fixed number
    of queries however many sessions the person has practised."""
    from .plan_factories import make_plan

    routine = make_routine(steps=3)
    make_plan(user, routine)
    Favourite.objects.create(user=user, routine=routine)
    for n in range(history):
        make_session(user, routine, days_ago=n % 60)
    signed_in.get(routine.get_absolute_url())  # warm the routine cache
    # user, favourites; the plan's rung line: the plan, its routines with their steps
    # and variations (progress.load_plan), the rungs. None reads the history.
    with django_assert_num_queries(7 + session_queries):
        html = signed_in.get(routine.get_absolute_url()).content.decode()
    assert 'aria-pressed="true"' in html
