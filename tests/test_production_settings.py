"""Settings read from the environment at start-up, checked in a fresh interpreter each."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "backlog.example",
}


def settings_in(env, code="", names=()):
    """Start Django with `env` (nothing else from ours), run `code`, return settings `names`."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}}
    script = (
        "import json, django; django.setup()\n"
        "from django.conf import settings\n"
        f"out = {{n: getattr(settings, n, None) for n in {list(names)!r}}}\n"
        f"{code}\n"
        "print(json.dumps(out, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, "DJANGO_SETTINGS_MODULE": "backlog.settings", **env},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


class TestProxySslHeader:
    def test_x_forwarded_proto_is_not_trusted_without_a_proxy(self):
        out = settings_in(PRODUCTION, names=["SECURE_PROXY_SSL_HEADER"])
        assert out["SECURE_PROXY_SSL_HEADER"] is None

    def test_it_is_trusted_behind_a_proxy(self):
        out = settings_in({**PRODUCTION, "PROXY_COUNT": "1"}, names=["SECURE_PROXY_SSL_HEADER"])
        assert out["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]

    def test_the_operator_can_say_so_without_a_proxy_count(self):
        env = {**PRODUCTION, "TRUST_X_FORWARDED_PROTO": "true"}
        out = settings_in(env, names=["SECURE_PROXY_SSL_HEADER"])
        assert out["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]

    def test_a_client_cannot_claim_https_without_a_proxy(self):
        code = (
            "from django.test import RequestFactory\n"
            "out['secure'] = RequestFactory().get('/', headers={'x-forwarded-proto': 'https'})"
            ".is_secure()"
        )
        assert settings_in(PRODUCTION, code)["secure"] is False
        assert settings_in({**PRODUCTION, "PROXY_COUNT": "1"}, code)["secure"] is True


class TestSqliteForConcurrentUse:
    def test_wal_a_busy_timeout_and_immediate_transactions(self, tmp_path):
        env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
        code = (
            "from django.db import connection\n"
            "with connection.cursor() as c:\n"
            "    out['journal_mode'] = c.execute('PRAGMA journal_mode').fetchone()[0]\n"
            "    out['synchronous'] = c.execute('PRAGMA synchronous').fetchone()[0]\n"
            "    out['busy_timeout'] = c.execute('PRAGMA busy_timeout').fetchone()[0]\n"
            "out['transaction_mode'] = connection.transaction_mode\n"
        )
        out = settings_in(env, code)
        assert out["journal_mode"] == "wal"
        assert out["synchronous"] == 1  # NORMAL
        assert out["busy_timeout"] == 20_000
        assert out["transaction_mode"] == "IMMEDIATE"

    def test_a_second_writer_waits_instead_of_failing(self, tmp_path):
        # One connection holds the write lock for 1 s; the other's write waits and succeeds.
        env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
        code = (
            "import threading, time\n"
            "from django.db import connection, transaction\n"
            "with connection.cursor() as c:\n"
            "    c.execute('CREATE TABLE t (n INTEGER)')\n"
            "held = threading.Event()\n"
            "def hold():\n"
            "    with transaction.atomic():\n"
            "        connection.cursor().execute('INSERT INTO t VALUES (1)')\n"
            "        held.set(); time.sleep(1)\n"
            "    connection.close()\n"
            "thread = threading.Thread(target=hold); thread.start(); held.wait()\n"
            "with transaction.atomic():\n"
            "    connection.cursor().execute('INSERT INTO t VALUES (2)')\n"
            "thread.join()\n"
            "out['rows'] = connection.cursor().execute('SELECT count(*) FROM t').fetchone()[0]\n"
        )
        assert settings_in(env, code)["rows"] == 2

    def test_postgresql_gets_no_sqlite_options(self):
        env = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused"}
        code = "out['options'] = settings.DATABASES['default'].get('OPTIONS', {})"
        assert settings_in(env, code)["options"] == {}


class TestConnections:
    def test_production_keeps_connections_open_with_health_checks(self):
        code = (
            "db = settings.DATABASES['default']\n"
            "out['age'], out['checks'] = db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS']"
        )
        assert settings_in(PRODUCTION, code) == {"age": 60, "checks": True}

    def test_development_opens_one_per_request_and_the_operator_can_choose(self):
        code = "out['age'] = settings.DATABASES['default']['CONN_MAX_AGE']"
        assert settings_in({}, code)["age"] == 0
        assert settings_in({**PRODUCTION, "CONN_MAX_AGE": "300"}, code)["age"] == 300


class TestMediaOrigin:
    def test_pictures_on_another_origin_are_allowed_by_the_csp_and_not_served_here(self):
        env = {**PRODUCTION, "MEDIA_URL": "https://media.backlog.example/"}
        code = "out['img'] = settings.SECURE_CSP['img-src']"
        out = settings_in(env, code, names=["SERVE_MEDIA"])
        assert out["img"][-1] == "https://media.backlog.example"
        assert out["SERVE_MEDIA"] is False

    def test_by_default_pictures_come_from_our_own_origin(self):
        out = settings_in(PRODUCTION, "out['img'] = settings.SECURE_CSP['img-src']")
        assert out["img"] == ["'self'", "data:"]


@pytest.mark.parametrize(
    "extra", [{}, {"PROXY_COUNT": "1"}, {"MEDIA_URL": "https://media.backlog.example/"}]
)
def test_the_deploy_checks_pass_with_production_settings(extra):
    # As `make check` runs it: no warning at all.
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "VIRTUAL_ENV"}}
    subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, **PRODUCTION, **extra},
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
        timeout=60,
    )


def test_old_secret_keys_are_accepted_while_rotating():
    old = secrets.token_urlsafe(50)
    code = (
        "from django.core import signing\n"
        f"signed = signing.Signer(key={old!r}).sign('walker')\n"
        "out['unsigned'] = signing.Signer().unsign(signed)"
    )
    env = {**PRODUCTION, "SECRET_KEY_FALLBACKS": f"{old}, "}
    found = settings_in(env, code, names=["SECRET_KEY_FALLBACKS"])
    assert found["SECRET_KEY_FALLBACKS"] == [old]
    assert found["unsigned"] == "walker"
