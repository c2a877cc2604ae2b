"""`make loadtest`: gunicorn with production settings, many concurrent clients, then a
ledger of every write that succeeded compared with the database.

    python -m loadtest                 # SQLite, and PostgreSQL + Redis when reachable
    python -m loadtest --seconds 60 --clients 24
    DATABASE_URL=postgres://…/name python -m loadtest   # PostgreSQL at that server
    python -m loadtest --target cluster                 # two servers behind nginx, faults

One Finish in five is tapped twice; "finished with no start (doubled)" counts the extra
sessions a second tap records. The cluster target (`make loadtest TARGET=cluster`) runs on
PostgreSQL + Redis only: deploy/cluster.py's two gunicorn servers behind nginx, with
loadtest/faults.py killing one mid-load, restarting it, and checking an edit and a
sign-in across the two.

Each run gets a fresh database (a temporary SQLite file, or `<name>_loadtest` created and
dropped on the PostgreSQL server) and a generated SECRET_KEY. Not part of `make test`.
"""

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/backlog"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


def reachable(url, default_port):
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or default_port), timeout=2).close()
        return True
    except OSError:
        return False


def run_target(name, database_url, redis_url, args, cluster=False):
    """One run in a child process, so each gets its own settings (they are read at import)."""
    env = os.environ.copy()
    env.update(DATABASE_URL=database_url, REDIS_URL=redis_url or "")
    if not redis_url:
        env.pop("REDIS_URL")
    command = [sys.executable, "-m", "loadtest.run", "--name", name]
    command += ["--seconds", str(args.seconds), "--clients", str(args.clients)]
    command += ["--workers", str(args.workers)] + (["--cluster"] if cluster else [])
    return subprocess.run(command, env=env, cwd=BASE_DIR).returncode


def postgres_database(url):
    """A fresh `<name>_loadtest` database on the server of `url`; returns its URL and a
    function that drops it."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_loadtest"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument(
        "--target",
        choices=["server", "cluster"],
        default="server",
        help="one gunicorn, or two behind nginx with faults (PostgreSQL + Redis only)",
    )
    args = parser.parse_args()
    cluster = args.target == "cluster"
    if cluster:
        from deploy.cluster import INSTALL_NGINX, find_nginx

        if find_nginx() is None:
            sys.exit(INSTALL_NGINX)
        args.only = "postgresql"

    failures = 0
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as folder:
            failures += run_target("SQLite", f"sqlite:///{folder}/db.sqlite3", None, args)

    if args.only != "sqlite":
        given = os.environ.get("DATABASE_URL", "")
        url = given if given.startswith("postgres") else DEFAULT_POSTGRES
        if not reachable(url, 5432):
            if cluster:
                sys.exit(f"PostgreSQL at {urlsplit(url).hostname} is unreachable: no cluster.")
            print(f"PostgreSQL at {urlsplit(url).hostname} is unreachable: skipping that run.")
        else:
            redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
            if not reachable(redis_url, 6379):
                if cluster:
                    sys.exit("Redis is unreachable: the cluster needs it (cache and sessions).")
                print("Redis is unreachable: the PostgreSQL run uses the file-based cache.")
                redis_url = None
            database_url, drop = postgres_database(url)
            try:
                label = "PostgreSQL + Redis" if redis_url else "PostgreSQL"
                label += ", cluster" if cluster else ""
                failures += run_target(label, database_url, redis_url, args, cluster)
            finally:
                drop()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    main()
