"""Start, Finish and Stop under real concurrency (threads with their own connections, on
PostgreSQL): two tabs, double taps and the timer racing a tap each leave the right rows."""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from practice.models import PracticeSession

from .conftest import make_routine

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers, so there is no race to test; CI runs this on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def racer(django_user_model):
    return django_user_model.objects.create_user("racer", password="a-long-racer-password")


def at_once(user, requests):
    """Send each (url, data) POST from its own client and thread, all released together."""
    start = threading.Barrier(len(requests))
    responses = [None] * len(requests)

    def tab(index, url, data):
        try:
            client = Client()
            client.force_login(user)
            start.wait()
            responses[index] = client.post(url, data)
        finally:
            connections.close_all()  # each thread has its own connection; let the DB go

    threads = [
        threading.Thread(target=tab, args=(i, url, data)) for i, (url, data) in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def session_id(response):
    return int(re.search(r"session=(\d+)", response["Location"]).group(1))


def test_two_tabs_starting_two_routines_keep_both_sessions_and_close_both(racer):
    first, second = make_routine(steps=3), make_routine(steps=3)
    starts = at_once(
        racer,
        [
            (reverse("practice:session-start", args=[first.slug]), {"pain": "6"}),
            (reverse("practice:session-start", args=[second.slug]), {"pain": "3"}),
        ],
    )
    assert [r.status_code for r in starts] == [302, 302]
    ids = [session_id(r) for r in starts]
    assert set(PracticeSession.objects.values_list("pk", flat=True)) == set(ids)

    ends = at_once(
        racer,
        [
            (reverse("practice:record-finish", args=[first.slug]), {"session": ids[0]}),
            (reverse("practice:record-stop", args=[second.slug, 2]), {"session": ids[1]}),
        ],
    )
    assert [r.status_code for r in ends] == [302, 302]
    rows = {s.routine_id: s for s in PracticeSession.objects.all()}
    assert len(rows) == 2  # no false "completed, no start" row
    assert (rows[first.pk].status, rows[first.pk].pain_before) == ("completed", 6)
    assert (rows[second.pk].status, rows[second.pk].reached_step) == ("stopped", 2)
    assert rows[second.pk].pain_before == 3


def test_four_starts_of_one_routine_at_once_open_one_session(racer):
    routine = make_routine(steps=2)
    url = reverse("practice:session-start", args=[routine.slug])
    responses = at_once(racer, [(url, {"pain": "5"})] * 4)
    assert [r.status_code for r in responses] == [302] * 4
    assert len({session_id(r) for r in responses}) == 1
    assert PracticeSession.objects.count() == 1


def test_a_double_finish_at_once_closes_the_session_once(racer):
    routine = make_routine(steps=2)
    session = PracticeSession.start(racer, routine, pain_before=4)
    url = reverse("practice:record-finish", args=[routine.slug])
    responses = at_once(racer, [(url, {"session": session.pk})] * 4)
    finish = reverse("player:well-done", args=[routine.slug])
    assert {r["Location"] for r in responses} == {f"{finish}?session={session.pk}"}
    session.refresh_from_db()
    assert session.status == PracticeSession.Status.COMPLETED
    assert PracticeSession.objects.count() == 1


def test_finish_racing_stop_leaves_one_closed_session(racer):
    routine = make_routine(steps=3)
    session = PracticeSession.start(racer, routine)
    responses = at_once(
        racer,
        [
            (reverse("practice:record-finish", args=[routine.slug]), {"session": session.pk}),
            (reverse("practice:record-stop", args=[routine.slug, 3]), {"session": session.pk}),
        ],
    )
    assert [r.status_code for r in responses] == [302, 302]
    session.refresh_from_db()
    assert session.status in {"completed", "stopped"}
    assert PracticeSession.objects.count() == 1


def test_a_double_finish_without_start_records_one_session(racer):
    routine = make_routine(steps=2)
    url = reverse("practice:record-finish", args=[routine.slug])
    responses = at_once(racer, [(url, {})] * 4)
    assert [r.status_code for r in responses] == [302] * 4
    assert PracticeSession.objects.count() == 1
