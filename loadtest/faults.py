"""Faults for `make loadtest TARGET=cluster`, in the same run as the load: one app server
killed (SIGKILL) mid-load and restarted, a content edit saved through server A and looked
for on server B, and a person signed in through A continuing on B.

`edit_through` and `signed_in_on_both` are also what tests/test_cluster.py runs.
"""

import threading
import time
from collections import Counter

from .forms import form_fields, replaced

EDITOR = "editor-loadtest"
EDITOR_PASSWORD = "load-test-editor-password-5120"


def sign_in(browser, username, password):
    browser.get("/accounts/login/")
    status, _, _ = browser.post("/accounts/login/", {"username": username, "password": password})
    return status == 302


def panel(browser, path):
    status, _, content = browser.get(path, htmx=True)
    return status, content.decode()


def edit_through(editor_on_a, reader_on_b, exercise_pk, panel_path, new_notes, timeout=5):
    """Save `new_notes` as an exercise's safety notes in the admin on A (every other field
    as it was), then ask B for the panel until it shows them. Returns the seconds from A's
    answer to B's first panel with the new notes, or None when B never showed them."""
    change = f"/admin/stretches/exercise/{exercise_pk}/change/"
    status, _, content = editor_on_a.get(change)
    assert status == 200, f"the admin change page answered {status}"
    fields = replaced(form_fields(content.decode(), "exercise_form"), "safety_notes", new_notes)
    status, _, content = editor_on_a.post(change, [*fields, ("_save", "Save")])
    assert status == 302, f"the admin save answered {status}: {content[:2000]!r}"
    saved = time.monotonic()
    while time.monotonic() - saved < timeout:
        status, html = panel(reader_on_b, panel_path)
        if status == 200 and new_notes in html:
            return time.monotonic() - saved
        time.sleep(0.01)
    return None


def signed_in_on_both(on_a, on_b, username, password):
    """Sign in on A, then carry the same cookies to B: B must know the person."""
    assert sign_in(on_a, username, password), "sign-in on A failed"
    on_b.cookies = dict(on_a.cookies)
    status, _, content = on_b.get("/accounts/")
    return status == 200 and username in content.decode()


class Faults(threading.Thread):
    """Runs beside the load: kill server B at 30 % of the run, restart it at 50 %, then
    the cross-server checks. `report` collects what it measured, one line each."""

    def __init__(self, cluster, browser_class, stats, started, seconds, check):
        super().__init__(daemon=True)
        self.cluster = cluster
        self.browser_class = browser_class
        self.stats = stats
        self.started = started
        self.seconds = seconds
        self.check = check  # (exercise pk, panel path)
        self.report = []
        self.problems = []

    def at(self, fraction):
        time.sleep(max(0.0, self.started + self.seconds * fraction - time.monotonic()))

    def direct(self, index):
        return self.browser_class(self.cluster.ports[index], self.stats)

    def run(self):
        try:
            self.faults()
        except Exception as error:  # reported, never silently lost with the thread
            self.problems.append(f"the fault run stopped: {error!r}")

    def probe(self, count=20):
        """`count` requests through nginx (the health check): their statuses."""
        through_nginx = self.browser_class(self.cluster.port, self.stats, retries=0)
        return Counter(through_nginx.get("/healthz")[0] for _ in range(count))

    def faults(self):
        cluster = self.cluster
        a_port, b_port = cluster.ports[0], cluster.ports[1]
        self.at(0.3)
        _, mark = cluster.upstream_counts()
        cluster.kill_server(1)
        killed = time.monotonic()
        time.sleep(0.5)
        probed = self.probe()
        self.at(0.5)
        while_down, mark = cluster.upstream_counts(mark)
        down_for = time.monotonic() - killed
        cluster.start_server(1)
        restarted = time.monotonic()
        self.report.append(
            f"server B killed (SIGKILL) for {down_for:.1f} s: nginx passed "
            f"{while_down[a_port]} requests to A and {while_down[b_port]} to B meanwhile; "
            f"{while_down['lost']} in flight on B answered 502 (their clients tried again); "
            f"20 probes through nginx answered {dict(probed)}"
        )
        if while_down[b_port]:
            self.problems.append("B answered requests while it was dead")
        if set(probed) != {200}:
            self.problems.append(f"with B dead, nginx answered {dict(probed)}")
        # nginx tries a failed server again after fail_timeout (2 s in the template).
        after, probed = {b_port: 0}, Counter()
        while not after[b_port] and time.monotonic() - restarted < 10:
            probed += self.probe(count=5)
            after, _ = cluster.upstream_counts(mark)
        if set(probed) != {200}:
            self.problems.append(f"after B's restart, nginx answered {dict(probed)}")
        back = time.monotonic() - restarted
        self.report.append(
            f"server B restarted (listening after {restarted - killed - down_for:.1f} s); "
            f"back in rotation: {'yes' if after[b_port] else 'NO'}, nginx passed it "
            f"{after[b_port]} requests in the first {back:.1f} s after its restart "
            f"(A: {after[a_port]})"
        )
        if not after[b_port]:
            self.problems.append("B was not back in rotation 10 s after its restart")

        exercise_pk, panel_path = self.check
        reader_on_b = self.direct(1)
        for _ in range(2):  # B serves the old notes, the second time from the cache
            panel(reader_on_b, panel_path)
        editor_on_a = self.direct(0)
        if not sign_in(editor_on_a, EDITOR, EDITOR_PASSWORD):
            self.problems.append("the editor could not sign in on A")
            return
        new_notes = f"Edited through A at {time.time():.3f}."
        seconds = edit_through(editor_on_a, reader_on_b, exercise_pk, panel_path, new_notes)
        if seconds is None:
            self.problems.append("an edit saved through A never reached B (5 s)")
        else:
            ms = seconds * 1000
            self.report.append(f"content edit saved through A, served by B after {ms:.0f} ms")
            if seconds >= 1:
                self.problems.append(f"the edit took {seconds:.2f} s to reach B (target < 1 s)")

        continued = signed_in_on_both(self.direct(0), self.direct(1), EDITOR, EDITOR_PASSWORD)
        self.report.append(f"signed in through A, continued on B: {'yes' if continued else 'NO'}")
        if not continued:
            self.problems.append("a person signed in on A was a stranger to B")
