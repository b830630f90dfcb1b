// negotext: the little the pages do with JavaScript. Nothing here is
// needed to search: links and forms work without it.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // "Copy citation": shown only where the clipboard can be written.
  for (const button of document.querySelectorAll("button.copy-citation")) {
    if (!navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
        button.textContent = "Copied";
      } catch (_) {
        const field = button.parentElement.querySelector("input.citation-text");
        if (field) field.select();
        button.textContent = "Press Ctrl+C";
      }
      setTimeout(() => { button.textContent = "Copy citation"; }, 2000);
    });
  }
  // The switches under the search box apply at once.
  for (const box of document.querySelectorAll("form.search p.switches input")) {
    box.addEventListener("change", () => {
      if (document.getElementById("q").value.trim() !== "") box.form.submit();
    });
  }
});
