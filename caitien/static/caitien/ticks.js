// The indicator ticks of a criterion (tự đánh giá): each tick is saved at once by htmx. A tick that
// could not be saved (no connection, session ended) is put back as it was, with the message shown;
// the next successful save hides the message again.
(function () {
  "use strict";
  function tickForm(evt) {
    // The element that sent the request: after a swap, evt.target is the swapped target instead.
    var detail = evt.detail || {};
    var elt = (detail.requestConfig && detail.requestConfig.elt) || detail.elt || evt.target;
    return elt && elt.closest ? elt.closest("form.indicators") : null;
  }
  function message(show) {
    var box = document.getElementById("tick-error");
    if (box) box.hidden = !show;
  }
  function failed(evt) {
    if (!tickForm(evt)) return;
    var elt = evt.detail.elt;
    if (elt && elt.type === "checkbox") elt.checked = !elt.checked;
    message(true);
  }
  document.addEventListener("htmx:responseError", failed);
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:afterSwap", function (evt) {
    if (tickForm(evt)) message(false);
  });
})();
