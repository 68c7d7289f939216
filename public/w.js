// The workshop phone page's only script (decision 039): the page works without it
// (plain forms); with it, the page follows the facilitator without a reload.
// It listens to the session's events and, when the activity changes, fetches the
// page again and swaps in its <main> — unless the participant has started
// filling in a form, whose choices are kept: then a bar offers to show the new one.
(function () {
  var main = document.querySelector("main[data-state]");
  if (!main || !window.EventSource || !window.fetch) return;
  var dirty = false;
  document.addEventListener("input", function () { dirty = true; });
  document.addEventListener("change", function () { dirty = true; });
  var busy = false;
  function refresh(force) {
    if (busy) return;
    busy = true;
    fetch(location.pathname, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var next = doc.querySelector("main[data-state]");
        if (!next) { location.reload(); return; }
        if (next.getAttribute("data-state") === main.getAttribute("data-state")) return;
        if (dirty && !force) {
          var bar = document.getElementById("w-changed");
          if (bar) bar.hidden = false;
          return;
        }
        main.innerHTML = next.innerHTML;
        main.setAttribute("data-state", next.getAttribute("data-state"));
        dirty = false;
      })
      .catch(function () {})
      .then(function () { busy = false; });
  }
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (t && t.id === "w-show-new") { e.preventDefault(); t.parentNode.hidden = true; refresh(true); }
  });
  var source = new EventSource(location.pathname.replace(/\/$/, "") + "/events");
  source.addEventListener("change", function () { refresh(false); });
  source.addEventListener("ended", function () { source.close(); location.reload(); });
})();
