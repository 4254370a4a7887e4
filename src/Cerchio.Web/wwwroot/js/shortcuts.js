// Keyboard helpers for the whole app, plain and small (UX.md: keyboard first). The `?` overlay lists them.
// - data-shortcut="c" on a link or button: pressing that key activates it, never while typing in a field;
//   on a text field it focuses it; on a select with data-shortcut-value it picks that value and submits the form.
// - data-opens-dialog="#id" on a button: opens that <dialog> (the help overlay); such buttons are hidden without JS.
// - [data-row-list] with rows [data-row]: j/k move between rows (focus on the row's [data-row-link]); the list of
//   links is remembered for the tab, so on a page with [data-row-here="<href>"] j/k open the next or previous one.
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

  // Esc leaves the field, so the shortcuts work again (in a dialog Esc closes the dialog instead).
  if (e.key === "Escape" && typing(el) && !el.closest("dialog")) {
    el.blur();
    return;
  }

  if (e.ctrlKey || e.metaKey || e.altKey || typing(el) || e.key.length !== 1) return;
  if ((e.key === "j" || e.key === "k") && step(e.key === "j" ? 1 : -1)) {
    e.preventDefault();
    return;
  }
  const target = document.querySelector(`[data-shortcut="${CSS.escape(e.key.toLowerCase())}"]`);
  if (target instanceof HTMLElement) {
    e.preventDefault();
    activate(target);
  }
});

function activate(target) {
  if (target instanceof HTMLSelectElement && target.dataset.shortcutValue && target.form) {
    target.value = target.dataset.shortcutValue;
    target.form.requestSubmit();
  } else if (typing(target)) {
    target.scrollIntoView({ block: "center" });
    target.focus();
  } else {
    target.click();
  }
}

// j/k: the rows of a list on this page, or the neighbours of this page in the last list seen in this tab.
const listKey = "cerchio.rows";

function rememberRows() {
  const list = document.querySelector("[data-row-list]");
  if (!list) return;
  const links = [...list.querySelectorAll("[data-row] [data-row-link]")].map((a) => a.getAttribute("href"));
  sessionStorage.setItem(listKey, JSON.stringify(links));
}

function step(by) {
  const list = document.querySelector("[data-row-list]");
  if (list) {
    const rows = [...list.querySelectorAll("[data-row]")];
    if (rows.length === 0) return false;
    const at = rows.findIndex((r) => r.contains(document.activeElement));
    const next = rows[at < 0 ? (by > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + by))];
    rows.forEach((r) => r.classList.toggle("row-current", r === next));
    next.querySelector("[data-row-link]")?.focus();
    return true;
  }
  const here = document.querySelector("[data-row-here]")?.getAttribute("data-row-here");
  if (!here) return false;
  const links = JSON.parse(sessionStorage.getItem(listKey) ?? "[]");
  const at = links.indexOf(here);
  const next = at < 0 ? undefined : links[at + by];
  if (next) location.assign(next);
  return true;
}

rememberRows();
// The live inbox swaps the list in place: remember what the agent saw last when leaving the page.
addEventListener("pagehide", rememberRows);

for (const opener of document.querySelectorAll("[data-opens-dialog]")) opener.hidden = false;

document.addEventListener("click", (e) => {
  const opener = e.target instanceof Element ? e.target.closest("[data-opens-dialog]") : null;
  const dialog = opener ? document.querySelector(opener.dataset.opensDialog) : null;
  if (dialog instanceof HTMLDialogElement) {
    dialog.showModal();
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
