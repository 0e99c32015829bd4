// The reading checklist: ticks persist in localStorage under the link id, so they survive a
// rebuild of the site; hours done and remaining are recomputed on every change. Without
// JavaScript the page is a plain list and none of this runs.
(function () {
  "use strict";
  var PREFIX = "syllabus:done:";
  var storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(PREFIX);
  } catch (e) {
    storage = null; // private modes can refuse storage; ticks then last for the visit only
  }
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-link]"));

  // Same rounding as the Rust side: tenths of an hour, half up.
  function hours(minutes) {
    var tenths = Math.floor((minutes * 10 + 30) / 60);
    return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
  }

  // Totals count only the readings the filters show, so what is on screen adds up.
  function tally(scope, output) {
    var done = 0, total = 0, shown = 0;
    scope.querySelectorAll("li[data-level]").forEach(function (li) {
      var box = li.querySelector("input[data-link]");
      li.classList.toggle("done", !!(box && box.checked));
      if (li.hidden) { return; }
      shown += 1;
      // Optional items outside the counted track carry no data-minutes and add no hours.
      var m = parseInt(li.getAttribute("data-minutes"), 10) || 0;
      total += m;
      if (box && box.checked) { done += m; }
    });
    var set = function (cls, text) {
      var o = output.querySelector(cls);
      if (o) { o.textContent = text; }
    };
    set(".done-hours", hours(done));
    set(".left-hours", hours(total - done));
    set(".total-hours", hours(total));
    return { count: shown, minutes: total };
  }

  function update() {
    document.querySelectorAll("section[data-stage]").forEach(function (section) {
      tally(section, section);
    });
    var overall = document.getElementById("overall");
    if (overall) {
      var t = tally(document, overall), shown = document.getElementById("shown");
      if (shown) {
        shown.querySelector(".all-count").textContent =
          String(document.querySelectorAll("li[data-level]").length);
        shown.querySelector(".shown-count").textContent = String(t.count);
        shown.querySelector(".shown-hours").textContent = hours(t.minutes);
      }
    }
  }

  boxes.forEach(function (box) {
    var key = PREFIX + box.getAttribute("data-link");
    // The page may arrive ticked from the reader's progress.toml; a choice made in this
    // browser since (either way) wins, so an untick is stored as "0", not forgotten.
    var stored = storage ? storage.getItem(key) : null;
    if (stored !== null) { box.checked = stored === "1"; }
    box.addEventListener("change", function () {
      if (storage) {
        storage.setItem(key, box.checked ? "1" : "0");
      }
      update();
    });
  });

  var form = document.getElementById("filters");
  // "practice" stands for every practice kind; the track select exists only when the plan
  // has an optional track.
  function kindMatches(li, kind) {
    if (kind === "") { return true; }
    if (kind === "practice") { return li.hasAttribute("data-practice"); }
    return li.getAttribute("data-kind") === kind;
  }
  function trackMatches(li, track) {
    if (!track) { return true; }
    return li.hasAttribute("data-optional") === (track === "optional");
  }
  // Hide the items that do not match, then every topic and stage left with none.
  function filter() {
    var level = form.elements.level.value, kind = form.elements.kind.value;
    var track = form.elements.track ? form.elements.track.value : "";
    var any = level !== "" || kind !== "" || track !== "";
    document.querySelectorAll("li[data-level]").forEach(function (li) {
      li.hidden = (level !== "" && li.getAttribute("data-level") !== level) ||
        !kindMatches(li, kind) || !trackMatches(li, track);
    });
    document.querySelectorAll(".check-topic").forEach(function (topic) {
      topic.hidden = any && !topic.querySelector("li[data-level]:not([hidden])");
    });
    document.querySelectorAll("section[data-stage]").forEach(function (section) {
      section.hidden = !section.querySelector(".check-topic:not([hidden])");
    });
    update();
  }
  // The filters are kept (per browser, like the ticks) and put back on the next visit.
  var FILTERS = "syllabus:filters";
  function saveFilters() {
    if (!storage) { return; }
    var chosen = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name) { chosen[el.name] = el.value; }
    });
    storage.setItem(FILTERS, JSON.stringify(chosen));
  }
  function restoreFilters() {
    var chosen = null;
    try { chosen = storage ? JSON.parse(storage.getItem(FILTERS) || "null") : null; } catch (e) { chosen = null; }
    if (!chosen) { return false; }
    var any = false;
    Object.keys(chosen).forEach(function (name) {
      var el = form.elements[name];
      // Only a value the select still offers: the plan may have changed since.
      if (el && el.querySelector && Array.prototype.some.call(el.options || [], function (o) { return o.value === chosen[name]; })) {
        el.value = chosen[name];
        any = any || chosen[name] !== "";
      }
    });
    return any;
  }
  if (form) {
    form.addEventListener("change", function () { filter(); saveFilters(); });
    if (restoreFilters()) { filter(); }
    var print = document.getElementById("print");
    if (print) { print.addEventListener("click", function () { window.print(); }); }
    document.getElementById("export").addEventListener("click", function () {
      var done = boxes.filter(function (b) { return b.checked; }).map(function (b) {
        return JSON.stringify(b.getAttribute("data-link"));
      });
      var text = "# Reading progress, exported from the course checklist.\n" +
        "done = [" + (done.length ? "\n  " + done.join(",\n  ") + ",\n" : "") + "]\n";
      var url = URL.createObjectURL(new Blob([text], { type: "application/toml" }));
      var a = document.createElement("a");
      a.href = url;
      a.download = "progress.toml";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  }
  // On paper the deliverables are open. The stylesheet opens them where the browser styles
  // `::details-content`; this does it in the others, and folds them again after printing.
  // Each one opened is marked, so a second "beforeprint" before "afterprint" loses none.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.deliverable:not([open])").forEach(function (d) {
      d.setAttribute("data-printing", "");
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details.deliverable[data-printing]").forEach(function (d) {
      d.removeAttribute("data-printing");
      d.open = false;
    });
  });
  update();
})();
