// The Chủ trì / Phối hợp picker of the row editor. The server draws the suggestions under the cell
// (htmx, /ke-hoach/<plan>/dong/<row>/goi-y-phu-trach/); a click here writes the chosen name in place
// of the piece being typed (after the last comma, semicolon or line break) and lets the row save
// as after any typing.
(function () {
  "use strict";

  function lastPieceStart(value) {
    return Math.max(value.lastIndexOf("\n"), value.lastIndexOf(","), value.lastIndexOf(";"), value.lastIndexOf("/"), value.lastIndexOf("+")) + 1;
  }

  function pick(button) {
    var area = document.getElementById(button.dataset.pickInto);
    if (!area) return;
    var value = area.value;
    var start = lastPieceStart(value);
    var before = value.slice(0, start);
    var lead = start && !/\n$/.test(before) ? " " : "";
    area.value = before + lead + button.dataset.pick;
    var panel = button.closest(".picker");
    if (panel) panel.innerHTML = "";
    area.focus();
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("mousedown", function (e) {
    // Keep the focus in the cell so the row is not saved half-typed before the pick.
    if (e.target.closest && e.target.closest("button.pick")) e.preventDefault();
  });
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button.pick");
    if (button) pick(button);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    Array.prototype.forEach.call(document.querySelectorAll(".picker"), function (p) { p.innerHTML = ""; });
  });
})();
