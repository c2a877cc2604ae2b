"""`make upgrade`, as the README's operator guide runs it, on a copy of a database an older
release left: the dependencies without the development tools (in an environment of its
own here), migrate once, static files collected, the deploy checks, then the restart command.
`make serve` only serves: it never migrates."""

import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _applied(database, app):
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT name FROM django_migrations WHERE app = ?", (app,))
        return {name for (name,) in rows}


@pytest.fixture
def older_release(tmp_path):
    """A database with only the content app migrated, as an older release had it."""
    keep = {"PATH", "HOME", "LANG", "UV_CACHE_DIR"}
    env = {k: v for k, v in os.environ.items() if k in keep} | {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "backlog.example",
        "CACHE_DIR": str(tmp_path / "cache"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "stretches", "--no-input"],
        cwd=ROOT,
        env=env | {"DEBUG": "false"},
        check=True,
        capture_output=True,
        timeout=300,
    )
    return env


def test_upgrade_migrates_a_copy_collects_static_and_restarts(tmp_path, older_release):
    live, copy = tmp_path / "live.sqlite3", tmp_path / "copy.sqlite3"
    shutil.copyfile(live, copy)
    assert not _applied(live, "plans")
    env = older_release | {
        "DATABASE_URL": f"sqlite:///{copy}",
        # An environment of its own: the suite's own keeps its development tools.
        "UV_PROJECT_ENVIRONMENT": str(tmp_path / "venv"),
    }
    restarted = tmp_path / "restarted"

    result = subprocess.run(
        ["make", "--no-print-directory", "upgrade", f"RESTART=touch {restarted}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0001_initial" in _applied(copy, "plans")
    assert "0003_session_routine_version" in _applied(copy, "practice")
    assert not _applied(live, "plans")  # the original is untouched
    assert (tmp_path / "static" / "staticfiles.json").exists()
    assert restarted.exists()
    assert (tmp_path / "venv" / "bin" / "gunicorn").exists()
    assert not (tmp_path / "venv" / "bin" / "pytest").exists()  # --no-dev


def test_upgrade_refuses_to_run_without_a_secret_key(tmp_path):
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root")}
    result = subprocess.run(
        ["make", "--no-print-directory", "upgrade", "RESTART=true"],
        cwd=ROOT,
        env=env | {"UV_PROJECT_ENVIRONMENT": str(tmp_path / "venv")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY first" in result.stdout
    assert not (tmp_path / "venv").exists()


def test_serve_only_serves():
    makefile = (ROOT / "Makefile").read_text()
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "gunicorn" in serve
    assert "migrate" not in serve
    assert "collectstatic" not in serve
