"""A throwaway copy of the site for the browser benchmarks: production settings (DEBUG off,
collected static files served by WhiteNoise), a fresh SQLite database with the starter
library and a 60-second routine, served on a free loopback port.

    with throwaway_site() as site:
        site.url("/routines/")
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIXTY_SECONDS = "sixty-seconds"

# Two steps of 30 s each: 5 s to get ready, then a 25 s hold; 5 s to get ready, a 20 s
# hold and a 5 s rest.
MAKE_ROUTINE = f"""
from stretches.models import Exercise, Routine, RoutineStep
exercise = Exercise.objects.order_by("pk").first()
routine = Routine.objects.create(title="Sixty seconds", slug="{SIXTY_SECONDS}", is_published=True)
RoutineStep.objects.create(routine=routine, order=1, exercise=exercise, hold_seconds=25)
RoutineStep.objects.create(
    routine=routine, order=2, exercise=exercise, hold_seconds=20, rest_seconds=5
)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    def __init__(self, base):
        self.base = base

    def url(self, path):
        return self.base + path


@contextlib.contextmanager
def throwaway_site():
    with tempfile.TemporaryDirectory(prefix="backlog-bench-") as folder:
        port = free_port()
        env = os.environ | {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "STATIC_ROOT": f"{folder}/static",  # never the project's own staticfiles/
            "CACHE_DIR": f"{folder}/cache",
            "LOG_LEVEL": "ERROR",
        }
        env.pop("REDIS_URL", None)
        env.pop("DJANGO_SETTINGS_MODULE", None)  # the site's own settings, not the bench's
        manage = [sys.executable, "manage.py"]

        def run(*args):
            subprocess.run([*manage, *args], cwd=ROOT, env=env, check=True, capture_output=True)

        run("migrate", "--no-input")
        run("collectstatic", "--no-input")
        run("shell", "-c", MAKE_ROUTINE)
        server = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):  # a busy machine takes ten seconds or more to start it
                try:
                    urllib.request.urlopen(base + "/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError("the throwaway server did not start")
            yield Site(base)
        finally:
            server.terminate()
            server.wait(timeout=10)
