/* Page behaviour without inline scripts: the Content-Security-Policy runs only script files from this
   site, so templates declare what they need with data-* attributes and this file does it.
     data-print                  a button that prints the page
     data-confirm="question"     a form that asks before it is submitted
     data-autosubmit             a field that submits its form when changed (the language switch)
     data-reset-after-request    an htmx form emptied after its own successful request; the element
                                 named by data-clear (an id) is emptied too, and [autofocus] refocused */
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
})();
