// "@" in a field marked [data-mentions] offers the organization's people as you type (the address in data-mentions
// answers JSON: [{ name }]); choosing one writes "@Nome Cognome ". A convenience only: the server finds mentions in the
// text, so typing the whole name works without this script. Keyboard: ↓/↑ move, Enter or Tab choose, Esc closes; the
// field keeps the focus and points at the highlighted option with aria-activedescendant.

const MAX_TYPED = 40;

for (const field of document.querySelectorAll("textarea[data-mentions]")) {
  const list = document.createElement("ul");
  list.id = `${field.id}-mentions`;
  list.className = "list-group position-absolute start-0 z-3 shadow-sm";
  list.style.top = "100%";
  list.style.minWidth = "16rem";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", field.dataset.mentionsLabel ?? "");
  list.hidden = true;
  field.after(list);
  field.setAttribute("aria-autocomplete", "list");
  field.setAttribute("aria-controls", list.id);

  let people = [];
  let active = -1;
  let asked = 0;
  let timer = 0;

  // The "@" being typed: at the start or after a space, with no line break between it and the caret.
  const typedMention = () => {
    const before = field.value.slice(0, field.selectionStart);
    const at = before.lastIndexOf("@");
    if (at < 0 || (at > 0 && !/\s/.test(before[at - 1]))) return null;
    const typed = before.slice(at + 1);
    return typed.length > MAX_TYPED || /[\n@]/.test(typed) ? null : { at, typed };
  };

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    people = [];
    active = -1;
    field.removeAttribute("aria-activedescendant");
  };

  const highlight = (index) => {
    active = index;
    [...list.children].forEach((option, i) => {
      option.setAttribute("aria-selected", String(i === index));
      option.classList.toggle("active", i === index);
    });
    if (index >= 0) field.setAttribute("aria-activedescendant", list.children[index].id);
  };

  const choose = (index) => {
    const mention = typedMention();
    if (!mention || !people[index]) return close();
    const inserted = `@${people[index].name} `;
    const caret = field.selectionStart;
    field.value = field.value.slice(0, mention.at) + inserted + field.value.slice(caret);
    const end = mention.at + inserted.length;
    field.setSelectionRange(end, end);
    close();
    field.dispatchEvent(new Event("input", { bubbles: true }));
  };

  const show = (found) => {
    people = found;
    list.replaceChildren(...found.map((person, i) => {
      const option = document.createElement("li");
      option.id = `${list.id}-${i}`;
      option.className = "list-group-item list-group-item-action";
      option.setAttribute("role", "option");
      option.textContent = person.name;   // text, never HTML
      // mousedown, not click: the field keeps the focus and the caret.
      option.addEventListener("mousedown", (e) => { e.preventDefault(); choose(i); });
      return option;
    }));
    list.hidden = found.length === 0;
    highlight(found.length > 0 ? 0 : -1);
  };

  const suggest = async () => {
    const mention = typedMention();
    if (!mention) return close();
    const ticket = ++asked;
    try {
      const response = await fetch(`${field.dataset.mentions}?q=${encodeURIComponent(mention.typed)}`,
        { headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" } });
      if (!response.ok || ticket !== asked) return;
      show(await response.json());
    } catch {
      close();   // offline or signed out: the name can still be typed
    }
  };

  field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 150);
  });

  field.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      highlight((active + step + people.length) % people.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      choose(active);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();   // Esc closes the list, not the page
      close();
    }
  });

  field.addEventListener("blur", () => setTimeout(close, 100));
}
