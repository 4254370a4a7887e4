// Keyboard helpers for the whole app, plain and small (UX.md: keyboard first).
// - data-shortcut="c" on a link or button: pressing that key activates it, never while typing in a field.
// - textarea[data-enter-submits]: Enter saves the form with its [data-save] button, Shift+Enter starts a new line.
// - form[data-enter-saves]: Enter in a single-line field saves too (not the first submit button, which may be a search).
// - input[data-pick-first="#list"]: Enter chooses the first radio button of the list, then focuses data-then.
// - input[data-check-all="name"]: checks or clears every checkbox of that name in the same form.

const typing = (el) =>
  el instanceof HTMLElement &&
  (el.isContentEditable ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    (el instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset"].includes(el.type)));

const save = (form) => form.requestSubmit(form.querySelector("[data-save]") ?? undefined);

document.addEventListener("keydown", (e) => {
  if (e.defaultPrevented || e.isComposing) return;
  const el = e.target;

  if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && el instanceof HTMLElement) {
    if (el.matches("[data-pick-first]")) {
      const first = document.querySelector(`${el.dataset.pickFirst} input[type=radio]`);
      if (first) {
        e.preventDefault();
        const chosen = document.querySelector(`${el.dataset.pickFirst} input[type=radio]:checked`) ?? first;
        chosen.checked = true;
        document.querySelector(el.dataset.then)?.focus();
      }
      return;   // no match yet: the search button searches on the server
    }
    if (el.matches("textarea[data-enter-submits]") && el.form) {
      e.preventDefault();
      save(el.form);
      return;
    }
    if (el instanceof HTMLInputElement && el.form?.hasAttribute("data-enter-saves") && typing(el)) {
      e.preventDefault();
      save(el.form);
      return;
    }
  }

  if (e.ctrlKey || e.metaKey || e.altKey || typing(el) || e.key.length !== 1) return;
  const target = document.querySelector(`[data-shortcut="${CSS.escape(e.key.toLowerCase())}"]`);
  if (target instanceof HTMLElement) {
    e.preventDefault();
    target.click();
  }
});

document.addEventListener("change", (e) => {
  const box = e.target;
  if (box instanceof HTMLInputElement && box.dataset.checkAll && box.form) {
    for (const other of box.form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(box.dataset.checkAll)}"]`)) {
      other.checked = box.checked;
    }
  }
});
