// Small niceties only: every page works without this script.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // After an answer, move focus to the result so screen readers announce it.
    var target = document.querySelector("[data-autofocus]");
    if (target) { target.focus(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" && /^(text|password|search|number)$/.test(event.target.type) || tag === "select" || tag === "textarea") { return; }
    var form = document.querySelector("form[data-keys=choices]");
    if (form && /^[1-9]$/.test(event.key)) {
      // Number keys choose the n-th option.
      var inputs = form.querySelectorAll(".choices input");
      var input = inputs[Number(event.key) - 1];
      if (input) { input.click(); input.focus(); event.preventDefault(); }
      return;
    }
    if (!form && event.key === "Enter" && tag !== "a" && tag !== "button") {
      // On a feedback page, Enter goes on to the next question.
      var next = document.getElementById("next");
      if (next) { next.click(); event.preventDefault(); }
    }
  });
})();
