"""/healthz: 200 when the database (and Redis, when it is the cache) answers, else 503."""

import os

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: the file-based cache is used"
)

# Nothing listens on port 1, so connecting is refused at once.
CLOSED_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}


class TestHealthz:
    def test_it_answers_200_when_the_database_answers(self, client):
        response = client.get(reverse("healthz"))
        assert response.status_code == 200
        assert response.json()["database"] == "ok"

    def test_it_is_never_cached(self, client):
        response = client.get(reverse("healthz"))
        assert "no-store" in response["Cache-Control"]

    @needs_redis
    def test_it_checks_the_real_redis(self, client):
        response = client.get(reverse("healthz"))
        assert response.status_code == 200
        assert response.json() == {"database": "ok", "cache": "ok"}

    def test_it_answers_503_when_redis_does_not_answer(self, client, settings):
        settings.CACHES = CLOSED_REDIS
        response = client.get(reverse("healthz"))
        assert response.status_code == 503
        assert response.json() == {"database": "ok", "cache": "failing"}
        assert "no-store" in response["Cache-Control"]

    @pytest.mark.django_db(transaction=True)
    def test_it_answers_503_when_the_database_does_not_answer(self, client):
        from django.db import connection

        # The database goes away: close the connection and point it somewhere that cannot
        # answer (a closed port; for SQLite, a file in a folder that does not exist).
        connection.close()
        saved = dict(connection.settings_dict)
        if connection.vendor == "sqlite":
            connection.settings_dict["NAME"] = "/no-such-folder/backlog.sqlite3"
        else:
            connection.settings_dict["PORT"] = "1"
        try:
            response = client.get(reverse("healthz"))
        finally:
            connection.close()
            connection.settings_dict.update(saved)
        assert response.status_code == 503
        assert response.json()["database"] == "failing"

    def test_it_rejects_post(self, client):
        assert client.post(reverse("healthz")).status_code == 405
