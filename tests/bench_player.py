"""Benchmarks for the player's hot path: `make bench` (python -m tests.bench_player).

Every figure is a ratio against a baseline measured in the same run on the same machine,
so the targets hold on a slow laptop and a fast server alike. The baseline is one player
step of a 5-step routine, fetched by htmx (the request made at every change of pose).

Targets:
- a step of a 200-step routine (40× longer) costs at most 3× the baseline in time and 5×
  in peak memory: the timeline is expanded per request from the steps' timing fields
  alone, so some growth is expected, but nothing like 40×;
- the whole page costs at most 3× the htmx panel, and the panel is at most half its bytes.
"""

import os
import statistics
import sys
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backlog.settings")
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ROUNDS = 300


def timed(client, url, headers):
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples), len(response.content)


def peak_memory(client, url, headers):
    client.get(url, headers=headers)  # warm caches first
    tracemalloc.start()
    client.get(url, headers=headers)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main():
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    from tests.conftest import make_routine

    short, long = make_routine(steps=5), make_routine(steps=200)
    client = Client()
    htmx = {"HX-Request": "true"}

    def step(routine):
        return f"/routines/{routine.slug}/play/3/"

    base_time, base_bytes = timed(client, step(short), htmx)
    base_memory = peak_memory(client, step(short), htmx)
    long_time, _ = timed(client, step(long), htmx)
    long_memory = peak_memory(client, step(long), htmx)
    page_time, page_bytes = timed(client, step(short), {})

    rows = [
        ("200-step routine, htmx step: time", long_time / base_time, 3.0),
        ("200-step routine, htmx step: peak memory", long_memory / base_memory, 5.0),
        ("whole page vs htmx panel: time", page_time / base_time, 3.0),
        ("htmx panel vs whole page: bytes", base_bytes / page_bytes, 0.5),
    ]
    print(f"baseline: htmx step of a 5-step routine, median of {ROUNDS} requests")
    print(f"  {base_time * 1000:.2f} ms, {base_memory / 1024:.0f} KiB peak, {base_bytes} bytes")
    missed = 0
    for name, ratio, target in rows:
        ok = ratio <= target
        missed += not ok
        print(f"{name:45} {ratio:6.2f}×  target ≤ {target}×  {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
