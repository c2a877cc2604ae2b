// Fills the sign-in and sign-up forms' hidden time-zone field with the browser's zone, so a
// person's practice days start at their own midnight. Without JavaScript it stays empty
// and the zone can be chosen on the account page.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
for (const input of document.querySelectorAll("input[data-time-zone]")) {
  if (zone && !input.value) input.value = zone;
}
