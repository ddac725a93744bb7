// Brings an article page's sidebar up to date. The page lists the Opinion and
// Editorial pieces published before it (so old pages never change when new
// articles arrive, see src/views/sidebars.ts); latest.json holds the newest
// ones, rendered by the same template. Without JavaScript the page stays complete.
const aside = document.querySelector("aside[data-latest]");
if (aside) {
  fetch(aside.dataset.latest)
    .then((response) => (response.ok ? response.json() : null))
    .then((latest) => {
      if (!latest || typeof latest.sections !== "object") return;
      for (const list of aside.querySelectorAll("[data-sidebar-section]")) {
        const html = latest.sections[list.dataset.sidebarSection];
        // Same-origin HTML written by our own templates (every value escaped at build time).
        if (typeof html === "string" && list.innerHTML.trim() !== html) list.innerHTML = html;
      }
      aside.dataset.latestState = "current";
    })
    .catch(() => {
      // Offline or blocked: the list published with the page stays.
    });
}
