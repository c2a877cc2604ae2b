// "Print this routine": the browser's print dialog. site.css's print rules turn the routine
// page into a one-page sheet. No inline script: the CSP forbids it.
document.querySelector("[data-print]")?.addEventListener("click", () => window.print());
