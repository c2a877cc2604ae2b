"""`make loadtest` never clears or overwrites a Redis database it did not create: a short
run against a Redis database already holding someone else's keys leaves every one of them
as it was (value and expiry). Needs PostgreSQL and Redis; CI has both."""

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_a_load_test_leaves_a_filled_redis_database_untouched():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run the suite with DATABASE_URL=postgres://...")
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("needs Redis: run the suite with REDIS_URL=redis://...")
    import redis

    redis_url = settings.CACHES["default"]["LOCATION"]
    client = redis.Redis.from_url(redis_url)
    mine = f"someone-else-{uuid.uuid4().hex}"
    keys = {f"{mine}:{n}": f"value {n}".encode() for n in range(50)}
    client.mset(keys)
    client.expire(f"{mine}:0", 3600)
    client.hset(f"{mine}:hash", mapping={"a": "1"})
    db = connection.settings_dict
    # The load test makes (and drops) `<name>_loadtest` on this server: a name of this test's.
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}_redis"
    keep = {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env |= {"DATABASE_URL": database_url, "REDIS_URL": redis_url}

    short = ["--only", "postgresql", "--seconds", "3", "--clients", "2", "--workers", "1"]
    try:
        result = subprocess.run(
            [sys.executable, "-m", "loadtest", *short],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=400,
        )
        assert "PostgreSQL + Redis" in result.stdout, result.stdout + result.stderr
        served = re.search(r"requests\s+(\d+)", result.stdout)
        assert served, result.stdout
        assert int(served.group(1)) > 0
        assert client.mget(list(keys)) == list(keys.values())
        assert 0 < client.ttl(f"{mine}:0") <= 3600
        assert client.ttl(f"{mine}:1") == -1  # no expiry set on it by anyone
        assert client.hgetall(f"{mine}:hash") == {b"a": b"1"}
    finally:
        client.delete(*keys, f"{mine}:hash")
