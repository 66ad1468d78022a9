// The top menu. Wide screens: the outer disclosure stays open (its button hidden) and each group
// is a dropdown; one open at a time, closed by Escape (focus back on its button), by a click
// elsewhere or when the focus leaves it. Phones: the outer disclosure opens and closes the whole
// list, every group shown open under its heading. Without this script every <details> still works.
(function () {
  var menu = document.querySelector("details.menu");
  if (!menu) return;
  var groups = Array.prototype.slice.call(menu.querySelectorAll("details.menu-group"));
  var wide = window.matchMedia("(min-width: 641px)");

  function fit() {
    menu.classList.toggle("wide", wide.matches);
    menu.classList.toggle("phone", !wide.matches);
    menu.open = wide.matches;
    groups.forEach(function (g) { g.open = !wide.matches; });
  }
  fit();
  wide.addEventListener("change", fit);

  function closeGroups(except) {
    groups.forEach(function (g) { if (g !== except && g.open) g.open = false; });
  }
  groups.forEach(function (g) {
    g.addEventListener("toggle", function () {
      if (wide.matches && g.open) closeGroups(g);
    });
  });
  document.addEventListener("click", function (e) {
    if (wide.matches) {
      groups.forEach(function (g) { if (g.open && !g.contains(e.target)) g.open = false; });
    } else if (menu.open && !menu.contains(e.target)) {
      menu.open = false;
    }
  });
  menu.addEventListener("focusout", function (e) {
    if (!wide.matches || !e.relatedTarget) return;
    groups.forEach(function (g) { if (g.open && !g.contains(e.relatedTarget)) g.open = false; });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    if (wide.matches) {
      var open = groups.filter(function (g) { return g.open; })[0];
      if (!open) return;
      open.open = false;
      open.querySelector("summary").focus();
    } else if (menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();
