// The top bar's links sit in a <details> disclosure for phones. Browsers without ::details-content
// would show it closed on wide screens too, so keep it open (and its button hidden) there.
(function () {
  var menu = document.querySelector("details.menu");
  if (!menu) return;
  var wide = window.matchMedia("(min-width: 641px)");
  function fit() {
    menu.classList.toggle("wide", wide.matches);
    menu.open = wide.matches;
  }
  fit();
  wide.addEventListener("change", fit);
})();
