// A small map of the places a set-aside name may mean: country shapes shipped
// with the portal (world-atlas, 110m) and a marker per candidate, so staff see
// where each lies. The table beside it stays the way to choose; without
// JavaScript the map simply is not shown.
(function () {
  "use strict";

  async function draw(element, shapesUrl) {
    const rows = element.closest("fieldset").querySelectorAll("tr[data-latitude]");
    const points = Array.from(rows, (row) => [
      Number(row.dataset.latitude),
      Number(row.dataset.longitude),
      row.dataset.name,
    ]).filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
    if (!points.length) return;
    element.hidden = false;
    const map = L.map(element, { attributionControl: false, zoomControl: true }).setView(
      [points[0][0], points[0][1]],
      4
    );
    const world = await (await fetch(shapesUrl)).json();
    L.geoJSON(topojson.feature(world, world.objects.countries), {
      style: { color: "#8a9bb0", weight: 0.6, fillColor: "#eef2f6", fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
    element.style.background = "#cfe3f3";
    const markers = points.map(([lat, lon, name], index) =>
      L.circleMarker([lat, lon], { radius: 6, color: "#1d4e89", weight: 2 })
        .bindTooltip(`${index + 1}. ${name}`, { permanent: points.length <= 5 })
        .addTo(map)
    );
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.5), { maxZoom: 8 });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const script = document.currentScript || document.querySelector("script[data-shapes]");
    const shapes = script ? script.dataset.shapes : null;
    if (!shapes || typeof L === "undefined" || typeof topojson === "undefined") return;
    document.querySelectorAll(".candidate-map").forEach((element) => draw(element, shapes));
  });
})();
