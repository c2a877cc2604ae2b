"""Playwright fixtures: Debian's Chromium, a phone-sized page, and no console errors allowed."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

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
def page(browser, console_errors):
    """A phone-sized page with JavaScript on; the test fails if the console shows an error."""
    context, page = open_page(browser, console_errors)
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, console_errors):
    """The same, with JavaScript switched off, as some readers have it."""
    context, page = open_page(browser, console_errors, java_script_enabled=False)
    yield page
    context.close()


@pytest.fixture
def new_page(browser, console_errors):
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
def desktop_page(browser, console_errors):
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
