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

// With JavaScript the picture link downloads a PNG: the server's SVG drawn on a canvas at twice its size.
const image = document.getElementById("export-image");
if (image) {
  image.textContent = image.dataset.pngLabel;
  image.addEventListener("click", async (e) => {
    e.preventDefault();
    const svg = await (await fetch(image.href, { credentials: "same-origin" })).text();
    const picture = new Image();
    picture.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = picture.width * 2;
      canvas.height = picture.height * 2;
      const context = canvas.getContext("2d");
      context.scale(2, 2);
      context.drawImage(picture, 0, 0);
      canvas.toBlob((blob) => {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = image.dataset.pngName;
        link.click();
        URL.revokeObjectURL(link.href);
      }, "image/png");
    };
    picture.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  });
}
