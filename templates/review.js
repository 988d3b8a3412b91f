/* briefing review page: click a claim to see its evidence highlighted in the source article; filter claims.
   Everything shown is already in the page: this script only toggles classes and attributes, reads
   data-* attributes the renderer wrote, and never builds markup from text. */
(function () {
  "use strict";
  var root = document.documentElement;
  var byId = function (id) { return document.getElementById(id); };
  var all = function (sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); };
  var words = function (el, name) { var v = el.getAttribute(name); return v ? v.split(" ") : []; };
  var TOKEN = /^[a-z][0-9]+$/;

  root.classList.add("review");
  var bar = byId("review-bar");
  if (bar) { bar.hidden = false; }
  var claims = all("li.claim");
  var head = byId("panel-head");
  var selected = null;

  function closeSource() {
    all("mark.active").forEach(function (m) { m.classList.remove("active"); });
    all(".original-article.current").forEach(function (a) { a.classList.remove("current"); });
    if (selected) { selected.classList.remove("selected"); selected = null; }
    root.classList.remove("source-open");
    if (head) { head.hidden = true; }
  }

  function showSource(claim, onlyToken) {
    closeSource();
    selected = claim;
    claim.classList.add("selected");
    var first = null;
    words(claim, "data-ev").forEach(function (t) {
      if (!TOKEN.test(t)) { return; }
      all('mark[data-ev~="' + t + '"]').forEach(function (m) {
        m.classList.add("active");
        if (!first && (!onlyToken || onlyToken === t)) { first = m; }
      });
    });
    var article = byId(claim.getAttribute("data-source") || "");
    if (!article) { return; }
    article.classList.add("current");
    root.classList.add("source-open");
    if (head) {
      head.hidden = false;
      byId("panel-claim").textContent = "Evidence of claim " + claim.getAttribute("data-label") + " highlighted";
    }
    (first || article).scrollIntoView({ block: first ? "center" : "start" });
  }

  claims.forEach(function (claim) {
    claim.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a") : null;
      if (link && !link.classList.contains("show-source")) { return; }
      if (link) { event.preventDefault(); }
      showSource(claim, link ? link.getAttribute("data-ev") : null);
    });
    claim.addEventListener("keydown", function (event) {
      if ((event.key === "Enter" || event.key === " ") && event.target === claim) {
        event.preventDefault();
        showSource(claim, null);
      }
    });
  });
  var close = byId("panel-close");
  if (close) { close.addEventListener("click", closeSource); }
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { closeSource(); } });

  var unverified = byId("f-unverified");
  var place = byId("f-place");
  var actor = byId("f-actor");
  var count = byId("f-count");

  function applyFilters() {
    var onlyUnverified = unverified && unverified.checked;
    var p = place ? place.value : "";
    var a = actor ? actor.value : "";
    var active = onlyUnverified || p || a;
    var shown = 0;
    claims.forEach(function (c) {
      var st = c.getAttribute("data-status");
      var ok = (!onlyUnverified || (st !== "verified" && st !== "supported")) &&
        (!p || words(c, "data-places").indexOf(p) >= 0) &&
        (!a || words(c, "data-actors").indexOf(a) >= 0);
      c.classList.toggle("filtered-out", !ok);
      if (ok) { shown += 1; }
    });
    all("article.summary").forEach(function (s) {
      s.classList.toggle("filtered-out", Boolean(active) && !s.querySelector("li.claim:not(.filtered-out)"));
    });
    all("section.section").forEach(function (s) {
      s.classList.toggle("filtered-out", Boolean(active) && !s.querySelector("article.summary:not(.filtered-out)"));
    });
    all("svg.map g.place").forEach(function (g) {
      g.classList.toggle("chosen", Boolean(p) && words(g, "data-places").indexOf(p) >= 0);
    });
    if (count) {
      count.textContent = active ? "Showing " + shown + " of " + claims.length + " claims" : claims.length + " claims";
    }
  }

  [unverified, place, actor].forEach(function (el) { if (el) { el.addEventListener("change", applyFilters); } });
  var reset = byId("f-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      if (unverified) { unverified.checked = false; }
      if (place) { place.value = ""; }
      if (actor) { actor.value = ""; }
      applyFilters();
    });
  }
  all("svg.map g.place").forEach(function (g) {
    g.addEventListener("click", function () {
      var key = words(g, "data-places")[0];
      if (place && key) { place.value = place.value === key ? "" : key; applyFilters(); }
    });
  });
  applyFilters();
}());
