"""Two real app servers (gunicorn, production settings) on one PostgreSQL and one Redis,
as `make cluster` runs them (deploy/cluster.py): an edit saved in the admin through one is
served by the other within a second, a person signed in on one continues on the other,
and with nginx in front, a killed server's traffic goes to the other until it is back.

Skipped where the suite does not run on PostgreSQL with Redis (CI runs it there)."""

import os
import secrets
import time
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from deploy.cluster import Cluster, find_nginx
from loadtest.faults import edit_through, panel, sign_in, signed_in_on_both
from loadtest.run import Browser, Stats

from .conftest import add_step, make_exercise, make_routine

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-cluster-password"


def _skip_unless_postgres_and_redis():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run the suite with DATABASE_URL=postgres://...")
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("needs Redis: run the suite with REDIS_URL=redis://...")


@pytest.fixture(scope="module")
def cluster(django_db_setup, tmp_path_factory):
    _skip_unless_postgres_and_redis()
    db = connection.settings_dict
    keep = {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}
    env = {key: value for key, value in os.environ.items() if key in keep} | {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.CACHES["default"]["LOCATION"],
        # The servers' own namespace in the shared Redis: nothing of other tests' is read.
        "CACHE_KEY_PREFIX": f"test-cluster-{uuid.uuid4().hex}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ACCESS_LOG": "",
        "LOG_LEVEL": "ERROR",
    }
    servers = Cluster(tmp_path_factory.mktemp("cluster"), env, servers=2, workers=1)
    servers.manage("collectstatic", "--no-input")
    try:
        for index in range(2):
            servers.start_server(index)
        yield servers
    finally:
        servers.stop()


def _browser(port):
    return Browser(port, Stats())


def _person(django_user_model, username, **fields):
    """A user whose password the servers' production hasher reads (the suite's is MD5)."""
    hashed = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    return django_user_model.objects.create(username=username, password=hashed, **fields)


def _routine_to_edit():
    twist = make_exercise(name="Supine twist", safety_notes="Keep both shoulders down.")
    routine = make_routine(title="Morning ease")
    add_step(routine, make_exercise(name="Knee hug"))
    add_step(routine, twist)
    return twist, f"/routines/{routine.slug}/play/2/?c=0"


class TestTwoServers:
    def test_an_edit_saved_through_a_is_served_by_b_within_a_second(
        self, cluster, django_user_model
    ):
        _person(django_user_model, "editor", is_staff=True, is_superuser=True)
        twist, path = _routine_to_edit()
        on_a, on_b = _browser(cluster.ports[0]), _browser(cluster.ports[1])
        for _ in range(2):  # B serves the old notes, the second time from the cache
            assert "Keep both shoulders down." in panel(on_b, path)[1]
        assert sign_in(on_a, "editor", PASSWORD)

        seconds = edit_through(on_a, on_b, twist.pk, path, "Stop if your leg goes numb.")

        assert seconds is not None
        assert seconds < 1
        twist.refresh_from_db()
        assert twist.safety_notes == "Stop if your leg goes numb."
        assert "Keep both shoulders down." not in panel(on_b, path)[1]

    def test_a_person_signed_in_on_a_continues_on_b(self, cluster, django_user_model):
        _person(django_user_model, "rowan")
        on_a, on_b = _browser(cluster.ports[0]), _browser(cluster.ports[1])

        assert signed_in_on_both(on_a, on_b, "rowan", PASSWORD)

    def test_a_stranger_to_a_is_a_stranger_to_b(self, cluster, django_user_model):
        # The check above can fail: without A's cookies, B sends the person to sign in.
        _person(django_user_model, "rowan")
        on_a, on_b = _browser(cluster.ports[0]), _browser(cluster.ports[1])
        assert sign_in(on_a, "rowan", PASSWORD)
        status, location, _ = on_b.get("/accounts/")
        assert status == 302
        assert "/accounts/login/" in location


@pytest.mark.skipif(find_nginx() is None, reason="needs nginx: apt-get install nginx")
def test_nginx_sends_a_killed_servers_traffic_to_the_other_until_it_is_back(
    cluster, django_user_model
):
    _person(django_user_model, "rowan")
    cluster.start_nginx()
    through_nginx = Browser(cluster.port, Stats(), retries=0)
    a, b = cluster.ports
    _, mark = cluster.upstream_counts()
    for _ in range(6):
        assert through_nginx.get("/healthz")[0] == 200
    both, mark = cluster.upstream_counts(mark)
    assert both[a] > 0
    assert both[b] > 0

    # A form posted through nginx passes the CSRF check (the browser's Origin has the port).
    assert sign_in(Browser(cluster.port, Stats(), retries=0), "rowan", PASSWORD)
    _, mark = cluster.upstream_counts(mark)

    cluster.kill_server(1)
    statuses = [through_nginx.get("/healthz")[0] for _ in range(10)]
    alone, mark = cluster.upstream_counts(mark)

    assert statuses == [200] * 10
    assert alone == {a: 10, b: 0, "lost": 0}

    cluster.start_server(1)
    # nginx tries a failed server again after fail_timeout (2 s in the template).
    deadline = time.monotonic() + 8
    back = {b: 0}
    while not back[b] and time.monotonic() < deadline:
        assert through_nginx.get("/healthz")[0] == 200
        back, _ = cluster.upstream_counts(mark)
        time.sleep(0.1)
    assert back[b] > 0, back
