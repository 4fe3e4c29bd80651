// Dates and times in the browser's own time zone. Pages state each one in the zone chosen
// in Settings (or in UTC, saying so) without this script, inside <time datetime> elements
// marked data-local; this shows them again in the zone the browser is in. On the settings
// page, while no zone is chosen, it preselects the browser's (saved only with Save).
(function () {
  "use strict";
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  document.querySelectorAll("time[data-local]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime())) { return; }
    var options = {hour: "2-digit", minute: "2-digit", timeZoneName: "short"};
    if (!el.hasAttribute("data-time-only")) {
      options.weekday = "short"; options.day = "numeric"; options.month = "short"; options.year = "numeric";
    }
    el.title = el.textContent;
    el.textContent = new Intl.DateTimeFormat(undefined, options).format(when);
  });
  var select = document.querySelector("select[data-zone-select]");
  if (select && !select.value && zone) {
    var name = (zone === "Etc/UTC" || zone === "Etc/GMT") ? "UTC" : zone;
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === name; });
    if (known) {
      select.value = name;
      var note = document.querySelector("[data-zone-note]");
      if (note) {
        note.textContent = "Preselected from your browser: " + name + ". Press Save to keep it.";
        note.hidden = false;
      }
    }
  }
})();
