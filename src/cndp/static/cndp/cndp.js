/* Page behaviour without inline scripts: the Content-Security-Policy runs only script files from this
   site, so templates declare what they need with data-* attributes and this file does it.
     data-print                  a button that prints the page
     data-confirm="question"     a form that asks before it is submitted
     data-autosubmit             a field that submits its form when changed (the language switch)
     data-reset-after-request    an htmx form emptied after its own successful request; the element
                                 named by data-clear (an id) is emptied too, and [autofocus] refocused
     data-checklist              a check list (core.forms.CheckList, a multiple choice): past 8 choices
                                 a filter box above it (accent-insensitive) and the count chosen */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target.closest("form[data-confirm]");
      if (form && !window.confirm(form.dataset.confirm)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) field.form.submit();
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!event.detail.successful || !form || !form.matches || !form.matches("form[data-reset-after-request]")) return;
    form.reset();
    var clear = form.dataset.clear && document.getElementById(form.dataset.clear);
    if (clear) clear.innerHTML = "";
    var focus = form.querySelector("[autofocus]");
    if (focus) focus.focus();
  });
  // <input data-autocomplete="/url/" list="id">: suggestions from a JSON endpoint ([{value, label}],
  // ?q=text) into the datalist `id` (created if missing), instead of a drop-down of every choice.
  var pending = null;
  document.addEventListener("input", function (event) {
    var field = event.target.closest("input[data-autocomplete]");
    if (!field) return;
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      var url = field.dataset.autocomplete + "?q=" + encodeURIComponent(field.value);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          var id = field.getAttribute("list");
          var list = document.getElementById(id);
          if (!list) {
            list = document.createElement("datalist");
            list.id = id;
            field.after(list);
          }
          list.replaceChildren();
          (data.results || []).forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.value;
            option.label = item.label;
            option.textContent = item.label;
            list.appendChild(option);
          });
        });
    }, 200);
  });
  // Check lists: the boxes themselves work with mouse and keyboard (Tab, Space); a long list gets a
  // filter box that hides the choices not matching (accent-insensitive, đ = d) and a line "Đã chọn: n".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function setUpChecklist(list) {
    if (list.dataset.ready) return;
    list.dataset.ready = "1";
    var rows = Array.prototype.slice.call(list.querySelectorAll(".form-check"));
    if (rows.length <= 8) return;
    list.classList.add("cndp-checklist-long");
    var box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1 cndp-checklist-filter";
    box.placeholder = list.dataset.filterLabel || "";
    box.setAttribute("aria-label", list.dataset.filterLabel || "");
    box.setAttribute("aria-controls", list.id || "");
    var count = document.createElement("div");
    count.className = "form-text cndp-checklist-count";
    count.setAttribute("aria-live", "polite");
    list.before(box);
    list.after(count);
    function showCount() {
      var chosen = list.querySelectorAll("input[type=checkbox]:checked");
      var names = Array.prototype.map.call(chosen, function (input) {
        var label = list.querySelector("label[for='" + input.id + "']");
        return label ? label.textContent : input.value;
      });
      count.textContent = (list.dataset.chosenLabel || "") + " (" + chosen.length + ")" + (names.length ? ": " + names.join("; ") : "");
    }
    box.addEventListener("input", function () {
      var wanted = fold(box.value.trim());
      rows.forEach(function (row) {
        var ticked = row.querySelector("input:checked");  // a chosen box stays in sight
        row.hidden = wanted !== "" && !ticked && fold(row.textContent).indexOf(wanted) === -1;
      });
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // filtering the list never submits the form
    });
    list.addEventListener("change", showCount);
    showCount();
  }
  function setUpChecklists(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("[data-checklist]"), setUpChecklist);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpChecklists(); });
  } else {
    setUpChecklists();
  }
  document.addEventListener("htmx:load", function (event) { setUpChecklists(event.target); });
})();
