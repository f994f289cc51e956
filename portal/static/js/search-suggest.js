// As-you-type suggestions for the search box (a datalist filled from the autocomplete
// endpoint). Without JavaScript the box still searches on submit.
(function () {
  const box = document.getElementById("search-q");
  const list = document.getElementById("search-suggestions");
  if (!box || !list) return;
  let timer = null;
  box.addEventListener("input", function () {
    window.clearTimeout(timer);
    const q = box.value.trim();
    if (q.length < 2) { list.replaceChildren(); return; }
    timer = window.setTimeout(async function () {
      try {
        const response = await fetch(box.dataset.suggestUrl + "?q=" + encodeURIComponent(q));
        const data = await response.json();
        list.replaceChildren(...data.suggestions.map(function (s) {
          const option = document.createElement("option");
          option.value = s.title;
          return option;
        }));
      } catch (e) { /* suggestions are a convenience */ }
    }, 150);
  });
})();
