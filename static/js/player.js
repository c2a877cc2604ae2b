// The routine player: a countdown through each pose's get-ready, hold and rest phases.
// The server renders every step as a page (with Next/Previous links that work without
// JavaScript); this module adds the timer, sounds, wake lock and auto-advance, and moves
// between steps by clicking the panel's own htmx links. The next step is fetched during
// the one on screen, so a transition swaps it in without waiting on the network. Behaviour
// hangs off data- attributes; there is no inline script or style (the CSP forbids them).

import { registerWorker, saveRun } from "./offline.js";

const MUTED_KEY = "backlog:muted";
const SPEAK_KEY = "backlog:speak";
const MIRROR_KEY = "backlog:mirror"; // show the pictures as a mirror, as an instructor facing you
const WARN_SECONDS = 3;
// A tick this late after the last step's end means the page slept (a hidden tab, a closed
// lid), not a throttled timer: the player asks rather than pressing Finish itself.
const LATE_FINISH_MS = 2000;
const FALLBACK_TIMEOUT_MS = 8000; // htmx.config.timeout (base.html) when it says nothing

// One explicit state, changed only by `to()`:
//   idle       a step is on screen and has not been started (the toggle says Start)
//   playing    the timer runs
//   paused     the timer is stopped with `left` ms of the current phase to go (Resume)
//   advancing  the step is over and the next one has been asked for
//   stuck      the step is over and the next one failed to load (Resume or Retry asks again)
//   finished   Finish was pressed or reached: the finish request is on its way, once
const TRANSITIONS = {
  idle: ["playing", "finished"],
  playing: ["paused", "advancing", "finished", "idle"],
  paused: ["playing", "idle", "finished"],
  advancing: ["playing", "paused", "stuck", "idle"],
  stuck: ["advancing", "idle", "finished"],
  finished: ["idle"],
};

let mode = "idle";
const timing = {
  phases: [],
  phase: 0,
  deadline: 0, // performance.now() at which the current phase ends; the next one starts here
  left: 0, // milliseconds left in the current phase while paused
  lastWhole: null,
  stepEndedAt: null, // the deadline at which the last step ended, to time the next from it
  timer: null,
};
const sound = { audio: null };
const wake = { lock: null, request: null }; // the lock held, and the request in flight
let prefetched = null; // { url, html, settled, claimed, released, promise } for the next step
let saving = null; // the run being saved for offline at Start (once per page)
let retryLink = null; // the link whose request failed, for Retry
let away = null; // { number, into } the step the clock says after the page slept, on its way

const $ = (selector, root = document) => root.querySelector(selector);
const panel = () => $("[data-player]");
const now = () => performance.now(); // monotonic: changing the clock does not move it
const running = () => mode === "playing" || mode === "advancing";
const stored = (key) => {
  try {
    return window.localStorage.getItem(key) === "1";
  } catch {
    return false;
  }
};
const store = (key, on) => {
  try {
    window.localStorage.setItem(key, on ? "1" : "0");
  } catch {
    // Private browsing may refuse storage; the toggle still works for this visit.
  }
};

function to(next) {
  if (next === mode) return true;
  if (!TRANSITIONS[mode].includes(next)) {
    console.error(`player: no transition from ${mode} to ${next}`);
    return false;
  }
  mode = next;
  document.body.dataset.playerState = mode;
  return true;
}

function clock(seconds) {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function announce(text) {
  const region = $("[data-announce]");
  if (region) region.textContent = text;
}

// Sound --------------------------------------------------------------------------------

function beep(frequency = 880, duration = 0.12) {
  const audio = sound.audio;
  if (!audio || stored(MUTED_KEY)) return;
  const start = audio.currentTime;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.25, start);
  gain.gain.exponentialRampToValueAtTime(0.001, start + duration);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(start);
  oscillator.stop(start + duration);
}

function speak(text) {
  if (!stored(SPEAK_KEY) || !("speechSynthesis" in window)) return;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
}

function resumeAudio() {
  // Without a user gesture (the player started itself) the context stays suspended, and
  // resume() neither starts it nor settles; the first tap or key press then does.
  if (sound.audio && sound.audio.state === "suspended") sound.audio.resume().catch(() => {});
}

function unlockAudio() {
  const AudioContext = window.AudioContext || window.webkitAudioContext;
  if (!sound.audio && AudioContext) sound.audio = new AudioContext();
  resumeAudio();
}

// Wake lock ----------------------------------------------------------------------------
// Locks are compared by identity: a request that resolves after a pause is let go at once,
// only one request is in flight at a time, and a late `release` of an old lock never
// forgets the one held now.

async function holdScreenOn() {
  if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
  if (wake.lock || wake.request) return;
  const request = navigator.wakeLock.request("screen");
  wake.request = request;
  let lock;
  try {
    lock = await request;
  } catch {
    return; // refused (battery saver, permissions): the timer still runs
  } finally {
    if (wake.request === request) wake.request = null;
  }
  if (!running() || wake.lock || document.visibilityState !== "visible") {
    lock.release().catch(() => {}); // paused (or hidden) while the request was in flight
    return;
  }
  wake.lock = lock;
  lock.addEventListener("release", () => {
    if (wake.lock === lock) wake.lock = null;
  });
}

function letScreenSleep() {
  const lock = wake.lock;
  wake.lock = null;
  if (lock) lock.release().catch(() => {});
}

// Phases of one step -------------------------------------------------------------------

function phasesOf(element) {
  const data = element.dataset;
  const pose = data.pose;
  const phases = [];
  const leadIn = Number(data.leadIn);
  if (leadIn > 0) {
    const switching = data.switchSides === "true";
    phases.push({
      name: "ready",
      seconds: leadIn,
      label: switching ? "Switch sides" : "Get ready",
      say: switching ? `Switch sides. ${pose}` : pose,
    });
  }
  phases.push({ name: "hold", seconds: Number(data.hold), label: "Hold", say: "Hold" });
  const rest = Number(data.rest);
  if (rest > 0) phases.push({ name: "rest", seconds: rest, label: "Rest", say: "Rest" });
  return phases;
}

function holdAndRestBefore(phaseIndex) {
  // Seconds of the step's hold and rest already behind us, for the overall countdown.
  return timing.phases
    .slice(0, phaseIndex)
    .filter((phase) => phase.name !== "ready")
    .reduce((sum, phase) => sum + phase.seconds, 0);
}

function render(msLeft) {
  const element = panel();
  if (!element) return;
  const phase = timing.phases[timing.phase];
  const secondsLeft = msLeft / 1000;
  $("[data-clock]", element).textContent = clock(secondsLeft);
  $("[data-phase]", element).textContent = phase.label;
  element.dataset.phaseName = phase.name;
  const bar = $("[data-bar]", element);
  bar.max = phase.seconds;
  bar.value = Math.max(0, phase.seconds - secondsLeft);
  if (phase.name !== "ready") {
    const done = holdAndRestBefore(timing.phase) + (phase.seconds - secondsLeft);
    const overall = Number(element.dataset.remaining) - done;
    $("[data-overall-left]", element).textContent = clock(overall);
    const overallBar = $("[data-overall-bar]", element);
    overallBar.value = Number(element.dataset.total) - overall;
  }
}

function phaseAt(time) {
  // The phase under way at `time`, and when it ends; a throttled tab may wake up several
  // phases later. The last phase's end may lie before `time`: the step is then over.
  let index = timing.phase;
  let end = timing.deadline;
  while (time >= end && index + 1 < timing.phases.length) {
    index += 1;
    end += timing.phases[index].seconds * 1000;
  }
  return { index, end };
}

function enterPhase(index, startedAt) {
  // Phases are chained from the previous deadline, not from now, so a late tick, a phase
  // change or a slow swap never adds time to the routine.
  timing.phase = index;
  const phase = timing.phases[index];
  timing.deadline = startedAt + phase.seconds * 1000;
  timing.lastWhole = null;
  if (index > 0) beep(660, 0.25);
  speak(phase.say);
  if (phase.name === "ready") {
    const element = panel();
    announce(
      `Step ${element.dataset.number} of ${element.dataset.count}. ${phase.label}: ` +
        `${element.dataset.pose}. Hold ${element.dataset.hold} seconds.`,
    );
  } else {
    announce(`${phase.label}, ${phase.seconds} seconds.`);
  }
  render(Math.min(phase.seconds * 1000, timing.deadline - now()));
}

function tick() {
  timing.timer = null;
  if (mode !== "playing") return;
  const time = now();
  if (time >= timing.deadline) {
    // Skip every phase whose time has passed; enter (with its sound) only the current one.
    const { index, end } = phaseAt(time);
    if (time >= end) {
      if (sleptPast(time, end)) catchUp(time, end);
      else advance(end);
      return;
    }
    enterPhase(index, end - timing.phases[index].seconds * 1000);
  }
  const msLeft = timing.deadline - time;
  const phase = timing.phases[timing.phase];
  const whole = Math.ceil(msLeft / 1000);
  if (whole !== timing.lastWhole && whole > 0 && whole <= WARN_SECONDS && phase.name === "hold") {
    beep();
    if (whole === WARN_SECONDS) announce(`${WARN_SECONDS} seconds left.`);
  }
  timing.lastWhole = whole;
  render(msLeft);
  // Wake when the clock's next second turns (the phase's end is one of those), not on a
  // fixed beat, so the step ends on time and an idle phone is woken once a second.
  stopTimer();
  timing.timer = window.setTimeout(tick, Math.ceil(msLeft % 1000 || 1000));
}

function stopTimer() {
  if (timing.timer) window.clearTimeout(timing.timer);
  timing.timer = null;
}

function startStep(startedAt) {
  enterPhase(0, startedAt);
  prefetchNext();
  tick(); // a step that arrives late may already be into its hold, or over
}

function advance(endedAt) {
  const element = panel();
  if (!element) return;
  stopTimer();
  render(0);
  beep(660, 0.3);
  const next = $("[data-next]", element);
  if (next) {
    to("advancing");
    timing.stepEndedAt = endedAt;
    next.click(); // swapped in from the prefetch at once, or asked for by htmx
    return;
  }
  letScreenSleep();
  announce("Routine finished. Well done.");
  // A link to the finish page, or (signed in) a button that records the session first;
  // guardFinish makes this click and a person's tap one request between them.
  $("[data-finish]", element).click();
}

// After the page slept ----------------------------------------------------------------
// A hidden tab or a closed lid stops the timers; when they run again the clock may be
// several steps on. Walking through those steps one by one would reach Finish by itself and
// record a routine the person may not have done: instead the player goes to the step the
// clock says, paused, and asks.

function timelineSteps() {
  return [...document.querySelectorAll("[data-timeline] > li")];
}

function sleptPast(time, stepEnd) {
  // True when more than this step passed unseen: the clock is beyond the next step's end
  // too, or (on the last step) well beyond the routine's end.
  const number = Number(panel()?.dataset.number);
  const following = timelineSteps()[number]; // step number + 1
  if (following) return time >= stepEnd + Number(following.dataset.seconds) * 1000;
  return !$("[data-next]", panel() || document) && time - stepEnd > LATE_FINISH_MS;
}

function clockSays(time, stepEnd) {
  // { number, into }: the step under way at `time` and how far into it (ms); `into` is
  // null when the clock is past the routine's end (the last step then, finished).
  const steps = timelineSteps();
  let number = Number(panel().dataset.number);
  let end = stepEnd;
  while (number < steps.length) {
    const length = Number(steps[number].dataset.seconds) * 1000;
    if (time < end + length) return { number: number + 1, into: time - end };
    end += length;
    number += 1;
  }
  return { number: steps.length || Number(panel().dataset.number), into: null };
}

function catchUp(time, stepEnd) {
  stopTimer();
  const target = clockSays(time, stepEnd);
  timing.left = 0;
  to("paused");
  letScreenSleep();
  const here = Number(panel().dataset.number);
  if (target.number === here || !window.htmx) {
    settleAway({ number: here, into: null });
    return;
  }
  // The step the clock says, asked for as any step is (htmx's request, pushed to history).
  away = target;
  window.htmx.ajax("GET", timelineSteps()[target.number - 1].dataset.url, {
    source: $("[data-next]", panel()),
    target: "#player",
    swap: "outerHTML swap:0ms settle:0ms",
  });
}

function settleAway(target) {
  // On the step the clock says: paused where the clock is, with a question.
  const element = panel();
  if (target.into === null) {
    timing.phase = timing.phases.length - 1;
    timing.left = 0;
  } else {
    let into = target.into;
    let index = 0;
    while (index + 1 < timing.phases.length && into >= timing.phases[index].seconds * 1000) {
      into -= timing.phases[index].seconds * 1000;
      index += 1;
    }
    timing.phase = index;
    timing.left = Math.max(0, timing.phases[index].seconds * 1000 - into);
  }
  timing.deadline = now() + timing.left;
  render(timing.left);
  const count = element.dataset.count;
  const message =
    target.into === null
      ? "The routine's time ran out while this page was in the background, so it was not " +
        "finished for you. Press Finish if you did it, or Restart to do this step again."
      : `Paused while this page was in the background. By the clock you are at step ` +
        `${target.number} of ${count} with ${Math.ceil(timing.left / 1000)} seconds left. ` +
        "Press Resume to go on from here.";
  showAwayNotice(message);
  announce(message);
  updateControls();
}

function showAwayNotice(message) {
  let box = $("[data-away]");
  if (!box) {
    box = document.createElement("div");
    box.className = "message away-notice";
    box.dataset.away = "";
    box.append(document.createElement("p"));
    $("[data-controls]")?.after(box);
  }
  $("p", box).textContent = message;
  box.hidden = false;
}

function hideAwayNotice() {
  const box = $("[data-away]");
  if (box) box.hidden = true;
}

// The next step, fetched ahead ---------------------------------------------------------

function timeoutMs() {
  return (window.htmx && window.htmx.config.timeout) || FALLBACK_TIMEOUT_MS;
}

function urlOf(link) {
  return new URL(link.getAttribute("hx-get") || link.href, window.location.href).href;
}

function prefetchNext() {
  const link = $("[data-next]", panel() || document);
  // Offline, the saved run answers the next step; there is no edit to learn of.
  if (!link || !window.htmx || !window.fetch || navigator.onLine === false) return;
  const url = urlOf(link);
  if (prefetched && prefetched.url === url && (!prefetched.settled || prefetched.html)) return;
  const entry = { url, html: null, settled: false, claimed: false };
  prefetched = entry;
  // The request htmx would make for the Next link, so the server answers with the panel.
  // Fresh from the server (past the service worker's saved run): it is also how the player
  // learns of an edit made since Start.
  const options = {
    headers: {
      "HX-Request": "true",
      "HX-Current-URL": window.location.href,
      "X-Backlog-Fresh": "1",
    },
    credentials: "same-origin",
  };
  // AbortSignal.timeout is missing in older browsers (Safari before 16): a timer of our own
  // gives up instead, so a step waiting on this prefetch never hangs at 0:00.
  const giveUp = new Promise((resolve) => {
    window.setTimeout(() => resolve(null), timeoutMs());
  });
  if (window.AbortController) {
    const controller = new AbortController();
    window.setTimeout(() => controller.abort(), timeoutMs());
    options.signal = controller.signal;
  }
  const fetched = window.fetch(url, options).then((response) => {
      // Anything but a plain panel (a redirect, or htmx response headers that ask for more
      // than a swap) is left to htmx at zero, which knows what to do with it.
    const asksMore = [...response.headers.keys()].some((name) => name.startsWith("hx-"));
    if (!response.ok || response.redirected || asksMore) return null;
    return keepForHtmx(url, response.clone()).then(() => response.text());
  });
  entry.promise = Promise.race([fetched, giveUp])
    .catch(() => null) // offline or timed out: htmx asks again at zero, as before
    .then((html) => {
      const stale = Boolean(html?.includes("data-routine-updated"));
      entry.html = stale ? null : html;
      entry.settled = true;
      // The next step answers "this routine was just updated": the step on screen was
      // fetched ahead from the old version too (its links carry it). Say so now.
      if (stale && prefetched === entry) showUpdatedNotice();
    });
}

async function keepForHtmx(url, response) {
  // The fetched-ahead panel goes where the service worker answers htmx's own request for
  // it from (once), so the swap, its events and history are htmx's, with no wait at zero.
  if (!("caches" in window) || !navigator.serviceWorker?.controller) return;
  if ((await response.clone().text()).includes("data-routine-updated")) return;
  await caches.delete("backlog-ahead"); // one step ahead at a time
  const cache = await caches.open("backlog-ahead");
  const request = new Request(url, { headers: { "HX-Request": "true" } });
  await cache.put(request, response).catch(() => {});
}

function showUpdatedNotice() {
  // The notice for the step on screen, as a live request for it would have shown it.
  const element = panel();
  if (!element || !window.htmx) return;
  stopTimer();
  to("idle");
  // This step's own link, carrying the version it was made for and where its pose is.
  const url = new URL(window.location.href);
  url.searchParams.set("v", element.dataset.version);
  url.searchParams.set("at", element.dataset.at);
  url.hash = "";
  window.htmx.ajax("GET", url.href, {
    target: "#player",
    swap: "outerHTML swap:0ms settle:0ms",
    headers: { "X-Backlog-Fresh": "1" }, // the edit, not the run saved at Start
  });
}

function followFromPrefetch(link) {
  // True when this click waits for the fetch ahead (still in flight) before htmx makes its
  // own request, which the service worker then answers from the panel kept for it; false
  // leaves the click to htmx at once. htmx always swaps: its events and history hold.
  const entry = prefetched;
  if (!entry || entry.url !== urlOf(link) || entry.released) return false;
  if (entry.settled) return false;
  if (entry.claimed) return true; // already waiting: a second tap adds nothing
  entry.claimed = true;
  entry.promise.then(() => {
    if (prefetched !== entry || !link.isConnected) return; // another step arrived meanwhile
    entry.released = true;
    link.click();
  });
  return true;
}

// A failed load ------------------------------------------------------------------------

function showLoadError(message) {
  let box = $("[data-load-error]");
  if (!box) {
    box = document.createElement("div");
    box.className = "message load-error";
    box.dataset.loadError = "";
    const text = document.createElement("p");
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "button";
    retry.dataset.action = "retry";
    retry.textContent = "Retry";
    box.append(text, retry);
    const controls = $("[data-controls]");
    if (controls) controls.after(box);
    else panel()?.before(box);
  }
  $("p", box).textContent = message;
  box.hidden = false;
}

function hideLoadError() {
  const box = $("[data-load-error]");
  if (box) box.hidden = true;
  retryLink = null;
}

function stopAfterFailedLoad(event) {
  // A step that failed or timed out pauses the player; it never retries unasked.
  const link = event.detail.elt;
  if (!link || !link.closest("[data-player]")) return;
  if (mode === "advancing") {
    to("stuck"); // the step on screen is over: Resume or Retry asks for the next again
    timing.stepEndedAt = null;
    timing.left = 0;
  } else if (mode === "playing") {
    holdPosition(); // Resume goes on with this step
    to("paused");
  }
  if (!running()) {
    stopTimer();
    letScreenSleep();
  }
  retryLink = mode === "stuck" ? null : link;
  const which = link.matches("[data-previous]") ? "previous" : "next";
  const what =
    event.type === "htmx:timeout"
      ? `The ${which} step took too long to load.`
      : `Could not load the ${which} step.`;
  const message = `${what} Check your connection, then press Retry.`;
  announce(message);
  showLoadError(message);
  updateControls();
}

function retry() {
  if (mode === "stuck") {
    play();
    return;
  }
  const link = retryLink;
  hideLoadError();
  if (link && link.isConnected) link.click();
}

// Finishing, once ----------------------------------------------------------------------

function guardFinish(event, control) {
  if (mode === "finished") {
    // The finish request is already on its way: a double tap, or the timer's own click.
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
  if (!to("finished")) return;
  stopTimer();
  letScreenSleep();
  control.setAttribute("aria-disabled", "true");
  updateControls();
}

document.addEventListener(
  "click",
  (event) => {
    if (event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return; // a new tab or window: not this page's business
    }
    const finishLink = event.target.closest("a[data-finish]");
    if (finishLink) {
      guardFinish(event, finishLink);
      return;
    }
    const next = event.target.closest("[data-player] [data-next]");
    if (next && followFromPrefetch(next)) {
      event.preventDefault();
      event.stopPropagation(); // htmx's own listener on the link never hears of it
    }
  },
  { capture: true },
);

document.addEventListener(
  "submit",
  (event) => {
    const button = $("[data-finish]", event.target);
    if (button && event.target.closest("[data-player]")) guardFinish(event, button);
  },
  { capture: true },
);

// Controls -----------------------------------------------------------------------------

function showMirrored() {
  const mirror = stored(MIRROR_KEY);
  document.documentElement.toggleAttribute("data-mirror", mirror);
  $('[data-action="mirror"]')?.setAttribute("aria-pressed", String(mirror));
}

function updateControls() {
  const toggle = $('[data-action="toggle"]');
  if (!toggle) return;
  // The label says what pressing does; aria-pressed would say it a second time, wrongly.
  const labels = { idle: "Start", paused: "Resume", stuck: "Resume", finished: "Start" };
  toggle.textContent = running() ? "Pause" : labels[mode];
  const mute = $('[data-action="mute"]');
  mute.setAttribute("aria-pressed", String(stored(MUTED_KEY)));
  const voice = $('[data-action="speak"]');
  voice.setAttribute("aria-pressed", String(stored(SPEAK_KEY)));
  showMirrored();
  // Pausing brings back the header above: keep the button where the finger is, so a second
  // tap lands on Resume rather than on whatever moved under it.
  const top = toggle.getBoundingClientRect().top;
  document.body.classList.toggle("is-playing", running());
  if (!running()) window.scrollBy(0, toggle.getBoundingClientRect().top - top);
}

function holdPosition() {
  // Where the timer stands now, even if its wake-up is late: a boundary already crossed
  // moves the step on to the next phase rather than leaving 0 ms of the old one.
  const time = now();
  const { index, end } = phaseAt(time);
  timing.phase = index;
  timing.deadline = end;
  timing.left = Math.max(0, end - time);
  stopTimer();
}

function play() {
  // The press's own moment: creating the audio context can take a tenth of a second.
  const pressedAt = now();
  unlockAudio();
  hideLoadError();
  hideAwayNotice();
  if (mode === "stuck") {
    // The step is over and its next one failed to load: ask for it again, once.
    to("advancing");
    holdScreenOn();
    updateControls();
    advance(pressedAt);
    return;
  }
  const resuming = mode === "paused";
  if (!to("playing")) return;
  saveForOffline();
  holdScreenOn();
  updateControls();
  // With the header scrolled away, the controls, pose, clock and safety note fill a phone.
  $("[data-controls]")?.scrollIntoView({ block: "start" });
  if (resuming) {
    timing.deadline = pressedAt + timing.left;
    timing.left = 0;
    announce("Resumed.");
    prefetchNext(); // again, if the first try failed
    tick();
  } else {
    startStep(pressedAt);
  }
}

function saveForOffline() {
  // At Start: the whole run as this person plays it, so it goes on with the network gone.
  const status = $("[data-offline-status]");
  if (saving || !status || !navigator.serviceWorker) return;
  if (!navigator.onLine) {
    // Opened with the network gone: this page came from the run saved earlier.
    status.textContent = "Playing from this phone: no connection needed.";
    status.dataset.offlineStatus = "offline";
    return;
  }
  status.textContent = "Saving this routine on this phone…";
  saving = registerWorker()
    .then((registration) => registration && navigator.serviceWorker.ready)
    .then((ready) => ready && saveRun())
    .then((saved) => {
      status.textContent = saved
        ? "Saved on this phone: this routine plays on without a connection."
        : "Not saved for offline: keep the connection until the routine ends.";
      status.dataset.offlineStatus = saved ? "saved" : "failed";
    });
}

function pause() {
  if (mode === "playing") holdPosition();
  else timing.left = 0; // advancing: the step is over; the next arrives ready to start
  to("paused");
  letScreenSleep();
  render(timing.left);
  announce(`Paused with ${Math.ceil(timing.left / 1000)} seconds left.`);
  updateControls();
}

function toggle() {
  if (running()) pause();
  else if (mode !== "finished") play();
}

function restartStep() {
  if (mode === "finished") return;
  hideLoadError();
  if (mode === "advancing") {
    // Call off the request for the next step: this one is to be done again.
    const next = $("[data-next]", panel() || document);
    if (next && window.htmx) window.htmx.trigger(next, "htmx:abort");
    prefetched = null;
    timing.stepEndedAt = null;
    to("playing");
  }
  if (mode === "playing") {
    startStep(now());
  } else {
    to("idle");
    setUpPanel();
  }
  updateControls();
}

function go(selector) {
  const link = $(selector, panel() || document);
  if (link) link.click();
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-action]");
  if (!button) return;
  const action = button.dataset.action;
  if (action === "toggle") toggle();
  if (action === "restart") restartStep();
  if (action === "retry") retry();
  if (action === "mute") store(MUTED_KEY, !stored(MUTED_KEY));
  if (action === "mirror") store(MIRROR_KEY, !stored(MIRROR_KEY));
  if (action === "speak") {
    store(SPEAK_KEY, !stored(SPEAK_KEY));
    if (!stored(SPEAK_KEY) && "speechSynthesis" in window) window.speechSynthesis.cancel();
  }
  updateControls();
});

document.addEventListener("keydown", (event) => {
  if (!panel() || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (target.closest("input, textarea, select, [contenteditable]")) return;
  if (event.key === " " && !target.closest("button, a, summary")) {
    event.preventDefault();
    toggle();
  } else if (event.key === "ArrowRight") {
    event.preventDefault();
    go("[data-next], [data-finish]");
  } else if (event.key === "ArrowLeft") {
    event.preventDefault();
    go("[data-previous]");
  }
});

// A page that started itself has had no gesture yet to let its sounds play.
document.addEventListener("pointerdown", resumeAudio, { capture: true, passive: true });
document.addEventListener("keydown", resumeAudio, { capture: true, passive: true });

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && running()) {
    holdScreenOn();
    if (mode === "playing") tick(); // catch up at once after a throttled background tab
  }
});

// A step arrives (first load, htmx swap, or back/forward) ------------------------------

function setUpPanel(event) {
  const element = panel();
  if (!element) return;
  // A step reached by the timer starts when the last one ended, not when it arrived, so a
  // throttled tab or a slow request does not stretch the routine.
  const arrivedAt = now();
  const startedAt =
    mode === "advancing" && timing.stepEndedAt !== null ? timing.stepEndedAt : arrivedAt;
  timing.stepEndedAt = null;
  timing.phases = phasesOf(element);
  timing.left = 0;
  prefetched = null;
  hideLoadError();
  hideAwayNotice();
  document.title = element.dataset.title;
  // The controls hold their place from the first paint; now they can be used.
  const controls = $("[data-controls]");
  if (controls) controls.dataset.ready = "";
  const target = away;
  away = null;
  if (target && mode === "paused" && Number(element.dataset.number) === target.number) {
    settleAway(target);
    return;
  }
  if (running()) {
    to("playing");
    startStep(startedAt);
  } else {
    to("idle");
    stopTimer();
    const hold = timing.phases.find((phase) => phase.name === "hold");
    $("[data-clock]", element).textContent = clock(hold.seconds);
    // A step swapped in while stopped is news to a screen reader; a fresh page is not.
    if (event) {
      const data = element.dataset;
      announce(`Step ${data.number} of ${data.count}: ${data.pose}. Hold ${data.hold} seconds.`);
    }
  }
  updateControls();
}

function routineUpdated(element) {
  // An editor changed the routine since this visit began: stop the clock, and let the
  // person choose to continue from the matching pose or restart (the notice's two links).
  stopTimer();
  letScreenSleep();
  to("idle");
  timing.stepEndedAt = null;
  timing.left = 0;
  prefetched = null;
  document.body.classList.remove("is-playing");
  const controls = $("[data-controls]");
  if (controls) delete controls.dataset.ready;
  document.title = element.dataset.title;
  $("h1", element)?.focus();
  const added = $("[data-added]", element)?.dataset.added;
  announce(
    "This routine was just updated. Continue from the matching pose, or restart." +
      (added ? ` Added since you started: ${added}.` : ""),
  );
}

document.addEventListener("htmx:load", (event) => {
  if (event.target.matches("[data-player]")) setUpPanel(event);
  else if (event.target.matches("[data-routine-updated]")) routineUpdated(event.target);
});
document.addEventListener("htmx:historyRestore", setUpPanel);
document.addEventListener("htmx:responseError", stopAfterFailedLoad);
document.addEventListener("htmx:sendError", stopAfterFailedLoad);
document.addEventListener("htmx:timeout", stopAfterFailedLoad);

// Back from the finish page out of the back/forward cache: the player is ready again.
window.addEventListener("pageshow", (event) => {
  if (!event.persisted || mode !== "finished") return;
  $("[data-finish][aria-disabled]")?.removeAttribute("aria-disabled");
  to("idle");
  setUpPanel();
});

document.body.dataset.playerState = mode;
registerWorker();
setUpPanel();

// Links and redirects from a Start press carry #start: that press was the one Start.
if (window.location.hash === "#start" && panel()) {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, "", pathname + search);
  play();
}
