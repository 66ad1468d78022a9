// Vietnamese inputs on every browser (see caitien/web/inputs.py and templates/widgets/):
// - a file button shows the chosen file's name (the native input is visually hidden);
// - [data-confirm] buttons and hx-confirm requests ask in the page, never with confirm(),
//   which the browser draws in its own language;
// - forms never show the browser's validation bubbles (the server's Vietnamese messages do);
// - [data-limit] fields count their characters near the limit and say when it is passed.
(function () {
  "use strict";

  function number(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  // --- file button ------------------------------------------------------------------------------
  document.addEventListener("change", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches("input.file-native")) return;
    var box = input.closest(".file-input");
    var label = box && box.querySelector(".file-name");
    if (!label) return;
    var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
    label.textContent = names.length ? names.join(", ") : label.dataset.empty || "";
    label.classList.toggle("chosen", names.length > 0);
  });

  // --- in-page confirmation ---------------------------------------------------------------------
  var open = null;

  function close(restoreFocus) {
    if (!open) return;
    var box = open;
    open = null;
    if (restoreFocus && box.origin && document.body.contains(box.origin)) box.origin.focus();
    box.remove();
  }

  function ask(origin, question, yesLabel, onYes) {
    close(false);
    var box = document.createElement("div");
    box.className = "confirm-box";
    box.setAttribute("role", "alertdialog");
    var id = "confirm-" + Date.now();
    box.setAttribute("aria-labelledby", id);
    var text = document.createElement("p");
    text.id = id;
    text.textContent = question;
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "confirm-yes " + (origin.classList.contains("danger") ? "danger" : "primary");
    yes.textContent = yesLabel || "Đồng ý";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "confirm-no";
    no.textContent = "Hủy";
    box.appendChild(text);
    box.appendChild(yes);
    box.appendChild(no);
    box.origin = origin;
    yes.addEventListener("click", function () { close(false); onYes(); });
    no.addEventListener("click", function () { close(true); });
    box.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); close(true); }
    });
    var anchor = origin.closest("[data-confirm-anchor]") || origin;
    anchor.insertAdjacentElement("afterend", box);
    open = box;
    yes.focus();
  }

  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-confirm]");
    if (!el) return;
    if (el.dataset.confirmed === "1") { delete el.dataset.confirmed; return; }
    e.preventDefault();
    e.stopPropagation();
    ask(el, el.dataset.confirm, el.dataset.confirmYes, function () {
      el.dataset.confirmed = "1";
      el.click();
    });
  }, true);

  // Anyone using hx-confirm gets the same in-page question (htmx would call confirm()).
  document.addEventListener("htmx:confirm", function (e) {
    if (!e.detail.question) return;
    e.preventDefault();
    ask(e.detail.elt, e.detail.question, null, function () { e.detail.issueRequest(true); });
  });

  // --- no browser validation bubbles ------------------------------------------------------------
  function quiet(root) {
    var forms = root.querySelectorAll ? root.querySelectorAll("form") : [];
    Array.prototype.forEach.call(forms, function (f) { f.noValidate = true; });
    if (root.tagName === "FORM") root.noValidate = true;
  }

  // --- character limits -------------------------------------------------------------------------
  function count(field) {
    var limit = parseInt(field.dataset.limit, 10);
    if (!limit) return;
    var length = field.value.length;
    var counter = field.counter;
    if (!counter) {
      counter = document.createElement("small");
      counter.className = "counter";
      counter.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", counter);
      field.counter = counter;
    }
    var over = length > limit;
    counter.hidden = length < limit * 0.8;
    counter.classList.toggle("over", over);
    counter.textContent = over
      ? "Dài quá " + number(length - limit) + " ký tự (tối đa " + number(limit) + "). Hãy rút gọn; nội dung vẫn được giữ."
      : number(length) + "/" + number(limit) + " ký tự";
  }

  document.addEventListener("input", function (e) {
    if (e.target.dataset && e.target.dataset.limit) count(e.target);
  });

  function setUp(root) {
    quiet(root);
    var limited = root.querySelectorAll ? root.querySelectorAll("[data-limit]") : [];
    Array.prototype.forEach.call(limited, function (f) { if (f.value.length) count(f); });
  }

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:load", function (e) { setUp(e.target); });
})();
