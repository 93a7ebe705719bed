// Charts of the statistics page, drawn with Chart.js from the same figures as the tables beside them.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    const data = JSON.parse(document.getElementById("chart-data").textContent);
    const colours = ["#1d4e89", "#3f7cbf", "#79a6d8", "#b4cdea", "#e0a84b", "#c05746", "#6b8f71", "#8e7cc3"];
    document.querySelectorAll(".stat-chart").forEach(function (canvas) {
      const series = data[canvas.dataset.source];
      const kind = canvas.dataset.chart;
      new Chart(canvas, {
        type: kind === "hbar" ? "bar" : kind,
        data: {
          labels: series.map((row) => row[0]),
          datasets: [{ data: series.map((row) => row[1]), backgroundColor: kind === "doughnut" ? colours : "#1d4e89" }],
        },
        options: {
          indexAxis: kind === "hbar" ? "y" : "x",
          plugins: { legend: { display: kind === "doughnut" } },
          animation: false,
        },
      });
    });
  });
})();
