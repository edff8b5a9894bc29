/* The indicators' entry grid (indicators/submission_detail.html), keyboard first: Enter or ↓ moves to the
   next value cell, ↑ to the previous one (no submission by Enter), Ctrl+S (⌘S) saves the draft; the first
   cell with a problem, or else the first empty one, has the focus when the page opens; then the form is
   marked data-ready. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-entry-grid]");
    if (!form) return;
    var cells = Array.prototype.slice.call(form.querySelectorAll("input[data-cell]"));
    if (!cells.length) return;
    form.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "S")) {
        event.preventDefault();
        var save = document.getElementById("btn-save");
        if (save) save.click();
        return;
      }
      var cell = event.target.closest("input[data-cell]");
      if (!cell) return;
      var i = cells.indexOf(cell);
      if (event.key === "Enter" || event.key === "ArrowDown") {
        event.preventDefault();
        if (i + 1 < cells.length) { cells[i + 1].focus(); cells[i + 1].select(); }
        else { var submit = document.getElementById("btn-submit"); if (submit) submit.focus(); }
      } else if (event.key === "ArrowUp" && i > 0) {
        event.preventDefault();
        cells[i - 1].focus();
        cells[i - 1].select();
      }
    });
    var problem = form.querySelector("tr.table-danger input[data-cell], tr.table-warning input:not([data-cell])[required]");
    var empty = cells.filter(function (c) { return !c.value; })[0];
    (problem || empty || cells[0]).focus();
    form.setAttribute("data-ready", "true");  // for the browser tests: the keys are handled from here on
  });
})();
