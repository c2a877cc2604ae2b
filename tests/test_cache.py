"""The shared Redis cache, used when REDIS_URL is set (CI's PostgreSQL run sets it)."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache

needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: the file-based cache is used"
)


@needs_redis
def test_redis_is_the_shared_cache_and_round_trips():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("backlog:test-round-trip", {"hold": 15}, timeout=30)
    assert cache.get("backlog:test-round-trip") == {"hold": 15}
    cache.delete("backlog:test-round-trip")
    assert cache.get("backlog:test-round-trip") is None


@needs_redis
@pytest.mark.django_db
def test_a_signed_in_session_survives_through_the_cache(client, user):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    client.force_login(user)
    response = client.get("/my/routines/")
    assert response.status_code == 200
    assert response.context["user"] == user
    assert cache.get("django.contrib.sessions.cached_db" + client.session.session_key)
