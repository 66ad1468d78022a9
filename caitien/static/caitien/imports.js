// The import's upload form: once sent, the button is disabled (no second upload of the same file)
// and "Đang tải tệp lên…" shows while the file travels.
(function () {
  "use strict";
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form.upload-form")) return;
    var button = form.querySelector("[type=submit]");
    var busy = form.querySelector(".busy");
    if (button) button.disabled = true;
    if (busy) busy.hidden = false;
  });
})();
