// Small niceties only: every page works without this script.
//   1-9     choose the n-th option of a choice question
//   1-4     rate recall (Again, Hard, Good, Easy) on a feedback page or a flashcard's back
//   Space   turn a flashcard (show its answer)
//   Enter   on a feedback page, go on to the next question
// Printing opens every "Why" so a printed summary shows the explanations.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // After an answer, move focus to the result so screen readers announce it.
    var target = document.querySelector("[data-autofocus]");
    if (target) { target.focus(); }
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  function typing(target) {
    var tag = (target.tagName || "").toLowerCase();
    return (tag === "input" && /^(text|password|search|number|date)$/.test(target.type)) ||
      tag === "select" || tag === "textarea" || target.isContentEditable;
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    var choices = document.querySelector("form[data-keys=choices]");
    if (choices && /^[1-9]$/.test(event.key)) {
      var inputs = choices.querySelectorAll(".choices input");
      var input = inputs[Number(event.key) - 1];
      if (input) { input.click(); input.focus(); event.preventDefault(); }
      return;
    }
    var rating = document.querySelector("form[data-keys=rating]");
    if (rating && /^[1-4]$/.test(event.key)) {
      var button = rating.querySelectorAll("button[name=rating]")[Number(event.key) - 1];
      if (button) { button.click(); event.preventDefault(); }
      return;
    }
    var show = document.getElementById("show");
    if (show && event.key === " " && tag !== "button" && tag !== "a") {
      show.click();
      event.preventDefault();
      return;
    }
    if (!choices && event.key === "Enter" && tag !== "a" && tag !== "button" && tag !== "summary") {
      var next = document.getElementById("next");
      if (next) { next.click(); event.preventDefault(); }
    }
  });
})();
