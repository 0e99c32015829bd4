//! End to end in a real browser: headless Chromium driven over WebDriver (chromedriver) against
//! the site served by `syllabus serve` on 127.0.0.1.
//!
//! Without Chromium and chromedriver on PATH at build time the test is ignored, and the summary
//! says so with the reason (see `build.rs`); under CI (`CI=true`) it always runs, so a missing
//! browser fails it and CI cannot go green without running it.

use crate::common::{eventually, fixture, free_port, http, serve, Guard};
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

    pub fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
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

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs chromium and chromedriver on PATH (apt-get install chromium chromium-driver; then touch build.rs)"
)]
fn the_site_works_in_a_real_browser() {
    in_browser("valid", run);
}

/// Serve the site of fixture corpus `corpus`, open a headless Chromium session on it and call
/// `check` with the session, the site's base URL and its folder.
pub fn in_browser(corpus: &str, check: impl FnOnce(&Session, &str, &Path)) {
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
    let (_server, site_port) = serve(&fixture(corpus), &out, &[]);

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

    // A screenshot of the overview for people to look at.
    session.go(&format!("{base}/index.html"));
    let png = session.call("GET", "/screenshot", None);
    let bytes = decode_base64(png.as_str().unwrap());
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
    let target = Path::new(env!("CARGO_BIN_EXE_syllabus"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .to_path_buf();
    let shot = target.join("site-screenshot.png");
    std::fs::write(&shot, bytes).unwrap();
    println!("screenshot: {}", shot.display());
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
