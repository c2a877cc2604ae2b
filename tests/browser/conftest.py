"""Playwright fixtures: Debian's Chromium, a phone-sized page, and no console errors allowed."""

import contextlib
import os
import re
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

# Playwright's sync API keeps an event loop running in the test thread, and Django's ORM
# refuses to run where a loop is running. Only the browser tests start that loop.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}

# Chromium logs CSP violations itself; this also catches any it reports only as an event.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(
    `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
  );
});
"""


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


class ConsoleErrors(list):
    """Console errors, uncaught exceptions and CSP violations seen by one page."""

    def __init__(self):
        super().__init__()
        self.allowed = []

    def allow(self, pattern):
        """Expect console errors matching `pattern`, such as a request a test makes fail."""
        self.allowed.append(re.compile(pattern))

    def watch(self, page):
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.append(f"uncaught {error.name}: {error.message}"))
        return page

    def _on_console(self, message):
        if message.type == "error":
            if any(pattern.search(message.text) for pattern in self.allowed):
                return
            url = message.location.get("url")
            self.append(f"console error: {message.text}" + (f" ({url})" if url else ""))


def open_page(browser, console_errors, **context_options):
    """A new context and page (a phone unless told otherwise) watched for console errors."""
    context_options = {"viewport": PHONE, "is_mobile": True, "has_touch": True} | context_options
    context = browser.new_context(**context_options)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    context.set_default_timeout(5_000)
    return context, console_errors.watch(context.new_page())


@pytest.fixture
def console_errors():
    errors = ConsoleErrors()
    yield errors
    if errors:
        pytest.fail("The browser reported errors:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def quiet_server(live_server):
    """Before the test's database is flushed, after its browser context is closed: until
    the live server has finished every request the browser made (a run being saved for
    offline, a prefetch). On PostgreSQL a flush's TRUNCATE under a request still running
    can deadlock with it. The page fixtures depend on this one, so it is torn down after
    them and before the live server's database."""
    from django.core.signals import request_finished, request_started

    running = []
    lock = threading.Lock()

    def started(**kwargs):
        with lock:
            running.append(1)

    def finished(**kwargs):
        with lock:
            if running:
                running.pop()

    request_started.connect(started, weak=False)
    request_finished.connect(finished, weak=False)
    yield live_server
    # Quiet for a quarter of a second, not a single moment: a request accepted but not yet
    # started would begin just after one look.
    deadline = time.monotonic() + 10
    quiet_since = None
    while time.monotonic() < deadline:
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 0.25:
            break
        time.sleep(0.05)
    request_started.disconnect(started)
    request_finished.disconnect(finished)


@pytest.fixture
def page(browser, console_errors, quiet_server):
    """A phone-sized page with JavaScript on; the test fails if the console shows an error."""
    context, page = open_page(browser, console_errors)
    yield page
    context.close()


@pytest.fixture
def page_without_worker(browser, console_errors, quiet_server):
    """A page whose service worker is blocked: the player as it is where the browser has
    none, so a step that fails to load is not answered from the run saved at Start."""
    context, page = open_page(browser, console_errors, service_workers="block")
    yield page
    context.close()


@pytest.fixture
def server_requests():
    """The paths of the requests Django receives while the test runs (whatever a service
    worker answered in the browser never reaches this list)."""
    from django.core.signals import request_started

    paths = []

    def heard(sender, environ, **kwargs):
        paths.append(environ.get("PATH_INFO", ""))

    request_started.connect(heard)
    yield paths
    request_started.disconnect(heard)


@pytest.fixture
def page_without_js(browser, console_errors, quiet_server):
    """The same, with JavaScript switched off, as some readers have it."""
    context, page = open_page(browser, console_errors, java_script_enabled=False)
    yield page
    context.close()


@pytest.fixture
def new_page(browser, console_errors, quiet_server):
    """Opens pages with other context options (size, colour scheme); closes them after."""
    contexts = []

    def open_one(**context_options):
        context, page = open_page(browser, console_errors, **context_options)
        contexts.append(context)
        return page

    yield open_one
    for context in contexts:
        context.close()


@pytest.fixture
def desktop_page(browser, console_errors, quiet_server):
    """A desktop-sized page, as an editor uses the admin."""
    context, page = open_page(
        browser, console_errors, viewport={"width": 1280, "height": 900}, is_mobile=False
    )
    yield page
    context.close()


# Small helpers shared by the browser tests.

START = 'button[data-action="toggle"]'


def at_step(number):
    """The page's URL is step `number`, whatever query string it carries."""
    return re.compile(rf"/play/{number}/(\?.*)?$")


def step_milliseconds(page):
    """How long the step on screen lasts with the timer running: lead-in, hold and rest."""
    panel = page.locator("[data-player]")
    parts = ("lead-in", "hold", "rest")
    return sum(int(panel.get_attribute(f"data-{part}")) for part in parts) * 1000


SWAPS = """() => {
  if (!window.testSwaps) {
    window.testSwaps = {count: 0};
    document.addEventListener("htmx:afterSwap", () => window.testSwaps.count++);
  }
  return window.testSwaps.count;
}"""


def until(page, check, what):
    """Waits in real time (the page's clock may be paused) until `check()` is true; waiting
    through Playwright lets it call the page's route handlers meanwhile."""
    for _ in range(200):
        if check():
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never: {what}")


def wait_until_saved_for_offline(page):
    """Until the run saved at Start is all on the phone: its requests are over."""
    expect(page.locator("[data-offline-status]")).to_have_attribute(
        "data-offline-status", "saved", timeout=15_000
    )


@contextlib.contextmanager
def swap_then_settle(page, settle_ms=100):
    """Runs the block, waits in real time for htmx to swap in what it asked for, then runs the
    page's paused clock through htmx's settle delay (a timer on that clock).

    A response reaching Playwright is not yet a swap: the page handles it a moment later, and
    running the paused clock before then leaves the panel swapped and never settled, which a
    busy machine shows as a flaky test."""
    before = page.evaluate(SWAPS)
    yield
    until(page, lambda: page.evaluate(SWAPS) > before, "htmx swapped something in")
    page.clock.run_for(settle_ms)
