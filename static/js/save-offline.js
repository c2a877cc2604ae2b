// "Save for offline" on a routine page: the run as this person will play it, saved on the
// device, so that Start plays to "Well done" later with the network gone.
//
// Signed out, the routine page is the same for every visitor (it may come from the shared
// page cache), so nothing personal is in it: at the press, this asks the player for step 1
// as the Start link does (signed in, with the person's plan rungs as `use`). The player answers with the person's step 1 (their check-first answers `c`
// carried in every link of its [data-timeline]) and offline.js saves that timeline; or, when
// the person has not answered Before you start yet, with that page, where they are sent:
// the check first is never skipped. The Start link's address is saved with that step 1,
// and this page with its scripts, so it opens offline and its Start goes into the run.
// No inline script: the CSP forbids it.
import { registerWorker, savedName, savePage, saveRun } from "./offline.js";

const box = document.querySelector("[data-save-offline]");
const status = document.querySelector("[data-save-offline-status]");
const button = box?.querySelector("button");

function say(text, state) {
  status.textContent = text;
  status.dataset.saveOfflineStatus = state;
}

async function saveForOffline() {
  const start = new URL(button.dataset.saveOfflineUrl, window.location.href);
  start.hash = "";
  button.disabled = true;
  say("Saving this routine on this phone…", "saving");
  try {
    const registration = await registerWorker();
    if (!registration) throw new Error("no service worker");
    await navigator.serviceWorker.ready;
    const response = await fetch(start, {
      credentials: "same-origin",
      headers: { "X-Backlog-Fresh": "1" },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const timeline = page.querySelector("[data-timeline]");
    if (!timeline) {
      // Before you start: answered there, the person lands on step 1, saved at Start.
      window.location.assign(response.url);
      return;
    }
    const assets = [
      ...page.querySelectorAll(
        'link[rel="stylesheet"], link[rel="icon"], link[rel="modulepreload"], script[src]',
      ),
    ].map((element) => element.getAttribute("href") || element.getAttribute("src"));
    const saved = await saveRun(timeline, assets, savedName(timeline));
    if (!saved) throw new Error("not saved");
    // Start, opened offline, answers with the saved step 1 (its links carry the answers).
    const first = new URL(timeline.querySelector("li").dataset.url, window.location.href);
    const cache = await caches.open(savedName(timeline));
    const stepOne = await fetch(first, {
      credentials: "same-origin",
      headers: { "X-Backlog-Fresh": "1" },
    });
    if (!stepOne.ok || stepOne.redirected) throw new Error("step 1 not saved");
    await cache.put(start, stepOne);
    // This page too, so that it opens offline and its Start (signed in: a rating, kept on
    // the phone and sent later) goes into the run.
    if (!(await savePage(timeline))) throw new Error("this page not saved");
    say("Saved on this phone: plays without a connection.", "saved");
  } catch {
    say("Not saved for offline: check the connection and try again.", "failed");
  } finally {
    button.disabled = false;
  }
}

if (box && button && status && "caches" in window && "serviceWorker" in navigator) {
  box.hidden = false;
  button.addEventListener("click", saveForOffline);
}
