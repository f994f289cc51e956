// Draws the percentile bands of the benchmark table with plotly (served locally).
(function () {
  var source = document.getElementById("benchmark-data");
  var target = document.getElementById("benchmark-chart");
  if (!source || !target || !window.Plotly) return;
  var rows = JSON.parse(source.textContent);
  if (!rows.length) return;
  var labels = rows.map(function (r) { return r.label + " (n=" + r.n + ")"; });
  var band = {
    type: "bar", orientation: "h", name: "P25 – P75",
    y: labels,
    base: rows.map(function (r) { return r.p25; }),
    x: rows.map(function (r) { return r.p75 - r.p25; }),
    marker: { color: rows.map(function (r) { return r.own ? "#1b6ca8" : "#9cc3e0"; }) },
    hovertemplate: "%{y}<br>P25 %{base:,.4r} – P75 %{x:,.4r}<extra></extra>"
  };
  var median = {
    type: "scatter", mode: "markers", name: "mediaan",
    y: labels, x: rows.map(function (r) { return r.median; }),
    marker: { symbol: "line-ns-open", size: 18, color: "#0b2e4a", line: { width: 3 } }
  };
  var tails = {
    type: "scatter", mode: "markers", name: "P10 / P90",
    y: labels.concat(labels),
    x: rows.map(function (r) { return r.p10; }).concat(rows.map(function (r) { return r.p90; })),
    marker: { symbol: "line-ns-open", size: 10, color: "#666" }
  };
  Plotly.newPlot(target, [band, median, tails], {
    margin: { l: 260, r: 20, t: 10, b: 40 },
    height: 80 + 40 * rows.length,
    xaxis: { title: { text: target.dataset.axis }, rangemode: "tozero" },
    yaxis: { autorange: "reversed" },
    barmode: "overlay", showlegend: true, legend: { orientation: "h" }
  }, { displaylogo: false, responsive: true });
})();
