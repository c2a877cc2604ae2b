"""The site degrades instead of falling over: Redis down (a closed port) serves without a
cache and logs once; the database down answers a plain 503; a bad Host header is one log
line; a shared routine's htmx panel is kept by no shared cache."""

import logging

import pytest
from django.db import connection
from django.urls import reverse

from backlog import cache as forgiving
from stretches import caching

from .conftest import make_routine

pytestmark = pytest.mark.django_db

# Nothing listens on port 1, so connecting is refused at once.
REDIS_DOWN = {
    "default": {
        "BACKEND": "backlog.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}


@pytest.fixture
def redis_down(settings):
    """The production settings with REDIS_URL pointing at a closed port."""
    settings.CACHES = REDIS_DOWN
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def cache_logs(caplog):
    return [r for r in caplog.records if r.name == forgiving.__name__]


class TestRedisDown:
    def test_a_signed_in_person_signs_in_and_plays_and_it_is_logged_once(
        self, client, user, redis_down, caplog, starter_library
    ):
        caplog.set_level(logging.WARNING)
        routine = make_routine(steps=3)
        signed_in = client.post(
            reverse("login"), {"username": "walker", "password": "a-long-walker-password"}
        )
        assert signed_in.status_code == 302
        step = reverse("player:play-step", args=[routine.slug, 1])
        pages = [
            reverse("stretches:routine-list"),
            routine.get_absolute_url(),
            step,
            reverse("practice:my-routines"),
        ]
        for url in pages:
            assert client.get(url).status_code == 200, url
        assert client.get(step, headers={"HX-Request": "true"}).status_code == 200
        assert "_auth_user_id" in client.session  # the session came from the database
        [logged] = cache_logs(caplog)
        assert logged.levelno == logging.ERROR
        assert "serving without it" in logged.getMessage()
        assert logged.exc_info is None

    def test_a_wrong_password_is_still_a_form_error(self, client, user, redis_down):
        response = client.post(reverse("login"), {"username": "walker", "password": "wrong"})
        assert response.status_code == 200
        assert response.context["form"].errors

    def test_healthz_still_says_the_cache_is_failing(self, client, redis_down):
        response = client.get(reverse("healthz"))
        assert response.status_code == 503
        assert response.json() == {"database": "ok", "cache": "failing"}

    def test_reads_miss_and_writes_are_dropped(self, redis_down):
        from django.core.cache import cache

        cache.set("k", 1)
        assert cache.get("k", "missing") == "missing"
        assert cache.get_many(["k"]) == {}
        assert cache.add("k", 1) is False
        assert caching.lookup("no-such-routine") == (None, None)


@pytest.fixture
def database_down():
    """The database goes away: a closed port (for SQLite, a file in no folder)."""
    connection.close()
    saved = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/no-such-folder/backlog.sqlite3"
    else:
        connection.settings_dict["PORT"] = "1"
    yield
    connection.close()
    connection.settings_dict.update(saved)


@pytest.mark.django_db(transaction=True)
class TestDatabaseDown:
    @pytest.mark.parametrize("url", ["/", "/exercises/knee-hug/", "/routines/anything/"])
    def test_pages_answer_a_plain_503_without_a_traceback(self, client, database_down, caplog, url):
        response = client.get(url)
        assert response.status_code == 503
        html = response.content.decode()
        assert "backlog is having trouble" in html
        assert "your routine in progress keeps working" in html.lower()
        assert "Traceback" not in html
        assert "no-store" in response["Cache-Control"]
        [cause] = [r for r in caplog.records if r.name == "backlog.middleware"]
        assert "The database is not answering" in cause.getMessage()
        assert all(r.exc_info is None for r in caplog.records)


def test_a_bad_host_header_is_one_line_without_a_traceback(client, caplog):
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    [logged] = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert "evil.example" in logged.getMessage()
    assert logged.exc_info is None


def test_a_shared_routines_htmx_panel_is_private_as_its_page(client, user):
    routine = make_routine(steps=3, owner=user, is_published=False)
    token = routine.share()
    page = client.get(reverse("stretches:routine-shared", args=[token]))
    url = reverse("player:play-step", args=[routine.slug, 1]) + f"?share={token}"
    panel = client.get(url, headers={"HX-Request": "true"})
    assert panel.status_code == 200
    assert "private" in page["Cache-Control"]
    assert "no-store" in page["Cache-Control"]
    assert "private" in panel["Cache-Control"]
    assert "no-store" in panel["Cache-Control"]
