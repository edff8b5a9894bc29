/* Check-in desk (bàn điểm danh), keyboard only.
   Type a name (no accents needed) or scan a card code (the scanner types the code and Enter).
   ↑/↓ pick a person in the results; Enter checks the picked person in, or, with nobody picked, lets the
   server decide (card code, exact full name, the only match). After a check-in the box is cleared, keeps
   the focus and the results are reset; when several people match the box and the list stay to pick from.
   No inline script: the page works under a Content-Security-Policy of script-src 'self'. */
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  if (!form) return;
  var input = form.querySelector("input[name=query]");
  var delegateField = form.querySelector("input[name=delegate]");
  var kindField = form.querySelector("input[name=kind]");
  var results = document.getElementById("checkin-results");
  var feedback = document.getElementById("checkin-feedback");
  var searchUrl = form.getAttribute("data-search-url");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timer = null;
  var generation = 0; // bumped by every keystroke and every Enter: older search answers are dropped
  var stale = false; // the list shown belongs to an older text: it cannot be picked from

  function options() {
    return Array.prototype.slice.call(results.querySelectorAll("[role=option]"));
  }

  function picked() {
    return results.querySelector("[role=option][aria-selected=true]");
  }

  function select(option) {
    options().forEach(function (o) {
      var on = o === option;
      o.setAttribute("aria-selected", on ? "true" : "false");
      o.classList.toggle("active", on);
    });
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function resetResults() {
    results.innerHTML = "";
    stale = false;
    results.classList.remove("opacity-50");
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function search() {
    var query = input.value.trim();
    var mine = generation;
    if (!query) {
      resetResults();
      return;
    }
    fetch(searchUrl + "?query=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { "HX-Request": "true" }
    })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (mine !== generation) return; // typed on, or pressed Enter, meanwhile
        results.innerHTML = html;
        stale = false;
        results.classList.remove("opacity-50");
        input.setAttribute("aria-expanded", options().length ? "true" : "false");
        select(results.querySelector("[role=option][data-pick]"));
      });
  }

  function refreshPanel() {
    if (window.htmx) window.htmx.trigger(document.body, "attendance-changed");
  }

  function submit(delegateId, kind) {
    clearTimeout(timer);
    generation += 1;
    var sent = input.value;
    delegateField.value = delegateId || "";
    kindField.value = kind || "in";
    var body = new FormData(form);
    delegateField.value = "";
    kindField.value = "in";
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "HX-Request": "true", "X-CSRFToken": csrf }
    })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        feedback.innerHTML = html;
        var answer = feedback.querySelector("[data-outcome]");
        var outcome = answer ? answer.getAttribute("data-outcome") : "error";
        // Clear only what this Enter was about: a card scanned meanwhile stays in the box.
        if ((outcome === "done" || outcome === "already") && input.value === sent) {
          input.value = "";
          generation += 1;
          resetResults();
        }
        input.focus();
        refreshPanel();
      })
      .catch(function () {
        feedback.innerHTML = '<div class="alert alert-danger py-2 mb-0" role="status" data-testid="checkin-feedback" data-outcome="error"></div>';
        feedback.firstChild.textContent = form.getAttribute("data-offline");
        input.focus();
      });
  }

  input.addEventListener("input", function () {
    generation += 1;
    select(null); // a pick belongs to the results of the old text
    stale = true;
    results.classList.add("opacity-50");
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });

  input.addEventListener("keydown", function (event) {
    var list = options();
    var current = picked();
    var index = current ? list.indexOf(current) : -1;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!list.length || stale) return;
      if (event.key === "ArrowDown") index = index < 0 ? 0 : Math.min(index + 1, list.length - 1);
      else index = index < 0 ? list.length - 1 : Math.max(index - 1, 0);
      select(list[index]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      input.value = "";
      generation += 1;
      resetResults();
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var current = stale ? null : picked();
    submit(current ? current.getAttribute("data-delegate") : "", "in");
  });

  results.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-delegate]");
    if (!button) return;
    event.preventDefault();
    submit(button.getAttribute("data-delegate"), button.getAttribute("data-kind"));
  });

  // Text typed before this script ran (a fast clerk, a slow line) is searched now, not lost.
  if (input.value.trim()) {
    stale = true;
    search();
  }
  form.setAttribute("data-ready", "true");
})();
