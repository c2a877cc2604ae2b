"""No page's query count grows with routine length or library size.

Every public page is measured with a 5-step routine in a 10-exercise library and a
200-step routine in a 1,000-exercise library, cold (nothing cached) and warm (the same
request again), with exact counts, so a regression and an unexplained change both show.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from practice.models import PracticeSession
from stretches.models import Exercise, Routine, RoutineStep, Side, Variation

pytestmark = pytest.mark.django_db

SIZES = [pytest.param((5, 10), id="5-steps-10-exercises"), pytest.param((200, 1000), id="200-1000")]
HTMX = {"HX-Request": "true"}
# With REDIS_URL set, sessions are read from the shared cache (cached_db), not the database.
SESSION_QUERIES = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


@pytest.fixture(params=SIZES)
def routine(request, without_starter_routines):
    """A published routine of `steps` steps drawn in turn from a library of `exercises`."""
    steps, size = request.param
    exercises = Exercise.objects.bulk_create(
        Exercise(name=f"Pose {n}", slug=f"pose-{n}", summary="S.", instructions="Lie down.")
        for n in range(size)
    )
    Variation.objects.bulk_create(
        Variation(exercise=exercise, name="Easier", changes="Less.", ladder=-1)
        for exercise in exercises
    )
    routine = Routine.objects.create(title="Long", slug="long", is_published=True)
    RoutineStep.objects.bulk_create(
        RoutineStep(
            routine=routine,
            order=n,
            exercise=exercises[n % size],
            hold_seconds=20,
            side=Side.BOTH if n % 3 == 0 else Side.NONE,
            rest_seconds=5,
        )
        for n in range(steps)
    )
    return routine


# A published routine from a cold cache: the routine, its steps (prefetched with their
# exercise and variation), every variation of those exercises, and their caution rules.
COLD = 4


def url(name, routine, *args):
    app = "stretches" if name == "routine-detail" else "player"
    return reverse(f"{app}:{name}", args=[routine.slug, *args])


def counts(client, path, django_assert_num_queries, cold, warm, headers=None):
    """The request costs `cold` queries with an empty cache, then `warm` when repeated."""
    for expected in (cold, warm):
        with django_assert_num_queries(expected):
            response = client.get(path, headers=headers or {})
        assert response.status_code == 200, path


class TestQueryCounts:
    def test_anonymous_htmx_step_costs_four_queries_cold_and_none_warm(
        self, client, routine, django_assert_num_queries
    ):
        counts(client, url("play-step", routine, 4), django_assert_num_queries, COLD, 0, HTMX)

    def test_another_step_of_a_cached_routine_costs_no_query(
        self, client, routine, django_assert_num_queries
    ):
        client.get(url("play-step", routine, 1), headers=HTMX)
        with django_assert_num_queries(0):
            assert client.get(url("play-step", routine, 5), headers=HTMX).status_code == 200

    def test_anonymous_player_page_costs_four_queries_cold_and_none_warm(
        self, client, routine, django_assert_num_queries
    ):
        counts(client, url("play-step", routine, 4), django_assert_num_queries, COLD, 0)

    def test_signed_in_step_costs_what_an_anonymous_one_does(
        self, signed_in, user, routine, django_assert_num_queries
    ):
        # The person's practice session rides in the links, filled into the shared panel.
        session = PracticeSession.start(user, routine)
        path = url("play-step", routine, 4) + f"?session={session.pk}"
        counts(signed_in, path, django_assert_num_queries, COLD, 0, HTMX)

    def test_signed_in_player_page_adds_only_the_session_and_the_user(
        self, signed_in, user, routine, django_assert_num_queries
    ):
        # The whole page around the shared panel, the person's session id in its links and
        # in the timeline kept for everyone (stretches/fragments.py): no query of its own.
        mine = SESSION_QUERIES + 1
        session = PracticeSession.start(user, routine)
        path = url("play-step", routine, 2) + f"?session={session.pk}&c=0"
        counts(signed_in, path, django_assert_num_queries, mine + COLD, mine)

    def test_signed_in_routine_list_and_page(self, signed_in, routine, django_assert_num_queries):
        # The content (routines, cards, facts, steps) is kept for everyone: warm, what is
        # left is the person's. List: session, user, bookmarks; Today: plan, time zone,
        # sessions. Page: session, user, plan, bookmarks (and the health answers, when
        # the routine names a condition).
        mine = SESSION_QUERIES + 1
        path = reverse("stretches:routine-list")
        counts(signed_in, path, django_assert_num_queries, mine + 7, mine + 4)
        counts(
            signed_in, url("routine-detail", routine), django_assert_num_queries, mine + 6, mine + 2
        )

    def test_signed_in_last_step_adds_only_the_session_and_the_user(
        self, signed_in, routine, django_assert_num_queries
    ):
        mine = SESSION_QUERIES + 1  # the session, then the user: Finish is their own form
        path = url("play-step", routine, len(routine.timeline()))
        counts(signed_in, path, django_assert_num_queries, mine + COLD, mine, HTMX)

    def test_routine_page(self, client, routine, django_assert_num_queries):
        counts(client, url("routine-detail", routine), django_assert_num_queries, COLD, 0)

    def test_stop_page(self, client, routine, django_assert_num_queries):
        counts(client, url("this-hurts", routine, 4), django_assert_num_queries, COLD, 0)

    def test_finish_page(self, client, routine, django_assert_num_queries):
        counts(client, url("well-done", routine), django_assert_num_queries, COLD, 0)

    def test_routine_list(self, client, routine, django_assert_num_queries):
        # published routines, their steps (with exercises), and the exercises' variations;
        # then the page from the shared page cache (stretches.pagecache)
        counts(client, reverse("stretches:routine-list"), django_assert_num_queries, 3, 0)

    def test_filtered_routine_list(self, client, routine, django_assert_num_queries):
        # Computed each time (a filter is not page-cached): three queries for the published
        # routines, then none while they are kept (stretches/fragments.py).
        path = reverse("stretches:routine-list") + "?level=1"
        counts(client, path, django_assert_num_queries, 3, 0)

    def test_exercise_page(self, client, routine, django_assert_num_queries):
        path = Exercise.objects.get(slug="pose-3").get_absolute_url()
        counts(client, path, django_assert_num_queries, 2, 0)
