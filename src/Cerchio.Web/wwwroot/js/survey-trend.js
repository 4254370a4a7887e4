// A survey's trend chart (UX.md: one maintained library, the same numbers in a table beside it). The page puts the
// series in a JSON script tag; without JavaScript, or if Chart.js fails to load, the table alone remains.
const canvas = document.getElementById("trend-chart");
const source = document.getElementById("trend-chart-data");
if (canvas && source && window.Chart) {
  const data = JSON.parse(source.textContent);
  // The 95% band is the area between the low and high lines; the score a dark line with square points (apart in grey-scale).
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.bandLabel, data: data.high, borderWidth: 0, pointRadius: 0, fill: false, spanGaps: true },
        { label: data.bandLabel, data: data.low, borderWidth: 0, pointRadius: 0, fill: "-1", backgroundColor: "rgba(79, 124, 172, 0.25)", spanGaps: true },
        { label: data.label, data: data.value, borderColor: "#1f2937", backgroundColor: "#1f2937", pointStyle: "rect", pointRadius: 4, spanGaps: true },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { labels: { filter: (item) => item.datasetIndex !== 0 } } },
      scales: { y: { min: data.min, max: data.max } },
    },
  });
}
