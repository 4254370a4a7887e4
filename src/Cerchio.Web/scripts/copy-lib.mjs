// Copies the front-end files the pages use from node_modules into wwwroot/lib.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";

const files = {
  "bootstrap/dist/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
  "bootstrap/dist/js/bootstrap.bundle.min.js": "bootstrap/bootstrap.bundle.min.js",
  "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
  // The self-contained build (its colour helper bundled): the report pages load it with a plain script tag.
  "chart.js/dist/chart.umd.min.js": "chartjs/chart.umd.min.js",
  // Drag and drop on the journey map; the page works without it.
  "sortablejs/Sortable.min.js": "sortablejs/Sortable.min.js",
};
for (const [from, to] of Object.entries(files)) {
  const target = `wwwroot/lib/${to}`;
  mkdirSync(target.substring(0, target.lastIndexOf("/")), { recursive: true });
  cpSync(`node_modules/${from}`, target);
}
// The stamp MSBuild checks before running npm again.
writeFileSync(`wwwroot/lib/.installed-${process.argv[2] ?? "v1"}`, new Date().toISOString());
