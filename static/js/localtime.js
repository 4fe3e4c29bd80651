// Dates and times in the browser's own time zone, for a person who chose no zone: the
// page states each one in UTC, naming it, inside a <time datetime data-local> element
// (quiz/web/pages/when.py); this shows it again in the zone the browser is in, keeping
// the UTC wording as the element's title.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  var format = new Intl.DateTimeFormat(undefined, {
    weekday: "short", day: "numeric", month: "short", year: "numeric",
    hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });
  document.querySelectorAll("time[data-local]").forEach(function (el) {
    var moment = new Date(el.getAttribute("datetime"));
    if (isNaN(moment.getTime())) { return; }
    el.title = el.textContent;
    el.textContent = format.format(moment);
  });
})();
