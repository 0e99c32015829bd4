// Every page of the course site: the shared contents (from toc.js), the phone menu, keyboard
// shortcuts and search. Without JavaScript none of this runs and the pages stay plain links:
// the overview lists every stage and topic, and every page links to it.
(function () {
  "use strict";
  var site = window.syllabusSite || { toc: "", search: { chunk: 1, keys: [] } };

  function typing(el) {
    return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  // The contents: one copy in toc.js for the whole site, the current page marked and in view.
  var sidebar = document.getElementById("sidebar");
  if (sidebar && site.toc) {
    var fallback = sidebar.querySelector(".toc-fallback");
    if (fallback) { fallback.remove(); }
    sidebar.insertAdjacentHTML("beforeend", site.toc);
    var here = location.pathname.split("/").pop() || "index.html";
    var current = null;
    sidebar.querySelectorAll("a").forEach(function (a) {
      if (a.getAttribute("href") === here) { a.setAttribute("aria-current", "page"); current = a; }
    });
    // Only where the contents are beside the page (on a phone they are hidden until the menu
    // opens, which scrolls them then): reading a position lays the whole page out, and doing
    // that here would make this script's task a long one on a slow phone. In the next frame
    // the layout is the one the first paint needs anyway.
    if (current && !matchMedia("(max-width: 52rem)").matches) {
      requestAnimationFrame(function () {
        sidebar.scrollTop = current.offsetTop - sidebar.clientHeight / 3;
      });
    }
  }

  // The controls that work only with this script (the menu button, its close button and the
  // search field) are in the page already, shown by the stylesheet where scripting is on, so
  // that the page does not move when this runs.
  var menu = document.querySelector(".menu-button");
  var close = sidebar && sidebar.querySelector(".menu-close");
  var backdrop = document.querySelector(".menu-backdrop");
  // Phones: the contents open from a button instead of sitting after the whole page; the
  // close button, a tap outside the panel or Escape close them.
  function openMenu(open) {
    document.body.classList.toggle("menu-open", open);
    menu.setAttribute("aria-expanded", String(open));
    if (open && sidebar) {
      var mark = sidebar.querySelector("[aria-current]");
      sidebar.scrollTop = mark ? mark.offsetTop - sidebar.clientHeight / 3 : 0;
      if (close) { close.focus(); }
    } else if (!open) {
      menu.focus();
    }
  }
  if (menu && sidebar) {
    document.body.classList.add("has-menu");
    menu.addEventListener("click", function () {
      openMenu(!document.body.classList.contains("menu-open"));
    });
    sidebar.addEventListener("click", function (e) {
      if (e.target.closest("a")) { openMenu(false); }
    });
    if (close) { close.addEventListener("click", function () { openMenu(false); }); }
    if (backdrop) { backdrop.addEventListener("click", function () { openMenu(false); }); }
  }

  // Progress wherever a reading is listed: the same ticks as the checklist (localStorage,
  // under the link id), so a reading ticked on its topic page is ticked there too.
  var PREFIX = "syllabus:done:", storage = null;
  try { storage = window.localStorage; storage.getItem(PREFIX); } catch (e) { storage = null; }
  document.querySelectorAll("input.tick[data-link]").forEach(function (box) {
    var key = PREFIX + box.getAttribute("data-link"), item = box.closest("li");
    var stored = storage ? storage.getItem(key) : null;
    if (stored !== null) { box.checked = stored === "1"; }
    if (item) { item.classList.toggle("done", box.checked); }
    box.addEventListener("change", function () {
      if (storage) { storage.setItem(key, box.checked ? "1" : "0"); }
      if (item) { item.classList.toggle("done", box.checked); }
    });
  });

  // The graph's page: zoom in steps from the drawing's own size (never below it, where its
  // labels would shrink under 13 px); scrolling pans.
  var scroller = document.querySelector(".graph-scroll");
  if (scroller) {
    var natural = parseFloat(getComputedStyle(scroller).getPropertyValue("--graph-width")) || 0;
    var zoom = 1;
    document.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var step = +b.getAttribute("data-zoom");
        zoom = step === 0 ? 1 : Math.min(3, Math.max(1, zoom * (step > 0 ? 1.25 : 0.8)));
        scroller.style.setProperty("--graph-width", natural * zoom + "px");
      });
    });
  }

  // Search: shards of the index load when a query needs them (see src/site/search.rs).
  var box = document.getElementById("search");
  var panel = document.getElementById("search-results");
  var shards = {}, chunks = {}, loading = {}, asked = 0;
  window.syllabusSearch = {
    terms: function (key, data) { shards[key] = data; },
    docs: function (k, data) { chunks[k] = data; }
  };
  function load(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (done) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = s.onerror = function () { done(); };
        document.head.appendChild(s);
      });
    }
    return loading[src];
  }
  function tokens(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 1; });
  }
  function shardKey(word) {
    return Array.from(word).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "x" + c.codePointAt(0).toString(16);
    }).join("");
  }
  // The shards holding every indexed word that starts with `word`: keys are prefixes of words'
  // keys, split deeper where a shard grew big, so take each key on the word's own path and
  // every key below it.
  function shardsFor(word) {
    var q = shardKey(word);
    return site.search.keys.filter(function (k) {
      return k.lastIndexOf(q, 0) === 0 || q.lastIndexOf(k, 0) === 0;
    });
  }
  // Every word must match the start of some indexed word; a match in a title counts more.
  function score(words) {
    var total = null;
    words.forEach(function (word) {
      var mine = new Map();
      shardsFor(word).forEach(function (key) {
        var shard = shards[key] || {};
        Object.keys(shard).forEach(function (term) {
          if (term.lastIndexOf(word, 0) !== 0) { return; }
          var id = 0, exact = term === word ? 2 : 1;
          shard[term].forEach(function (gap) {
            id += gap;
            var doc = id >> 1, s = exact * (id & 1 ? 3 : 1);
            mine.set(doc, Math.max(mine.get(doc) || 0, s));
          });
        });
      });
      if (total === null) { total = mine; return; }
      var both = new Map();
      total.forEach(function (s, doc) { if (mine.has(doc)) { both.set(doc, s + mine.get(doc)); } });
      total = both;
    });
    return Array.from(total || []).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }
  function show(hits, shown) {
    panel.textContent = "";
    var p = document.createElement("p");
    p.className = "search-count";
    p.textContent = hits.length === 0 ? "No matches" :
      hits.length + (hits.length === 1 ? " match" : " matches") +
      (hits.length > shown.length ? ", the first " + shown.length + " shown" : "");
    panel.appendChild(p);
    var list = document.createElement("ul");
    shown.forEach(function (row) {
      var li = document.createElement("li"), a = document.createElement("a");
      var title = document.createElement("strong"), context = document.createElement("span");
      a.href = row[1];
      title.textContent = row[0];
      context.textContent = row[2];
      a.append(title, context);
      li.appendChild(a);
      list.appendChild(li);
    });
    panel.appendChild(list);
    panel.hidden = false;
  }
  // Document `id` as [title, href, context]. A chunk is [topics, rows]: a reading's row is
  // [title, link id, n], its topic's [title, href] being the chunk's topics[n].
  function row(id) {
    var chunk = chunks[Math.floor(id / site.search.chunk)] || [[], []];
    var r = chunk[1][id % site.search.chunk];
    if (!r) { return ["?", "#", ""]; }
    if (typeof r[2] !== "number") { return r; }
    var topic = chunk[0][r[2]] || ["?", "#"];
    return [r[0], topic[1] + "#l-" + r[1], "Reading \u00b7 " + topic[0]];
  }
  function run() {
    var query = ++asked, words = tokens(box.value);
    // "week 3" (or "w3") goes to that week of the schedule on the overview.
    var week = /^\s*w(?:eek)?\s*(\d+)\s*$/i.exec(box.value), n = week ? +week[1] : 0;
    if (n >= 1 && n <= (site.weeks || 0)) {
      show([1], [["Week " + n, "index.html#week-" + n, "Schedule \u00b7 what to read that week"]]);
      return;
    }
    if (!words.length) { panel.hidden = true; return; }
    var lists = words.map(shardsFor);
    if (lists.some(function (l) { return l.length === 0; })) { show([], []); return; }
    var keys = Array.from(new Set([].concat.apply([], lists)));
    Promise.all(keys.map(function (k) { return load("search/t-" + k + ".js"); })).then(function () {
      var hits = score(words), top = hits.slice(0, 20);
      var need = new Set(top.map(function (h) { return Math.floor(h[0] / site.search.chunk); }));
      return Promise.all(Array.from(need).map(function (k) { return load("search/d" + k + ".js"); }))
        .then(function () {
          if (query !== asked) { return; }
          show(hits, top.map(function (h) {
            return row(h[0]);
          }).filter(function (r) { return r[1] !== "#"; }));
        });
    });
  }
  if (box && panel) {
    var timer = 0;
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    box.addEventListener("keydown", function (e) {
      var first = panel.querySelector("a");
      if (e.key === "Enter" && first) { e.preventDefault(); first.click(); }
      if (e.key === "ArrowDown" && first) { e.preventDefault(); first.focus(); }
      if (e.key === "Escape") { box.value = ""; panel.hidden = true; box.blur(); }
    });
    panel.addEventListener("keydown", function (e) {
      var links = Array.from(panel.querySelectorAll("a")), at = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && at + 1 < links.length) { e.preventDefault(); links[at + 1].focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); (at > 0 ? links[at - 1] : box).focus(); }
      if (e.key === "Escape") { panel.hidden = true; box.focus(); }
    });
    document.addEventListener("click", function (e) {
      if (!e.target.closest(".search")) { panel.hidden = true; }
    });
  }

  // Keys, as in mdBook: `/` or `s` to search, left and right arrows for the previous and next
  // page. Never while typing in a field, nor with a modifier (those belong to the browser).
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || typing(e.target)) { return; }
    if ((e.key === "/" || e.key === "s") && box) {
      e.preventDefault();
      box.focus();
    } else if (e.key === "Escape" && document.body.classList.contains("menu-open")) {
      openMenu(false);
    } else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && !e.target.closest(".search")) {
      var go = document.querySelector(e.key === "ArrowLeft" ? "a[rel=prev]" : "a[rel=next]");
      if (go) { e.preventDefault(); location.href = go.href; }
    }
  });
})();
