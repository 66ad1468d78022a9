// The row editor (templates/plans/edit.html, _sheet.html, _row.html).
//
// Saving a row: each cell keeps, as its defaultValue, what the server last saved. A save posts only
// the cells that differ from it, plus what the page showed for every cell ("was_<name>"), so the
// server merges edits of different cells by two people and names only real conflicts. Whatever
// happens (refused, conflict, server error, no network) what was typed stays in the cell, with
// "Chưa lưu được — …" beside it; nothing is overwritten while someone types in it.
(function () {
  "use strict";

  var ROW_FORM = "form.row-form";
  var SKIP = { csrfmiddlewaretoken: 1, revision: 1, months_auto: 1, budget_auto: 1, after: 1 };

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !SKIP[el.name] && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type !== "hidden" && el.type !== "submit"));
    });
  }

  function field(form, name) {
    return fields(form).filter(function (el) { return el.name === name; })[0] || null;
  }

  function rowOf(el) {
    return el.closest && el.closest(".sheet-row");
  }

  // --- messages beside the cells ----------------------------------------------------------------
  function clearNotes(el) {
    var cell = el.closest(".cell") || el.parentNode;
    Array.prototype.forEach.call(cell.querySelectorAll('.save-note[data-for="' + el.name + '"]'), function (n) { n.remove(); });
  }

  function note(el, kind, html) {
    clearNotes(el);
    var box = document.createElement("div");
    box.className = "save-note save-" + kind;
    box.dataset.for = el.name;
    box.setAttribute("role", "alert");
    box.innerHTML = html;
    el.insertAdjacentElement("afterend", box);
    return box;
  }

  function text(s) {
    var d = document.createElement("div");
    d.textContent = s;
    return d.innerHTML;
  }

  function unsaved(el, reason, retry) {
    var box = note(el, "error", "<p>Chưa lưu được — " + text(reason) + "</p>" +
      (retry ? '<button type="button" class="save-retry">Thử lại</button>' : ""));
    el.classList.add("unsaved");
    return box;
  }

  // --- a row save: what is posted -----------------------------------------------------------------
  document.addEventListener("htmx:configRequest", function (e) {
    var form = e.detail.elt;
    if (!form.matches || !form.matches(ROW_FORM)) return;
    var data = e.detail.formData;
    var posted = {};
    var changed = 0;
    fields(form).forEach(function (el) {
      data.set("was_" + el.name, el.defaultValue);
      if (el.value === el.defaultValue) {
        data.delete(el.name);
        if (el.classList.contains("unsaved")) {
          // Put back to what is saved: nothing left to save in this cell.
          clearNotes(el);
          el.classList.remove("unsaved");
        }
      } else {
        posted[el.name] = el.value;
        changed += 1;
      }
    });
    var flag = data.get("months_auto") || data.get("budget_auto");
    if (!changed && !flag) {
      e.preventDefault();
      return;
    }
    form.posted = posted;
  });

  // --- a row save: the answer ---------------------------------------------------------------------
  function parse(html) {
    var t = document.createElement("template");
    t.innerHTML = html;
    return t.content;
  }

  function merge(form, fresh) {
    var posted = form.posted || {};
    fields(form).forEach(function (el) {
      var f = fresh.querySelector('[name="' + el.name + '"]');
      if (!f) return;
      var saved = f.tagName === "TEXTAREA" ? f.textContent : f.getAttribute("value") || "";
      var typing = document.activeElement === el;
      if (el.name in posted) {
        clearNotes(el);
        el.classList.remove("unsaved");
        // What the server kept may be tidied ("Tiêu chí 1.3" -> "1.3"); show it unless typing on.
        if (el.value === posted[el.name] && !typing) el.value = saved;
        el.defaultValue = saved;
        if (el.value === saved) el.classList.remove("unsaved");
      } else if (el.value === el.defaultValue && !typing) {
        el.value = saved; // someone else's change, or a text written for the chosen months
        el.defaultValue = saved;
      }
    });
    Array.prototype.forEach.call(fresh.querySelectorAll("[data-live][id]"), function (live) {
      var here = document.getElementById(live.id);
      if (here) {
        here.innerHTML = live.innerHTML;
        here.className = live.className;
      }
    });
    var rev = fresh.querySelector("input[name=revision]");
    if (rev) form.querySelector("input[name=revision]").value = rev.value;
    var row = rowOf(form);
    var message = row && row.querySelector(".row-message");
    if (message) message.textContent = "";
    grow(form);
  }

  function reasonOf(xhr) {
    if (!xhr || !xhr.status) return "không kết nối được máy chủ (mạng chập chờn?). Nội dung vẫn còn trong ô; bấm “Thử lại” khi có mạng.";
    var doc = parse(xhr.responseText || "");
    var refused = doc.querySelector(".save-refused, .refused-message");
    if (refused) return refused.textContent.trim();
    if (xhr.status >= 500) return "máy chủ đang gặp lỗi. Nội dung bạn gõ vẫn còn trong ô; hãy thử lại sau ít phút.";
    if (xhr.status === 403) return "bạn không còn quyền sửa kế hoạch này. Hãy tải lại trang.";
    return "máy chủ không nhận nội dung này (mã " + xhr.status + "). Nội dung vẫn còn trong ô.";
  }

  function failed(form, xhr) {
    var posted = form.posted || {};
    var names = Object.keys(posted);
    var doc = parse((xhr && xhr.responseText) || "");
    var refused = doc.querySelector(".save-refused[data-field]");
    if (refused) {
      var target = field(form, refused.dataset.field) || field(form, names[0]);
      if (target) unsaved(target, refused.textContent.trim(), false);
      return;
    }
    var conflict = doc.querySelector(".save-conflict");
    if (conflict) return conflicted(form, conflict);
    var reason = reasonOf(xhr);
    names.forEach(function (name) {
      var el = field(form, name);
      if (el) unsaved(el, reason, true);
    });
    if (!names.length) {
      var row = rowOf(form);
      if (row) row.querySelector(".row-message").textContent = "Chưa lưu được — " + reason;
    }
  }

  function conflicted(form, conflict) {
    var shown = 0;
    Array.prototype.forEach.call(conflict.querySelectorAll(".field-conflict"), function (c) {
      var el = field(form, c.dataset.field);
      if (!el) return;
      shown += 1;
      var box = note(el, "conflict", c.innerHTML);
      box.classList.add("msg", "msg-warning");
      box.querySelector(".conflict-keep").addEventListener("click", function () {
        // Keep mine: the saved value becomes what this page knows, so the next save replaces it.
        el.defaultValue = c.dataset.value;
        if (conflict.dataset.revision) form.querySelector("input[name=revision]").value = conflict.dataset.revision;
        box.remove();
        htmx.trigger(form, "submit");
      });
      box.querySelector(".conflict-take").addEventListener("click", function () {
        el.value = el.defaultValue = c.dataset.value;
        el.classList.remove("unsaved");
        box.remove();
        grow(form);
      });
    });
    if (!shown) {
      var row = rowOf(form);
      if (row) row.querySelector(".row-message").innerHTML = conflict.innerHTML;
    }
  }

  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.detail.elt;
    if (!form.matches || !form.matches(ROW_FORM)) return;
    var xhr = e.detail.xhr;
    if (e.detail.successful) {
      var fresh = parse(xhr.responseText).querySelector(".sheet-row");
      if (fresh) merge(form, fresh);
    } else {
      failed(form, xhr && xhr.status ? xhr : null);
    }
    form.posted = null;
  });

  document.addEventListener("click", function (e) {
    var retry = e.target.closest && e.target.closest(".save-retry");
    if (!retry) return;
    var form = retry.closest(ROW_FORM);
    if (form) htmx.trigger(form, "submit");
  });

  // --- structural changes wait for the saves, and never throw away what is not saved -------------
  function pending() {
    return document.querySelector(ROW_FORM + ".htmx-request");
  }

  document.addEventListener("htmx:confirm", function (e) {
    var el = e.detail.elt;
    if (!el.hasAttribute || !el.hasAttribute("data-structural")) return;
    var stuck = document.querySelector(ROW_FORM + " .unsaved");
    if (stuck) {
      e.preventDefault();
      var row = rowOf(stuck);
      var label = row ? row.getAttribute("aria-label") : "một dòng";
      var holder = document.getElementById("save-status");
      if (holder) holder.textContent = "Còn ô chưa lưu được ở " + label.toLowerCase() + ". Hãy lưu lại (bấm “Thử lại”) hoặc sửa ô đó trước khi thêm, chuyển hay xóa dòng.";
      stuck.focus();
      return;
    }
    var active = document.activeElement;
    var activeForm = active && active.closest && active.closest(ROW_FORM);
    var dirty = activeForm && active.value !== active.defaultValue;
    if (!dirty && !pending()) return;
    e.preventDefault();
    if (dirty) htmx.trigger(activeForm, "change");
    var tries = 0;
    (function wait() {
      tries += 1;
      if (pending() && tries < 100) return setTimeout(wait, 50);
      if (document.querySelector(ROW_FORM + " .unsaved")) return;
      e.detail.issueRequest(true);
    })();
  });

  // --- the criterion picker fills the criterion box last focused ---------------------------------
  var lastCriterion = null;
  document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches("input[name=criterion_code]")) lastCriterion = e.target;
  });
  document.addEventListener("click", function (e) {
    var pick = e.target.closest && e.target.closest(".criterion-pick");
    if (!pick || !lastCriterion || !document.body.contains(lastCriterion)) return;
    lastCriterion.value = pick.dataset.code;
    lastCriterion.dispatchEvent(new Event("change", { bubbles: true }));
    lastCriterion.focus();
  });

  // --- Ctrl+Enter in a row inserts a new row below it (after saving what was typed) --------------
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
    var row = rowOf(e.target);
    var insert = row && row.querySelector("button[name=after]");
    if (!insert) return;
    e.preventDefault();
    insert.click();
  });

  // --- after adding, duplicating, moving or restoring a row, put the cursor in that row ----------
  document.body.addEventListener("htmx:afterSettle", function () {
    var sheet = document.getElementById("sheet");
    var id = sheet && sheet.dataset.focus;
    if (id) {
      var target = document.querySelector("#" + id + " textarea, #" + id + " input:not([type=hidden])");
      if (target) target.focus();
      delete sheet.dataset.focus;
    }
    grow(document);
  });

  // --- textareas grow with what is written -------------------------------------------------------
  function fit(area) {
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }

  function grow(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(".sheet textarea"), fit);
  }

  document.addEventListener("input", function (e) {
    if (e.target.tagName === "TEXTAREA" && e.target.closest(".sheet")) fit(e.target);
  });
  document.addEventListener("toggle", function (e) {
    if (e.target.tagName === "DETAILS") grow(e.target);
  }, true);

  // --- name suggestions in the multi-line Chủ trì / Phối hợp cells --------------------------------
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  var menu = null;
  function closeMenu() {
    if (menu) menu.remove();
    menu = null;
  }

  function currentLine(area) {
    var before = area.value.slice(0, area.selectionStart);
    var start = Math.max(before.lastIndexOf("\n"), before.lastIndexOf(","), before.lastIndexOf(";")) + 1;
    return { start: start, text: before.slice(start).trim() };
  }

  function suggest(area) {
    closeMenu();
    var list = document.getElementById(area.dataset.suggest);
    var line = currentLine(area);
    if (!list || line.text.length < 2) return;
    var q = fold(line.text);
    var found = Array.prototype.map.call(list.options, function (o) { return o.value; })
      .filter(function (v) { return fold(v).indexOf(q) >= 0 && v !== line.text; })
      .slice(0, 6);
    if (!found.length) return;
    menu = document.createElement("div");
    menu.className = "suggestions";
    menu.setAttribute("role", "listbox");
    menu.setAttribute("aria-label", "Gợi ý");
    found.forEach(function (value) {
      var b = document.createElement("button");
      b.type = "button";
      b.setAttribute("role", "option");
      b.textContent = value;
      b.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
      b.addEventListener("click", function () {
        var before = area.value.slice(0, line.start);
        var after = area.value.slice(area.selectionStart);
        var lead = line.start && !/\n$/.test(before) ? " " : "";
        area.value = before + lead + value + after;
        closeMenu();
        area.focus();
        fit(area);
      });
      menu.appendChild(b);
    });
    area.insertAdjacentElement("afterend", menu);
  }

  document.addEventListener("input", function (e) {
    if (e.target.dataset && e.target.dataset.suggest) suggest(e.target);
  });
  document.addEventListener("focusout", function (e) {
    if (e.target.dataset && e.target.dataset.suggest) setTimeout(closeMenu, 150);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") closeMenu();
  });

  document.addEventListener("DOMContentLoaded", function () { grow(document); });
})();
