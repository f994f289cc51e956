// The header menu is a <details>: closed on narrow screens (the "Menu" button opens it,
// with or without this script), open on wide ones. Browsers that support
// ::details-content show it on wide screens by CSS alone; this opens it for the others
// and closes it again when the screen narrows.
(function () {
  const menu = document.querySelector("[data-site-menu]");
  if (!menu) return;
  const wide = window.matchMedia("(min-width: 64em)");
  const follow = () => { menu.open = wide.matches; };
  follow();
  wide.addEventListener("change", follow);
})();
