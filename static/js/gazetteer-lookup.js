// The gazetteer lookup beside a GeoNames id field (partnerships.widgets.GazetteerLookupInput).
// Picking a place fills the form; the Russian name GeoNames suggests is offered, not filled in.
(function () {
  "use strict";

  function setField(form, name, value) {
    const field = form.querySelector(`[name="${name}"]`);
    if (!field || value === null || value === undefined) return;
    field.value = value;
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function attach(box) {
    const form = box.closest("form");
    const search = box.querySelector(".gazetteer-search");
    const query = box.querySelector(".gazetteer-query");
    const results = box.querySelector(".gazetteer-results");
    const russian = box.querySelector(".gazetteer-russian");
    let timer = null;
    let suggestion = "";
    search.hidden = false;

    function pick(place) {
      setField(form, "geonames_id", place.geonames_id);
      setField(form, "name_en", place.name_en);
      setField(form, "country", place.country);
      setField(form, "federal_subject", place.federal_subject || "");
      setField(form, "latitude", place.latitude);
      setField(form, "longitude", place.longitude);
      setField(form, "population", place.population);
      results.replaceChildren();
      query.value = place.label;
      suggestion = place.name_ru_suggestion;
      russian.hidden = !suggestion;
      russian.querySelector("span").textContent = suggestion;
    }

    russian.querySelector("button").addEventListener("click", function () {
      setField(form, "name_ru", suggestion);
      russian.hidden = true;
    });

    query.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(async function () {
        if (query.value.trim().length < 2) {
          results.replaceChildren();
          return;
        }
        const url = `${box.dataset.lookupUrl}?q=${encodeURIComponent(query.value)}`;
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const data = await response.json();
        results.replaceChildren(
          ...data.results.map(function (place) {
            const item = document.createElement("li");
            const button = document.createElement("button");
            button.type = "button";
            button.textContent = place.label;
            button.addEventListener("click", () => pick(place));
            item.append(button);
            return item;
          })
        );
      }, 200);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".gazetteer-lookup").forEach(attach);
  });
})();
