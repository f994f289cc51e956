// Dutch for plotly's own texts (the toolbar, its messages, the legend hint). The plotly
// Python package ships no locale files, so the portal registers its own translation of
// the strings the 2D charts use; charts.js picks it with config.locale "nl".
(function () {
  if (!window.Plotly) return;
  Plotly.register({
    moduleType: "locale",
    name: "nl",
    dictionary: {
      "Autoscale": "Automatisch schalen",
      "Box Select": "Rechthoek selecteren",
      "Compare data on hover": "Gegevens vergelijken bij aanwijzen",
      "Double-click on legend to isolate one trace": "Dubbelklik op de legenda om één reeks apart te tonen",
      "Double-click to zoom back out": "Dubbelklik om uit te zoomen",
      "Download plot as a PNG": "Grafiek downloaden als PNG",
      "Download plot": "Grafiek downloaden",
      "Image download succeeded": "Afbeelding gedownload",
      "Lasso Select": "Lasso selecteren",
      "Pan": "Verschuiven",
      "Preparing image - this may take a few seconds": "Afbeelding wordt gemaakt - dit kan enkele seconden duren",
      "Produced with Plotly.js": "Gemaakt met Plotly.js",
      "Reset": "Herstellen",
      "Reset axes": "Assen herstellen",
      "Reset view": "Weergave herstellen",
      "Reset views": "Weergaven herstellen",
      "Show closest data on hover": "Dichtstbijzijnde gegevens tonen bij aanwijzen",
      "Sorry, there was a problem downloading your image!": "Het downloaden van de afbeelding is niet gelukt.",
      "Toggle Spike Lines": "Hulplijnen aan/uit",
      "Toggle show closest data on hover": "Dichtstbijzijnde gegevens tonen aan/uit",
      "Zoom": "Zoomen",
      "Zoom in": "Inzoomen",
      "Zoom out": "Uitzoomen"
    },
    format: {
      days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
      shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
      months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december"],
      shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
      date: "%d-%m-%Y",
      decimal: ",",
      thousands: "."
    }
  });
})();
