// A knowledge article goes where the agent's cursor is in the reply box: its text as a paragraph, or the link to it on
// the public help page within the line. The buttons (suggested articles, or found by the search, swapped in by htmx)
// belong to the reply form, whose [data-article-insert-path] names the address that records the use and answers the
// text. Without JavaScript, or if that address fails, the button posts the form and the server appends it instead.

import { insertAtCursor } from "./reply-insert.js";

const form = document.querySelector("form[data-article-insert-path]");
const reply = document.querySelector("#reply-text");
const status = document.querySelector("#article-insert-status");

if (form && reply) {
  document.addEventListener("click", async (e) => {
    const button = e.target instanceof Element ? e.target.closest("button[data-article-insert]") : null;
    if (!button || button.form !== form) {
      return;
    }

    e.preventDefault();
    const body = new FormData();
    body.set("modo", button.dataset.articleInsert);
    body.set("__RequestVerificationToken", form.querySelector("input[name='__RequestVerificationToken']")?.value ?? "");
    let text;
    try {
      const response = await fetch(`${form.dataset.articleInsertPath}/${encodeURIComponent(button.value)}`,
        { method: "POST", body, headers: { Accept: "text/plain" } });
      if (!response.ok) {
        throw new Error(response.statusText);
      }
      text = await response.text();
    } catch {
      form.requestSubmit(button);   // the server says what went wrong, next to the reply
      return;
    }

    insertAtCursor(reply, text, button.dataset.articleInsert === "testo");
    if (status) {
      status.textContent = status.dataset.done ?? "";
    }
  });
}
