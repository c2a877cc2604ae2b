"""`make bench`: one run, one table, every figure beside a baseline measured in the same run.

    uv run python -m benchmarks.run            # the whole table
    uv run python -m benchmarks.run --quick    # shorter load tests (noisier)
    uv run python -m benchmarks.run --only=throughput,queries   # some sections only
    REDIS_URL=redis://127.0.0.1:6379/0 uv run python -m benchmarks.run --redis

It builds a throwaway SQLite database (the starter library, plus routines of 5 and 200 steps
in libraries of 10 and 1,000 exercises), collects static files, serves the site with
gunicorn under the production settings (DEBUG off, 2 workers, loopback) and loads it with
wrk (Debian's package; a small Python load generator when wrk is missing).

Each section is a function that returns rows; `SECTIONS` lists them in table order. A row is
(figure, value, baseline, ratio, target, met) -- leave a cell None when it has no meaning.
To add a measurement, write a function taking the `Bench` and append it to `SECTIONS`.
"""

import gzip
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The environment `make bench` was started with, before main() points Django at its own
# database: the test-suite section runs the suite as `make test` would.
STARTING_ENV = dict(os.environ)
WORKERS = 2
# c=0: the check first answered, nothing applies (the hot path every player takes after it).
STEP = "/routines/first-day-gentle/play/2/?c=0"
PLAYER = "/routines/first-day-gentle/play/1/?c=0"
ROUTINE = "/routines/first-day-gentle/"
LIST = "/"
FILTERED = "/?level=1"
EXERCISE = "/exercises/knees-to-chest-hug/"
URGENT = "/urgent-signs/"
STOP = "/routines/first-day-gentle/play/2/this-hurts/?c=0"
BASELINE = "/bench/baseline/"
HTMX = {"HX-Request": "true"}


@dataclass
class Row:
    figure: str
    value: str
    baseline: str | None = None
    ratio: float | None = None
    target: str | None = None
    met: bool | None = None
    ceiling: str | None = None  # the bare Django project (benchmarks/bare/)
    ceiling_ratio: float | None = None


@dataclass
class Bench:
    """What the sections share: the server's address, a signed-in cookie, the settings."""

    base: str
    port: int
    cookie: str
    signed_in_step: str  # STEP as a signed-in player's link asks for it
    duration: int
    env: dict
    cache: dict = field(default_factory=dict)
    ceiling_port: int | None = None  # the bare Django project, served alongside


# --- Load generation. ---


def load(bench, path, headers=None):
    """(requests/s, p50 ms, p99 ms) for `path` under `bench.duration` seconds of load."""
    headers = dict(headers or {})
    if shutil.which("wrk"):
        return _wrk(bench, path, headers)
    return _python_load(bench, path, headers)


def _wrk(bench, path, headers):
    args = ["wrk", "-t2", "-c8", f"-d{bench.duration}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(
        [*args, bench.base + path], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    if re.search(r"Non-2xx or 3xx responses", out):
        raise SystemExit(f"{path}: errors under load\n{out}")

    def percentile(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rate, percentile(50), percentile(99)


def _python_load(bench, path, headers, connections=8):
    """A keep-alive load generator in threads: slower than wrk, but the same for each row."""
    samples, stop = [], time.monotonic() + bench.duration
    lock = threading.Lock()

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", bench.port)
        mine = []
        while time.monotonic() < stop:
            start = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    samples.sort()
    return (
        len(samples) / bench.duration,
        samples[len(samples) // 2] * 1000,
        samples[int(len(samples) * 0.99)] * 1000,
    )


# --- Sections. ---


def throughput(bench):
    """Requests/s, p50 and p99 per page, as a fraction of two baselines' requests/s: the
    in-stack view (a tiny template through the project's whole middleware stack) and the
    ceiling (the same template from a bare Django project: `benchmarks/bare/`, only
    SecurityMiddleware and CommonMiddleware, under the same gunicorn settings). Targets are
    against the ceiling.

    Both baselines are loaded again just before each page, and each ratio is against its
    own pair: this machine's speed drifts by 10-25 % over a few minutes (other tenants),
    which a single baseline at the start would put into every ratio."""
    from dataclasses import replace

    signed_in = {"Cookie": bench.cookie}
    pages = [
        ("anonymous htmx step", STEP, HTMX, 0.90),
        ("anonymous player page", PLAYER, {}, 0.50),
        ("anonymous routine list", LIST, {}, 0.50),
        ("anonymous routine page", ROUTINE, {}, 0.50),
        ("anonymous exercise page", EXERCISE, {}, 0.50),
        ("anonymous urgent signs", URGENT, {}, 0.50),
        ("anonymous stop page", STOP, {}, 0.50),
        ("anonymous filtered list (computed)", FILTERED, {}, None),
        ("signed-in htmx step", bench.signed_in_step, HTMX | signed_in, 0.25),
        ("signed-in player page", PLAYER, signed_in, 0.25),
        ("signed-in routine list (Today)", LIST, signed_in, 0.25),
        ("signed-in routine page (Bookmark)", ROUTINE, signed_in, 0.25),
    ]
    ceiling = replace(bench, base=f"http://127.0.0.1:{bench.ceiling_port}", port=bench.ceiling_port)
    rows = []
    for name, path, headers, target in pages:
        base_rate, base_p50, _ = load(bench, BASELINE)
        top_rate, top_p50, _ = load(ceiling, "/")
        rate, p50, p99 = load(bench, path, headers)
        ratio = rate / top_rate
        rows.append(
            Row(
                f"{name} (req/s, p50, p99)",
                f"{rate:,.0f}/s {p50:.1f} ms {p99:.1f} ms",
                f"{base_rate:,.0f}/s {base_p50:.1f} ms",
                rate / base_rate,
                f"≥ {target:.2f}× ceiling" if target else "reported",
                ratio >= target if target else None,
                f"{top_rate:,.0f}/s {top_p50:.1f} ms",
                ratio,
            )
        )
    return rows


def shared_cache(bench):
    """What the shared default cache costs: the warm anonymous htmx step with the default
    (files every worker reads, so an edit reaches them all) against a cache in each
    worker's memory (stale across workers: `make serve`'s default before). Under load, in
    two gunicorns loaded back to back; and in this process, the two interleaved, which a
    busy machine disturbs less."""
    from dataclasses import replace

    from django.test import Client, override_settings

    if bench.env.get("REDIS_URL"):
        return []  # --redis: the default is not what is measured
    port = _free_port()
    local = replace(bench, base=f"http://127.0.0.1:{port}", port=port)
    with gunicorn(bench.env | {"BENCH_CACHE": "locmem"}, port):
        for _ in range(WORKERS * 4):
            _get(local, STEP, HTMX)
        base_rate, base_p50, _ = load(local, STEP, HTMX)
    rate, p50, p99 = load(bench, STEP, HTMX)

    def median(rounds=300):
        client = Client()
        client.get(STEP, headers=HTMX)
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            client.get(STEP, headers=HTMX)
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    files, memory = [], []
    for _ in range(5):
        files.append(median())
        with override_settings(CACHES=LOCMEM):
            memory.append(median())
    shared, own = statistics.median(files), statistics.median(memory)
    return [
        Row(
            "warm anonymous htmx step, file cache vs local memory (req/s, p50, p99)",
            f"{rate:,.0f}/s {p50:.1f} ms {p99:.1f} ms",
            f"{base_rate:,.0f}/s {base_p50:.1f} ms",
            rate / base_rate,
            "reported",
        ),
        Row(
            "in-process: warm anonymous htmx step, file cache vs local memory",
            f"{shared * 1000:.2f} ms",
            f"{own * 1000:.2f} ms",
            shared / own,
            "reported",
        ),
    ]


LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def queries(bench):
    """Queries per page at two routine sizes and two library sizes (in this process)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    sized_routines()  # after the load tests: the list they measure is the starter one
    cache.clear()
    client = Client()
    rows = []
    pages = [
        ("routine list (cold → warm)", "/", {}),
        ("filtered routine list", "/?level=1", {}),
        ("routine page", "/routines/{slug}/", {}),
        ("exercise page", "/exercises/bench-pose-3/", {}),
        ("player step, htmx (cold → warm)", "/routines/{slug}/play/4/?c=0", HTMX),
        ("player page (cold → warm)", "/routines/{slug}/play/4/?c=0", {}),
        ("stop page", "/routines/{slug}/play/4/this-hurts/?c=0", {}),
        ("finish page", "/routines/{slug}/well-done/", {}),
    ]

    def count(path, headers):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.status_code)
        return len(captured)

    for name, path, headers in pages:
        figures = []
        for slug in ("bench-5", "bench-200"):
            cache.clear()
            cold = count(path.format(slug=slug), headers)
            warm = count(path.format(slug=slug), headers)
            figures.append(f"{cold} → {warm}")
        # The routine list comes from the page cache: nothing at all once warm.
        warm_zero = name.startswith("routine list")
        rows.append(
            Row(
                f"queries: {name}",
                f"{figures[1]} at 200 steps / 1,000 exercises",
                f"{figures[0]} at 5 / 10",
                None,
                "no growth, 0 warm" if warm_zero else "no growth",
                figures[0] == figures[1] and (not warm_zero or figures[1].endswith("→ 0")),
            )
        )
    return rows


def wire_bytes(bench):
    """Compressed bytes of the player's first load and of one step swap."""
    html = _get(bench, PLAYER)
    assets = re.findall(r'<(?:script[^>]*src|link[^>]*rel="stylesheet"[^>]*href)="([^"]+)"', html)
    sizes = {"HTML (gzip -6)": len(gzip.compress(html.encode(), 6))}
    for asset in assets:
        sizes[asset.rsplit("/", 1)[-1]] = _compressed_size(bench, asset)
    total = sum(sizes.values())
    swap_html = _get(bench, STEP, HTMX)
    swap = len(gzip.compress(swap_html.encode(), 6))
    page_html = _get(bench, STEP)
    detail = ", ".join(f"{name} {size:,}" for name, size in sizes.items())
    return [
        Row(
            "bytes: player first load, compressed",
            f"{total / 1024:.1f} KB ({detail})",
            None,
            None,
            "≤ 40 KB",
            total <= 40 * 1024,
        ),
        Row(
            "bytes: one step swap (htmx panel), gzip -6",
            f"{swap / 1024:.2f} KB",
            None,
            None,
            "≤ 3 KB",
            swap <= 3 * 1024,
        ),
        Row(
            "bytes: step swap vs the same step as a whole page, uncompressed",
            f"{len(swap_html):,} B",
            f"{len(page_html):,} B",
            len(swap_html) / len(page_html),
            "≤ 0.50×",
            len(swap_html) / len(page_html) <= 0.5,
        ),
    ]


def in_process(bench):
    """The old in-process ratios (tests/bench_player.py): a long routine costs no more."""
    from django.test import Client

    client = Client()

    def median(path, headers, rounds=300):
        client.get(path, headers=headers)
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            client.get(path, headers=headers)
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    sized_routines()
    short = median("/routines/bench-5/play/3/?c=0", HTMX)
    long = median("/routines/bench-200/play/3/?c=0", HTMX)
    return [
        Row(
            "in-process: 200-step htmx step vs 5-step (warm)",
            f"{long * 1000:.2f} ms",
            f"{short * 1000:.2f} ms",
            long / short,
            "≤ 3×",
            long / short <= 3,
        ),
    ]


def in_the_browser(bench):
    """Timer accuracy and Lighthouse, each against its own throwaway copy of the site."""
    from benchmarks import lighthouse, offline_play, timer_accuracy

    rows = []
    for name, value, baseline, target in timer_accuracy.rows():
        met = abs(value) <= timer_accuracy.TARGET_MS
        rows.append(Row(name, f"{value} ms", f"{baseline} ms", None, target, met))
    needed, drift = offline_play.rows()
    rows.append(Row(needed[0], str(needed[1]), None, None, needed[3], needed[1] == 0))
    met = abs(drift[1]) <= timer_accuracy.TARGET_MS
    rows.append(Row(drift[0], f"{drift[1]} ms", f"{drift[2]} ms", None, drift[3], met))
    try:
        scores = lighthouse.rows()
    except SystemExit as missing:  # Lighthouse is an npm package, installed on request
        return [*rows, Row("lighthouse", str(missing), None, None, None, None)]
    for name, value, _, target in scores:
        met = value <= target if name.endswith("CLS") else value >= target
        rows.append(Row(name, str(value), None, None, f"{target}", met))
    return rows


def test_suite(bench):
    """How long `make test` takes (pytest -n auto: one worker per core), against the same
    suite in one process, and the ten slowest tests."""
    env = STARTING_ENV.copy()
    env.pop("DJANGO_SETTINGS_MODULE", None)  # pytest's own setting (pyproject.toml)

    def run(*args):
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
        counts = re.findall(r"(\d+) (passed|skipped|failed|error)", summary)
        return time.perf_counter() - started, {kind: int(n) for n, kind in counts}, result

    parallel, counted, result = run("-n", "auto", "--durations=10")
    serial, serial_counted, _ = run("-p", "no:xdist")
    same = counted == serial_counted and not counted.get("failed") and not counted.get("error")
    shown = ", ".join(f"{n:,} {kind}" for kind, n in counted.items())
    rows = [
        Row(
            f"make test: the suite on {os.cpu_count()} cores (pytest -n auto)",
            f"{_minutes(parallel)} ({shown})",
            f"{_minutes(serial)} in one process",
            parallel / serial,
            "the same tests, all passing",
            same,
        )
    ]
    slowest = re.findall(r"^(\d+\.\d+)s (call|setup|teardown)\s+(\S+)$", result.stdout, re.M)
    for seconds, phase, test in slowest:
        rows.append(Row(f"slowest: {test} ({phase})", f"{seconds} s"))
    return rows


def _minutes(seconds):
    return f"{int(seconds // 60)} min {seconds % 60:.0f} s"


# Table order: each function returns rows.
SECTIONS = [throughput, shared_cache, queries, wire_bytes, in_process, in_the_browser, test_suite]


# --- Setting up: database, static files, server. ---


def _get(bench, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", bench.port)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    assert response.status == 200, (path, response.status)
    return body.decode()


def _compressed_size(bench, path):
    conn = http.client.HTTPConnection("127.0.0.1", bench.port)
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
    response = conn.getresponse()
    body = response.read()
    assert response.status == 200, (path, response.status)
    if response.getheader("Content-Encoding") not in ("gzip", "br"):
        return len(gzip.compress(body, 6))
    return len(body)


def build_database():
    """The starter library and a signed-in bench user who pressed Start: the session
    cookie, and STEP as their player's link asks for it (their practice session, the
    routine's version and the move's place)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from player.carried import step_url
    from practice.models import PracticeSession
    from stretches.models import Routine

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="a-long-bench-password")
    client = Client()
    client.force_login(user)
    routine = Routine.objects.get(slug=STEP.split("/")[2])
    session = PracticeSession.start(user, routine)
    step = step_url(routine, routine.timeline()[1], session=session.pk, c="0")
    assert step.startswith(STEP.split("?")[0]), step
    assert "c=0" in step, step
    return f"sessionid={client.cookies['sessionid'].value}", step


def sized_routines():
    """Routines of 5 and 200 steps in libraries of 10 and 1,000 exercises (once)."""
    from stretches.models import Exercise, Routine, RoutineStep, Side, Variation

    if Routine.objects.filter(slug="bench-5").exists():
        return
    exercises = Exercise.objects.bulk_create(
        Exercise(name=f"Bench pose {n}", slug=f"bench-pose-{n}", summary="S.", instructions="L.")
        for n in range(1000)
    )
    Variation.objects.bulk_create(
        Variation(exercise=e, name="Easier", changes="Less.", ladder=-1) for e in exercises
    )
    for steps, library in ((5, exercises[:10]), (200, exercises)):
        routine = Routine.objects.create(
            title=f"Bench {steps}", slug=f"bench-{steps}", is_published=True
        )
        RoutineStep.objects.bulk_create(
            RoutineStep(
                routine=routine,
                order=n,
                exercise=library[n % len(library)],
                hold_seconds=20,
                side=Side.BOTH if n % 3 == 0 else Side.NONE,
            )
            for n in range(steps)
        )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env, port, app="backlog.wsgi:application"):
    """`app` under gunicorn with the project's gunicorn.conf.py (read from ROOT) and the
    bench's flags: the site, or the bare ceiling with the very same settings."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def machine():
    cores = os.cpu_count()
    with open("/proc/meminfo") as meminfo:
        kib = int(meminfo.readline().split()[1])
    cpu = platform.processor() or platform.machine()
    return (
        f"{cores} cores, {kib / 1024 / 1024:.1f} GiB memory, {cpu}, Python {sys.version.split()[0]}"
    )


def render(rows):
    header = ("figure", "value", "baseline", "ratio", "ceiling", "vs ceiling", "target", "")
    table = [header] + [
        (
            row.figure,
            row.value,
            row.baseline or "",
            f"{row.ratio:.2f}×" if row.ratio is not None else "",
            row.ceiling or "",
            f"{row.ceiling_ratio:.2f}×" if row.ceiling_ratio is not None else "",
            row.target or "",
            {True: "met", False: "MISSED", None: ""}[row.met],
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
        for line in table
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _chosen(argv):
    """The sections `--only=a,b` names (all by default)."""
    only = [arg.split("=", 1)[1].split(",") for arg in argv if arg.startswith("--only=")]
    if not only:
        return SECTIONS
    by_name = {section.__name__: section for section in SECTIONS}
    unknown = set(only[0]) - set(by_name)
    if unknown:
        sys.exit(f"--only: no section {', '.join(sorted(unknown))}; there are {', '.join(by_name)}")
    return [by_name[name] for name in only[0]]


def main(argv):
    duration = 4 if "--quick" in argv else 10
    workdir = Path(tempfile.mkdtemp(prefix="backlog-bench-"))
    if "--redis" not in argv:  # with --redis, REDIS_URL from the environment is kept
        os.environ.pop("REDIS_URL", None)
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "CACHE_DIR": str(workdir / "cache"),  # the default file cache, thrown away after
        "LOG_LEVEL": "ERROR",
        # No access log line per request (gunicorn.conf.py writes one to stdout by default):
        # the figures measure the app, and the table stays readable.
        "ACCESS_LOG": "",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    cookie, signed_in_step = build_database()
    port, ceiling_port = _free_port(), _free_port()
    bench = Bench(f"http://127.0.0.1:{port}", port, cookie, signed_in_step, duration, env)
    bench.ceiling_port = ceiling_port
    started = datetime.now(UTC)
    rows = []
    bare = env | {"DJANGO_SETTINGS_MODULE": "benchmarks.bare.settings"}
    with gunicorn(env, port), gunicorn(bare, ceiling_port, "benchmarks.bare.wsgi:application"):
        for path in (STEP, PLAYER, LIST, ROUTINE, EXERCISE, URGENT, STOP, FILTERED, BASELINE):
            for _ in range(WORKERS * 4):  # warm every worker's cache
                _get(bench, path)
        for _ in range(WORKERS * 4):
            _get(bench, signed_in_step, HTMX | {"Cookie": cookie})
        for section in _chosen(argv):
            try:
                rows += section(bench)
            except Exception as failure:  # one broken tool must not lose the whole run
                said = " ".join(str(failure).split())[:300]
                rows.append(Row(f"{section.__name__}: failed", said, met=False))
    tool = "wrk -t2 -c8" if shutil.which("wrk") else "Python load generator, 8 connections"
    cache = "Redis" if os.environ.get("REDIS_URL") else "file-based"
    print(f"backlog bench, {started:%Y-%m-%d %H:%M} UTC: {machine()}")
    print(
        f"gunicorn {WORKERS} sync workers, production settings, SQLite, {cache} cache, "
        f"{tool}, {duration} s per figure, loopback; baseline: a tiny template through the "
        "whole stack; ceiling: the same from a bare Django project (benchmarks/bare/)"
    )
    print(render(rows))
    print(json.dumps({"missed": [row.figure for row in rows if row.met is False]}))
    shutil.rmtree(workdir, ignore_errors=True)
    return 1 if any(row.met is False for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
