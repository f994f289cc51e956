// Keeps the import page's progress bar current while a background import runs.
(function () {
  const status = document.getElementById("import-status");
  if (!status || status.dataset.finished === "1") return;
  const bar = status.querySelector("progress");
  const text = status.querySelector(".progress-text");
  async function poll() {
    try {
      const response = await fetch(status.dataset.progressUrl, { credentials: "same-origin" });
      const data = await response.json();
      if (bar) bar.value = data.percent;
      if (text) text.textContent = data.rows_done + " / " + data.rows_total;
      if (data.finished) { window.location.reload(); return; }
    } catch (e) { /* keep trying */ }
    window.setTimeout(poll, 1500);
  }
  window.setTimeout(poll, 1500);
})();
