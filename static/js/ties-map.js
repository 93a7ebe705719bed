// The map of ties: country shapes shipped with the portal (world-atlas), a
// marker per municipality (clustered), and on a click the municipality's ties
// as lines and a popup linking to its page. Data comes from the map endpoint,
// filtered like the directory.
(function () {
  "use strict";

  function escapeHtml(text) {
    const div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  // Rings that cross the 180th meridian (Chukotka, Fiji) jump from +180 to -180;
  // shifting the far side by 360° keeps each ring continuous instead of striping the map.
  function unwrapAntimeridian(feature) {
    const geometry = feature.geometry;
    if (!geometry) return;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (let i = 1; i < ring.length; i++) {
          const jump = ring[i][0] - ring[i - 1][0];
          if (jump > 180) ring[i][0] -= 360;
          else if (jump < -180) ring[i][0] += 360;
        }
      }
    }
  }

  async function start(element) {
    const data = element.dataset;
    const map = L.map(element, { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([50, 60], 3);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 12 }).addTo(map);
    } else {
      const world = await (await fetch(data.countriesUrl)).json();
      const shapes = topojson.feature(world, world.objects.countries);
      shapes.features.forEach(unwrapAntimeridian);
      L.geoJSON(shapes, {
        style: { color: "#8a9bb0", weight: 0.6, fillColor: "#eef2f6", fillOpacity: 1 },
        interactive: false,
        attribution: '<a href="https://www.naturalearthdata.com/">Natural Earth</a>',
      }).addTo(map);
      element.style.background = "#cfe3f3";
    }
    const points = (await (await fetch(data.pointsUrl)).json()).points;
    const byId = new Map(points.map((p) => [p[0], p]));
    const english = data.language === "en";
    const name = (p) => (english ? p[4] || p[3] : p[3] || p[4]);
    const lines = L.layerGroup().addTo(map);
    const cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40 });
    const query = data.pointsUrl.includes("?") ? data.pointsUrl.slice(data.pointsUrl.indexOf("?")) : "";

    async function showTies(point, marker) {
      lines.clearLayers();
      const url = data.tiesUrl.replace("/0.json", `/${point[0]}.json`) + query;
      const ties = (await (await fetch(url)).json()).ties;
      for (const [, otherId, lat, lon] of ties) {
        const other = byId.get(otherId);
        L.polyline([[point[1], point[2]], [lat, lon]], { color: "#1d4e89", weight: 1.5, opacity: 0.7 })
          .bindTooltip(other ? escapeHtml(name(other)) : "")
          .addTo(lines);
      }
      const link = data.municipalityUrl.replace("/0/", `/${point[0]}/`);
      marker
        .bindPopup(
          `<strong>${escapeHtml(name(point))}</strong><br>${point[5]} ${escapeHtml(data.labelTies)}<br>` +
            `<a class="popup-link" href="${link}">${escapeHtml(data.labelOpen)}</a>`
        )
        .openPopup();
    }

    for (const point of points) {
      const marker = L.marker([point[1], point[2]], { title: name(point), alt: name(point), keyboard: true });
      marker.on("click", () => showTies(point, marker));
      cluster.addLayer(marker);
    }
    map.addLayer(cluster);
    if (points.length) {
      map.fitBounds(L.latLngBounds(points.map((p) => [p[1], p[2]])), { padding: [20, 20], maxZoom: 6 });
    }
    element.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".ties-map").forEach((element) => {
      start(element).catch((error) => {
        element.dataset.ready = "error";
        console.error(error);
      });
    });
  });
})();
