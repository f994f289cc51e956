// Draws every chart of a page from the figure the server built in the page language
// (portal/charts.py): <div class="chart" data-figure="ID"> reads the JSON in <script id=ID>.
// The toolbar speaks the page language (Dutch from plotly-locale-nl.js) and keeps only
// the buttons that mean something for these charts.
(function () {
  if (!window.Plotly) return;
  var language = (document.documentElement.lang || "nl").slice(0, 2);
  // On a phone long category labels would leave the bars a strip: wrap them over lines
  // (automargin then sizes the margin to them).
  function fit(label) {
    var lines = [""];
    String(label).split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (lines[last] && (lines[last] + " " + word).length > 16) lines.push(word);
      else lines[last] = lines[last] ? lines[last] + " " + word : word;
    });
    return lines.join("<br>");
  }
  document.querySelectorAll(".chart[data-figure]").forEach(function (target) {
    var source = document.getElementById(target.dataset.figure);
    if (!source) return;
    var figure = JSON.parse(source.textContent);
    if (!figure.data || !figure.data.length) return;
    var layout = figure.layout;
    if (target.clientWidth < 560) {
      figure.data.forEach(function (trace) {
        if (trace.y && typeof trace.y[0] === "string") trace.y = trace.y.map(fit);
      });
      if (layout.meta && layout.meta.rows) layout.height += 20 * layout.meta.rows;
    }
    Plotly.newPlot(target, figure.data, layout, {
      displaylogo: false,
      responsive: true,
      locale: language === "nl" ? "nl" : "en",
      modeBarButtonsToRemove: ["select2d", "lasso2d", "toggleSpikelines",
                               "hoverClosestCartesian", "hoverCompareCartesian"]
    });
  });
})();
