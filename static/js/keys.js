// Where a step's htmx panel is kept in the Cache API, apart from its page. The two share an
// address, and Chromium's Cache API keeps one entry per address whatever `Vary` says (the
// second put replaced the first, so a run saved at Start could miss a step's panel or its
// page). Shared by offline.js, which saves, and the service worker, which answers (the
// offline app's view puts this file in front of the worker's, `export`s dropped). No DOM
// and no imports: a worker has neither.

export const PANEL_PARAM = "backlog-panel";

export function keyFor(url, htmx) {
  // The cache key of `url`'s page, or of its htmx panel when `htmx`.
  if (!htmx) return url;
  const key = new URL(url);
  key.searchParams.set(PANEL_PARAM, "1");
  return key.href;
}
