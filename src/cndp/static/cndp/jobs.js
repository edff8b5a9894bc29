/* A long job's page (core/jobs/job_detail.html): while the job is queued or running, its status
   (data-job-status, JSON) is asked every second and the progress bar and counters follow it; when the job
   has ended the page reloads to show the result, rendered by the server. No inline script (CSP). */
(function () {
  "use strict";
  function number(n) {
    return (n === null || n === undefined) ? "" : Number(n).toLocaleString("vi-VN");
  }
  function text(id, value) {
    var el = document.getElementById(id);
    if (el) el.textContent = value;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("job-progress");
    if (!box || box.hasAttribute("data-job-finished")) return;
    var url = box.getAttribute("data-job-status");
    var bar = document.querySelector("#job-bar .progress-bar");
    var outer = document.getElementById("job-bar");
    var delay = 1000;
    function poll() {
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (status) {
          delay = 1000;
          box.setAttribute("data-job-state", status.state);
          text("job-state", status.state_label);
          text("job-checked", number(status.checked));
          text("job-written", number(status.written));
          if (status.total) {
            text("job-total", number(status.total));
            var wrap = document.getElementById("job-total-wrap");
            if (wrap) wrap.hidden = false;
          }
          if (bar) {
            bar.style.width = status.percent + "%";
            bar.textContent = status.percent + " %";
          }
          if (outer) outer.setAttribute("aria-valuenow", status.percent);
          if (status.finished) {
            window.location.reload();
            return;
          }
          window.setTimeout(poll, delay);
        })
        .catch(function () {
          delay = Math.min(delay * 2, 15000);  // the server is busy or away: ask less often
          window.setTimeout(poll, delay);
        });
    }
    box.setAttribute("data-job-polling", "");
    window.setTimeout(poll, 300);
  });
})();
