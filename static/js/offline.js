// Offline play and presses that arrive once.
//
// - registerWorker(): our service worker (served from the site root by the offline app).
// - saveRun(): everything a started routine needs, as this person plays it, into a cache
//   the worker answers from: each step's page and htmx panel, stop pages, the finish page,
//   the pictures, CSS and scripts. The addresses come from the page's [data-timeline].
// - Forms marked data-queue (Start, Finish, Stop, pain ratings) carry a key made when
//   pressed; with the network gone they are kept in IndexedDB with the moment pressed and
//   sent when it returns (Background Sync where the browser has it, `online`, the next page
//   load), and the person sees what is waiting and when it went. Start offline goes into
//   the run saved on this phone (data-queue-then), or says it cannot.
// Loaded as a module by player.js and by the stop and finish pages; no inline script.

import { keyFor } from "./keys.js";
import { SYNC_TAG, allQueued, putQueued, sendQueued as sendWaiting } from "./queue.js";

const RUNS = "backlog-run:";

const $ = (selector, root = document) => root.querySelector(selector);

// The worker ------------------------------------------------------------------------------

export function registerWorker() {
  const url = document.body.dataset.serviceWorker;
  if (!url || !("serviceWorker" in navigator)) return Promise.resolve(null);
  return navigator.serviceWorker.register(url, { scope: "/" }).catch(() => null);
}

// Saving a run ----------------------------------------------------------------------------

export function runName(timeline) {
  const first = timeline.querySelector("li");
  const path = new URL(first.dataset.url, window.location.href).pathname;
  return RUNS + path.split("/play/")[0];
}

function picturesIn(html) {
  const page = new DOMParser().parseFromString(html, "text/html");
  return [...page.querySelectorAll("img[src]")].map((img) => img.getAttribute("src"));
}

function assetsOfThisPage() {
  const links = document.querySelectorAll(
    [
      'link[rel="stylesheet"]',
      'link[rel="icon"]',
      'link[rel="manifest"]',
      'link[rel="modulepreload"]',
      "script[src]",
    ].join(", "),
  );
  return [...links].map((element) => element.getAttribute("href") || element.getAttribute("src"));
}

async function save(cache, url, headers = {}) {
  // One entry (an htmx panel under its own key: keys.js); false when it could not be
  // fetched (it is then left as it was).
  const request = new Request(new URL(url, window.location.href), {
    headers,
    credentials: "same-origin",
  });
  try {
    const response = await fetch(request, { headers: { ...headers, "X-Backlog-Fresh": "1" } });
    if (!response.ok || response.redirected) return false;
    const kept = response.clone();
    await cache.put(keyFor(request.url, Boolean(headers["HX-Request"])), response);
    return kept;
  } catch {
    return false;
  }
}

export async function saveRun(
  timeline = $("[data-timeline]"),
  assets = assetsOfThisPage(),
  name = runName(timeline),
) {
  // True when every part of the run is saved (`assets`: the player page's CSS and scripts,
  // this page's by default). Old entries of this routine (an earlier
  // version, other swaps) go once the new ones are in, so a failed save leaves the old run.
  if (!timeline || !("caches" in window) || !navigator.serviceWorker) return false;
  const cache = await caches.open(name);
  const before = (await cache.keys()).map((request) => request.url);
  const steps = [...timeline.querySelectorAll("li")];
  const pages = [timeline.dataset.finish, ...steps.map((step) => step.dataset.stopUrl)];
  const jobs = [
    ...steps.map((step) => save(cache, step.dataset.url)),
    ...steps.map((step) => save(cache, step.dataset.url, { "HX-Request": "true" })),
    ...pages.map((url) => save(cache, url)),
  ];
  const answers = await Promise.all(jobs);
  const pictures = new Set(assets);
  for (const answer of answers.slice(steps.length, 2 * steps.length)) {
    if (answer) picturesIn(await answer.text()).forEach((src) => pictures.add(src));
  }
  const copies = await Promise.all([...pictures].map((url) => save(cache, url)));
  const saved = [...answers, ...copies].every(Boolean);
  if (saved) {
    const kept = new Set(
      [...steps.map((step) => step.dataset.url), ...pages, ...pictures].map(
        (url) => new URL(url, window.location.href).href,
      ),
    );
    steps.forEach((step) => kept.add(keyFor(new URL(step.dataset.url, window.location.href).href, true)));
    await Promise.all(before.filter((url) => !kept.has(url)).map((url) => cache.delete(url)));
  }
  return saved;
}

export function savedName(timeline) {
  // "Save for offline" keeps its run (and the routine's page) in a cache of its own: the
  // player's save at an online Start replaces the entries of the routine's run cache that
  // its run does not list, and would take the saved step 1 with them.
  return `${runName(timeline)} saved`;
}

export async function savePage(timeline, assets = assetsOfThisPage()) {
  // The page a saved run is started from (a routine's page, with its Start) and its
  // scripts, beside the saved run: opened with the network gone, its Start goes into it.
  const cache = await caches.open(savedName(timeline));
  const page = new URL(window.location.href);
  page.hash = "";
  const answers = await Promise.all([page.href, ...assets].map((url) => save(cache, url)));
  return answers.every(Boolean);
}

// The queue (queue.js keeps it and sends it) -------------------------------------------

let waitingHere = 0; // presses of this device not sent yet, as last shown

async function requestSync() {
  // Background Sync, where the browser has it: the worker sends the queue when the
  // connection returns, with no page of ours open.
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    await registration?.sync?.register(SYNC_TAG);
  } catch {
    // No Background Sync: `online` and the next page load send it.
  }
}

function keyOf(form) {
  let input = form.querySelector('input[name="key"]');
  if (!input) {
    input = document.createElement("input");
    input.type = "hidden";
    input.name = "key";
    form.append(input);
  }
  if (!input.value) input.value = window.crypto.randomUUID();
  return input.value;
}

async function queue(form, submitter) {
  const pressedAt = Date.now();
  // The moment pressed goes with it: the history says when, not when it arrived.
  const fields = [...new FormData(form, submitter), ["pressed", String(pressedAt)]];
  await putQueued({
    key: keyOf(form),
    url: new URL(form.action, window.location.href).href,
    fields,
    what: form.dataset.queue,
    pressedAt,
    sentAt: null,
  });
  await requestSync();
}

// A Start kept on this device opened no session yet, so the player's links carry none; a
// Finish or Stop of the same routine names that Start's key instead (`start`), and the
// server closes the session it opened. The saved finish page of such a run knows no session
// either: its rating names the Finish's key (`finish`). The queue sends in the order
// pressed, so each arrives after the press it names.
//
// A kept press is forgotten once a later press that names it is known to have arrived: the
// queue sent it, or this page is the server's answer to it (its address ends in
// `#answered=<that press's key>`). Not at that press: one whose request or answer was lost
// (the browser's error page, then Back, a reload or a look at the history first) names it
// again, and the server closes that session once, however many presses name it. Else it
// lapses after 12 hours, or the next Start kept on this routine replaces it.
const KEPT = "backlog-pressed:"; // + Start or Finish + the routine's path
const KEPT_MS = 12 * 60 * 60 * 1000;

function routineOf(url) {
  return new URL(url, window.location.href).pathname.split("/").slice(0, 3).join("/");
}

function keepPress(form) {
  const value = JSON.stringify({ key: keyOf(form), at: Date.now() });
  try {
    window.localStorage.setItem(KEPT + form.dataset.queue + routineOf(form.action), value);
  } catch {
    // Private mode: what comes after is recorded on its own.
  }
}

function readKept(name) {
  try {
    const kept = JSON.parse(window.localStorage.getItem(name));
    return kept && Date.now() - kept.at < KEPT_MS ? kept : null;
  } catch {
    return null;
  }
}

function keptPress(what, form, { naming = false } = {}) {
  // The key of the last `what` (Start, Finish) pressed on this routine, if recent; `naming`:
  // this press (its own key made already) names it.
  const name = KEPT + what + routineOf(form.action);
  const kept = readKept(name);
  if (kept && naming) {
    const named = { ...kept, namedBy: keyOf(form) };
    try {
      window.localStorage.setItem(name, JSON.stringify(named));
    } catch {
      // Private mode: nothing was kept.
    }
  }
  return kept?.key ?? null;
}

function forgetAnswered(arrived) {
  // The kept presses a later press named, once that press `arrived` (a set of keys).
  if (!arrived.size) return;
  let names = [];
  try {
    names = [...Array(window.localStorage.length).keys()].map((i) => window.localStorage.key(i));
  } catch {
    return; // no storage (private mode): nothing was kept
  }
  for (const name of names.filter((n) => n?.startsWith(KEPT))) {
    try {
      const kept = JSON.parse(window.localStorage.getItem(name));
      if (arrived.has(kept?.namedBy)) window.localStorage.removeItem(name);
    } catch {
      // One unreadable entry: the others still count.
    }
  }
}

function answeredHere() {
  // The key of the press this page answers, from `#answered=<key>` (practice's views put it
  // there), taken out of the address bar so a bookmark or a reload does not carry it.
  const found = /^#answered=([0-9a-f-]{36})$/.exec(window.location.hash);
  if (!found) return new Set();
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, "", pathname + search);
  return new Set([found[1]]);
}

function carry(form, name, value) {
  // A field this script adds at a press (named earlier press, the submitter's value);
  // dropped if the page comes back from the browser's back/forward cache.
  let input = form.querySelector(`input[name="${name}"]`);
  if (!input) {
    input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.dataset.carried = "";
    form.append(input);
  }
  input.value = value;
}

function nameEarlierPresses(form) {
  const what = form.dataset.queue;
  if (what === "Finish" || what === "Stop") {
    // This run ends here: its Start is named (and forgotten after), whether carried or not.
    const start = keptPress("Start", form, { naming: true });
    const session = form.querySelector('input[name="session"]');
    if (start && !session?.value) carry(form, "start", start);
  }
  if (what === "Finish") keepPress(form);
  if (form.dataset.queueNames === "finish") {
    const finish = keptPress("Finish", form, { naming: true });
    if (finish) carry(form, "finish", finish);
  }
}

async function revealRatingsOfRunsStartedOffline() {
  // A saved finish page of a run started offline rates the session its Finish recorded;
  // not once a rating of it waits in the queue (a reload asks no second time).
  for (const form of document.querySelectorAll('form[data-queue-names="finish"]')) {
    const box = form.closest("[data-queue-reveal]");
    const finish = readKept(KEPT + "Finish" + routineOf(form.action));
    if (!box || !finish) continue;
    if (finish.namedBy) {
      const queued = await allQueued().catch(() => []);
      if (queued.some((item) => item.key === finish.namedBy)) continue;
    }
    box.hidden = false;
  }
}

function pageToken() {
  // This page's CSRF token: in the signed-in pages' hx-headers, or in any of its forms.
  try {
    const token = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
    if (token) return token;
  } catch {
    // Not JSON: fall back to a form's.
  }
  return $('input[name="csrfmiddlewaretoken"]')?.value || null;
}

export function sendQueued() {
  return sendWaiting(pageToken()).finally(showQueue);
}

function at(time) {
  // "10:32" today; "Sat 5 Dec, 10:32" for a press kept since an earlier day.
  const moment = new Date(Math.abs(time));
  const clock = moment.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  if (moment.toDateString() === new Date().toDateString()) return clock;
  const day = moment.toLocaleDateString([], { weekday: "short", day: "numeric", month: "short" });
  return `${day}, ${clock}`;
}

export async function showQueue() {
  if (!window.indexedDB) return;
  const items = (await allQueued().catch(() => [])).sort((a, b) => a.pressedAt - b.pressedAt);
  waitingHere = items.filter((item) => !item.sentAt).length;
  forgetAnswered(new Set(items.filter((item) => item.sentAt > 0).map((item) => item.key)));
  let box = $("[data-offline-queue]");
  if (!items.length) {
    if (box) box.hidden = true;
    return;
  }
  if (!box) {
    box = document.createElement("div");
    box.className = "message offline-queue";
    box.dataset.offlineQueue = "";
    box.setAttribute("role", "status");
    // At the top of the page; on the player, below it, where it does not push the step down.
    const slot = $("[data-offline-queue-here]");
    const main = $("main");
    if (slot) slot.append(box);
    else if (main) main.prepend(box);
    else return;
  }
  const lines = items.map((item) => {
    if (!item.sentAt && item.signIn) {
      return `${item.what}, pressed at ${at(item.pressedAt)}: saved on this phone — sent once you sign in again.`;
    }
    if (!item.sentAt) {
      return `${item.what}, pressed at ${at(item.pressedAt)}: saved on this phone — sent when you are back online.`;
    }
    if (item.sentAt < 0) return `${item.what} could not be saved (${at(item.sentAt)}).`;
    return `${item.what}, pressed at ${at(item.pressedAt)}: sent at ${at(item.sentAt)}.`;
  });
  box.replaceChildren(
    ...lines.map((line) => {
      const p = document.createElement("p");
      p.textContent = line;
      return p;
    }),
  );
  box.hidden = false;
}

// Keyed presses, queued when offline ------------------------------------------------------

function submitAsPressed(form, submitter) {
  // form.submit() fires no second submit event (the player's double-tap guard has already
  // seen this press) and sends no submitter, so the submitter's name and value go as a field.
  if (submitter?.name) carry(form, submitter.name, submitter.value);
  HTMLFormElement.prototype.submit.call(form);
}

async function startOffline(form, submitter) {
  // A Start with the network gone: only into a run saved on this phone (its step 1, with
  // the person's Before you start answers carried in every link); else say so, and stay.
  const saved = form.dataset.queueThen;
  if (!saved || !(await caches.match(saved))) {
    // Into the form's alert region (in the page from the start, so it is announced), anew
    // at each press, so a second press is announced too.
    const region = form.querySelector("[data-queue-note]");
    const note = document.createElement("p");
    note.className = "message error";
    note.textContent =
      "No connection, and this routine is not saved on this phone. Connect to start it, " +
      "or press Save for offline next time you are online.";
    region?.replaceChildren();
    window.setTimeout(() => region?.replaceChildren(note), 50);
    return;
  }
  await queue(form, submitter);
  keepPress(form);
  window.location.assign(saved);
}

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-queue]");
  if (!form || event.defaultPrevented) return;
  keyOf(form); // made when pressed, online or not: a retry is the same press
  const starting = form.dataset.queue === "Start";
  if (!starting) nameEarlierPresses(form);
  const offline = !navigator.onLine && window.indexedDB;
  if (!offline && firstSent && !waitingHere) return; // the form goes as it is
  event.preventDefault();
  const submitter = event.submitter;
  if (!offline) {
    // Online with presses still waiting (a Start kept offline), or not known yet: they go
    // first, in order.
    await firstSend;
    if (waitingHere) await sendQueued();
    if (!waitingHere) {
      submitAsPressed(form, submitter);
      return;
    }
    // They did not get through (the network is not really there): this one waits after them.
  }
  try {
    if (starting) {
      await startOffline(form, submitter);
      return;
    }
    await queue(form, submitter);
  } catch {
    submitAsPressed(form, submitter); // no IndexedDB after all: the network may yet take it
    return;
  }
  const after = form.dataset.queueThen;
  if (after) window.location.assign(after);
  else {
    form.hidden = true;
    await showQueue();
  }
});

window.addEventListener("online", () => sendQueued());
window.addEventListener("pageshow", (event) => {
  // Back from the browser's back/forward cache: what a press added goes, and a Start
  // pressed again is a new run (a new key); a Finish or Stop pressed again keeps its key.
  if (!event.persisted) return;
  document.querySelectorAll("form[data-queue] input[data-carried]").forEach((i) => i.remove());
  document.querySelectorAll('form[data-queue="Start"] input[name="key"]').forEach((input) => {
    input.remove();
  });
});
forgetAnswered(answeredHere());
// `data-queue-looked` once the page has looked in the queue (what it then shows is final).
revealRatingsOfRunsStartedOffline().finally(() => {
  document.body.dataset.queueLooked = "";
});
showQueue(); // what waits, at once: a send on a network that never answers takes 8 s
let firstSent = false; // until the load's own send is over, waitingHere is not known
const firstSend = sendQueued()
  .catch(() => 0)
  .finally(() => {
    firstSent = true;
  });
