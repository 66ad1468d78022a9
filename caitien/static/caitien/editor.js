// The row editor (templates/plans/edit.html): criterion picker, keyboard insert, focus after swaps.
(function () {
// The criterion picker fills the criterion box last focused; saving happens as on typing.
let lastCriterion = null;
document.addEventListener("focusin", (e) => {
  if (e.target.matches && e.target.matches("input[name=criterion_code]")) lastCriterion = e.target;
});
document.addEventListener("click", (e) => {
  const pick = e.target.closest && e.target.closest(".criterion-pick");
  if (!pick || !lastCriterion || !document.body.contains(lastCriterion)) return;
  lastCriterion.value = pick.dataset.code;
  lastCriterion.dispatchEvent(new Event("change", { bubbles: true }));
  lastCriterion.focus();
});
// Ctrl+Enter in a row inserts a new row below it.
document.addEventListener("keydown", (e) => {
  if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
  const row = e.target.closest && e.target.closest("form.sheet-row");
  if (!row) return;
  const insert = row.querySelector("button[name=after]");
  if (!insert) return;
  e.preventDefault();
  // Save what was typed first, then insert (the new sheet replaces this row's fields).
  row.addEventListener("htmx:afterRequest", () => insert.click(), { once: true });
  e.target.dispatchEvent(new Event("change", { bubbles: true }));
});
// After adding, duplicating or moving a row, put the cursor in that row.
document.body.addEventListener("htmx:afterSettle", () => {
  const sheet = document.getElementById("sheet");
  const id = sheet && sheet.dataset.focus;
  if (!id) return;
  const field = document.querySelector("#" + id + " textarea, #" + id + " input:not([type=hidden])");
  if (field) field.focus();
  delete sheet.dataset.focus;
});
})();
