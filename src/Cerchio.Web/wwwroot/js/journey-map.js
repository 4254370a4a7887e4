// The journey map's drag and drop (SortableJS) and its print and full-screen buttons. Without JavaScript the map
// works the same through its move buttons, which post the page's move forms; a drop fills the same forms.
const map = document.getElementById("journey-map");
const editable = map && map.querySelector(".map-controls") !== null;

function submit(formId, fields) {
  const form = document.getElementById(formId);
  for (const [name, value] of Object.entries(fields)) {
    form.querySelector(`[name="${name}"]`).value = value;
  }
  form.requestSubmit();
}

if (map && editable && window.Sortable) {
  // Cards move within a stage and between stages; the drop posts the card, its new stage and its index there.
  for (const list of map.querySelectorAll(".journey-cards")) {
    window.Sortable.create(list, {
      group: "journey-cards",
      animation: 120,
      filter: "button, a",
      preventOnFilter: false,
      onEnd: (e) => {
        if (e.from === e.to && e.oldIndex === e.newIndex) return;
        submit("card-move", { "Move.Card": e.item.dataset.card, "Move.Stage": e.to.dataset.stage, "Move.Index": e.newIndex });
      },
    });
  }
  // Stages move among the stages of their own phase; the index posted counts only those.
  const header = map.querySelector("[data-stages]");
  window.Sortable.create(header, {
    draggable: "th[data-stage]",
    animation: 120,
    filter: "button, a",
    preventOnFilter: false,
    onMove: (e) => e.related.dataset.phase === e.dragged.dataset.phase,
    onEnd: (e) => {
      const phase = e.item.dataset.phase;
      const index = [...header.querySelectorAll(`th[data-phase="${phase}"]`)].indexOf(e.item);
      submit("stage-move", { "StageMove.Stage": e.item.dataset.stage, "StageMove.Index": index });
    },
  });
}

const print = document.getElementById("print-map");
if (print) {
  print.hidden = false;
  print.addEventListener("click", () => window.print());
}

const fullscreen = document.getElementById("fullscreen");
if (fullscreen && document.fullscreenEnabled) {
  fullscreen.hidden = false;
  fullscreen.addEventListener("click", () => document.getElementById("journey-page").requestFullscreen());
}

// Destructive forms name what they remove and ask first.
for (const form of document.querySelectorAll("form[data-confirm]")) {
  form.addEventListener("submit", (e) => {
    if (!window.confirm(form.dataset.confirm)) e.preventDefault();
  });
}
