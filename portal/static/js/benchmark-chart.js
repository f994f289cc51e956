// Draws the percentile bands of the benchmark table with plotly (served locally).
(function () {
  var source = document.getElementById("benchmark-data");
  var target = document.getElementById("benchmark-chart");
  if (!source || !target || !window.Plotly) return;
  var rows = JSON.parse(source.textContent);
  if (!rows.length) return;
  // On a phone the long category labels would leave the bars a strip: wrap them over
  // lines and let plotly size the margin to them (automargin).
  function fit(label, narrow) {
    if (!narrow) return label;
    var lines = [""];
    String(label).split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (lines[last] && (lines[last] + " " + word).length > 16) lines.push(word);
      else lines[last] = lines[last] ? lines[last] + " " + word : word;
    });
    return lines.join("<br>");
  }
  var narrow = target.clientWidth < 560;
  var labels = rows.map(function (r) { return fit(r.label + " (n=" + r.n + ")", narrow); });
  var band = {
    type: "bar", orientation: "h", name: "P25 – P75",
    y: labels,
    base: rows.map(function (r) { return r.p25; }),
    x: rows.map(function (r) { return r.p75 - r.p25; }),
    marker: { color: rows.map(function (r) { return r.own ? "#1b6ca8" : "#9cc3e0"; }) },
    hovertemplate: "%{y}<br>P25 %{base:,.4r} – P75 %{x:,.4r}<extra></extra>"
  };
  var median = {
    type: "scatter", mode: "markers", name: target.dataset.median,
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
    margin: { l: narrow ? 10 : 260, r: 20, t: 10, b: 40 },
    height: (narrow ? 120 : 80) + (narrow ? 56 : 40) * rows.length,
    xaxis: { title: { text: target.dataset.axis }, rangemode: "tozero" },
    yaxis: { autorange: "reversed", automargin: true },
    barmode: "overlay", showlegend: true,
    legend: narrow ? { orientation: "h", y: -0.6 } : { orientation: "h" }
  }, { displaylogo: false, responsive: true });
})();
