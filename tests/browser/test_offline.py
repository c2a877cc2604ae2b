"""Offline play: the site installs, a started routine plays to "Well done" with the network
cut right after Start (Playwright's offline mode), what the person records offline reaches
the history exactly once, an edit made mid-run leaves the run as started, and signing out
clears what the device kept.

Requests that reach Django are counted with its request_started signal, so "no request"
means the server heard nothing, whatever the service worker answered.
"""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from practice.models import PracticeSession, Receipt
from stretches.models import Routine
from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    START,
    at_step,
    step_milliseconds,
    until,
)
from tests.browser.test_accessibility import audit
from tests.browser.test_player_timer import sign_in
from tests.conftest import make_routine

pytestmark = pytest.mark.browser


def for_the_run(paths):
    """What the routine asked the server for. Not the browser's own update check of the
    worker's script on a navigation: Chromium makes it outside the page, where Playwright's
    offline mode does not reach, and on a phone without a network it simply fails."""
    return [path for path in paths if path != reverse("offline:service-worker")]


ROUTINE = "spinal-twist-cycle"
CLOCK_START = datetime(2025, 3, 3, 8, 0)


# Until the service worker controls the page (it claims the player as it activates).
CONTROLLED = """navigator.serviceWorker.ready.then(() => new Promise((done) => {
  if (navigator.serviceWorker.controller) done();
  else navigator.serviceWorker.addEventListener("controllerchange", done);
}))"""


def step_url(live_server, number, slug=ROUTINE):
    return live_server.url + reverse("player:play-step", args=[slug, number]) + "?c=0"


def start_and_save(page, url):
    """Open `url` with Playwright's clock, press Start and wait until the run is saved."""
    page.clock.install(time=CLOCK_START)
    page.goto(url)
    page.clock.pause_at(CLOCK_START + timedelta(minutes=1))
    page.evaluate(CONTROLLED)
    page.click(START)
    status = page.locator("[data-offline-status]")
    expect(status).to_have_attribute("data-offline-status", "saved", timeout=15_000)
    expect(status).to_have_text("Saved on this phone: this routine plays on without a connection.")
    page.evaluate("navigator.serviceWorker.controller !== null")


def play_to_the_end(page):
    """Run the clock through every step the player shows, as a person on the floor would."""
    count = int(page.locator("[data-player]").get_attribute("data-count"))
    for number in range(1, count + 1):
        expect(page.locator("[data-player]")).to_have_attribute("data-number", str(number))
        page.clock.run_for(step_milliseconds(page) + 300)
        if number < count:
            expect(page).to_have_url(at_step(number + 1))


def test_the_manifest_is_linked_and_chromium_finds_the_site_installable(
    live_server, browser, console_errors, tmp_path
):
    # A profile on disk: Chromium never offers to install from an incognito context.
    context = browser.browser_type.launch_persistent_context(
        tmp_path, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
    )
    try:
        page = console_errors.watch(context.new_page())
        page.goto(live_server.url + "/")
        check_installable(page, live_server)
    finally:
        context.close()


def check_installable(page, live_server):
    href = page.locator('link[rel="manifest"]').get_attribute("href")
    manifest = page.request.get(live_server.url + href)
    assert manifest.headers["content-type"] == "application/manifest+json"
    data = manifest.json()
    assert data["display"] == "standalone"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    for icon in data["icons"]:
        assert page.request.get(live_server.url + icon["src"]).ok
    cdp = page.context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []


def test_the_service_worker_is_served_from_the_root_under_the_strict_csp(live_server, page):
    response = page.request.get(live_server.url + "/service-worker.js")
    assert response.ok
    assert response.headers["content-type"].startswith("text/javascript")
    assert "no-cache" in response.headers["cache-control"]


def test_the_spinal_twist_cycle_reaches_well_done_with_the_network_gone(
    live_server, starter_library, page, server_requests
):
    start_and_save(page, step_url(live_server, 1))
    page.context.set_offline(True)
    server_requests.clear()

    play_to_the_end(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Well done")
    assert for_the_run(server_requests) == []


# Each step's page and its htmx panel, in the run's cache: two entries, never one for both.
BOTH_KEPT = """async () => {
  const lis = [...document.querySelectorAll("[data-timeline] li")];
  const path = new URL(lis[0].dataset.url, location.href).pathname.split("/play/")[0];
  const run = await caches.open("backlog-run:" + path);
  const kept = [];
  for (const li of lis) {
    const url = new URL(li.dataset.url, location.href);
    const page = await run.match(url.href, { ignoreVary: true });
    url.searchParams.set("backlog-panel", "1");
    const panel = await run.match(url.href, { ignoreVary: true });
    kept.push([
      Boolean(page) && (await page.text()).includes("<html"),
      Boolean(panel) && !(await panel.text()).includes("<html"),
    ]);
  }
  return kept;
}"""


def test_every_steps_page_and_panel_are_kept_and_a_reload_offline_opens_the_step(
    live_server, starter_library, page
):
    start_and_save(page, step_url(live_server, 1))
    assert page.evaluate(BOTH_KEPT) == [[True, True]] * 12
    page.context.set_offline(True)
    page.clock.run_for(step_milliseconds(page) + 300)
    expect(page).to_have_url(at_step(2))
    page.reload()  # the step's page, from the phone
    expect(page.locator("[data-player]")).to_have_attribute("data-number", "2")
    expect(page).to_have_title(re.compile(r"^Step 2 of 12: "))


def test_stop_this_hurts_and_its_page_work_offline(live_server, starter_library, page):
    start_and_save(page, step_url(live_server, 1))
    page.context.set_offline(True)
    page.clock.run_for(step_milliseconds(page) + 300)
    expect(page).to_have_url(at_step(2))
    page.click(START)  # Pause
    expect(page.locator(START)).to_have_text("Resume")
    page.click("[data-stop]")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You stopped. That was the right call."
    )


def test_an_edit_made_mid_run_leaves_the_run_as_started(
    live_server, starter_library, page, server_requests
):
    start_and_save(page, step_url(live_server, 1))
    page.context.set_offline(True)
    routine = Routine.objects.get(slug=ROUTINE)
    last = routine.steps.order_by("order").last()
    last.delete()  # as an editor in the admin, while the person plays offline
    routine.save()

    play_to_the_end(page)  # all 12 moves, as started
    expect(page.get_by_role("heading", level=1)).to_contain_text("Well done")


def finish_offline(page, live_server, signed_in, routine):
    sign_in(page, signed_in, live_server)
    # Start on the routine page (with a rating): the player carries the open session.
    started = signed_in.post(reverse("practice:session-start", args=[routine.slug]), {"pain": "6"})
    start_and_save(page, live_server.url + started["Location"].split("#")[0])
    page.context.set_offline(True)
    play_to_the_end(page)  # the timer presses Finish: queued on the phone
    expect(page).to_have_url(re.compile(r"/well-done/"))
    queue = page.locator("[data-offline-queue]")
    expect(queue).to_contain_text("Finish, pressed at")
    expect(queue).to_contain_text("saved on this phone — sent when you are back online")
    return queue


def test_finish_and_pain_made_offline_reach_the_history_once(
    live_server, page, signed_in, user, console_errors
):
    console_errors.allow(r"^Failed to load resource: net::ERR_INTERNET_DISCONNECTED")
    routine = make_routine(steps=2)
    queue = finish_offline(page, live_server, signed_in, routine)
    session = PracticeSession.objects.get(user=user)
    assert session.status == PracticeSession.Status.IN_PROGRESS  # nothing arrived yet
    page.get_by_role("button", name="3", exact=True).click()  # pain after, offline too
    expect(queue).to_contain_text("Pain rating, pressed at")

    page.reload()  # the queue outlives the page (the cached page, still offline)
    expect(page.locator("[data-offline-queue]")).to_contain_text("Pain rating, pressed at")
    page.context.set_offline(False)  # `online`: the queue goes
    queue = page.locator("[data-offline-queue]")
    expect(queue).to_contain_text(re.compile(r"Finish, pressed at .*: sent at "))
    expect(queue).to_contain_text(re.compile(r"Pain rating, pressed at .*: sent at "))
    session = PracticeSession.objects.get(user=user)
    assert session.status == PracticeSession.Status.COMPLETED
    assert session.pain_after == 3
    assert Receipt.objects.filter(user=user).count() == 2

    # The same queue sent again (another tab, a lost answer): nothing new is recorded.
    page.evaluate(
        """async () => {
          const db = await new Promise((ok) => {
            const r = indexedDB.open("backlog", 1); r.onsuccess = () => ok(r.result);
          });
          const all = await new Promise((ok) => {
            const r = db.transaction("queue").objectStore("queue").getAll();
            r.onsuccess = () => ok(r.result);
          });
          for (const item of all) {
            await fetch(item.url, { method: "POST", body: new URLSearchParams(item.fields) });
          }
        }"""
    )
    assert PracticeSession.objects.filter(user=user).count() == 1
    assert Receipt.objects.filter(user=user).count() == 2


def test_signing_out_clears_the_saved_runs_and_the_queue(live_server, page, signed_in, user):
    routine = make_routine(steps=2)
    sign_in(page, signed_in, live_server)
    start_and_save(page, live_server.url + reverse("player:play-step", args=[routine.slug, 1]))
    assert page.evaluate("caches.keys()") != []
    page.evaluate("document.body.classList.remove('is-playing')")  # the header, shown again
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("indexedDB.databases().then((all) => all.map((db) => db.name))") == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations()") == []


# "Save for offline" on a routine page ------------------------------------------------------

SAVE = "Save for offline"


def answer_before_you_start(page, live_server):
    page.goto(live_server.url + reverse("player:check-first", args=[ROUTINE]))
    page.get_by_role("button", name=re.compile("None of these apply")).click()
    expect(page).to_have_url(at_step(1))


def test_save_for_offline_first_sends_a_new_visitor_to_before_you_start(
    live_server, starter_library, page
):
    page.goto(live_server.url + reverse("stretches:routine-detail", args=[ROUTINE]))
    page.get_by_role("button", name=SAVE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Before you start")
    assert "/play/" not in page.url  # no step reached without the check first


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_routine_saved_from_its_page_plays_to_well_done_offline(
    live_server, starter_library, new_page, server_requests, theme
):
    page = new_page(color_scheme=theme)
    page.clock.install(time=CLOCK_START)
    answer_before_you_start(page, live_server)  # online, as the person would first
    page.goto(live_server.url + reverse("stretches:routine-detail", args=[ROUTINE]))
    page.get_by_role("button", name=SAVE).click()
    status = page.locator("[data-save-offline-status]")
    expect(status).to_have_attribute("data-save-offline-status", "saved", timeout=15_000)
    expect(status).to_have_text("Saved on this phone: plays without a connection.")
    assert audit(page) == ""

    page.context.set_offline(True)
    server_requests.clear()
    # Ahead of the running clock by more than the save and the audit can take.
    page.clock.pause_at(CLOCK_START + timedelta(minutes=5))
    start = page.get_by_role("link", name=re.compile("^Start")).get_attribute("href")
    assert start.endswith("#start")  # the press that opens the player starts it
    page.goto(live_server.url + start)  # Start, later, with the network gone
    expect(page).to_have_url(at_step(1))
    expect(page.locator(START)).to_have_text("Pause")
    expect(page.locator("[data-offline-status]")).to_have_attribute(
        "data-offline-status", "offline"
    )
    play_to_the_end(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Well done")
    assert for_the_run(server_requests) == []


# Signed in: Start kept on the phone, and the queue sent by the worker ----------------------

RUN_SECONDS = 2 * 35  # make_routine(steps=2): two steps of a 5 s lead-in and a 30 s hold


def save_from_the_routine_page(page, live_server, routine):
    page.goto(live_server.url + reverse("stretches:routine-detail", args=[routine.slug]))
    page.get_by_role("button", name=SAVE).click()
    status = page.locator("[data-save-offline-status]")
    expect(status).to_have_attribute("data-save-offline-status", "saved", timeout=15_000)


def start_offline_with_a_rating(page, rating):
    page.get_by_role("button", name=rating, exact=True).click()
    expect(page).to_have_url(at_step(1))
    expect(page.locator(START)).to_have_text("Pause")  # #start: playing, as online
    queue = page.locator("[data-offline-queue]")
    expect(queue).to_contain_text("Start, pressed at")
    return queue


def test_signed_in_a_saved_routine_starts_offline_and_reaches_the_history_once(
    live_server, page, signed_in, user, server_requests, console_errors
):
    console_errors.allow(r"^Failed to load resource: net::ERR_INTERNET_DISCONNECTED")
    # Without Background Sync, so only the page sends (the worker's own test is below).
    page.add_init_script("delete ServiceWorkerRegistration.prototype.sync")
    routine = make_routine(steps=2)
    sign_in(page, signed_in, live_server)
    # The device's clock, a little behind (a moment in the future is taken as arrival).
    device_now = datetime.now() - timedelta(minutes=10)
    page.clock.install(time=device_now)
    save_from_the_routine_page(page, live_server, routine)
    # Meanwhile, an online run of the same routine (the player saves its own run at Start,
    # dropping what that run does not list): what was saved for offline stays saved.
    page.goto(live_server.url + reverse("player:play-step", args=[routine.slug, 1]))
    page.click(START)
    status = page.locator("[data-offline-status]")
    expect(status).to_have_attribute("data-offline-status", "saved", timeout=15_000)
    page.goto(live_server.url + reverse("stretches:routine-detail", args=[routine.slug]))

    page.context.set_offline(True)
    server_requests.clear()
    scripts, failed = [], []
    page.on("response", lambda r: scripts.append(r) if r.url.endswith(".js") else None)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.reload()  # the routine page, later, with no network: from the phone
    expect(page.get_by_role("heading", level=1)).to_have_text(routine.title)
    # Every script the page runs, and the modules they import, came from the phone.
    assert {r.url.rsplit("/", 1)[1] for r in scripts} >= {"offline.js", "keys.js", "queue.js"}
    assert all(r.ok and r.from_service_worker for r in scripts)
    # Not the tab's icon: Chromium fetches it itself, outside the worker, when it has no copy.
    assert [url for url in failed if not url.endswith("/favicon.svg")] == []

    # Ahead of the running clock by more than the two saves above can take; still behind
    # the server's (a moment in the future is taken as arrival).
    page.clock.pause_at(device_now + timedelta(minutes=5))
    queue = start_offline_with_a_rating(page, "4")
    expect(queue).to_contain_text("saved on this phone — sent when you are back online")
    play_to_the_end(page)  # the timer presses Finish: kept on the phone too
    expect(page.get_by_role("heading", level=1)).to_contain_text("Well done")
    expect(page.locator("[data-offline-queue]")).to_contain_text("Finish, pressed at")
    # How the back feels now: rated on the saved page, naming that Finish.
    after = page.get_by_role("group", name="How does your back feel now?")
    after.get_by_role("button", name="2", exact=True).click()
    expect(page.locator("[data-offline-queue]")).to_contain_text("Pain rating, pressed at")
    page.reload()  # from the phone: the rating waits in the queue, so it is not asked again
    expect(page.locator("[data-offline-queue]")).to_contain_text("Pain rating, pressed at")
    expect(page.locator("body")).to_have_attribute("data-queue-looked", "")
    expect(after).to_be_hidden()
    assert for_the_run(server_requests) == []
    assert not PracticeSession.objects.filter(user=user).exists()

    page.context.set_offline(False)  # `online`: Start, the Finish that names it, the rating
    queue = page.locator("[data-offline-queue]")
    expect(queue).to_contain_text(re.compile(r"Start, pressed at .*: sent at "))
    expect(queue).to_contain_text(re.compile(r"Finish, pressed at .*: sent at "))
    expect(queue).to_contain_text(re.compile(r"Pain rating, pressed at .*: sent at "))
    session = PracticeSession.objects.get(user=user)
    assert session.status == PracticeSession.Status.COMPLETED
    assert (session.pain_before, session.pain_after) == (4, 2)
    # The moments pressed on the phone's clock, not those the presses arrived.
    assert session.duration.total_seconds() == pytest.approx(RUN_SECONDS, abs=3)
    assert Receipt.objects.filter(user=user).count() == 3


def test_signed_in_start_offline_without_a_saved_run_says_so_and_keeps_nothing(
    live_server, page, signed_in, user, console_errors
):
    console_errors.allow(r"^Failed to load resource: net::ERR_INTERNET_DISCONNECTED")
    routine = make_routine(steps=2)
    sign_in(page, signed_in, live_server)
    page.goto(live_server.url + reverse("stretches:routine-detail", args=[routine.slug]))
    page.context.set_offline(True)
    page.get_by_role("button", name="4", exact=True).click()
    note = page.locator("[data-queue-note]")
    expect(note).to_have_text(re.compile(r"^No connection, and this routine is not saved"))
    expect(page).to_have_url(re.compile(rf"/routines/{routine.slug}/$"))
    assert (
        page.evaluate(
            """() => new Promise((ok) => {
          const r = indexedDB.open("backlog", 1);
          r.onupgradeneeded = () => r.result.createObjectStore("queue", { keyPath: "key" });
          r.onsuccess = () => {
            const all = r.result.transaction("queue").objectStore("queue").getAll();
            all.onsuccess = () => ok(all.result.length);
          };
        })"""
        )
        == 0
    )
    page.context.set_offline(False)
    assert not PracticeSession.objects.filter(user=user).exists()


def test_signed_in_stop_made_offline_reaches_the_history(
    live_server, page, signed_in, user, console_errors
):
    console_errors.allow(r"^Failed to load resource: net::ERR_INTERNET_DISCONNECTED")
    routine = make_routine(steps=3)
    sign_in(page, signed_in, live_server)
    started = signed_in.post(reverse("practice:session-start", args=[routine.slug]), {"pain": "5"})
    start_and_save(page, live_server.url + started["Location"].split("#")[0])
    page.context.set_offline(True)
    page.clock.run_for(step_milliseconds(page) + 300)
    expect(page).to_have_url(at_step(2))
    page.click("[data-stop]")
    page.get_by_role("button", name="Stop for today and save it in my history").click()
    expect(page.locator("[data-offline-queue]")).to_contain_text("Stop, pressed at")
    assert PracticeSession.objects.get(user=user).status == PracticeSession.Status.IN_PROGRESS

    page.context.set_offline(False)
    expect(page.locator("[data-offline-queue]")).to_contain_text(
        re.compile(r"Stop, pressed at .*: sent at ")
    )
    session = PracticeSession.objects.get(user=user)
    assert (session.status, session.reached_step) == (PracticeSession.Status.STOPPED, 2)


def test_background_sync_sends_the_queue_with_no_page_of_ours_open(
    live_server, page, signed_in, user, console_errors
):
    console_errors.allow(r"^Failed to load resource: net::ERR_INTERNET_DISCONNECTED")
    routine = make_routine(steps=2)
    sign_in(page, signed_in, live_server)
    save_from_the_routine_page(page, live_server, routine)
    page.context.set_offline(True)
    start_offline_with_a_rating(page, "2")
    tags = page.evaluate("navigator.serviceWorker.ready.then((r) => r.sync.getTags())")
    assert tags == ["backlog-queue"]

    # The person closes the app; the connection returns with none of our pages open.
    blank = page.context.new_page()
    page.close()
    page.context.set_offline(False)
    cdp = blank.context.new_cdp_session(blank)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    for _ in range(50):
        if registrations:
            break
        blank.wait_for_timeout(100)
    ours = next(r for r in registrations if r["scopeURL"].startswith(live_server.url))
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": live_server.url,
            "registrationId": ours["registrationId"],
            "tag": "backlog-queue",
            "lastChance": False,
        },
    )
    for _ in range(100):
        if PracticeSession.objects.filter(user=user).exists():
            break
        blank.wait_for_timeout(100)
    session = PracticeSession.objects.get(user=user)
    assert (session.status, session.pain_before) == (PracticeSession.Status.IN_PROGRESS, 2)
    assert Receipt.objects.get(user=user).action == Receipt.Action.START
    blank.close()


KEEP_A_START = """([url, path, pressedAt]) => new Promise((ok) => {
  // A Start pressed offline on this phone at `pressedAt`, in the queue (not sent yet) and
  // kept by its routine's path for the Finish to name.
  const key = crypto.randomUUID();
  const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  const fields = [["csrfmiddlewaretoken", token], ["pain", "7"], ["key", key]];
  const r = indexedDB.open("backlog", 1);
  r.onupgradeneeded = () => r.result.createObjectStore("queue", { keyPath: "key" });
  r.onsuccess = () => {
    const t = r.result.transaction("queue", "readwrite");
    t.objectStore("queue").put({ key, url, fields, what: "Start", pressedAt, sentAt: null });
    t.oncomplete = () => {
      const kept = JSON.stringify({ key, at: Date.now() });
      localStorage.setItem(`backlog-pressed:Start${path}`, kept);
      ok();
    };
  };
})"""


def keep_a_start(page, live_server, routine, pressed_at="Date.now()"):
    """A Start kept on this phone, as an offline press leaves it; returns the routine's
    path its kept key is filed under."""
    start = live_server.url + reverse("practice:session-start", args=[routine.slug])
    path = reverse("stretches:routine-detail", args=[routine.slug]).rstrip("/")
    page.evaluate(f"([url, path]) => ({KEEP_A_START})([url, path, {pressed_at}])", [start, path])
    return path


@pytest.mark.parametrize("network", ["refuses", "hangs"])
def test_a_press_made_online_waits_behind_presses_that_still_wait(
    live_server, page, signed_in, user, console_errors, network
):
    # A Start kept on the phone that has not got through yet, and the run it started, online,
    # with no session id in its links. Its address fails at once, or never answers (lie-fi:
    # the browser says online, nothing gets through): each send gives up after 8 s.
    console_errors.allow(r"^Failed to load resource: net::ERR_FAILED")
    # Without Background Sync: the worker's own requests are not routed, and would send it.
    page.add_init_script("delete ServiceWorkerRegistration.prototype.sync")
    routine = make_routine(steps=1)
    start = live_server.url + reverse("practice:session-start", args=[routine.slug])
    sends = []

    def fail(route):
        sends.append(route)
        if network == "refuses":
            route.abort()  # else left hanging: no answer, ever

    page.route(start, fail)
    sign_in(page, signed_in, live_server)
    page.clock.install(time=CLOCK_START)
    page.goto(step_url(live_server, 1, slug=routine.slug))
    yesterday = "Date.now() - 24 * 60 * 60 * 1000"  # kept since the day before
    keep_a_start(page, live_server, routine, pressed_at=yesterday)
    page.reload()
    # The load's own send has reached the network before the clock jumps (the jump would
    # fire its 8 s limit, and a request cut that early may never reach the route).
    until(page, lambda: len(sends) == 1, "the page load's own send")
    page.clock.pause_at(CLOCK_START + timedelta(minutes=1))
    queue = page.locator("[data-offline-queue]")
    expect(queue).to_contain_text(re.compile(r"Start, pressed at Sun.* 2.*: saved on this phone"))

    page.click(START)
    page.clock.run_for(step_milliseconds(page) + 300)  # the timer presses Finish, online
    # It sends the waiting Start first; that send gives up 8 s later on the page's clock.
    until(page, lambda: len(sends) == 2, "the Finish's press sends the waiting Start first")
    page.clock.run_for(8_000)
    expect(page).to_have_url(re.compile(r"/well-done/"))
    expect(page.locator("[data-offline-queue]")).to_contain_text(
        re.compile(r"Finish, pressed at .*: saved on this phone")
    )
    assert not PracticeSession.objects.filter(user=user).exists()  # not before its Start

    page.unroute(start)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("[data-offline-queue]")).to_contain_text(
        re.compile(r"Finish, pressed at .*: sent at ")
    )
    session = PracticeSession.objects.get(user=user)  # one: the Finish closed the Start's
    assert (session.status, session.pain_before) == (PracticeSession.Status.COMPLETED, 7)


def test_a_press_kept_with_an_old_token_is_sent_with_the_pages_own(
    live_server, page, signed_in, user
):
    # Signing in again since the press was kept made a new CSRF token: the kept one would
    # be refused (403); the page sends the press with its own, current token.
    routine = make_routine(steps=1)
    sign_in(page, signed_in, live_server)
    page.goto(live_server.url + reverse("stretches:routine-detail", args=[routine.slug]))
    start = live_server.url + reverse("practice:session-start", args=[routine.slug])
    page.evaluate(
        """(url) => new Promise((ok) => {
          const key = crypto.randomUUID();
          const fields = [["csrfmiddlewaretoken", "x".repeat(64)], ["pain", "5"], ["key", key]];
          const r = indexedDB.open("backlog", 1);
          r.onupgradeneeded = () => r.result.createObjectStore("queue", { keyPath: "key" });
          r.onsuccess = () => {
            const t = r.result.transaction("queue", "readwrite");
            t.objectStore("queue").put(
              { key, url, fields, what: "Start", pressedAt: Date.now(), sentAt: null });
            t.oncomplete = ok;
          };
        })""",
        start,
    )
    page.reload()  # the page load sends the queue
    expect(page.locator("[data-offline-queue]")).to_contain_text(
        re.compile(r"Start, pressed at .*: sent at ")
    )
    assert PracticeSession.objects.get(user=user).pain_before == 5


@pytest.mark.parametrize("lost", ["the press", "its answer"])
def test_a_finish_that_did_not_get_through_names_the_start_again_after_a_reload(
    live_server, page, signed_in, user, console_errors, lost
):
    # A run started offline (its Start sent since), finished online: the Finish's request
    # fails (the press, or only its answer, is lost) and the person reloads the last step
    # and finishes again. That Finish names the same Start: one session, closed once.
    console_errors.allow(r"net::ERR_FAILED")
    routine = make_routine(steps=1)
    sign_in(page, signed_in, live_server)
    page.clock.install(time=CLOCK_START)
    page.goto(step_url(live_server, 1, slug=routine.slug))
    path = keep_a_start(page, live_server, routine)
    page.reload()  # the page load sends the kept Start: the session opens
    expect(page.locator("[data-offline-queue]")).to_contain_text(
        re.compile(r"Start, pressed at .*: sent at ")
    )
    assert PracticeSession.objects.get(user=user).status == PracticeSession.Status.IN_PROGRESS

    finish = live_server.url + reverse("practice:record-finish", args=[routine.slug])

    def fail(route):
        if lost == "its answer":
            route.fetch()  # the server records it; the answer never reaches the phone
        route.abort()

    page.route(finish, fail)
    page.clock.pause_at(CLOCK_START + timedelta(minutes=1))
    page.click(START)
    with page.expect_request(finish):
        page.clock.run_for(step_milliseconds(page) + 300)  # the timer presses Finish
    expect(page).to_have_url(re.compile(r"^chrome-error://"))  # the browser's own error page
    page.unroute(finish)

    # Was it saved? A look at the history first, then back to the step to finish again.
    kept = f"localStorage.getItem('backlog-pressed:Start{path}')"
    page.goto(live_server.url + reverse("practice:history"))
    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate(kept) is not None  # not forgotten: its Finish may not have arrived
    page.goto(step_url(live_server, 1, slug=routine.slug))
    page.click(START)
    page.clock.run_for(step_milliseconds(page) + 300)
    expect(page).to_have_url(re.compile(r"/well-done/\?session=[^#]*$"))  # #answered taken out
    session = PracticeSession.objects.get(user=user)  # one: both Finishes named its Start
    assert (session.status, session.pain_before) == (PracticeSession.Status.COMPLETED, 7)
    # The finish page is the answer to the Finish that named it: the Start is forgotten.
    until(page, lambda: page.evaluate(kept) is None, "the answered Start is forgotten")
