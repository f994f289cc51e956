// The public market-balance chart: HHI by number of customers per main category.
(function () {
  var source = document.getElementById("balance-data");
  var target = document.getElementById("balance-chart");
  if (!source || !target || !window.Plotly) return;
  var rows = JSON.parse(source.textContent);
  if (!rows.length) return;
  var traces = rows.map(function (r) {
    return { type: "scatter", mode: "lines+markers", name: r.name,
             x: r.trend.map(function (t) { return t.year; }),
             y: r.trend.map(function (t) { return t.hhi; }) };
  });
  Plotly.newPlot(target, traces, {
    margin: { l: 60, r: 20, t: 10, b: 40 }, height: 360,
    yaxis: { title: { text: "HHI" }, rangemode: "tozero" }, legend: { orientation: "h" }
  }, { displaylogo: false, responsive: true });
})();
