"""Two tabs bookmarking at the same instant leave exactly one row (a real race, on PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from practice.models import Favourite

from .conftest import make_routine

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers, so there is no race to test; CI runs this on PostgreSQL",
)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_bookmarks_from_two_tabs_leave_one_row(django_user_model):
    user = django_user_model.objects.create_user("racer", password="a-long-racer-password")
    routine = make_routine(steps=1)
    url = reverse("practice:favourite", args=[routine.slug])
    start = threading.Barrier(4)
    statuses = []

    def tab():
        try:
            client = Client()
            client.force_login(user)
            start.wait()
            statuses.append(client.post(url, {"favourite": "on"}).status_code)
        finally:
            connections.close_all()  # each thread has its own connection; let the DB go

    tabs = [threading.Thread(target=tab) for _ in range(4)]
    for thread in tabs:
        thread.start()
    for thread in tabs:
        thread.join()
    assert statuses == [302] * 4
    assert Favourite.objects.filter(user=user, routine=routine).count() == 1
