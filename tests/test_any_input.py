"""Property-based: generated paths, queries, methods, htmx headers and CSRF tokens thrown at
every URL pattern, as a visitor, a signed-in person and staff. No input is a 500, and a
rejected request (or one without a valid CSRF token) changes nothing."""

import re
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLResolver, get_resolver
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from practice.models import Favourite, PracticeSession, Profile
from stretches.models import Exercise, Routine

from .conftest import make_routine, make_session

pytestmark = pytest.mark.django_db

EXAMPLES = 6  # per URL pattern: 81 patterns, so about 500 requests in all


def url_patterns(patterns=None, prefix=""):
    """Every URL pattern as its full route text (admin's regex ones included)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


ROUTES = sorted(set(url_patterns()))
PLACEHOLDER = re.compile(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)")

ODD_VALUES = [
    "0",
    "-1",
    "1",
    "2",
    "3",
    str(2**63),
    str(2**63 - 1),
    "9" * 4301,
    "1" * 20_000,
    "١٢",
    "1.5",
    " 1",
    "1,2",
    ",",
    "%00",
    "\x00",
    "\x1b",
    "\x7f",
    "\t1",
    "<script>",
    "../../etc/passwd",
    "javascript:alert(1)",
    "//evil.example/",
    "Europe/London",
    "on",
    "off",
]
values = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=40),
)
QUERY_KEYS = [
    *["use", "session", "page", "next", "pain", "favourite", "time_zone", "level", "have"],
    *["share", "exercise", "term", "q", "title", "description", "cue"],
]
queries = st.dictionaries(
    st.one_of(st.sampled_from(QUERY_KEYS), st.text(min_size=1, max_size=8)), values, max_size=4
)


HUGE = dict.fromkeys(QUERY_KEYS, "9" * 4301)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (PracticeSession, Favourite, Routine, Exercise, Profile, get_user_model())
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Two accounts per URL pattern: hash their passwords cheaply (nobody signs in here)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(user, staff_user):
    """Real rows for generated paths to hit: a routine, a session, a bookmark."""
    routine = make_routine(steps=3, slug="three-steps")
    session = make_session(user, routine)
    Favourite.objects.create(user=user, routine=routine)
    return {"slug": routine.slug, "session": str(session.pk), "staff": staff_user, "user": user}


def client_for(world, who, csrf):
    client = Client(enforce_csrf_checks=csrf != "valid")
    if who != "visitor":
        client.force_login(world[who])
    if csrf == "forged":
        client.cookies["csrftoken"] = "f" * 32
    return client


@pytest.mark.parametrize("route", ROUTES)
def test_no_input_is_a_500_and_a_rejected_request_changes_nothing(world, route):
    real_parts = st.sampled_from([world["slug"], world["session"], "1", "2", "3"])

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        parts=st.lists(st.one_of(real_parts, values), min_size=3, max_size=3),
        query=queries,
        data=queries,
        method=st.sampled_from(["get", "post", "put", "delete", "head", "options"]),
        who=st.sampled_from(["visitor", "user", "staff"]),
        csrf=st.sampled_from(["valid", "missing", "forged"]),
        htmx=st.booleans(),
    )
    # The known failures, tried on every pattern: ids too long for int(), as a signed-in person.
    @example(
        parts=[world["slug"], "1", "1"],
        query=HUGE,
        data={},
        method="get",
        who="user",
        csrf="valid",
        htmx=False,
    )
    @example(
        parts=[world["slug"], "1", "1"],
        query=HUGE,
        data=HUGE,
        method="post",
        who="user",
        csrf="valid",
        htmx=True,
    )
    def check(parts, query, data, method, who, csrf, htmx):
        filled = iter(parts)
        path = PLACEHOLDER.sub(lambda _: quote(next(filled), safe=""), route)
        path = "/" + path.replace("^", "").replace("$", "")
        client = client_for(world, who, csrf)
        headers = {"HX-Request": "true"} if htmx else {}
        if csrf == "forged":
            headers["X-CSRFToken"] = "e" * 32
            data = {**data, "csrfmiddlewaretoken": "d" * 32}
        before = counts()
        if method in {"get", "head", "options"}:
            response = getattr(client, method)(path, query, headers=headers)
        else:
            response = getattr(client, method)(
                path,
                data,
                headers=headers,
                QUERY_STRING="&".join(f"{quote(k)}={quote(v)}" for k, v in query.items()),
            )
        assert response.status_code < 500, (method, path, query, data, who, csrf)
        if response.status_code >= 400 or (csrf != "valid" and method != "get"):
            assert counts() == before, (response.status_code, method, path, data, who, csrf)

    check()
