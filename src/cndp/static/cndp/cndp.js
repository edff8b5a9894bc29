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
})();
