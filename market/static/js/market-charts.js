// Draws the market monitor's charts with plotly (served locally): vendor shares, the
// ten-year HHI and switching-rate trend with the EU/US thresholds, and clause shares.
(function () {
  var source = document.getElementById("market-data");
  if (!source || !window.Plotly) return;
  var data = JSON.parse(source.textContent);
  var config = { displaylogo: false, responsive: true };
  // On a phone long vendor and clause labels would leave the bars a strip: wrap them over
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
  var narrow = document.getElementById("main").clientWidth < 560;
  var shares = document.getElementById("share-chart");
  if (shares && data.shares.length) {
    Plotly.newPlot(shares, [{
      type: "bar", orientation: "h",
      y: data.shares.map(function (r) { return fit(r.vendor, narrow); }),
      x: data.shares.map(function (r) { return r.share; }),
      marker: { color: "#1b6ca8" }, hovertemplate: "%{y}: %{x:.1f}%<extra></extra>"
    }], {
      margin: { l: narrow ? 10 : 220, r: 20, t: 10, b: 40 },
      height: 80 + (narrow ? 44 : 28) * data.shares.length,
      xaxis: { title: { text: "%" }, rangemode: "tozero" },
      yaxis: { autorange: "reversed", automargin: true }
    }, config);
  }
  var trend = document.getElementById("trend-chart");
  if (trend && data.trend.length) {
    var years = data.trend.map(function (r) { return r.year; });
    var line = function (y, name, dash) {
      return { type: "scatter", mode: "lines", x: [years[0], years[years.length - 1]], y: [y, y],
               name: name, line: { dash: dash, color: "#999", width: 1 }, hoverinfo: "skip" };
    };
    Plotly.newPlot(trend, [
      { type: "scatter", mode: "lines+markers", name: "HHI", x: years,
        y: data.trend.map(function (r) { return r.hhi; }), line: { color: "#0b2e4a" } },
      line(1000, "EU 1.000", "dot"), line(2000, "EU 2.000", "dash"), line(1800, "US 1.800", "dashdot"),
      { type: "scatter", mode: "lines+markers", name: "overstappen (%)", x: years, yaxis: "y2",
        y: data.trend.map(function (r) { return r.switching; }), line: { color: "#c0392b" } }
    ], {
      margin: { l: 60, r: 60, t: 10, b: 40 }, height: 320,
      yaxis: { title: { text: "HHI" }, rangemode: "tozero" },
      yaxis2: { title: { text: "%" }, overlaying: "y", side: "right", rangemode: "tozero" },
      legend: { orientation: "h" }
    }, config);
  }
  var clauses = document.getElementById("clause-chart");
  if (clauses && data.clauses.length) {
    Plotly.newPlot(clauses, [{
      type: "bar", orientation: "h",
      y: data.clauses.map(function (r) { return fit(r.clause, narrow); }),
      x: data.clauses.map(function (r) { return r.share; }),
      marker: { color: "#2e8b57" }, hovertemplate: "%{y}: %{x:.0f}%<extra></extra>"
    }], {
      margin: { l: narrow ? 10 : 260, r: 20, t: 10, b: 40 },
      height: 80 + (narrow ? 56 : 28) * data.clauses.length,
      xaxis: { title: { text: "%" }, range: [0, 100] },
      yaxis: { autorange: "reversed", automargin: true }
    }, config);
  }
})();
