"""Offline play: the 60-second routine started online, then played in real time in Chromium
with the network cut (Playwright's offline mode) once the run is saved.

    uv run python -m benchmarks.offline_play

Two figures: the requests the page needed from the network after Start (every request it
made that the service worker did not answer; target 0), and how far from 60 s the player
pressed Finish (the timer's drift when played offline; target ≤ 250 ms).
"""

from playwright.sync_api import sync_playwright

from benchmarks.server import SIXTY_SECONDS, throwaway_site
from benchmarks.timer_accuracy import CHROMIUM, FLAGS, RECORD, ROUTINE_MS, TARGET_MS

CONTROLLED = """navigator.serviceWorker.ready.then(() => new Promise((done) => {
  if (navigator.serviceWorker.controller) done();
  else navigator.serviceWorker.addEventListener("controllerchange", done);
}))"""


def play_offline(base_url):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*FLAGS, "--headless"])
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.add_init_script(RECORD)
        player = context.new_page()
        player.goto(f"{base_url}/routines/{SIXTY_SECONDS}/play/1/?c=0")
        player.evaluate(CONTROLLED)
        player.click('[data-action="toggle"]')
        status = player.locator("[data-offline-status]")
        status.and_(player.locator('[data-offline-status="saved"]')).wait_for(timeout=20_000)
        context.set_offline(True)
        needed = []

        def finished(request):
            response = request.response()
            if response is None or not response.from_service_worker:
                needed.append(request.url)

        player.on("requestfinished", finished)
        player.on("requestfailed", lambda request: needed.append(request.url))
        player.wait_for_url("**/well-done/**", timeout=ROUTINE_MS + 20_000)
        started, ended = player.evaluate(
            "[sessionStorage.startedAt, sessionStorage.finishedAt].map(Number)"
        )
        browser.close()
    return needed, ended - started - ROUTINE_MS


def rows():
    """(name, value, baseline, target) rows for `make bench`."""
    with throwaway_site() as site:
        needed, drift = play_offline(site.base)
    return [
        ("offline: requests needed from the network after Start", len(needed), None, "0"),
        (
            "offline: timer, finish vs true 60 s, ms",
            round(drift, 1),
            ROUTINE_MS,
            f"≤ {TARGET_MS} ms, early or late",
        ),
    ]


def main():
    for name, value, baseline, target in rows():
        print(f"{name:<55} {value:>10} (baseline {baseline}; target {target})")


if __name__ == "__main__":
    main()
