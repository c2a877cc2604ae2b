// The presses kept on this device (IndexedDB) until they can be sent, and the sending.
// Shared by the pages (offline.js imports it, and shows the queue) and the service worker
// (which sends it on Background Sync, where the browser has it, with no page open; the
// offline app's view puts this file in front of the worker's, `export`s dropped), so one
// rule decides what goes and when. No DOM here, and no imports: a worker has neither.
//
// An item: { key, url, fields, what, pressedAt, sentAt }. `sentAt` is null while waiting,
// the moment it went once sent, and minus that moment when the server refused it.

export const SYNC_TAG = "backlog-queue";
const DB_NAME = "backlog";
const STORE = "queue";
const SENT_KEPT_MS = 24 * 60 * 60 * 1000; // a sent press is shown for a day, then forgotten

function openQueue() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inQueue(mode, work) {
  const db = await openQueue();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const result = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(result.result);
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

export const allQueued = () => inQueue("readonly", (store) => store.getAll());
export const putQueued = (item) => inQueue("readwrite", (store) => store.put(item));
const dropQueued = (key) => inQueue("readwrite", (store) => store.delete(key));

const SEND_MS = 8000; // a press not answered in this time waits for the next try (lie-fi)

function withToken(fields, token) {
  // The page's own CSRF token, when it has one: signing in again since the press was kept
  // made a new one, and the kept token would be refused.
  if (!token) return fields;
  return fields.map(([name, value]) => [name, name === "csrfmiddlewaretoken" ? token : value]);
}

async function sendWaiting(token) {
  // Each waiting press, in the order pressed, one at a time (a Start before the Finish that
  // names it). A press the server refuses (400, 403, 404) is kept with a note; one that did
  // not get through waits for the next try. Returns how many still wait.
  const items = (await allQueued()).sort((a, b) => a.pressedAt - b.pressedAt);
  let waiting = 0;
  for (const item of items) {
    if (item.sentAt) {
      if (Date.now() - Math.abs(item.sentAt) > SENT_KEPT_MS) await dropQueued(item.key);
      continue;
    }
    let response = null;
    if (waiting === 0 && navigator.onLine) {
      try {
        response = await fetch(item.url, {
          method: "POST",
          body: new URLSearchParams(withToken(item.fields, token)),
          credentials: "same-origin",
          signal: AbortSignal.timeout?.(SEND_MS),
        });
      } catch {
        response = null; // still offline, whatever the browser says
      }
    }
    if (response?.ok) await putQueued({ ...item, sentAt: Date.now() });
    else if (response?.status === 401) {
      // Signed out meanwhile (the session ended): kept until the person signs in again.
      await putQueued({ ...item, signIn: true });
      waiting += 1;
    } else if (response && response.status < 500) {
      await putQueued({ ...item, sentAt: -Date.now() });
    } else waiting += 1;
  }
  return waiting;
}

export function sendQueued(token = null) {
  // Once at a time across this device's pages and its worker (a Web Lock where there is
  // one); the server records each key once anyway. `token`: the page's CSRF token.
  if (!globalThis.indexedDB) return Promise.resolve(0);
  if (navigator.locks) return navigator.locks.request(SYNC_TAG, () => sendWaiting(token));
  return sendWaiting(token);
}
