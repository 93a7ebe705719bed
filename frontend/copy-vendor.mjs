// Copies the files the portal serves from npm packages (see package.json and
// its lock file) into static/vendor/, which git ignores. Run by `npm run build`.
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const vendor = join(root, "static", "vendor");

const files = {
  "bootstrap/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",
  "bootstrap/bootstrap.bundle.min.js": "bootstrap/dist/js/bootstrap.bundle.min.js",
  "htmx/htmx.min.js": "htmx.org/dist/htmx.min.js",
  "leaflet/leaflet.js": "leaflet/dist/leaflet.js",
  "leaflet/leaflet.css": "leaflet/dist/leaflet.css",
  "leaflet/images": "leaflet/dist/images",
  "leaflet.markercluster/leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
  "leaflet.markercluster/MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
  "leaflet.markercluster/MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
  "world-atlas/countries-50m.json": "world-atlas/countries-50m.json",
  "world-atlas/countries-110m.json": "world-atlas/countries-110m.json",
  "topojson-client/topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
  "chart.js/chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
  "vis-timeline/vis-timeline-graph2d.min.js": "vis-timeline/standalone/umd/vis-timeline-graph2d.min.js",
  "vis-timeline/vis-timeline-graph2d.min.css": "vis-timeline/styles/vis-timeline-graph2d.min.css",
};

rmSync(vendor, { recursive: true, force: true });
for (const [target, source] of Object.entries(files)) {
  const to = join(vendor, target);
  mkdirSync(dirname(to), { recursive: true });
  cpSync(join(modules, source), to, { recursive: true });
  // Source maps travel with their files: collectstatic follows the references to them.
  if (existsSync(join(modules, `${source}.map`))) {
    cpSync(join(modules, `${source}.map`), `${to}.map`);
  }
}
console.log(`copied ${Object.keys(files).length} vendor assets into static/vendor`);
