"""Goals from two tabs at once, on PostgreSQL: the limit of three holds."""

import pytest
from django.db import connection
from django.urls import reverse

from plans.models import MAX_GOALS, Goal

from .test_session_concurrency import at_once

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers, so there is no race to test; CI runs this on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_tabs_adding_the_last_goal_at_once_make_only_one(django_user_model):
    person = django_user_model.objects.create_user("goals", password="a-long-goals-password")
    for n in range(MAX_GOALS - 1):
        Goal.objects.create(user=person, activity=f"Goal {n}")
    url = reverse("plans:goals")
    responses = at_once(
        person,
        [(url, {"activity": "Putting on socks", "score": 4}) for _ in range(4)],
    )
    assert Goal.objects.filter(user=person).count() == MAX_GOALS
    assert sorted(r.status_code for r in responses) == [302, 400, 400, 400]
