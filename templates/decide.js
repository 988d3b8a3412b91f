/* briefing review server: approve, reject or edit each claim and bottom-line sentence.
   Every decision is saved on the server as it is made (briefing-DATE.review.json); this page only
   shows the server's state. Text is set with textContent, never parsed as markup. Each request
   carries the page's token; the server refuses any other. */
(function () {
  "use strict";
  var meta = function (name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") : "";
  };
  var TOKEN = meta("briefing-token");
  var all = function (sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); };
  var byId = function (id) { return document.getElementById(id); };
  var items = all("[data-item]");
  var state = {};      // item id -> the latest saved decision (from the server)
  var current = null;  // the item the keys act on
  var LABEL = { approve: "APPROVED", reject: "REJECTED", edit: "EDITED" };
  var STATUS = { verified: "VERIFIED", supported: "VERIFIED WITH CONTEXT", unverified: "UNVERIFIED", unchecked: "UNCHECKED" };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function call(path, body) {
    var init = { method: body ? "POST" : "GET", credentials: "same-origin", cache: "no-store",
      headers: { "X-Briefing-Token": TOKEN } };
    if (body) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch(path, init).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, body: j }; },
        function () { return { status: r.status, body: { error: "HTTP " + r.status } }; });
    }, function () {  // the server stopped or the network dropped: say so, never an uncaught error
      return { status: 0, body: { error: "the review server is not reachable: is `briefing review` still running?" } };
    });
  }

  function controls(item) {
    var box = el("div", "decide");
    box.setAttribute("data-for", item.getAttribute("data-item"));
    var shown = el("p", "decide-state");
    shown.setAttribute("aria-live", "polite");
    var buttons = el("div", "decide-buttons");
    var approve = el("button", "decide-approve", "Approve");
    var reject = el("button", "decide-reject", "Reject");
    var edit = el("button", "decide-edit", "Edit");
    [approve, reject, edit].forEach(function (b) { b.type = "button"; buttons.appendChild(b); });
    var rejectForm = el("div", "decide-form decide-reject-form");
    rejectForm.hidden = true;
    var reason = el("input", "decide-reason");
    reason.type = "text";
    reason.placeholder = "Reason (optional)";
    reason.setAttribute("aria-label", "Reason for rejecting");
    var rejectSave = el("button", "decide-reject-save", "Reject");
    rejectSave.type = "button";
    rejectForm.appendChild(reason);
    rejectForm.appendChild(rejectSave);
    var editForm = el("div", "decide-form decide-edit-form");
    editForm.hidden = true;
    var text = el("textarea", "decide-text");
    text.rows = 3;
    text.setAttribute("aria-label", "The English, edited");
    var extraList = el("ul", "decide-extra");
    var addSel = el("button", "decide-add-evidence", "Add the selected Arabic as evidence");
    var check = el("button", "decide-check", "Check");
    var save = el("button", "decide-save", "Save edit");
    var cancel = el("button", "decide-cancel", "Cancel");
    [addSel, check, save, cancel].forEach(function (b) { b.type = "button"; });
    var result = el("p", "decide-check-result");
    result.setAttribute("aria-live", "polite");
    editForm.appendChild(text);
    if (item.getAttribute("data-kind") === "claim") { editForm.appendChild(addSel); editForm.appendChild(extraList); }
    [check, save, cancel, result].forEach(function (b) { editForm.appendChild(b); });
    [shown, buttons, rejectForm, editForm].forEach(function (c) { box.appendChild(c); });
    box.addEventListener("click", function (e) { e.stopPropagation(); });
    box.addEventListener("keydown", function (e) { e.stopPropagation(); });
    item.appendChild(box);

    var extra = [];
    function drawExtra() {
      while (extraList.firstChild) { extraList.removeChild(extraList.firstChild); }
      extra.forEach(function (q) { var li = el("li", "", q); li.setAttribute("dir", "rtl"); li.setAttribute("lang", "ar"); extraList.appendChild(li); });
    }
    approve.addEventListener("click", function () { decide(item, "approve", {}); });
    reject.addEventListener("click", function () { rejectForm.hidden = false; editForm.hidden = true; reason.focus(); });
    rejectSave.addEventListener("click", function () { decide(item, "reject", { reason: reason.value }); });
    reason.addEventListener("keydown", function (e) { if (e.key === "Enter") { decide(item, "reject", { reason: reason.value }); } });
    edit.addEventListener("click", function () {
      var d = state[item.getAttribute("data-item")];
      text.value = d && d.after ? d.after : (item.getAttribute("data-before") || "");
      extra = d && d.extra_evidence ? d.extra_evidence.slice() : [];
      drawExtra();
      result.textContent = "";
      editForm.hidden = false; rejectForm.hidden = true; text.focus();
    });
    cancel.addEventListener("click", function () { editForm.hidden = true; });
    addSel.addEventListener("click", function () {
      var sel = window.getSelection ? String(window.getSelection()).trim() : "";
      if (!sel) { result.textContent = "Select Arabic text in the source panel first."; return; }
      extra.push(sel);
      drawExtra();
    });
    check.addEventListener("click", function () {
      result.textContent = "Checking…";
      call("api/check", { item_id: item.getAttribute("data-item"), text_en: text.value, extra_evidence: extra })
        .then(function (r) {
          if (r.status !== 200) { result.textContent = r.body.error || "The check failed."; return; }
          result.textContent = (STATUS[r.body.status] || r.body.status) + (r.body.problems.length ? ": " + r.body.problems.join("; ") : "");
          result.setAttribute("data-status", r.body.status);
        });
    });
    save.addEventListener("click", function () { decide(item, "edit", { after: text.value, extra_evidence: extra }); });
    return { box: box, shown: shown, rejectForm: rejectForm, editForm: editForm, result: result };
  }

  var ui = {};
  items.forEach(function (item) { ui[item.getAttribute("data-item")] = controls(item); });

  function draw(item) {
    var id = item.getAttribute("data-item");
    var d = state[id];
    var u = ui[id];
    if (!d) {
      item.removeAttribute("data-decision");
      u.shown.textContent = "Not decided";
      return;
    }
    item.setAttribute("data-decision", d.decision);
    var line = LABEL[d.decision] + " by " + d.reviewer;
    if (d.decision === "reject" && d.reason) { line += ": " + d.reason; }
    if (d.decision === "edit") { line += " (" + (STATUS[d.status] || d.status) + "): " + d.after; }
    u.shown.textContent = line;
  }

  function progress() {
    var n = items.filter(function (i) { return state[i.getAttribute("data-item")]; }).length;
    var p = byId("decide-progress");
    if (p) { p.textContent = n + " of " + items.length + " decided"; }
  }

  function load() {
    return call("api/state").then(function (r) {
      if (r.status !== 200) { return; }
      state = r.body.decisions;
      items.forEach(draw);
      progress();
    });
  }

  function decide(item, decision, extra) {
    var id = item.getAttribute("data-item");
    var d = state[id];
    var body = { item_id: id, decision: decision, seen_version: d ? d.version : 0 };
    Object.keys(extra).forEach(function (k) { body[k] = extra[k]; });
    var u = ui[id];
    return call("api/decision", body).then(function (r) {
      if (r.status === 200) {
        state[id] = r.body.decision;
        u.rejectForm.hidden = true;
        u.editForm.hidden = true;
        draw(item);
        progress();
      } else if (r.status === 409) {
        state[id] = r.body.latest;
        draw(item);
        progress();
        u.shown.textContent = "Conflict: " + r.body.error + ". Shown now: their decision; decide again if you disagree.";
        item.setAttribute("data-conflict", "1");
      } else {
        u.shown.textContent = "Not saved: " + (r.body.error || "HTTP " + r.status);
      }
    }, function () { u.shown.textContent = "Not saved: the review server cannot be reached."; });
  }

  function focusItem(i) {
    if (i < 0 || i >= items.length) { return; }
    current = i;
    items.forEach(function (it) { it.classList.remove("decide-current"); });
    items[i].classList.add("decide-current");
    items[i].focus();
    items[i].scrollIntoView({ block: "center" });
  }

  items.forEach(function (item, i) { item.addEventListener("focus", function () { current = i; }); });
  document.addEventListener("keydown", function (e) {
    var tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (e.key === "j") { focusItem(current === null ? 0 : current + 1); }
    else if (e.key === "k") { focusItem(current === null ? 0 : current - 1); }
    else if (current !== null && e.key === "a") { decide(items[current], "approve", {}).then(function () { focusItem(current + 1); }); }
    else if (current !== null && e.key === "r") { ui[items[current].getAttribute("data-item")].box.querySelector(".decide-reject").click(); }
    else if (current !== null && e.key === "e") { ui[items[current].getAttribute("data-item")].box.querySelector(".decide-edit").click(); }
    else { return; }
    e.preventDefault();
  });

  var publish = byId("decide-publish");
  if (publish) {
    publish.addEventListener("click", function () {
      var out = byId("decide-published");
      out.textContent = "Publishing…";
      call("api/publish", {}).then(function (r) {
        if (r.status !== 200) { out.textContent = "Not published: " + (r.body.error || "HTTP " + r.status); return; }
        while (out.firstChild) { out.removeChild(out.firstChild); }
        out.appendChild(document.createTextNode("Published: "));
        r.body.files.forEach(function (f, n) {
          var a = el("a", "", f.name);
          a.href = f.url;
          out.appendChild(a);
          if (n < r.body.files.length - 1) { out.appendChild(document.createTextNode(", ")); }
        });
      });
    });
  }

  document.addEventListener("visibilitychange", function () { if (!document.hidden) { load(); } });
  window.setInterval(function () { if (!document.hidden) { load(); } }, 5000);
  load();
}());
