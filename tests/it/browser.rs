//! End to end in a real browser: headless Chromium driven over WebDriver (chromedriver) against
//! the site served by `syllabus serve` on 127.0.0.1.
//!
//! Without Chromium and chromedriver on PATH at build time the test is ignored, and the summary
//! says so with the reason (see `build.rs`); under CI (`CI=true`) `ci_runs_the_browser_tests`
//! fails when they were left out, so CI cannot go green without running them.

use crate::common::{eventually, free_port, http, serve, Guard};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn find(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// A WebDriver session: JSON over HTTP to chromedriver.
pub struct Session {
    port: u16,
    id: String,
}

impl Session {
    pub fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.id);
        let body = body.map(|b| b.to_string());
        let (status, text) =
            http(method, self.port, &path, body.as_deref()).expect("chromedriver answers");
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert_eq!(status, 200, "{method} {path}: {text}");
        value["value"].clone()
    }

    /// Open `url` and wait until its page has loaded and its deferred scripts have run.
    /// WebDriver promises that much, but chromedriver on a loaded machine (CI runs this beside
    /// every other test on two cores) was seen returning while the new page still loaded.
    pub fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
        let href = url.split('#').next().unwrap_or(url);
        self.wait(
            &format!("{url} to load"),
            &format!(
                "return document.readyState === 'complete' && (location.origin + location.pathname + location.search) === {};",
                json!(href)
            ),
        );
    }

    pub fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Run `script` with a callback as its last argument and wait for it to call back.
    pub fn script_async(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    fn element(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("an element reference")
            .to_string()
    }

    /// The viewport's size. Phone widths are emulated (Chrome will not make a window that
    /// narrow), as a phone: overlay scrollbars, touch, `width=device-width`.
    fn size(&self, width: u32, height: u32) {
        let (cmd, params) = if width < 500 {
            let metrics =
                json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true });
            ("Emulation.setDeviceMetricsOverride", metrics)
        } else {
            self.call(
                "POST",
                "/window/rect",
                Some(json!({ "width": width, "height": height })),
            );
            ("Emulation.clearDeviceMetricsOverride", json!({}))
        };
        self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({ "cmd": cmd, "params": params })),
        );
        if width < 500 {
            // Media queries see the device width even where content overflows it (a phone then
            // zooms out, and innerWidth grows), which `overflow` checks.
            self.wait(
                "the new width",
                &format!("return matchMedia('(width: {width}px)').matches;"),
            );
        }
    }

    /// Press and release keys (WebDriver key values: "\u{E012}" is ArrowLeft, "\u{E014}"
    /// ArrowRight) on whatever has focus.
    fn keys(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|k| {
                let k = k.to_string();
                [
                    json!({"type": "keyDown", "value": k}),
                    json!({"type": "keyUp", "value": k}),
                ]
            })
            .collect();
        self.call(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
    }

    fn click(&self, css: &str) {
        let element = self.element(css);
        self.call(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    fn wait(&self, what: &str, script: &str) {
        if !eventually(Duration::from_secs(30), || self.script(script) == true) {
            panic!("timed out waiting for {what}; the page: {}", self.state());
        }
    }

    /// What a failed wait or check needs to be understood: where the page is, whether it has
    /// loaded, its width and the classes its scripts set.
    fn state(&self) -> Value {
        self.script(
            "return {href: location.href, ready: document.readyState, width: innerWidth,
                     client: document.documentElement.clientWidth,
                     narrow: matchMedia('(max-width: 52rem)').matches,
                     body: document.body && document.body.className,
                     loaded: performance.getEntriesByType('resource')
                         .map(e => e.name.split('/').pop() + ' ' + e.responseStatus)};",
        )
    }

    /// Severe browser log entries since the last call (console errors, failed loads, uncaught
    /// exceptions).
    pub fn errors(&self) -> Vec<String> {
        let log = self.call("POST", "/se/log", Some(json!({ "type": "browser" })));
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or("").to_string())
            .collect()
    }
}

/// CI decides at run time, not in `build.rs`: a build script that reran whenever `CI` changed
/// recompiled the crate on every switch between a shell and a CI step.
#[test]
fn ci_runs_the_browser_tests() {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if ci && !cfg!(has_chromium) {
        panic!("CI=true but the browser tests were compiled out: install chromium and chromium-driver, then `touch build.rs`");
    }
}

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs chromium and chromedriver on PATH (apt-get install chromium chromium-driver; then touch build.rs)"
)]
fn the_site_works_in_a_real_browser() {
    // The shipped course: big enough for weeks, levels and a graph worth looking at.
    let course = crate::common::root().join("topics");
    in_browser(&course, &["--start", "2027-01-04"], run);
}

/// Serve the site of the corpus folder `corpus` (with more `serve` options `args`), open a
/// headless Chromium session on it and call `check` with the session, the site's base URL and
/// its folder.
pub fn in_browser(corpus: &Path, args: &[&str], check: impl FnOnce(&Session, &str, &Path)) {
    let chromium = find(
        "CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let driver = find("CHROMEDRIVER", &["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        panic!(
            "chromium or chromedriver is missing: install Debian's chromium and chromium-driver"
        );
    };

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    // A copy, so that a test may edit the corpus under `serve`.
    let topics = dir.path().join("topics");
    copy_dir(corpus, &topics);
    let (_server, site_port) = serve(&topics, &out, args);

    let driver_port = free_port();
    let _driver = Guard(
        Command::new(&driver)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    assert!(
        eventually(Duration::from_secs(30), || {
            http("GET", driver_port, "/status", None)
                .is_ok_and(|(_, body)| body.contains("\"ready\":true"))
        }),
        "chromedriver never became ready"
    );
    let profile = dir.path().join("profile");
    let capabilities = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:loggingPrefs": { "browser": "ALL" },
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--window-size=1280,1500",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    }}});
    let (status, text) = http(
        "POST",
        driver_port,
        "/session",
        Some(&capabilities.to_string()),
    )
    .unwrap();
    assert_eq!(status, 200, "new session: {text}");
    let created: Value = serde_json::from_str(&text).unwrap();
    let session = Session {
        port: driver_port,
        id: created["value"]["sessionId"].as_str().unwrap().to_string(),
    };
    let base = format!("http://127.0.0.1:{site_port}");

    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check(&session, &base, &out);
    }));
    let _ = http(
        "DELETE",
        driver_port,
        &format!("/session/{}", session.id),
        None,
    );
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

fn run(session: &Session, base: &str, out: &Path) {
    // Every page loads without a console error.
    let mut pages: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 10, "{pages:?}");
    for page in &pages {
        session.go(&format!("{base}/{page}"));
        let title = session.script("return document.title;");
        assert!(
            title.as_str().is_some_and(|t| !t.is_empty()),
            "{page}: no title"
        );
        let errors = session.errors();
        assert!(errors.is_empty(), "{page}: console errors: {errors:?}");
    }

    // The log does catch errors: otherwise the loop above proves nothing.
    session.script("console.error('syllabus self-check');");
    let caught = session.errors();
    assert!(
        caught.iter().any(|e| e.contains("syllabus self-check")),
        "{caught:?}"
    );

    // The checklist: tick the first reading, see the hours move, reload, see both kept.
    session.go(&format!("{base}/checklist.html"));
    let minutes = session
        .script("return parseInt(document.querySelector('li[data-minutes]').dataset.minutes, 10);")
        .as_u64()
        .unwrap();
    let total = session
        .script("return parseInt(document.getElementById('overall').dataset.minutes, 10);")
        .as_u64()
        .unwrap();
    let done_text = "return document.querySelector('#overall .done-hours').textContent;";
    let left_text = "return document.querySelector('#overall .left-hours').textContent;";
    assert_eq!(session.script(done_text), "0");
    let first = session.element("input[data-link]");
    session.call("POST", &format!("/element/{first}/click"), Some(json!({})));
    let expected_done = hours(minutes);
    let expected_left = hours(total - minutes);
    assert_eq!(session.script(done_text), expected_done.as_str());
    assert_eq!(session.script(left_text), expected_left.as_str());

    session.call("POST", "/refresh", Some(json!({})));
    let first = session.element("input[data-link]");
    assert_eq!(
        session.call("GET", &format!("/element/{first}/selected"), None),
        true
    );
    assert_eq!(session.script(done_text), expected_done.as_str());
    assert_eq!(session.script(left_text), expected_left.as_str());
    let stage_done = session
        .script("return document.querySelector('section[data-stage] .done-hours').textContent;");
    assert_eq!(stage_done, expected_done.as_str());
    let stored = session
        .script("return Object.keys(localStorage).filter(k => k.startsWith('syllabus:done:'));");
    assert_eq!(stored.as_array().map(Vec::len), Some(1), "{stored}");

    // The filter hides what does not match, and shows it again.
    let visible =
        "return [...document.querySelectorAll('li[data-level]')].filter(li => !li.hidden).length;";
    let all = session.script(visible).as_u64().unwrap();
    session.script(
        "const s = document.querySelector('select[name=level]'); s.value = 'advanced'; s.dispatchEvent(new Event('change', {bubbles: true}));",
    );
    let advanced = session.script(visible).as_u64().unwrap();
    assert!(advanced >= 1 && advanced < all, "{advanced} of {all}");
    let errors = session.errors();
    assert!(errors.is_empty(), "checklist: console errors: {errors:?}");

    filters_survive_a_reload(session, base);
    filters_hide_what_is_empty(session, base);
    readings_are_numbered_across_weeks(session, base);
    the_graph_fits(session, base);
    search_finds_a_reading_by_its_note(session, base);
    search_finds_abbreviations_and_weeks(session, base);
    arrow_keys_turn_pages(session, base);
    the_phone_menu_opens_the_contents(session, base);
    for (width, height) in [(1280, 900), (390, 844)] {
        session.size(width, height);
        the_menu_scrolls_and_closes(session, base, width);
        pages_do_not_move_as_they_load(session, base, width);
        touch_targets_are_big_enough(session, base, width);
        graph_labels_are_readable(session, base, width);
        week_links_land_on_their_week(session, base, width);
        progress_shows_where_readings_are_listed(session, base, width);
        optional_readings_have_contrast(session, base, width);
        axe_finds_no_violations(session, base, width);
        without_javascript_the_text_is_true(session, base, width);
    }
    session.size(1280, 1000);
    the_contents_are_near_for_a_keyboard(session, base);
    screenshots(session, base);
    an_edit_reloads_the_open_page(session, base, out);
    let errors = session.errors();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

/// For a viewport `width` px wide: the page's width, its scrolling width, and what sticks out to
/// the right (empty if nothing; the graph's box scrolls what it holds). A phone zooms out to fit overflowing content, growing
/// `innerWidth`, so the width to fit is the one asked for.
fn overflow(width: u32) -> String {
    format!(
        "const w = Math.min(document.documentElement.clientWidth, {width});
    const out = [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > w + 0.5 && !e.closest('[hidden]'))
        .filter(e => !e.closest('details:not([open])') || e.closest('summary'))
        .filter(e => getComputedStyle(e).position !== 'fixed')
        .filter(e => !e.closest('.graph-scroll'))
        .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.getAttribute('href') || '') + ' in ' + e.parentElement.tagName + '.' + e.parentElement.className + ' ' + e.getBoundingClientRect().right);
    return [w, document.documentElement.scrollWidth, out];"
    )
}

fn filters_survive_a_reload(session: &Session, base: &str) {
    session.go(&format!("{base}/checklist.html"));
    let visible =
        "return [...document.querySelectorAll('li[data-level]')].filter(li => !li.hidden).length;";
    session.script(
        "const s = document.querySelector('select[name=level]'); s.value = 'intro'; s.dispatchEvent(new Event('change', {bubbles: true}));",
    );
    let filtered = session.script(visible);
    session.call("POST", "/refresh", Some(json!({})));
    session.wait(
        "the checklist to load again",
        "return document.readyState === 'complete';",
    );
    assert_eq!(
        session.script("return document.querySelector('select[name=level]').value;"),
        "intro",
        "the filter is kept"
    );
    assert_eq!(session.script(visible), filtered, "and applied again");
    // Back to no filter, for the checks that follow.
    session.script(
        "const s = document.querySelector('select[name=level]'); s.value = ''; s.dispatchEvent(new Event('change', {bubbles: true}));",
    );
}

/// The sum of layout shifts since the page started loading (CLS as Lighthouse counts it for a
/// load with no input), from a PerformanceObserver in the page.
fn layout_shift(session: &Session) -> f64 {
    session
        .script_async(
            "const done = arguments[arguments.length - 1]; let sum = 0;
             new PerformanceObserver(list => {
               for (const e of list.getEntries()) { if (!e.hadRecentInput) { sum += e.value; } }
             }).observe({type: 'layout-shift', buffered: true});
             setTimeout(() => done(sum), 600);",
        )
        .as_f64()
        .expect("a number")
}

fn pages_do_not_move_as_they_load(session: &Session, base: &str, width: u32) {
    for page in [
        "index.html",
        "stage-consensus.html",
        "topic-paxos.html",
        "checklist.html",
        "graph.html",
    ] {
        session.go(&format!("{base}/{page}"));
        let cls = layout_shift(session);
        println!("CLS {page} at {width}px: {cls:.4}");
        assert!(cls < 0.1, "{page} at {width}px: CLS {cls}");
        // The header holds the script's controls from the first paint: none was added.
        let header = session.script(
            "return [!!document.querySelector('.site-header .search'), !!document.querySelector('.site-header .menu-button')];",
        );
        assert_eq!(header, json!([true, true]), "{page}");
    }
    // The measure does catch a shift: push the page down by a third of the screen.
    // (Late enough that no input of an earlier check counts as recent.)
    session.go(&format!("{base}/index.html"));
    let pushed = session.script_async(
        "const done = arguments[arguments.length - 1]; let sum = 0;
         setTimeout(() => {
           new PerformanceObserver(list => {
             for (const e of list.getEntries()) { if (!e.hadRecentInput) { sum += e.value; } }
           }).observe({type: 'layout-shift', buffered: true});
           const d = document.createElement('div'); d.style.height = '300px';
           document.querySelector('main').prepend(d);
           setTimeout(() => done(sum), 600);
         }, 800);",
    );
    assert!(
        pushed.as_f64().unwrap() > 0.1,
        "{width}px: a pushed page measures {pushed}"
    );
}

fn the_menu_scrolls_and_closes(session: &Session, base: &str, width: u32) {
    session.go(&format!("{base}/topic-paxos.html"));
    let sidebar =
        "const nav = document.getElementById('sidebar'), r = nav.getBoundingClientRect();";
    if width >= 900 {
        // Beside the page: the contents fit the screen and scroll to the last stage (a pixel of
        // slack, as for the height: the sticky sidebar sits at a fractional offset under the
        // header, so the scrolled link can end half a pixel past the window).
        let m = session.script(&format!(
            "{sidebar}
             const last = [...nav.querySelectorAll(':scope > ol > li > a')].pop();
             last.scrollIntoView({{block: 'nearest'}});
             const l = last.getBoundingClientRect();
             return [getComputedStyle(nav).display, r.height <= innerHeight + 1, l.top >= 0 && l.bottom <= innerHeight + 1];"
        ));
        assert_eq!(m, json!(["block", true, true]), "{width}px: {m}");
        return;
    }
    session.click(".menu-button");
    let m = session.script(&format!(
        "{sidebar}
         const close = nav.querySelector('.menu-close').getBoundingClientRect();
         const stages = [...nav.querySelectorAll(':scope > ol > li > a')];
         nav.scrollTop = nav.scrollHeight;
         const last = stages[stages.length - 1].getBoundingClientRect();
         const c2 = nav.querySelector('.menu-close').getBoundingClientRect();
         return [r.top >= 0 && r.bottom <= innerHeight + 1, nav.scrollHeight > nav.clientHeight,
                 last.top >= 0 && last.bottom <= innerHeight, close.height >= 24 && close.width >= 24,
                 c2.top >= -1 && c2.bottom <= innerHeight, stages.length];"
    ));
    assert_eq!(
        &m.as_array().unwrap()[..5],
        &[
            json!(true),
            json!(true),
            json!(true),
            json!(true),
            json!(true)
        ],
        "the panel fits the screen, scrolls to the last stage, its close button stays in view: {m}"
    );
    let closed = "return getComputedStyle(document.getElementById('sidebar')).display === 'none';";
    session.click(".menu-close");
    assert_eq!(session.script(closed), true, "the close button closes it");
    // A tap beside the panel (on the backdrop) closes it too.
    session.click(".menu-button");
    assert_eq!(session.script(closed), false);
    session.call(
        "POST",
        "/actions",
        Some(json!({ "actions": [{ "type": "pointer", "id": "finger",
            "parameters": { "pointerType": "touch" },
            "actions": [
                { "type": "pointerMove", "x": width - 10, "y": 400 },
                { "type": "pointerDown", "button": 0 },
                { "type": "pointerUp", "button": 0 }
            ] }] })),
    );
    session.call("DELETE", "/actions", None);
    assert_eq!(session.script(closed), true, "a tap outside closes it");
}

fn touch_targets_are_big_enough(session: &Session, base: &str, width: u32) {
    for (page, css) in [
        ("checklist.html", "input[type=checkbox]"),
        ("topic-paxos.html", "input.tick"),
        ("index.html", ".menu-button, .search input"),
    ] {
        session.go(&format!("{base}/{page}"));
        let small = session.script(&format!(
            "return [...document.querySelectorAll('{css}')]
               .filter(e => e.getClientRects().length > 0)
               .map(e => e.getBoundingClientRect())
               .filter(r => r.width < 24 || r.height < 24)
               .map(r => r.width + 'x' + r.height).slice(0, 5);"
        ));
        assert_eq!(small, json!([]), "{page} at {width}px: {css} under 24 px");
        let count = session.script(&format!(
            "return [...document.querySelectorAll('{css}')].filter(e => e.getClientRects().length > 0).length;"
        ));
        let expect_some = !(width >= 900 && css.starts_with(".menu-button"));
        assert!(
            !expect_some || count.as_u64().unwrap() >= 1,
            "{page}: no {css}"
        );
    }
}

fn graph_labels_are_readable(session: &Session, base: &str, width: u32) {
    session.go(&format!("{base}/graph.html"));
    let sizes = session.script(
        "const svg = document.querySelector('svg.graph'), scale = svg.getScreenCTM().a;
         const px = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
         return [Math.min(...px), px.length, document.body.innerText.includes('syllabus graph')];",
    );
    println!("graph labels at {width}px: {sizes}");
    assert!(
        sizes[0].as_f64().unwrap() >= 12.0 && sizes[1].as_u64().unwrap() > 10,
        "{width}px: labels {sizes}"
    );
    assert_eq!(sizes[2], false, "no command-line advice on the web");
    // Zooming in makes them larger, never smaller.
    session.click("[data-zoom='1']");
    let zoomed = session.script(
        "const svg = document.querySelector('svg.graph');
         return parseFloat(getComputedStyle(svg.querySelector('text')).fontSize) * svg.getScreenCTM().a;",
    );
    assert!(
        zoomed.as_f64().unwrap() > sizes[0].as_f64().unwrap(),
        "{zoomed}"
    );
    // On the overview the graph is a link after the schedule, not a drawing before it.
    session.go(&format!("{base}/index.html"));
    let index = session.script(
        "const link = document.querySelector('a[href=\"graph.html\"]:not(nav a)');
         const table = document.querySelector('table.schedule');
         return [!document.querySelector('main svg.graph'), !!link,
                 !!(link && table && (table.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING))];",
    );
    assert_eq!(index, json!([true, true, true]), "{width}px");
}

fn week_links_land_on_their_week(session: &Session, base: &str, width: u32) {
    session.go(&format!("{base}/index.html"));
    let links = session.script(
        "return [...document.querySelectorAll('table.schedule a[href*=\"#week-\"]')].map(a => a.getAttribute('href'));",
    );
    let links: Vec<String> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    assert!(links.len() > 5, "{links:?}");
    // Each week's first link, and every link to a page of a reading running over weeks.
    let mut seen = std::collections::BTreeSet::new();
    for link in links
        .iter()
        .filter(|l| seen.insert(l.split('#').next().unwrap().to_string()) || l.contains("raft"))
    {
        session.go(&format!("{base}/{link}"));
        let (_, id) = link.split_once('#').unwrap();
        let found = session.script(&format!(
            "const e = document.getElementById('{id}'); if (!e) return null; const r = e.getBoundingClientRect(); return [r.top >= -2, r.top < innerHeight];"
        ));
        assert_eq!(found, json!([true, true]), "{width}px: {link}");
    }
}

/// WCAG contrast of every text node's colour against the page's background, for the optional
/// track's readings (once drawn faded, at 4.37:1): at least 4.5:1, and nothing faded.
fn optional_readings_have_contrast(session: &Session, base: &str, width: u32) {
    session.go(&format!("{base}/topic-paxos.html"));
    let worst = session.script(
        "const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
         const lum = c => { const v = rgb(c).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                            return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
         const bg = lum(getComputedStyle(document.body).backgroundColor);
         const items = [...document.querySelectorAll('li.optional')];
         let worst = 99, faded = 0;
         for (const li of items) {
           for (let e = li; e; e = e.parentElement) { if (parseFloat(getComputedStyle(e).opacity) < 1) { faded++; } }
           for (const el of li.querySelectorAll('*')) {
             if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) { continue; }
             const l = lum(getComputedStyle(el).color), [a, b] = [Math.max(l, bg), Math.min(l, bg)];
             worst = Math.min(worst, (a + 0.05) / (b + 0.05));
           }
         }
         return [items.length, worst, faded];",
    );
    println!("optional readings at {width}px: {worst}");
    assert!(
        worst[0].as_u64().unwrap() >= 1,
        "no optional reading on the page"
    );
    assert!(worst[1].as_f64().unwrap() >= 4.5, "{width}px: {worst}");
    assert_eq!(worst[2], 0, "{width}px: faded: {worst}");
}

/// axe-core (vendored in tests/fixtures/axe, MPL-2.0: no network in CI) finds no violation,
/// contrast and target size (WCAG 2.5.8, off in axe by default) included, on every page type,
/// in light and dark, with the phone's menu open too. A page with a known fault proves it looks.
fn axe_finds_no_violations(session: &Session, base: &str, width: u32) {
    let axe = std::fs::read_to_string(crate::common::root().join("tests/fixtures/axe/axe.min.js"))
        .expect("the vendored axe-core");
    // axe walks every element: the checklist's 1,300 take seconds on a loaded machine.
    session.call("POST", "/timeouts", Some(json!({ "script": 120_000 })));
    let audit = |what: &str| -> Value {
        session.script(&axe);
        let found = session.script_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {rules: {'target-size': {enabled: true}}}).then(
               r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length,
                 v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)])),
               e => done([['axe failed', String(e)]]));",
        );
        println!(
            "axe {what} at {width}px: {} violations",
            found.as_array().map_or(0, Vec::len)
        );
        found
    };
    let dark = |on: bool| {
        let features = if on {
            json!([{ "name": "prefers-color-scheme", "value": "dark" }])
        } else {
            json!([])
        };
        session.call(
            "POST",
            "/goog/cdp/execute",
            Some(
                json!({ "cmd": "Emulation.setEmulatedMedia", "params": { "features": features } }),
            ),
        );
    };
    let pages = [
        "index.html",
        "stage-consensus.html",
        "topic-paxos.html",
        "checklist.html",
        "graph.html",
    ];
    for scheme in ["light", "dark"] {
        dark(scheme == "dark");
        for page in pages {
            session.go(&format!("{base}/{page}"));
            let found = audit(&format!("{page} ({scheme})"));
            assert_eq!(found, json!([]), "axe: {page} at {width}px, {scheme}");
        }
        if width < 500 {
            session.go(&format!("{base}/topic-paxos.html"));
            session.click(".menu-button");
            let found = audit(&format!("the open menu ({scheme})"));
            assert_eq!(
                found,
                json!([]),
                "axe: the open menu at {width}px, {scheme}"
            );
        }
    }
    dark(false);
    // The check does catch a fault: an image without a text alternative.
    session.go(&format!("{base}/index.html"));
    session.script(
        "const i = document.createElement('img'); i.src = 'data:,'; i.width = 40; i.height = 40; document.querySelector('main').prepend(i);",
    );
    let found = audit("a page with a fault");
    assert!(
        found
            .as_array()
            .is_some_and(|v| v.iter().any(|v| v[0] == "image-alt")),
        "{width}px: axe missed an image without alt: {found}"
    );
}

/// With scripting off, a page says only what is true: nothing visible promises kept ticks, an
/// export, a search or a menu that is not there; the checklist says the boxes are not kept, and
/// the contents are one link away.
fn without_javascript_the_text_is_true(session: &Session, base: &str, width: u32) {
    let scripting = |off: bool| {
        session.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({ "cmd": "Emulation.setScriptExecutionDisabled", "params": { "value": off } })),
        );
    };
    scripting(true);
    for page in ["checklist.html", "topic-paxos.html", "index.html"] {
        session.go(&format!("{base}/{page}"));
        let seen = session.script(
            "const shown = e => e.getClientRects().length > 0;
             const toc = document.querySelector('#sidebar .toc-fallback a');
             return [matchMedia('(scripting: none)').matches, document.body.innerText,
                     [...document.querySelectorAll('.menu-button, .menu-close, #search, #export, #filters, .progress')]
                         .filter(shown).map(e => e.id || e.className),
                     !!toc && shown(toc) && toc.getAttribute('href')];",
        );
        assert_eq!(seen[0], true, "{page} at {width}px: scripting is still on");
        let text = seen[1].as_str().unwrap();
        for promise in ["Export my progress", "kept in this browser"] {
            assert!(
                !text.contains(promise),
                "{page} at {width}px without JavaScript shows {promise:?}"
            );
        }
        assert_eq!(
            seen[2],
            json!([]),
            "{page} at {width}px: controls that need the script show"
        );
        assert_eq!(
            seen[3], "index.html#contents",
            "{page} at {width}px: the contents"
        );
        if page == "checklist.html" {
            assert!(
                text.contains("With JavaScript off, the boxes are not kept"),
                "{width}px: the checklist does not say its boxes are not kept"
            );
        }
    }
    scripting(false);
    session.go(&format!("{base}/checklist.html"));
    assert_eq!(
        session.script("return matchMedia('(scripting: enabled)').matches && !!document.querySelector('#sidebar > ol');"),
        true,
        "scripting is back on"
    );
}

/// A keyboard reaches the contents in a few tabs, not after the whole page: the second skip
/// link, then the first contents link.
fn the_contents_are_near_for_a_keyboard(session: &Session, base: &str) {
    session.size(1280, 900);
    session.go(&format!("{base}/checklist.html"));
    session.script("document.activeElement.blur();");
    session.keys("\u{E004}\u{E004}");
    assert_eq!(
        session.script("return document.activeElement.getAttribute('href');"),
        "#sidebar"
    );
    session.keys("\u{E007}\u{E004}");
    let at = session.script(
        "return !!document.activeElement.closest('#sidebar') && document.activeElement.tagName;",
    );
    assert_eq!(
        at, "A",
        "three keys from the top to the first contents link"
    );
}

fn progress_shows_where_readings_are_listed(session: &Session, base: &str, width: u32) {
    session.go(&format!("{base}/topic-paxos.html"));
    let first = "return document.querySelector('input.tick').dataset.link;";
    let id = session.script(first);
    session.script("localStorage.clear();");
    session.call("POST", "/refresh", Some(json!({})));
    session.wait("the page", "return document.readyState === 'complete';");
    session.click("input.tick");
    session.go(&format!("{base}/checklist.html"));
    let ticked = session.script(&format!(
        "return document.querySelector('input[data-link=\"' + {id} + '\"]').checked;"
    ));
    assert_eq!(
        ticked, true,
        "{width}px: ticked on its topic page, ticked on the checklist"
    );
    session.go(&format!("{base}/topic-paxos.html"));
    let shown = session.script(
        "const box = document.querySelector('input.tick'); return [box.checked, box.closest('li').classList.contains('done')];",
    );
    assert_eq!(shown, json!([true, true]), "{width}px");
    session.script("localStorage.clear();");
}

fn search_finds_abbreviations_and_weeks(session: &Session, base: &str) {
    for (query, wanted) in [
        ("2pc", "topic-atomic-commit.html"),
        ("bft", "topic-byzantine-fault-tolerance.html"),
        ("week 3", "index.html#week-3"),
    ] {
        session.go(&format!("{base}/index.html"));
        session.script(&format!(
            "const box = document.getElementById('search'); box.value = '{query}'; box.dispatchEvent(new Event('input'));"
        ));
        session.wait(
            &format!("a result for {query}"),
            &format!(
                "return [...document.querySelectorAll('#search-results a')].some(a => a.getAttribute('href').startsWith('{wanted}'));"
            ),
        );
    }
}

fn filters_hide_what_is_empty(session: &Session, base: &str) {
    session.go(&format!("{base}/checklist.html"));
    let shown = "const v = e => !e.closest('[hidden]');
        const items = [...document.querySelectorAll('li[data-level]')].filter(v);
        const empty = sel => [...document.querySelectorAll(sel)].filter(v)
            .filter(e => !e.querySelector('li[data-level]:not([hidden])')).length;
        return [items.length, items.reduce((m, li) => m + (+li.dataset.minutes || 0), 0),
            empty('.check-topic'), empty('section[data-stage]'),
            +document.querySelector('#shown .shown-count').textContent,
            document.querySelector('#shown .shown-hours').textContent,
            document.querySelectorAll('.check-topic[hidden], section[data-stage][hidden]').length,
            v(document.getElementById('shown'))];";
    let before = session.script(shown);
    for level in ["intro", "advanced"] {
        session.script(&format!(
            "const s = document.querySelector('select[name=level]'); s.value = '{level}'; s.dispatchEvent(new Event('change', {{bubbles: true}}));"
        ));
        let after = session.script(shown);
        let count = after[0].as_u64().unwrap();
        assert!(
            count >= 1 && count < before[0].as_u64().unwrap(),
            "{level}: {after}"
        );
        assert_eq!(
            after[2], 0,
            "{level}: a topic heading without readings shows: {after}"
        );
        assert_eq!(
            after[3], 0,
            "{level}: a stage without readings shows: {after}"
        );
        assert_eq!(
            after[4], count,
            "{level}: the count says otherwise: {after}"
        );
        assert_eq!(
            after[5],
            hours(after[1].as_u64().unwrap()).as_str(),
            "{level}: {after}"
        );
        assert!(
            after[6].as_u64().unwrap() >= 1,
            "{level}: nothing was hidden: {after}"
        );
        assert_eq!(after[7], true, "the count is shown");
    }
    // Filters are kept: leave none for the checks that follow.
    session.script("localStorage.removeItem('syllabus:filters');");
}

fn readings_are_numbered_across_weeks(session: &Session, base: &str) {
    session.go(&format!("{base}/topic-paxos.html"));
    let found = session.script(
        "const lists = [...document.querySelectorAll('main ol.readings')];
         return [lists.flatMap(ol => [...ol.children].map((li, i) => ol.start + i)),
                 lists.every(ol => [...ol.children].every(li => li.matches('li.reading'))),
                 document.querySelectorAll('main .week-label').length];",
    );
    let numbers: Vec<u64> = found[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert!(numbers.len() >= 4, "{found}");
    assert_eq!(numbers, (1..=numbers.len() as u64).collect::<Vec<_>>());
    assert_eq!(found[1], true, "only readings are list items: {found}");
    assert!(
        found[2].as_u64().unwrap() >= 2,
        "Paxos spans two weeks: {found}"
    );
}

fn the_graph_fits(session: &Session, base: &str) {
    for width in [1280, 390] {
        session.size(width, 1000);
        for page in ["index.html", "graph.html"] {
            session.go(&format!("{base}/{page}"));
            let wide = session.script(&overflow(width));
            assert_eq!(
                wide[2],
                json!([]),
                "{width}px: {page} scrolls sideways: {wide}"
            );
        }
        // The graph's own box fits the column and scrolls inside it.
        let m = session.script(
            "const box = document.querySelector('.graph-scroll').getBoundingClientRect();
             const col = document.querySelector('main').getBoundingClientRect();
             const svg = document.querySelector('svg.graph').getBoundingClientRect();
             return [box.left >= col.left - 0.5, box.right <= col.right + 0.5, svg.width > 200, svg.height > 200];",
        );
        assert_eq!(m, json!([true, true, true, true]), "{width}px: {m}");
    }
    session.size(1280, 1000);
}

fn search_finds_a_reading_by_its_note(session: &Session, base: &str) {
    session.go(&format!("{base}/topic-raft.html"));
    // On a loaded machine a key can arrive before the page's script listens: wait for the
    // script to show the field, then press `/` until it takes the focus.
    session.wait(
        "the script to show the search field",
        "return document.readyState === 'complete' && !document.getElementById('search').closest('[hidden]');",
    );
    assert!(
        eventually(Duration::from_secs(10), || {
            session.keys("/");
            session.script("return document.activeElement.id;") == "search"
        }),
        "`/` does not focus the search field"
    );
    // "P2c" is in the note of Paxos Made Simple, not in its title.
    session.keys("p2c");
    session.wait(
        "a search result",
        "return !!document.querySelector('#search-results a[href=\"topic-paxos.html#l-paxos-made-simple\"]');",
    );
    // Arrow keys in the field move the caret, not the page.
    session.keys("\u{E014}");
    std::thread::sleep(Duration::from_millis(300));
    let url = session.script("return location.pathname;");
    assert_eq!(url, "/topic-raft.html");
    session.keys("\u{E007}");
    session.wait(
        "the result's page",
        "return location.pathname === '/topic-paxos.html' && location.hash === '#l-paxos-made-simple';",
    );
}

fn arrow_keys_turn_pages(session: &Session, base: &str) {
    session.go(&format!("{base}/topic-paxos.html"));
    let next = session.script("return document.querySelector('a[rel=next]').pathname;");
    session.keys("\u{E014}");
    session.wait(
        "the next page",
        &format!("return location.pathname === {next};"),
    );
    session.keys("\u{E012}");
    session.wait(
        "the previous page",
        "return location.pathname === '/topic-paxos.html';",
    );
}

fn the_phone_menu_opens_the_contents(session: &Session, base: &str) {
    session.size(390, 844);
    for page in ["index.html", "topic-paxos.html", "checklist.html"] {
        session.go(&format!("{base}/{page}"));
        let wide = session.script(&overflow(390));
        assert_eq!(
            wide[2],
            json!([]),
            "{page} at 390px scrolls sideways: {wide}"
        );
    }
    session.go(&format!("{base}/topic-paxos.html"));
    let closed = "return getComputedStyle(document.getElementById('sidebar')).display === 'none';";
    assert_eq!(
        session.script(closed),
        true,
        "the contents are hidden until asked for: {}",
        session.state()
    );
    session.click(".menu-button");
    let open = session.script(
        "const nav = document.getElementById('sidebar'), r = nav.getBoundingClientRect();
         const here = nav.querySelector('a[aria-current=page]');
         const h = here.getBoundingClientRect();
         return [getComputedStyle(nav).display, r.right <= innerWidth, here.getAttribute('href'),
                 h.top >= r.top && h.bottom <= r.bottom,
                 document.querySelector('.menu-button').getAttribute('aria-expanded')];",
    );
    assert_eq!(
        open,
        json!(["block", true, "topic-paxos.html", true, "true"])
    );
    session.keys("\u{E00C}");
    assert_eq!(
        session.script(closed),
        true,
        "Escape closes the contents: {}",
        session.state()
    );
    session.size(1280, 1000);
}

/// Under `serve`, an edit to the corpus rebuilds the site and the open page reloads by itself.
fn an_edit_reloads_the_open_page(session: &Session, base: &str, out: &Path) {
    session.go(&format!("{base}/topic-paxos.html"));
    session.script("window.syllabusBeforeEdit = true;");
    let file = out.parent().unwrap().join("topics/paxos.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("title = \"Paxos\"\n"), "the fixture changed");
    std::fs::write(
        &file,
        text.replace("title = \"Paxos\"\n", "title = \"Paxos, edited\"\n"),
    )
    .unwrap();
    let reloaded = "return !window.syllabusBeforeEdit && document.querySelector('h1').textContent === 'Paxos, edited';";
    assert!(
        eventually(Duration::from_secs(30), || session.script(reloaded) == true),
        "the page did not reload with the edit: {}",
        session.script(
            "return [!!window.syllabusBeforeEdit, document.querySelector('h1').textContent];"
        )
    );
}

/// Screenshots for people to look at, in target/screenshots.
fn screenshots(session: &Session, base: &str) {
    let target = Path::new(env!("CARGO_BIN_EXE_syllabus"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .join("screenshots");
    std::fs::create_dir_all(&target).unwrap();
    let shoot = |name: &str| {
        let png = session.call("GET", "/screenshot", None);
        let bytes = decode_base64(png.as_str().unwrap());
        assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
        let path = target.join(format!("{name}.png"));
        std::fs::write(&path, bytes).unwrap();
        println!("screenshot: {}", path.display());
    };
    for (width, height) in [(1280, 1400), (390, 1400)] {
        session.size(width, height);
        for page in ["index", "topic-paxos", "checklist"] {
            session.go(&format!("{base}/{page}.html"));
            shoot(&format!("{page}-{width}"));
        }
        session.go(&format!("{base}/graph.html"));
        shoot(&format!("graph-{width}"));
    }
    session.click(".menu-button");
    shoot("menu-390");
    session.size(1280, 900);
    session.go(&format!("{base}/topic-raft.html"));
    session.keys("/paxos");
    session.wait(
        "results",
        "return !!document.querySelector('#search-results a');",
    );
    shoot("search-1280");
}

/// Same rounding as the site: tenths of an hour, half up.
fn hours(minutes: u64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(c);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}
