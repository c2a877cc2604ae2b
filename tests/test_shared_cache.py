"""Every process that serves the site sees an edit within a second (the file-based default
cache, or Redis), and `check --deploy` refuses a cache only one process sees when several
workers serve."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.db import connection

from stretches.checks import shared_cache

from .conftest import add_step, make_exercise, make_routine

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DUMMY = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def errors(workers, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", str(workers))
    return [message.id for message in run_checks(include_deployment_checks=True)]


class TestTheDeployCheck:
    def test_it_refuses_local_memory_with_several_workers(self, settings, monkeypatch):
        settings.CACHES = LOCMEM
        assert "stretches.E001" in errors(3, monkeypatch)
        monkeypatch.delenv("WEB_CONCURRENCY")  # gunicorn.conf.py's default: 3 workers
        assert [error.id for error in shared_cache(None)] == ["stretches.E001"]

    def test_it_allows_local_memory_with_one_worker(self, settings, monkeypatch):
        settings.CACHES = LOCMEM
        assert "stretches.E001" not in errors(1, monkeypatch)

    def test_it_allows_the_file_based_default_and_the_dummy_cache(self, settings, monkeypatch):
        assert settings.CACHES["default"]["BACKEND"].endswith(("FileCache", "RedisCache"))
        assert "stretches.E001" not in errors(3, monkeypatch)
        settings.CACHES = DUMMY  # keeps nothing, so serves nothing stale
        assert "stretches.E001" not in errors(3, monkeypatch)

    def test_the_default_production_settings_pass_check_deploy(self, tmp_path):
        """What `make check` runs, with `make serve`'s three workers and no REDIS_URL."""
        env = _clean_env() | {
            "DEBUG": "false",
            "SECRET_KEY": "x" * 60 + "-check",
            "ALLOWED_HOSTS": "backlog.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr


def _clean_env():
    keep = {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}
    return {key: value for key, value in os.environ.items() if key in keep}


def _database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port, server, deadline=60):
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if server.poll() is not None:
                raise AssertionError("the server exited") from None
            time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port}")


@contextlib.contextmanager
def _two_servers(settings, fresh_cache):
    """Two servers on two ports, as two gunicorn workers would be, on the default cache and
    the test database; yields their ports once both answer. Skips where the default cache
    is one no other process can reach."""
    backend = settings.CACHES["default"]["BACKEND"]
    if not backend.endswith(("FileCache", "RedisCache")):
        pytest.skip(f"the default cache here is {backend}, which no other process can reach")
    env = _clean_env() | {
        "DEBUG": "true",
        "DATABASE_URL": _database_url(),
        "CACHE_KEY_PREFIX": fresh_cache,
        "LOG_LEVEL": "ERROR",
    }
    if backend.endswith("FileCache"):
        env["CACHE_DIR"] = settings.CACHES["default"]["LOCATION"]
    else:
        env["REDIS_URL"] = settings.CACHES["default"]["LOCATION"]
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=Path(settings.BASE_DIR),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait_for(port, server)
        yield ports
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def _panel(port, path):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"HX-Request": "true"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_an_edit_reaches_every_process_within_a_second(tmp_path, settings, fresh_cache):
    """Two servers on two ports, as two gunicorn workers would be, with the default cache
    and one database: a safety note saved elsewhere is what both serve next."""
    twist = make_exercise(name="Supine twist", safety_notes="Keep both shoulders down.")
    routine = make_routine(title="Morning ease")
    add_step(routine, make_exercise(name="Knee hug"))
    add_step(routine, twist)
    with _two_servers(settings, fresh_cache) as ports:
        path = f"/routines/{routine.slug}/play/2/?c=0"
        for port in ports * 2:  # each serves it, the second time from the cache
            assert "Keep both shoulders down." in _panel(port, path)

        twist.safety_notes = "Stop if your leg goes numb."
        twist.save()
        saved = time.monotonic()
        for port in ports:
            html = _panel(port, path)
            assert "Stop if your leg goes numb." in html, port
            assert "Keep both shoulders down." not in html, port
        assert time.monotonic() - saved < 1


def _page(port, path):
    """A whole page as a visitor without a cookie gets it (urllib keeps no cookies)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_an_edit_reaches_every_process_s_page_cache_within_a_second(
    tmp_path, settings, fresh_cache
):
    """The whole public pages (stretches.pagecache), from two servers: an exercise renamed
    in one place is what both serve next on the routine list's routine, the routine's page,
    the exercise's page and the player's first load."""
    hug = make_exercise(name="Knee hug", slug="knee-hug")
    routine = make_routine(title="Morning ease")
    add_step(routine, hug)
    add_step(routine, make_exercise(name="Cat cow"))
    pages = [
        "/",
        f"/routines/{routine.slug}/",
        "/exercises/knee-hug/",
        f"/routines/{routine.slug}/play/1/?c=0",
    ]
    with _two_servers(settings, fresh_cache) as ports:
        for port in ports * 2:  # each renders them, then serves them from the cache
            for path in pages[1:]:
                assert "Knee hug" in _page(port, path), (port, path)
            assert "Morning ease" in _page(port, "/")

        hug.name = "Knees to chest"
        hug.save()
        routine.refresh_from_db()
        routine.title = "Evening ease"
        routine.save()
        saved = time.monotonic()
        for port in ports:
            for path in pages[1:]:
                html = _page(port, path)
                assert "Knees to chest" in html, (port, path)
                assert "Knee hug" not in html, (port, path)
            assert "Evening ease" in _page(port, "/"), port
        assert time.monotonic() - saved < 1
