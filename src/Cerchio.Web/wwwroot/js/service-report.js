// The service report's chart (UX.md: one maintained library, the same numbers in a table beside it). The page puts
// the series in a JSON script tag; without JavaScript, or if Chart.js fails to load, the table alone remains.
const canvas = document.getElementById("report-chart");
const source = document.getElementById("report-chart-data");
if (canvas && source && window.Chart) {
  const data = JSON.parse(source.textContent);
  // Cases in the desk's blue, SLA compliance in a dark line with square points: apart in grey-scale and in print too.
  new window.Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "bar", label: data.casesLabel, data: data.cases, backgroundColor: "#4f7cac", yAxisID: "cases", order: 2 },
        {
          type: "line", label: data.slaLabel, data: data.sla, borderColor: "#1f2937", backgroundColor: "#1f2937",
          pointStyle: "rect", pointRadius: 4, spanGaps: true, yAxisID: "sla", order: 1,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        cases: { type: "linear", position: "left", beginAtZero: true, ticks: { precision: 0 } },
        sla: { type: "linear", position: "right", min: 0, max: 100, grid: { drawOnChartArea: false } },
      },
    },
  });
}
