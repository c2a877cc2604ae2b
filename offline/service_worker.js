// backlog's service worker: a started routine plays on with the network gone.
//
// player.js saves a run at Start (every step's page and htmx panel, its stop pages, the
// finish page, pictures, CSS and scripts) in a cache named for the routine, and puts the
// next step it fetched ahead in `backlog-ahead`. This worker answers:
// - the next step from `backlog-ahead`, once (htmx's own request, so its swap, events and
//   history hold, with no wait at the step's end);
// - anything else from the network, as usual; when the network fails (or has not answered
//   in NETWORK_MS) from the saved run. The run's links carry the version started (`v`), so
//   an edit made meanwhile never changes it; the next online Start saves the new version.
// A page and its htmx panel share an address, and Chromium's Cache API keeps one entry
// per address whatever `Vary` says: the panel is kept under a key of its own (keys.js).
//
// Background Sync (where the browser has it): the presses kept on the device go when the
// connection returns, even with no page of ours open, by the same rule the pages use:
// the offline app's view serves this file with static/js/keys.js and queue.js in front of
// it (keyFor; SYNC_TAG, sendQueued).

const RUNS = "backlog-run:";
const AHEAD = "backlog-ahead";
const NETWORK_MS = 4000;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  // Control the open player at once, so its first run is already answered offline.
  event.waitUntil(self.clients.claim());
});

async function saved(request) {
  // A page, or its htmx panel, each under its own key (keys.js).
  const key = keyFor(request.url, request.headers.get("HX-Request") === "true");
  const names = (await caches.keys()).filter((name) => name.startsWith(RUNS));
  for (const name of names) {
    const found = await (await caches.open(name)).match(key, { ignoreVary: true });
    if (found) return found;
  }
  return undefined;
}

async function answer(request) {
  const ahead = await caches.open(AHEAD);
  const next = await ahead.match(request);
  if (next) {
    await ahead.delete(request);
    return next;
  }
  const network = fetch(request);
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_MS)).then(
    async () => (await saved(request)) || network,
  );
  try {
    return await Promise.race([network, slow]);
  } catch (error) {
    const found = await saved(request);
    if (found) return found;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // Asked for fresh (saving a run, checking for an edit): the network only.
  if (request.headers.get("X-Backlog-Fresh")) return;
  event.respondWith(answer(request));
});

self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  // Still waiting (no network yet): a rejection asks the browser to try again later.
  event.waitUntil(
    sendQueued().then((waiting) => {
      if (waiting) throw new Error(`${waiting} presses still wait for the network`);
    }),
  );
});
