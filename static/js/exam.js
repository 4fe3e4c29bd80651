// An exam page's helpers. The page works without them: every move is a submit button of
// the page's form, which saves the answer on it. With this script (docs/exams.md):
//   - a changed answer is also saved in the background (a POST of the page's own form,
//     CSRF token included, asking for JSON), and once more as the page is closed, so
//     closing the tab loses nothing;
//   - the time left counts down from the seconds the server allowed when it made the
//     page (never the browser's clock); at 0 the page's form[data-time-up] is sent marked
//     "time up", so an answer being typed is saved if it arrives in time.
(function () {
  "use strict";
  var form = document.querySelector("form[data-exam-form]");
  var status = document.querySelector("[data-save-status]");
  var timer = null, sending = false, again = false, unsaved = false, leaving = false;

  function say(text) { if (status) { status.textContent = text; } }

  function mark(answered) {
    var item = document.querySelector(".navigator [aria-current]");
    if (!item) { return; }
    item.classList.toggle("answered", answered);
    var flagged = item.classList.contains("flagged");
    var state = item.querySelector(".state");
    if (state) {
      state.textContent = "Question " + item.getAttribute("data-position") + ": " +
        (answered ? "answered" : "not answered") + (flagged ? ", flagged" : "") +
        ", current question";
    }
    var marks = item.querySelector(".marks");
    if (marks) { marks.textContent = (answered ? "\u2713" : "") + (flagged ? "\u2691" : ""); }
  }

  function data() {
    var values = new FormData(form);
    values.set("go", "stay");
    return values;
  }

  function save() {
    timer = null;
    if (sending) { again = true; return; }
    sending = true; again = false;
    say("Saving\u2026");
    fetch(form.action, {method: "POST", body: data(), credentials: "same-origin",
                        headers: {"Accept": "application/json"}})
      .then(function (r) {
        return r.json().catch(function () { return {}; })
          .then(function (body) { return {code: r.status, body: body}; });
      })
      .then(function (res) {
        if (res.code === 200 && res.body.saved) {
          unsaved = again;
          say(res.body.answered ? "Answer saved." : "Saved as not answered (skipped).");
          mark(!!res.body.answered);
        } else if (res.code === 409 && res.body.result) {
          leaving = true;
          window.location.assign(res.body.result);
        } else {
          say("Not saved yet: " + (res.body.message || "the server could not store it.") +
              " It is saved when you move on.");
        }
      })
      .catch(function () { say("Not saved yet (no connection): it is saved when you move on."); })
      .then(function () { sending = false; if (again) { save(); } });
  }

  function changed(delay) {
    unsaved = true;
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, delay);
  }

  if (form) {
    form.addEventListener("change", function () { changed(300); });
    form.addEventListener("input", function (event) {
      if (event.target.tagName === "INPUT" && event.target.type === "text") { changed(800); }
    });
    form.addEventListener("submit", function () { leaving = true; });
    window.addEventListener("pagehide", function () {
      if (unsaved && !leaving && navigator.sendBeacon) { navigator.sendBeacon(form.action, data()); }
    });
  }

  // ------------------------------------------------------------------ the countdown
  var countdown = document.querySelector("[data-countdown]");
  var alert = document.querySelector("[data-countdown-alert]");
  var done = false;

  function words(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function timeUp() {
    var target = document.querySelector("form[data-time-up]");
    if (done || !target) { return; }
    done = true; leaving = true;
    say("Time is up: sending your answer\u2026");
    if (target.hasAttribute("data-exam-form")) {
      var go = document.createElement("input");
      go.type = "hidden"; go.name = "go"; go.value = "timeup";
      target.appendChild(go);
    }
    target.submit();
  }

  if (countdown) {
    var remaining = Number(countdown.getAttribute("data-remaining"));
    var end = performance.now() + remaining * 1000;
    var warned = {};
    var loaded = document.querySelector(".when-loaded");
    if (loaded) { loaded.hidden = true; }
    var tick = function () {
      var left = end - performance.now();
      var seconds = Math.max(0, Math.floor(left / 1000));
      countdown.textContent = words(seconds);
      [300, 60].forEach(function (at) {
        if (seconds <= at && remaining > at && !warned[at] && alert) {
          warned[at] = true;
          alert.textContent = at / 60 + (at === 60 ? " minute" : " minutes") + " left.";
        }
      });
      document.body.classList.toggle("time-short", seconds <= 60);
      if (left <= 1000) { timeUp(); return; }
      setTimeout(tick, (left % 1000) || 1000);
    };
    tick();
  }
})();
