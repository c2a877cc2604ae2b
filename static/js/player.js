// The routine player: a countdown through each pose's get-ready, hold and rest phases.
// The server renders every step as a page (with Next/Previous links that work without
// JavaScript); this module adds the timer, sounds, wake lock and auto-advance, and moves
// between steps by clicking the panel's own htmx links. Behaviour hangs off data-
// attributes; there is no inline script or style (the Content Security Policy forbids it).

const MUTED_KEY = "backlog:muted";
const SPEAK_KEY = "backlog:speak";
const TICK_MS = 200;
const WARN_SECONDS = 3;

const state = {
  playing: false, // Start was pressed and the routine is running (not paused)
  started: false, // Start was pressed at least once on this page
  phases: [],
  phase: 0,
  deadline: 0, // Date.now() at which the current phase ends; the next phase's starts here
  left: 0, // milliseconds left in the current phase when paused
  lastWhole: null,
  timer: null,
  audio: null,
  wakeLock: null,
  advancing: false, // the next step has been asked for and has not arrived yet
  stepEndedAt: null, // the deadline at which the last step ended, to time the next from it
  stuck: false, // the next step failed to load; Resume asks for it again
};

const $ = (selector, root = document) => root.querySelector(selector);
const panel = () => $("[data-player]");
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
  if (!state.audio || stored(MUTED_KEY)) return;
  const now = state.audio.currentTime;
  const oscillator = state.audio.createOscillator();
  const gain = state.audio.createGain();
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.25, now);
  gain.gain.exponentialRampToValueAtTime(0.001, now + duration);
  oscillator.connect(gain).connect(state.audio.destination);
  oscillator.start(now);
  oscillator.stop(now + duration);
}

function speak(text) {
  if (!stored(SPEAK_KEY) || !("speechSynthesis" in window)) return;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
}

function resumeAudio() {
  // Without a user gesture (the player started itself) the context stays suspended, and
  // resume() neither starts it nor settles; the first tap or key press then does.
  if (state.audio && state.audio.state === "suspended") state.audio.resume().catch(() => {});
}

function unlockAudio() {
  const AudioContext = window.AudioContext || window.webkitAudioContext;
  if (!state.audio && AudioContext) state.audio = new AudioContext();
  resumeAudio();
}

// Wake lock ----------------------------------------------------------------------------

async function holdScreenOn() {
  if (!("wakeLock" in navigator) || state.wakeLock || document.visibilityState !== "visible") {
    return;
  }
  try {
    state.wakeLock = await navigator.wakeLock.request("screen");
    state.wakeLock.addEventListener("release", () => {
      state.wakeLock = null;
    });
  } catch {
    state.wakeLock = null; // refused (battery saver, permissions): the timer still runs
  }
}

function letScreenSleep() {
  if (state.wakeLock) state.wakeLock.release().catch(() => {});
  state.wakeLock = null;
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
  return state.phases
    .slice(0, phaseIndex)
    .filter((phase) => phase.name !== "ready")
    .reduce((sum, phase) => sum + phase.seconds, 0);
}

function render(msLeft) {
  const element = panel();
  if (!element) return;
  const phase = state.phases[state.phase];
  const secondsLeft = msLeft / 1000;
  $("[data-clock]", element).textContent = clock(secondsLeft);
  $("[data-phase]", element).textContent = phase.label;
  element.dataset.phaseName = phase.name;
  const bar = $("[data-bar]", element);
  bar.max = phase.seconds;
  bar.value = Math.max(0, phase.seconds - secondsLeft);
  if (phase.name !== "ready") {
    const done = holdAndRestBefore(state.phase) + (phase.seconds - secondsLeft);
    const overall = Number(element.dataset.remaining) - done;
    $("[data-overall-left]", element).textContent = clock(overall);
    const overallBar = $("[data-overall-bar]", element);
    overallBar.value = Number(element.dataset.total) - overall;
  }
}

function enterPhase(index, startedAt) {
  // Phases are chained from the previous deadline, not from now, so a late tick, a phase
  // change or a slow swap never adds time to the routine.
  state.phase = index;
  const phase = state.phases[index];
  state.deadline = startedAt + phase.seconds * 1000;
  state.lastWhole = null;
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
  render(Math.min(phase.seconds * 1000, state.deadline - Date.now()));
}

function tick() {
  if (!state.playing || state.advancing) return;
  const now = Date.now();
  if (now >= state.deadline) {
    // A throttled background tab may wake up several phases later: skip every phase whose
    // time has passed, and enter (with its sound and announcement) only the current one.
    let index = state.phase;
    let deadline = state.deadline;
    while (now >= deadline && index + 1 < state.phases.length) {
      index += 1;
      deadline += state.phases[index].seconds * 1000;
    }
    if (now >= deadline) {
      advance(deadline);
      return;
    }
    enterPhase(index, deadline - state.phases[index].seconds * 1000);
  }
  const msLeft = state.deadline - now;
  const phase = state.phases[state.phase];
  const whole = Math.ceil(msLeft / 1000);
  if (whole !== state.lastWhole && whole > 0 && whole <= WARN_SECONDS && phase.name === "hold") {
    beep();
    if (whole === WARN_SECONDS) announce(`${WARN_SECONDS} seconds left.`);
  }
  state.lastWhole = whole;
  render(msLeft);
}

function advance(endedAt) {
  if (state.advancing) return;
  const element = panel();
  if (!element) return;
  // No more ticks until the next step is here: a failed request must not be retried by them.
  stopTimer();
  render(0);
  beep(660, 0.3);
  state.advancing = true;
  state.stepEndedAt = endedAt;
  const next = $("[data-next]", element);
  if (next) {
    next.click(); // htmx swaps in the next step and pushes its URL
    return;
  }
  state.playing = false;
  letScreenSleep();
  announce("Routine finished. Well done.");
  // A link to the finish page, or (signed in) a button that records the session first.
  $("[data-finish]", element).click();
}

function startTimer() {
  stopTimer();
  state.timer = window.setInterval(tick, TICK_MS);
}

function stopTimer() {
  if (state.timer) window.clearInterval(state.timer);
  state.timer = null;
}

// Controls -----------------------------------------------------------------------------

function updateControls() {
  const toggle = $('[data-action="toggle"]');
  if (!toggle) return;
  // The label says what pressing does; aria-pressed would say it a second time, wrongly.
  toggle.textContent = state.playing ? "Pause" : state.started ? "Resume" : "Start";
  const mute = $('[data-action="mute"]');
  mute.setAttribute("aria-pressed", String(stored(MUTED_KEY)));
  const voice = $('[data-action="speak"]');
  voice.setAttribute("aria-pressed", String(stored(SPEAK_KEY)));
  // Pausing brings back the header above: keep the button where the finger is, so a second
  // tap lands on Resume rather than on whatever moved under it.
  const top = toggle.getBoundingClientRect().top;
  document.body.classList.toggle("is-playing", state.playing);
  if (!state.playing) window.scrollBy(0, toggle.getBoundingClientRect().top - top);
}

function play() {
  unlockAudio();
  holdScreenOn();
  const resuming = state.started && state.left > 0;
  state.started = true;
  state.playing = true;
  updateControls();
  // With the header scrolled away, the controls, pose, clock and safety note fill a phone.
  $("[data-controls]")?.scrollIntoView({ block: "start" });
  if (state.stuck) {
    // The step is over and its next one failed to load: ask for it again, once.
    state.stuck = false;
    advance(Date.now());
    return;
  }
  if (resuming) {
    state.deadline = Date.now() + state.left;
    state.left = 0;
    announce("Resumed.");
  } else {
    enterPhase(0, Date.now());
  }
  startTimer();
}

function pause() {
  state.left = Math.max(0, state.deadline - Date.now());
  state.playing = false;
  stopTimer();
  letScreenSleep();
  announce(`Paused with ${Math.ceil(state.left / 1000)} seconds left.`);
  updateControls();
}

function stopAfterFailedLoad(event) {
  // A step that failed to load pauses the player; it never retries unasked (each try beeps).
  const link = event.detail.elt;
  if (!link || !link.closest("[data-player]")) return;
  if (state.advancing) {
    // The step on screen is over: Resume asks for the next one again.
    state.advancing = false;
    state.stepEndedAt = null;
    state.stuck = true;
    state.left = 0;
  } else if (state.playing) {
    state.left = Math.max(0, state.deadline - Date.now()); // Resume goes on with this step
  }
  if (state.playing) {
    state.playing = false;
    stopTimer();
    letScreenSleep();
    updateControls();
  }
  if (link.matches("[data-previous]")) {
    announce("Could not load the previous step. Check your connection, then try again.");
  } else {
    announce("Could not load the next step. Check your connection, then press Next or Resume.");
  }
}

function toggle() {
  if (state.playing) pause();
  else play();
}

function restartStep() {
  state.left = 0;
  state.stuck = false;
  if (state.playing) {
    enterPhase(0, Date.now());
  } else {
    state.started = false;
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
  if (action === "mute") store(MUTED_KEY, !stored(MUTED_KEY));
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
  if (document.visibilityState === "visible" && state.playing) {
    holdScreenOn();
    tick(); // catch up at once after a throttled background tab
  }
});

// A step arrives (first load, htmx swap, or back/forward) ------------------------------

function setUpPanel(event) {
  const element = panel();
  if (!element) return;
  // A step reached by the timer starts when the last one ended, not when it arrived, so a
  // throttled tab or a slow request does not stretch the routine.
  const startedAt = state.advancing && state.stepEndedAt !== null ? state.stepEndedAt : Date.now();
  state.advancing = false;
  state.stepEndedAt = null;
  state.stuck = false;
  state.phases = phasesOf(element);
  state.left = 0;
  document.title = element.dataset.title;
  // The controls hold their place from the first paint; now they can be used.
  const controls = $("[data-controls]");
  if (controls) controls.dataset.ready = "";
  if (state.playing) {
    enterPhase(0, startedAt);
    startTimer();
    tick(); // a step that arrives late may already be into its hold, or over
  } else {
    state.started = false;
    stopTimer();
    const hold = state.phases.find((phase) => phase.name === "hold");
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
  Object.assign(state, {
    playing: false,
    started: false,
    advancing: false,
    stepEndedAt: null,
    stuck: false,
    left: 0,
  });
  document.body.classList.remove("is-playing");
  const controls = $("[data-controls]");
  if (controls) controls.hidden = true;
  document.title = element.dataset.title;
  $("h1", element)?.focus();
  announce("This routine was just updated. Continue from the matching pose, or restart.");
}

document.addEventListener("htmx:load", (event) => {
  if (event.target.matches("[data-player]")) setUpPanel(event);
  else if (event.target.matches("[data-routine-updated]")) routineUpdated(event.target);
});
document.addEventListener("htmx:historyRestore", setUpPanel);
document.addEventListener("htmx:responseError", stopAfterFailedLoad);
document.addEventListener("htmx:sendError", stopAfterFailedLoad);

setUpPanel();

// Links and redirects from a Start press carry #start: that press was the one Start.
if (window.location.hash === "#start" && panel()) {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, "", pathname + search);
  play();
}
