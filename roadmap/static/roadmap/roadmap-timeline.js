// The roadmap's timeline, drawn with vis-timeline from the page's timeline data
// (the same filters as the list beside it). Titles go in as text, never as HTML.
(function () {
  "use strict";

  function itemContent(title) {
    const span = document.createElement("span");
    span.textContent = title;
    return span;
  }

  function showMessage(container, text) {
    const message = document.createElement("p");
    message.className = "p-3 mb-0 text-body-secondary";
    message.textContent = text;
    container.replaceChildren(message);
  }

  const DAY = 24 * 60 * 60 * 1000;
  const LONGEST_FIRST_VIEW = 3 * 365 * DAY;
  const SHORTEST_BAR = 21 * DAY;

  // All the milestones if they span up to three years, else eighteen months either side of today.
  function initialWindow(items) {
    let first = Infinity;
    let last = -Infinity;
    items.forEach(function (item) {
      first = Math.min(first, item.start.getTime());
      last = Math.max(last, item.lastDay.getTime());
    });
    if (last - first > LONGEST_FIRST_VIEW) {
      const today = Date.now();
      first = Math.max(first, today - LONGEST_FIRST_VIEW / 2);
      last = Math.min(last, today + LONGEST_FIRST_VIEW / 2);
    }
    const margin = Math.max((last - first) * 0.03, 7 * DAY);
    return { start: new Date(first - margin), end: new Date(last + margin) };
  }

  function draw(container, data) {
    const at = {};
    data.fields.forEach(function (name, index) { at[name] = index; });
    const kinds = data.kinds;
    const statuses = data.statuses;
    const usedKinds = new Set();
    const items = data.items.map(function (row) {
      const flags = row[at.flags];
      const kind = kinds[row[at.kind]][0];
      const status = statuses[row[at.status]][0];
      usedKinds.add(row[at.kind]);
      const classes = ["status-" + status];
      if (flags & data.flags.overdue) classes.push("overdue");
      if (flags & data.flags.not_public) classes.push("not-public");
      const start = row[at.start];
      const end = row[at.end];
      // An end date is the last day: the bar runs to the end of that day.
      const endExclusive = new Date(end + "T00:00:00");
      endExclusive.setDate(endExclusive.getDate() + 1);
      const startDate = new Date(start + "T00:00:00");
      // A short milestone is a labelled point; a bar of a few days would be too thin to read.
      const isShort = endExclusive - startDate < SHORTEST_BAR;
      return {
        id: row[at.id],
        content: itemContent(row[at.title]),
        title: row[at.title] + " · " + statuses[row[at.status]][1],
        start: startDate,
        end: isShort ? undefined : endExclusive,
        type: isShort ? "point" : "range",
        group: kind,
        className: classes.join(" "),
        lastDay: endExclusive,
      };
    });
    if (!items.length) {
      showMessage(container, container.dataset.empty);
      container.dataset.ready = "true";
      container.dataset.count = "0";
      return;
    }
    const groups = kinds
      .map(function (pair, index) { return { id: pair[0], content: pair[1], order: index, used: usedKinds.has(index) }; })
      .filter(function (group) { return group.used; });
    container.replaceChildren();
    const timeline = new vis.Timeline(container, new vis.DataSet(items), new vis.DataSet(groups), Object.assign(initialWindow(items), {
      stack: true,
      orientation: "top",
      zoomMin: 1000 * 60 * 60 * 24 * 7,
      zoomMax: 1000 * 60 * 60 * 24 * 365 * 15,
      maxHeight: 560,
      selectable: true,
      tooltip: { followMouse: true },
      xss: { disabled: false },
    }));
    const milestoneUrl = container.dataset.milestoneUrl;
    timeline.on("select", function (properties) {
      if (properties.items.length) {
        window.location.href = milestoneUrl.replace(/0\/$/, properties.items[0] + "/");
      }
    });
    container.dataset.ready = "true";
    container.dataset.count = String(items.length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    const container = document.getElementById("roadmap-timeline");
    if (!container || typeof vis === "undefined") return;
    fetch(container.dataset.source, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      })
      .then(function (data) { draw(container, data); })
      .catch(function () {
        showMessage(container, container.dataset.failed);
        container.dataset.ready = "failed";
      });
  });
})();
