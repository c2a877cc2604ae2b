"""Several app servers on loopback: gunicorn servers on ports of their own behind nginx,
one PostgreSQL and one Redis, uploaded pictures from one shared folder.

    python -m deploy.cluster            # `make cluster`: serve until Ctrl-C

`Cluster` is also what `make loadtest --cluster` and tests/test_cluster.py start. nginx is
Debian's package (`apt-get install nginx`), started as an unprivileged process with its own
prefix, pid file and logs under a temporary folder; its config is written from
deploy/nginx-cluster.conf.template. Each app server is its own process group, so killing
one (SIGKILL) takes its workers with it, as when a machine dies.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx-cluster.conf.template"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/backlog"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"
INSTALL_NGINX = "nginx is not installed: `apt-get install nginx` (Debian's package) first."


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_nginx():
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(p, os.X_OK)), None
    )


def wait_for_port(port, process=None, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"the process for port {port} exited") from None
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


def render_nginx_config(prefix, port, upstream_ports, media_root):
    upstreams = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;" for p in upstream_ports
    )
    text = TEMPLATE.read_text()
    for name, value in {
        "PREFIX": str(prefix),
        "PORT": str(port),
        "UPSTREAMS": upstreams,
        "MEDIA_ROOT": str(media_root),
    }.items():
        text = text.replace(f"@{name}@", value)
    return text


class Cluster:
    """`servers` gunicorn servers and one nginx, all on loopback, with the environment
    `env` (DATABASE_URL, REDIS_URL, SECRET_KEY...) shared by every app server."""

    def __init__(self, folder, env, servers=2, workers=2):
        self.folder = Path(folder)
        # nginx's prefix and the shared media folder: a folder of their own that nginx's
        # unprivileged user can reach (the caller's folder may be private), removed by stop().
        self.public = Path(tempfile.mkdtemp(prefix="backlog-nginx-"))
        self.public.chmod(0o755)
        self.media_root = self.public / "media"
        self.media_root.mkdir()
        self.ports = [free_port() for _ in range(servers)]
        self.port = free_port()
        self.env = env | {
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": env.get("ALLOWED_HOSTS", "127.0.0.1,localhost"),
            "STATIC_ROOT": env.get("STATIC_ROOT", str(self.folder / "static")),
            "MEDIA_ROOT": str(self.media_root),
            # nginx serves /media/ from the shared folder; the app servers never do.
            "SERVE_MEDIA": "false",
            # nginx: the client's address is the last in X-Forwarded-For.
            "PROXY_COUNT": "1",
            "WEB_CONCURRENCY": str(workers),
        }
        self.servers = [None] * servers
        self.nginx = None

    def manage(self, *command):
        """A deploy step, run once for the whole cluster (never by each app server)."""
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
            capture_output=True,
        )

    def log_path(self, index):
        return self.folder / f"server-{'ABCDEFGH'[index]}.log"

    def start_server(self, index):
        port = self.ports[index]
        env = self.env | {"BIND": f"127.0.0.1:{port}", "ACCESS_LOG": "-"}
        with open(self.log_path(index), "a") as log:
            self.servers[index] = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "backlog.wsgi:application"],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=log,
                start_new_session=True,  # its own process group: kill() takes the workers too
            )
        wait_for_port(port, self.servers[index])

    def kill_server(self, index):
        """SIGKILL an app server and its workers, as when its machine dies."""
        server = self.servers[index]
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)

    def start_nginx(self):
        binary = find_nginx()
        if binary is None:
            raise RuntimeError(INSTALL_NGINX)
        prefix = self.public / "nginx"
        prefix.mkdir(exist_ok=True)
        config = prefix / "nginx.conf"
        config.write_text(render_nginx_config(prefix, self.port, self.ports, self.media_root))
        options = {}
        if os.geteuid() == 0:
            # Never nginx as root here: the whole of it runs as nobody, in its own folder.
            shutil.chown(prefix, "nobody")
            options = {"user": "nobody", "group": "nogroup", "extra_groups": []}
        command = [binary, "-p", str(prefix), "-c", str(config)]
        command += ["-e", str(prefix / "error.log")]
        self.nginx = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **options
        )
        try:
            wait_for_port(self.port, self.nginx, seconds=20)
        except RuntimeError:
            error = self.nginx.stderr.read().decode() if self.nginx.poll() is not None else ""
            raise RuntimeError(f"nginx did not start: {error}") from None

    def start(self):
        for index in range(len(self.servers)):
            self.start_server(index)
        self.start_nginx()
        return self

    def stop(self):
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # nginx's graceful shutdown
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for server in self.servers:
            if server is not None and server.poll() is None:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(self.public, ignore_errors=True)

    def upstream_counts(self, since=0):
        """Requests each app server answered, from line `since` of nginx's access log, and
        under "lost" those nginx answered 502 or 504 itself (a server died mid-request).
        Returns the counts and the line to start from next time."""
        log = self.public / "nginx" / "access.log"
        counts = dict.fromkeys([*self.ports, "lost"], 0)
        lines = log.read_text().splitlines()[since:] if log.exists() else []
        for line in lines:
            # The upstream that answered is the last (after a retry: "a:1, b:2").
            words = line.rsplit('" ', 1)[-1].split()  # status, upstream(s), time
            if words[0] in {"502", "504"}:
                counts["lost"] += 1
                continue
            port = words[-2].rsplit(":", 1)[-1]
            if port.isdigit() and int(port) in counts:
                counts[int(port)] += 1
        return counts, len(lines) + since


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        database_url = DEFAULT_POSTGRES
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
    secret_key = os.environ.get("SECRET_KEY")
    if not secret_key:
        secret_key = secrets.token_urlsafe(50)
        print("No SECRET_KEY set: one for this run only (a restart signs everyone out).")
    folder = Path(tempfile.mkdtemp(prefix="backlog-cluster-"))
    env = os.environ | {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": secret_key,
        "DJANGO_SETTINGS_MODULE": "backlog.settings",
    }
    if find_nginx() is None:
        sys.exit(INSTALL_NGINX)
    cluster = Cluster(folder, env, servers=args.servers, workers=args.workers)
    print(f"Deploy steps, once: migrate and collectstatic on {database_url}")
    try:
        cluster.manage("migrate", "--no-input")
        cluster.manage("collectstatic", "--no-input")
    except subprocess.CalledProcessError as error:
        shutil.rmtree(cluster.public, ignore_errors=True)
        sys.exit(f"{' '.join(error.cmd[1:])} failed:\n{error.stderr.decode()[-2000:]}")
    try:
        cluster.start()
        servers = ", ".join(f"127.0.0.1:{p}" for p in cluster.ports)
        print(f"app servers (gunicorn, {args.workers} workers each): {servers}")
        print(f"Redis: {redis_url}; shared media folder: {cluster.media_root}")
        print(f"logs: {folder} (app servers), {cluster.public / 'nginx'} (nginx)")
        # localhost, not 127.0.0.1: browsers keep the Secure cookies there over plain HTTP.
        print(f"\nbacklog behind nginx: http://localhost:{cluster.port}/   (Ctrl-C stops)")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while all(s.poll() is None for s in [*cluster.servers, cluster.nginx]):
            time.sleep(1)
        print("a server exited: stopping the cluster")
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
