// The editors' admin pages: routine steps and exercise slugs. Loaded through the admins'
// Media; no inline script or style (the Content Security Policy forbids them).
//
// - Steps: one-place ▲/▼ moves (buttons, so keyboard users have them, on new rows too),
//   numbers and cycle labels ("× 3: steps 2–3") that follow every change, the saved rows'
//   order written into sortable2's order fields, and the variation list narrowed to the
//   chosen exercise's variations.
// - Slugs: the admin's slug filler keeps a dash as a word break ("Cat–cow" → "cat-cow").

const DASHES = /[\u2010-\u2015\u2212]/g;

// Slugs --------------------------------------------------------------------------------

if (typeof window.URLify === "function") {
  const urlify = window.URLify;
  window.URLify = (text, ...rest) => urlify(String(text).replace(DASHES, "-"), ...rest);
}

// Steps --------------------------------------------------------------------------------

const group = document.getElementById("steps-group");

function rows() {
  // Every step row on the page, in page order, but not the template for new rows.
  if (!group) return [];
  return [...group.querySelectorAll("tbody tr.form-row")].filter(
    (row) => !row.classList.contains("empty-form") && !row.id.endsWith("-empty"),
  );
}

const field = (row, name) => row.querySelector(`[name$="-${name}"]`);
const isSaved = (row) => row.classList.contains("has_original");
const isBlank = (row) => !isSaved(row) && !field(row, "exercise")?.value;
const isDeleted = (row) => Boolean(field(row, "DELETE")?.checked);
const whole = (row, name) => Math.max(1, Number.parseInt(field(row, name)?.value, 10) || 1);

function errorRowOf(row) {
  const before = row.previousElementSibling;
  return before?.classList.contains("row-form-errors") ? before : null;
}

function moveRow(row, target, where) {
  const errors = errorRowOf(row);
  const anchor = where === "before" ? errorRowOf(target) || target : target;
  anchor.insertAdjacentElement(where === "before" ? "beforebegin" : "afterend", row);
  if (errors) row.insertAdjacentElement("beforebegin", errors);
}

function writeOrder() {
  // Saved and filled-in new rows are numbered in page order; a blank new row keeps its
  // untouched value, so Django still ignores it.
  let order = 0;
  for (const row of rows()) {
    if (isBlank(row)) continue;
    order += 1;
    const input = field(row, "order");
    if (input) input.value = String(order);
  }
}

function label(row, number, text, poses = "") {
  const cell = row.querySelector("td.field-position");
  if (!cell) return;
  let target = cell.querySelector("[data-step-label]");
  if (!target) {
    target = document.createElement("span");
    target.dataset.stepLabel = "";
    const paragraph = cell.querySelector("p") || cell;
    paragraph.replaceChildren(target);
  }
  const numberSpan = document.createElement("span");
  numberSpan.className = "step-row-number";
  numberSpan.textContent = number;
  const cycle = document.createElement("span");
  cycle.className = "cycle-label";
  cycle.textContent = text;
  const range = document.createElement("span");
  range.className = "pose-range";
  range.textContent = poses;
  target.replaceChildren(numberSpan, " ", cycle, range);
}

const sides = (row) => (field(row, "side")?.value === "both" ? 2 : 1);

function renumber() {
  // The same numbers and labels as the server's (RoutineStepFormSet.label_rows).
  const counted = rows().filter((row) => !isDeleted(row) && !isBlank(row));
  let cycleEnd = 0;
  let cycleRounds = 1;
  let pose = 0;
  for (const row of rows()) {
    row.classList.remove("in-cycle", "starts-cycle");
    if (!counted.includes(row)) label(row, "", isDeleted(row) ? "deleted" : "new");
  }
  counted.forEach((row, index) => {
    const number = index + 1;
    const span = whole(row, "cycle_steps");
    const rounds = whole(row, "rounds");
    let text;
    let poses = "";
    if (number <= cycleEnd) {
      text = `in × ${cycleRounds}`;
      row.classList.add("in-cycle");
    } else {
      const group = span > 1 ? counted.slice(index, index + span) : [row];
      const count = rounds * group.reduce((sum, one) => sum + sides(one), 0);
      poses = count === 1 ? `pose ${pose + 1}` : `poses ${pose + 1}–${pose + count}`;
      pose += count;
      if (span > 1) {
        cycleEnd = number + span - 1;
        cycleRounds = rounds;
        text = `× ${rounds}: steps ${number}–${cycleEnd}`;
        row.classList.add("starts-cycle");
      } else {
        text = rounds > 1 ? `× ${rounds}` : "";
      }
    }
    label(row, number, text, poses);
    const up = row.querySelector("[data-move='up']");
    const down = row.querySelector("[data-move='down']");
    if (up) up.setAttribute("aria-label", `Move step ${number} up one place`);
    if (down) down.setAttribute("aria-label", `Move step ${number} down one place`);
  });
}

function addMoveButtons(row) {
  const cell = row.querySelector("td.field-position");
  if (!cell || cell.querySelector("[data-move]")) return;
  const buttons = document.createElement("span");
  buttons.className = "step-moves";
  for (const [direction, text] of [
    ["up", "▲"],
    ["down", "▼"],
  ]) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "step-move";
    button.dataset.move = direction;
    button.textContent = text;
    button.setAttribute("aria-label", `Move this step ${direction} one place`);
    buttons.append(button);
  }
  cell.append(buttons);
}

function moveOnePlace(button) {
  const row = button.closest("tr");
  const all = rows();
  const index = all.indexOf(row);
  const other = all[index + (button.dataset.move === "up" ? -1 : 1)];
  if (!other) return;
  if (button.dataset.move === "up") moveRow(row, other, "before");
  else moveRow(row, other, "after");
  writeOrder();
  renumber();
  button.focus(); // the same button, on the row that moved, for the next press
  announce(`Moved to step ${row.querySelector(".step-row-number")?.textContent || ""}.`);
}

function announce(text) {
  let region = document.getElementById("steps-announce");
  if (!region && group) {
    region = document.createElement("div");
    region.id = "steps-announce";
    region.className = "visually-hidden";
    region.setAttribute("aria-live", "polite");
    group.append(region);
  }
  if (region) region.textContent = text;
}

function sortByOrder() {
  // After a failed save the server lists saved rows before new ones; put every row back
  // where the editor had it. Blank new rows stay at the end.
  const all = rows();
  if (all.length < 2) return;
  const keyed = all.map((row, index) => {
    const order = Number.parseInt(field(row, "order")?.value, 10) || 0;
    const placed = isSaved(row) || (!isBlank(row) && order > 0);
    return { row, key: placed ? [0, order, index] : [1, 0, index] };
  });
  keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  const body = all[0].parentElement;
  const template = body.querySelector("tr.empty-form, tr[id$='-empty']");
  for (const { row } of keyed) {
    const errors = errorRowOf(row);
    if (errors) body.insertBefore(errors, template);
    body.insertBefore(row, template);
  }
}

// Variations: only the chosen exercise's --------------------------------------------

function narrowVariations(row) {
  const exercise = field(row, "exercise")?.value || "";
  const select = field(row, "variation");
  if (!select) return;
  for (const option of select.options) {
    if (!option.dataset.exercise) continue; // "Plain exercise"
    const mine = option.dataset.exercise === exercise;
    option.hidden = !mine;
    option.disabled = !mine;
  }
  for (const optgroup of select.querySelectorAll("optgroup")) {
    optgroup.hidden = ![...optgroup.children].some((option) => !option.hidden);
  }
  if (select.selectedOptions[0]?.disabled) select.value = "";
}

function setUpRow(row) {
  addMoveButtons(row);
  narrowVariations(row);
}

function onChange(event) {
  const row = event.target.closest?.("#steps-group tr.form-row");
  if (!row) return;
  if (event.target.matches("[name$='-exercise']")) narrowVariations(row);
  renumber();
}

if (group) {
  sortByOrder();
  rows().forEach(setUpRow);
  renumber();
  group.addEventListener("click", (event) => {
    const button = event.target.closest("[data-move]");
    if (button) moveOnePlace(button);
  });
  group.addEventListener("change", onChange);
  group.addEventListener("input", onChange);
  // The exercise box is select2, which announces its changes through jQuery only.
  window.django?.jQuery?.(group).on("change", "select", (event) => onChange(event));
  // New rows ("Add another step") and sortable2's drag and first/last moves.
  new MutationObserver(() => {
    rows().forEach(setUpRow);
    renumber();
  }).observe(group.querySelector("tbody"), { childList: true });
  group.addEventListener("pointerup", () => window.setTimeout(renumber, 0));
  // Whatever moved the rows, the saved order is the order on the page.
  group.closest("form")?.addEventListener("submit", writeOrder, { capture: true });
}

// A refused save: the summary of what to fix is what the editor reads first.
const summary = document.querySelector("[data-error-summary]");
if (summary) {
  // Before the admin's autofocus on the first field of an add page.
  document.querySelector("[autofocus]")?.removeAttribute("autofocus");
  summary.focus();
  // The admin's change_form.js focuses an add page's first field as it loads; after it.
  window.addEventListener("load", () => summary.focus(), { once: true });
  summary.addEventListener("click", (event) => {
    // Open a closed section, then bring the field itself into view and focus it.
    const link = event.target.closest("a[href^='#']");
    const target = link && document.getElementById(link.hash.slice(1));
    if (!target) return;
    event.preventDefault();
    const details = target.closest("details");
    if (details) details.open = true;
    const select2 = target.classList.contains("select2-hidden-accessible")
      ? target.parentElement.querySelector(".select2-selection")
      : null;
    const focusable = select2 || target;
    focusable.scrollIntoView({ block: "center" });
    focusable.focus({ preventScroll: true });
  });
}
