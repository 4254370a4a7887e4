// A canned reply goes where the agent's cursor is in the reply box (replacing a selection), without posting the form:
// the files already chosen and the text around the cursor stay. [data-expand] on the picker names the address that
// fills the chosen reply's placeholders for this case. Without JavaScript, or if that address fails, "Inserisci" posts
// the form and the server appends the reply instead.

import { insertAtCursor } from "./reply-insert.js";

const picker = document.querySelector("#canned-reply-picker[data-expand]");
const reply = document.querySelector("#reply-text");
const insert = document.querySelector("#insert-canned-reply");
const choice = document.querySelector("#canned-reply");
const status = document.querySelector("#canned-reply-status");

if (picker && reply && insert && choice) {
  insert.addEventListener("click", async (e) => {
    if (!choice.value) {
      return;   // the server's answer says what to do
    }

    e.preventDefault();
    let text;
    try {
      const response = await fetch(`${picker.dataset.expand}/${encodeURIComponent(choice.value)}`, { headers: { Accept: "text/plain" } });
      if (!response.ok) {
        throw new Error(response.statusText);
      }
      text = await response.text();
    } catch {
      insert.form.requestSubmit(insert);
      return;
    }

    insertAtCursor(reply, text);
    if (status) {
      status.textContent = status.dataset.done ?? "";
    }
  });
}
