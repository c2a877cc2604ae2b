"""`make serve`'s stack, started for real: gunicorn with production settings, collected
static files from WhiteNoise (hashed, compressed, cached for a year), uploaded pictures,
the health check and our own 404 page."""

import gzip
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .test_media import png_bytes

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    (root / "media" / "pictures").mkdir(parents=True)
    (root / "media" / "pictures" / "twist.png").write_bytes(png_bytes())
    port = free_port()
    keep = {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k in keep} | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
        "STATIC_ROOT": str(root / "static"),
        "MEDIA_ROOT": str(root / "media"),
        "CACHE_DIR": str(root / "cache"),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"],
        env=env,
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
        timeout=300,
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "backlog.wsgi:application"],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        manifest = json.loads((root / "static" / "staticfiles.json").read_text())
        yield f"http://127.0.0.1:{port}", manifest["paths"]
    finally:
        process.terminate()
        process.wait(timeout=20)


class TestServe:
    def test_hashed_static_files_are_cached_for_years(self, server):
        base, paths = server
        hashed = paths["css/site.css"]
        assert hashed != "css/site.css"
        status, headers, _ = fetch(f"{base}/static/{hashed}")
        assert status == 200
        directives = {part.strip() for part in headers["Cache-Control"].split(",")}
        max_age = next(int(d.split("=")[1]) for d in directives if d.startswith("max-age="))
        assert max_age >= 365 * 24 * 60 * 60
        assert {"public", "immutable"} <= directives

    def test_unhashed_names_are_cached_briefly(self, server):
        base, _ = server
        status, headers, _ = fetch(f"{base}/static/css/site.css")
        assert status == 200
        assert "immutable" not in headers["Cache-Control"]

    def test_static_files_are_served_compressed(self, server):
        base, paths = server
        status, headers, body = fetch(
            f"{base}/static/{paths['css/site.css']}", **{"Accept-Encoding": "gzip"}
        )
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert b"prefers-color-scheme" in gzip.decompress(body)

    def test_pages_name_the_hashed_files(self, server):
        base, paths = server
        status, _, body = fetch(f"{base}/no-such-page/")
        assert status == 404
        assert f"/static/{paths['css/site.css']}".encode() in body
        assert b"We could not find that page" in body
        assert b"Resolver404" not in body

    def test_modules_import_each_other_by_their_hashed_names(self, server):
        # A run saved for offline keeps the hashed files the page names; an import of an
        # unhashed name would fetch another file, missing when the run is played offline.
        base, paths = server
        for module, imported in [
            ("js/player.js", "js/offline.js"),
            ("js/save-offline.js", "js/offline.js"),
            ("js/offline.js", "js/queue.js"),
            ("js/offline.js", "js/keys.js"),
        ]:
            _, _, body = fetch(f"{base}/static/{paths[module]}")
            hashed = paths[imported].rsplit("/", 1)[1]
            assert f'from "./{hashed}"'.encode() in body, module
        # The worker is a classic script with queue.js put in front, not imported.
        status, _, worker = fetch(f"{base}/service-worker.js")
        assert status == 200
        assert b"function sendWaiting" in worker
        assert b"function keyFor" in worker
        assert not re.search(rb"^\s*(import|export)\b", worker, re.M)

    def test_uploaded_pictures_are_served(self, server):
        base, _ = server
        status, headers, body = fetch(f"{base}/media/pictures/twist.png")
        assert status == 200
        assert headers["Content-Type"] == "image/png"
        assert body == png_bytes()

    def test_the_health_check_answers(self, server):
        base, _ = server
        status, headers, body = fetch(f"{base}/healthz")
        assert status == 200
        assert json.loads(body) == {"database": "ok"}
        assert "no-store" in headers["Cache-Control"]

    def test_a_client_cannot_claim_https(self, server):
        # No proxy configured: X-Forwarded-Proto is ignored by gunicorn and Django alike,
        # so the request stays plain HTTP and no HSTS header is sent.
        base, _ = server
        _, headers, _ = fetch(f"{base}/healthz", **{"X-Forwarded-Proto": "https"})
        assert "Strict-Transport-Security" not in headers
