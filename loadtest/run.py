"""One load-test run against DATABASE_URL (and REDIS_URL when set): migrate, collect static
files, start gunicorn on loopback (or, with --cluster, two gunicorn servers behind nginx:
deploy/cluster.py, with the faults of loadtest/faults.py in the same run), drive it with
concurrent clients for a bounded time, then compare the clients' ledger of successful
writes with the database.

Started by `python -m loadtest`; prints one report and exits 1 when anything is wrong.
"""

import argparse
import http.client
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "load-test-password-7391"


class Stats:
    """Every request's status and time, shared by the clients."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.times = []
        self.errors = Counter()
        self.retried = Counter()  # status -> answers a client retried (a server died)

    def add(self, status, seconds):
        with self.lock:
            self.statuses[status] += 1
            self.times.append(seconds)

    def error(self, what):
        with self.lock:
            self.errors[what] += 1

    def retry(self, status):
        with self.lock:
            self.retried[status] += 1


class Ledger:
    """What each client saw succeed; compared with the database at the end."""

    def __init__(self):
        self.lock = threading.Lock()
        self.signed_up = []
        self.sign_ins = Counter()  # username -> successful sign-ins (sign-up's included)
        self.favourite = {}  # (username, slug) -> last state that succeeded
        self.started = Counter()  # username -> sessions started
        self.finished = {}  # session pk -> (username, slug, pain_before)
        self.pain_after = {}  # session pk -> rating saved
        # Writes whose first answer was lost with a dying server and were sent again: the
        # first may have landed too (username -> sign-ins, "starts" -> Starts).
        self.uncertain = Counter()

    def record(self, attribute, key, value):
        with self.lock:
            getattr(self, attribute)[key] = value

    def count(self, attribute, key):
        with self.lock:
            getattr(self, attribute)[key] += 1


class Browser:
    """One person: cookies kept by hand (production cookies are Secure, and this is plain
    HTTP on loopback), the CSRF token sent as htmx sends it, redirects not followed.
    A 502, 503 or 504 (the balancer lost the server mid-request) is tried again, as a
    person would tap again; `retried` says whether the last request needed that."""

    RETRY = {502, 503, 504}

    def __init__(self, port, stats, retries=3):
        self.port = port
        self.stats = stats
        self.cookies = {}
        self.retries = retries
        self.retried = False

    def request(self, method, path, data=None, htmx=False):
        self.retried = False
        for _ in range(self.retries):
            status, location, content = self.once(method, path, data, htmx, retrying=True)
            if status not in self.RETRY:
                return status, location, content
            self.retried = True
            time.sleep(0.2)
        return self.once(method, path, data, htmx)

    def once(self, method, path, data=None, htmx=False, retrying=False):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            # As a browser sends it: Django's CSRF check compares it with the host.
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(data or {})
        if htmx:
            headers["HX-Request"] = "true"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.stats.error(type(error).__name__)
            raise
        finally:
            connection.close()
        if response.status in self.RETRY and retrying:
            self.stats.retry(response.status)  # counted apart: the retry's answer counts
        else:
            self.stats.add(response.status, time.perf_counter() - started)
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers.get("Location", ""), content

    def get(self, path, htmx=False):
        return self.request("GET", path, htmx=htmx)

    def post(self, path, data=None):
        return self.request("POST", path, data)


class Person(threading.Thread):
    def __init__(self, number, port, routines, deadline, stats, ledger):
        super().__init__(daemon=True)
        self.browser = Browser(port, stats)
        self.username = f"load{number}-{secrets.token_hex(3)}"
        self.routines = routines
        self.deadline = deadline
        self.ledger = ledger
        self.random = random.Random(number)

    def run(self):
        try:
            self.sign_up()
            actions = [
                (self.read_list, 3),
                (self.read_routine, 2),
                (self.play_every_step, 2),
                (self.bookmark, 3),
                (self.practise, 3),
                (self.sign_out_and_in, 1),
            ]
            functions, weights = zip(*actions, strict=True)
            while time.monotonic() < self.deadline:
                self.random.choices(functions, weights)[0]()
        except (OSError, http.client.HTTPException):
            pass  # counted in the stats; this person stops

    def sign_up(self):
        self.browser.get("/accounts/signup/")
        status, _, _ = self.browser.post(
            "/accounts/signup/",
            {
                "username": self.username,
                "email": f"{self.username}@example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        if status == 302:
            self.ledger.signed_up.append(self.username)
            self.ledger.count("sign_ins", self.username)
        else:
            raise OSError(f"sign-up answered {status}")

    def routine(self):
        return self.random.choice(self.routines)

    def read_list(self):
        self.browser.get("/")

    def read_routine(self):
        self.browser.get(f"/routines/{self.routine()[0]}/")

    def play_every_step(self):
        slug, steps = self.routine()
        # c=0: as a player is after Before you start, when nothing there applies.
        self.browser.get(f"/routines/{slug}/play/1/?c=0")
        for number in range(2, steps + 1):
            self.browser.get(f"/routines/{slug}/play/{number}/?c=0", htmx=True)
        self.browser.get(f"/routines/{slug}/play/{steps}/this-hurts/?c=0")

    def bookmark(self):
        slug, _ = self.routine()
        wanted = self.random.choice(["on", "off"])
        status, _, _ = self.browser.post(f"/routines/{slug}/favourite/", {"favourite": wanted})
        if status == 302:
            self.ledger.record("favourite", (self.username, slug), wanted)

    def practise(self):
        slug, steps = self.routine()
        pain = self.random.randint(0, 10)
        status, location, _ = self.browser.post(f"/routines/{slug}/start/", {"pain": pain})
        if self.browser.retried:
            self.ledger.count("uncertain", "starts")
        if status != 302:
            return
        self.ledger.count("started", self.username)
        # The player carries the session it started in its links and its Finish form.
        started = urlsplit(location)
        carried = parse_qs(started.query)["session"][0]
        self.browser.get(f"{started.path}?session={carried}&c=0")
        for number in range(2, min(steps, 4) + 1):
            self.browser.get(f"/routines/{slug}/play/{number}/?session={carried}&c=0", htmx=True)
        finish = {"session": carried}
        status, location, _ = self.browser.post(f"/routines/{slug}/record-finish/", finish)
        if status != 302:
            return
        session = int(parse_qs(urlsplit(location).query)["session"][0])
        self.ledger.record("finished", session, (self.username, slug, pain))
        if self.random.random() < 0.2:
            # A double tap on Finish: it must not record a second session.
            self.browser.post(f"/routines/{slug}/record-finish/", finish)
        self.browser.get(location)
        if self.random.random() < 0.7:
            after = self.random.randint(0, 10)
            status, _, _ = self.browser.post(f"/my/sessions/{session}/pain/", {"pain": after})
            if status == 302:
                self.ledger.record("pain_after", session, after)

    def sign_out_and_in(self):
        self.browser.post("/accounts/logout/")
        self.browser.get("/accounts/login/")
        status, _, _ = self.browser.post(
            "/accounts/login/", {"username": self.username, "password": PASSWORD}
        )
        if self.browser.retried:
            self.ledger.count("uncertain", self.username)
        if status == 302:
            self.ledger.count("sign_ins", self.username)
        else:
            raise OSError(f"sign-in answered {status}")


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * fraction))] if values else 0.0


def compare(ledger):
    """Rows the ledger says must exist, against the rows that do: (check, expected, found)."""
    from axes.models import AccessLog
    from django.contrib.auth import get_user_model

    from practice.models import Favourite, PracticeSession

    users = get_user_model().objects.filter(username__startswith="load")
    rows = []
    rows.append(("accounts signed up", len(ledger.signed_up), users.count()))
    signed_in = Counter(AccessLog.objects.filter(username__startswith="load").values_list(
        "username", flat=True))  # fmt: skip
    unsure = ledger.uncertain
    rows.append(("sign-ins logged", sum(ledger.sign_ins.values()), sum(signed_in.values()),
                 sum(unsure[name] for name in ledger.sign_ins)))  # fmt: skip
    rows.append(("people whose sign-ins differ", 0, sum(
        1 for name in ledger.sign_ins
        if not 0 <= signed_in[name] - ledger.sign_ins[name] <= unsure[name])))  # fmt: skip

    wanted = {key for key, state in ledger.favourite.items() if state == "on"}
    found = set(Favourite.objects.filter(user__in=users).values_list("user__username",
                                                                     "routine__slug"))  # fmt: skip
    rows.append(("bookmarks", len(wanted), len(found)))
    rows.append(("bookmarks lost or extra", 0, len(wanted ^ found)))

    sessions = PracticeSession.objects.filter(user__in=users)
    started = sum(ledger.started.values())
    rows.append(("practice sessions (one per Start)", started, sessions.count(), unsure["starts"]))
    completed = {
        s.pk: s
        for s in sessions.filter(status=PracticeSession.Status.COMPLETED).select_related("user")
    }
    rows.append(("sessions finished", len(ledger.finished), len(completed)))
    wrong = [
        pk
        for pk, (username, slug, pain) in ledger.finished.items()
        if pk not in completed
        or completed[pk].user.username != username
        or completed[pk].pain_before != pain
        or completed[pk].started_at is None
    ]
    rows.append(("finished sessions not as recorded", 0, len(wrong)))
    rows.append(("finished with no start (doubled)", 0,
                 sessions.filter(started_at=None).count()))  # fmt: skip
    rows.append(("open sessions (started, not finished)", started - len(ledger.finished),
                 sessions.filter(status=PracticeSession.Status.IN_PROGRESS).count(),
                 unsure["starts"]))  # fmt: skip
    after = dict(sessions.exclude(pain_after=None).values_list("pk", "pain_after"))
    rows.append(("pain ratings afterwards", len(ledger.pain_after), len(after)))
    rows.append(("pain ratings lost or different", 0,
                 sum(1 for pk, v in ledger.pain_after.items() if after.get(pk) != v)))  # fmt: skip
    # (check, expected, found, slack): found may exceed expected by the retried writes.
    return [row if len(row) == 4 else (*row, 0) for row in rows]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_check_routine():
    """A routine of two exercises the faults edit (through A) and read (from B)."""
    from django.contrib.auth import get_user_model

    from stretches.models import Exercise, Routine, RoutineStep

    from .faults import EDITOR, EDITOR_PASSWORD

    get_user_model().objects.create_superuser(EDITOR, f"{EDITOR}@example.com", EDITOR_PASSWORD)
    first, checked = (
        Exercise.objects.create(
            name=f"Cluster check {n}",
            slug=f"cluster-check-{n}",
            summary="A gentle stretch.",
            instructions="Lie down.\nBreathe.",
            safety_notes="Stop if it hurts.",
            avoid_if="Skip it after recent back surgery.",
        )
        for n in (1, 2)
    )
    routine = Routine.objects.create(title="Cluster check", slug="cluster-check", is_published=True)
    for order, exercise in enumerate([first, checked], start=1):
        RoutineStep.objects.create(routine=routine, exercise=exercise, order=order, hold_seconds=30)
    return checked.pk, f"/routines/{routine.slug}/play/2/?c=0"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", default="SQLite")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--cluster", action="store_true", help="two servers of --workers/2 behind nginx"
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="backlog-loadtest-"))
    port = free_port()
    os.environ.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        CACHE_DIR=str(folder / "cache"),
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(args.workers),
        ACCESS_LOG="",
        # Every client comes from 127.0.0.1: lift the per-address sign-up limit.
        SIGNUPS_PER_ADDRESS="1000000",
        # Keys of this run's own, so a shared Redis starts empty for it and nothing of
        # anyone else's is read, overwritten or cleared (it is never flushed).
        CACHE_KEY_PREFIX=f"loadtest-{secrets.token_hex(6)}",
        DJANGO_SETTINGS_MODULE="backlog.settings",
    )
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        subprocess.run([*manage, *command], cwd=BASE_DIR, check=True, capture_output=True)

    import django

    django.setup()
    from django.db import connections

    from stretches.models import Routine

    routines = [(r.slug, len(r.timeline())) for r in Routine.objects.published().with_steps()]
    check = make_check_routine() if args.cluster else None
    connections.close_all()

    cluster = None
    log_path = folder / "gunicorn.log"
    if args.cluster:
        from deploy.cluster import Cluster

        from .faults import Faults

        cluster = Cluster(folder, dict(os.environ), servers=2, workers=max(1, args.workers // 2))
        cluster.start()
        port = cluster.port
    else:
        gunicorn = Path(sys.executable).parent / "gunicorn"
        with open(log_path, "w") as log:
            server = subprocess.Popen(
                [str(gunicorn), "backlog.wsgi:application"], cwd=BASE_DIR, stdout=log, stderr=log
            )
    faults = None
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        stats, ledger = Stats(), Ledger()
        started = time.monotonic()
        deadline = started + args.seconds
        people = [Person(n, port, routines, deadline, stats, ledger) for n in range(args.clients)]
        for person in people:
            person.start()
        if cluster:
            faults = Faults(cluster, Browser, Stats(), started, args.seconds, check)
            faults.start()
        for person in people:
            person.join(timeout=args.seconds + 120)
        if faults:
            faults.join(timeout=120)
        elapsed = time.monotonic() - started
    finally:
        if cluster:
            cluster.stop()
        else:
            server.terminate()
            server.wait(timeout=30)

    if cluster:
        server_log = "".join(cluster.log_path(i).read_text() for i in range(2))
        shape = f"2 gunicorn servers of {max(1, args.workers // 2)} workers behind nginx"
    else:
        server_log = log_path.read_text()
        shape = f"{args.workers} gunicorn workers"
    rows = compare(ledger)
    total = sum(stats.statuses.values())
    server_errors = sum(n for status, n in stats.statuses.items() if status >= 500)
    locked = server_log.count("database is locked")
    tracebacks = server_log.count("Traceback")

    print(f"\n== {args.name}: {args.clients} clients, {shape}, {elapsed:.0f} s ==")
    print(f"requests        {total}  ({total / elapsed:.0f}/s)")
    print("by status       " + ", ".join(f"{s}: {n}" for s, n in sorted(stats.statuses.items())))
    if cluster:
        retried = ", ".join(f"{s}: {n}" for s, n in sorted(stats.retried.items())) or "none"
        print(f"retried answers {retried} (a server died mid-request; the client tapped again)")
    print(f"client errors   {dict(stats.errors) or 'none'}")
    print(f"latency         p50 {percentile(stats.times, 0.5) * 1000:.0f} ms, "
          f"p99 {percentile(stats.times, 0.99) * 1000:.0f} ms")  # fmt: skip
    print(f"5xx responses   {server_errors}")
    print(f"'database is locked' in the server log: {locked}; tracebacks: {tracebacks}")
    print(f"\n{'ledger check':<42}{'ledger':>8}{'database':>10}")
    bad = 0
    for check_name, expected, found, slack in rows:
        wrong = not expected <= found <= expected + slack
        mark = "   <-- differs" if wrong else (f"   (+{slack} retried)" if slack else "")
        bad += wrong
        print(f"{check_name:<42}{expected:>8}{found:>10}{mark}")
    if faults:
        print("\nfaults, in the same run")
        for line in faults.report:
            print(f"  {line}")
        for problem in faults.problems:
            print(f"  PROBLEM: {problem}")
    if tracebacks:
        first = re.search(r"Traceback.*?(?=\n\S|\Z)", server_log, re.S)
        print("\nfirst traceback in the server log:\n" + (first.group(0) if first else ""))
    ok = not (bad or server_errors or locked or tracebacks or stats.errors)
    ok = ok and not (faults and faults.problems)
    print(f"\nresult: {'OK' if ok else 'PROBLEMS FOUND'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
