//! `syllabus check --links` against a local HTTP server this test starts on 127.0.0.1 (never
//! the internet): each kind of answer, its message and the exit code, the per-host limit
//! counted on the server side, the cache, `--fix`, and dead links shown in the plan.

use crate::common::{assert_expected, root, stderr, stdout, syllabus_in};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server saw: each request as `METHOD /path`, and the most connections it was
/// answering at once.
#[derive(Default)]
struct Seen {
    requests: Mutex<Vec<String>>,
    in_flight: AtomicUsize,
    most: AtomicUsize,
    per_path: Mutex<HashMap<String, usize>>,
    /// When each request arrived, and the User-Agent it gave.
    starts: Mutex<Vec<std::time::Instant>>,
    agents: Mutex<Vec<String>>,
    /// Makes `/missing` answer 200: the page came back.
    revived: AtomicBool,
}

struct Server {
    port: u16,
    seen: Arc<Seen>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Seen::default());
        let shared = Arc::clone(&seen);
        // The thread ends with the test process; every test has its own server.
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let seen = Arc::clone(&shared);
                std::thread::spawn(move || answer(stream, &seen, port));
            }
        });
        Server { port, seen }
    }

    fn requests(&self) -> Vec<String> {
        std::mem::take(&mut *self.seen.requests.lock().unwrap())
    }
}

fn answer(stream: TcpStream, seen: &Seen, port: u16) {
    let _ = respond(stream, seen, port);
}

fn respond(mut stream: TcpStream, seen: &Seen, port: u16) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    if reader.fill_buf()?.first() == Some(&0x16) {
        // A TLS handshake on this plain-HTTP port: answer in plain text, as a misconfigured
        // server would, so the client sees a broken TLS record.
        stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")?;
        return Ok(());
    }
    let mut first = String::new();
    reader.read_line(&mut first)?;
    seen.starts.lock().unwrap().push(std::time::Instant::now());
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("user-agent") {
                seen.agents.lock().unwrap().push(value.trim().to_string());
            }
        }
    }
    // A request is in flight from when it has been read until its answer is sent: counted
    // down before the answer goes out, so a client that starts its next request on reading
    // this one's answer is never counted twice, however late this thread runs on.
    let now = seen.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    seen.most.fetch_max(now, Ordering::SeqCst);
    let mut words = first.split_whitespace();
    let method = words.next().unwrap_or("").to_string();
    let path = words.next().unwrap_or("").to_string();
    seen.requests
        .lock()
        .unwrap()
        .push(format!("{method} {path}"));
    let nth = {
        let mut counts = seen.per_path.lock().unwrap();
        let n = counts.entry(path.clone()).or_default();
        *n += 1;
        *n
    };
    let base = format!("http://127.0.0.1:{port}");
    let (status, headers): (u16, String) = match path.as_str() {
        "/ok" | "/new" | "/trunc" => (200, String::new()),
        "/old" => (301, "Location: /new\r\n".into()),
        "/temp" => (302, format!("Location: {base}/ok\r\n")),
        "/missing" if seen.revived.load(Ordering::SeqCst) => (200, String::new()),
        "/missing" => (404, String::new()),
        "/gone" => (410, String::new()),
        "/busy" if nth == 1 => (429, "Retry-After: 1\r\n".into()),
        "/busy" => (200, String::new()),
        "/throttled" => (429, "Retry-After: 120\r\n".into()),
        "/nohead" if method == "HEAD" => (405, String::new()),
        "/nohead" => (200, String::new()),
        "/slow" => {
            std::thread::sleep(Duration::from_millis(1500));
            (200, String::new())
        }
        "/loop-a" => (302, "Location: /loop-b\r\n".into()),
        "/loop-b" => (302, "Location: /loop-a\r\n".into()),
        "/to-https" => (
            301,
            format!("Location: https://127.0.0.1:{port}/secure\r\n"),
        ),
        p if p.starts_with("/wait") => {
            std::thread::sleep(Duration::from_millis(150));
            (200, String::new())
        }
        _ => (404, String::new()),
    };
    seen.in_flight.fetch_sub(1, Ordering::SeqCst);
    write!(
        stream,
        "HTTP/1.1 {status} X\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n"
    )?;
    Ok(())
}

const COURSE: &str = "title = \"Links\"\ndescription = \"Every answer a server gives.\"\n";

fn link(id: &str, url: &str, extra: &str) -> String {
    format!(
        "\n[[link]]\nid = \"{id}\"\nurl = \"{url}\"\ntitle = \"{id} page\"\nkind = \"article\"\nlevel = \"intro\"\nminutes = 5\nnote = \"Read it.\"\n{extra}"
    )
}

/// The topic file: one link per kind of answer, with comments that `--fix` must keep.
fn topic(port: u16) -> String {
    let base = format!("http://127.0.0.1:{port}");
    let mut text =
        String::from("# Links for the checker test.\ntitle = \"Web\"\nsummary = \"Pages.\"\n");
    for (id, path) in [
        ("fine", "/ok"),
        ("temporary", "/temp"),
        ("missing", "/missing"),
        ("gone", "/gone"),
        ("busy", "/busy"),
        ("throttled", "/throttled"),
        ("no-head", "/nohead"),
        ("slow", "/slow"),
        ("looping", "/loop-a"),
        ("tls", "/to-https"),
    ] {
        text.push_str(&link(id, &format!("{base}{path}"), ""));
    }
    text.push_str("\n# This one moved in 2024; keep this comment.");
    text.push_str(&link("moved", &format!("{base}/old"), ""));
    text.push_str(&link(
        "cut",
        &format!("{base}/trunc..."),
        "url_status = \"truncated\"\n",
    ));
    text.push_str(&link("nowhere", "http://nxdomain.invalid/page", ""));
    text
}

fn corpus(dir: &Path, port: u16) {
    let topics = dir.join("topics");
    std::fs::create_dir_all(&topics).unwrap();
    std::fs::write(topics.join("course.toml"), COURSE).unwrap();
    std::fs::write(topics.join("web.toml"), topic(port)).unwrap();
}

const FAST: &[&str] = &["--timeout", "500ms", "--host-pause", "0ms"];

fn check(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--links", "--topics", "topics"];
    args.extend_from_slice(FAST);
    args.extend_from_slice(extra);
    syllabus_in(dir, &args)
}

/// Output with the run's port replaced by `PORT`, so it can be compared with a file. The carets
/// under a snippet holding the port are shortened to match.
fn normalized(text: &str, port: u16) -> String {
    let port = port.to_string();
    let extra = port.len().saturating_sub("PORT".len());
    let mut out = String::new();
    let mut ports_above = 0;
    for line in text.split_inclusive('\n') {
        let mut shown = line.replace(&port, "PORT");
        if shown.trim_start().starts_with('|') && shown.contains('^') {
            for _ in 0..ports_above * extra {
                if let Some(i) = shown.rfind('^') {
                    shown.remove(i);
                }
            }
        }
        ports_above = line.matches(&port).count();
        out.push_str(&shown);
    }
    out
}

#[test]
fn each_answer_is_reported_with_its_fix_and_dead_links_fail() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), server.port);
    let out = check(dir.path(), &[]);
    let text = normalized(&stdout(&out), server.port);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    assert_expected(&root().join("tests/snapshots/links-check.txt"), &text);
    // Spelled out too, so a changed snapshot cannot hide a lost message.
    for expected in [
        "web.toml:25:7: error: link `missing` (missing page) is dead: 404 Not Found",
        "help: look for an archived copy at https://web.archive.org/web/*/http://127.0.0.1:PORT/missing",
        "error: link `gone` (gone page) is dead: 410 Gone",
        "warning: link `throttled` (throttled page) was not checked: still 429 Too Many Requests after waiting; the server asks to wait 120 s",
        "warning: link `slow` (slow page) timed out: no answer within 500 ms",
        "error: link `looping` (looping page) is dead: a redirect loop comes back to http://127.0.0.1:PORT/loop-a",
        "error: link `tls` (tls page) is dead: TLS error",
        "warning: link `moved` (moved page) moved permanently (301) to http://127.0.0.1:PORT/new",
        "help: replace the url with http://127.0.0.1:PORT/new; `syllabus check --links --fix` does it",
        "warning: link `cut` (cut page) has a truncated URL that now resolves: http://127.0.0.1:PORT/trunc",
        "error: link `nowhere` (nowhere page) is dead: DNS failure, the host `nxdomain.invalid` does not resolve",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // Working links say nothing: 200, a temporary redirect, 429 that passed, HEAD refused.
    for quiet in ["`fine`", "`temporary`", "`busy`", "`no-head`"] {
        assert!(!text.contains(quiet), "{quiet} reported in\n{text}");
    }
    let requests = server.requests();
    // HEAD refused with 405, then GET; 429 waited out, then asked again.
    assert!(
        requests.contains(&"HEAD /nohead".to_string()),
        "{requests:?}"
    );
    assert!(
        requests.contains(&"GET /nohead".to_string()),
        "{requests:?}"
    );
    assert_eq!(
        requests.iter().filter(|r| r.ends_with(" /busy")).count(),
        2,
        "{requests:?}"
    );
    // The loop is seen, not followed round and round.
    assert!(
        requests.iter().filter(|r| r.ends_with("/loop-a")).count() <= 2,
        "{requests:?}"
    );
}

#[test]
fn no_more_than_two_requests_at_once_to_one_host() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    std::fs::create_dir_all(&topics).unwrap();
    std::fs::write(topics.join("course.toml"), COURSE).unwrap();
    let mut text = String::from("title = \"Web\"\nsummary = \"Pages.\"\n");
    for i in 0..10 {
        let url = format!("http://127.0.0.1:{}/wait{i}", server.port);
        text.push_str(&link(&format!("page-{i}"), &url, ""));
    }
    std::fs::write(topics.join("web.toml"), text).unwrap();
    let out = check(dir.path(), &["--jobs", "8"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(server.requests().len(), 10);
    // Two at once: the limit holds, and the checks do run side by side.
    assert_eq!(server.seen.most.load(Ordering::SeqCst), 2);
    let version = env!("CARGO_PKG_VERSION");
    for agent in server.seen.agents.lock().unwrap().iter() {
        assert!(
            agent.starts_with(&format!("syllabus/{version} (")),
            "{agent}"
        );
    }

    // With a pause, requests to the host start that far apart.
    server.seen.starts.lock().unwrap().clear();
    let args = ["check", "--links", "--topics", "topics", "--max-age", "0s"];
    let out = syllabus_in(
        dir.path(),
        &[&args[..], &["--host-pause", "150ms"]].concat(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let mut starts = server.seen.starts.lock().unwrap().clone();
    starts.sort();
    assert_eq!(starts.len(), 10);
    // The server notes the time after reading the request line, so on a loaded machine one
    // request read late and the next read early look closer than the pause: hold the median
    // gap and the whole span to the pause, not every single gap.
    let mut gaps: Vec<Duration> = starts.windows(2).map(|p| p[1] - p[0]).collect();
    gaps.sort();
    assert!(
        gaps[gaps.len() / 2] >= Duration::from_millis(120),
        "{gaps:?}"
    );
    assert!(
        starts[9] - starts[0] >= Duration::from_millis(9 * 120),
        "{gaps:?}"
    );
}

#[test]
fn a_second_run_asks_only_for_what_is_not_fresh() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), server.port);
    let first = check(dir.path(), &["--max-age", "1h"]);
    assert_eq!(first.status.code(), Some(1));
    let cache = dir.path().join(".syllabus/links.json");
    let saved = std::fs::read_to_string(&cache).unwrap();
    assert!(saved.contains("\"result\": \"alive\""), "{saved}");
    server.requests();
    let second = check(dir.path(), &["--max-age", "1h"]);
    let requests = server.requests();
    for fresh in ["/ok", "/temp", "/old", "/new", "/nohead", "/busy", "/trunc"] {
        assert!(
            !requests.iter().any(|r| r.ends_with(&format!(" {fresh}"))),
            "{fresh} asked again: {requests:?}"
        );
    }
    // Failures are asked again: they may have passed.
    assert!(
        requests.contains(&"HEAD /missing".to_string()),
        "{requests:?}"
    );
    let lines = |o: &std::process::Output| {
        stdout(o)
            .lines()
            .filter(|l| !l.starts_with("links:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(lines(&first), lines(&second));
    assert!(
        stdout(&second).contains("links: 13 URLs, 7 asked now, 6 fresh in the cache"),
        "{}",
        stdout(&second)
    );
    // --max-age 0s asks for everything again.
    check(dir.path(), &["--max-age", "0s"]);
    assert!(server.requests().contains(&"HEAD /ok".to_string()));
}

#[test]
fn fix_rewrites_exactly_the_confirmed_moves_and_keeps_comments() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), server.port);
    let file = dir.path().join("topics/web.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    let out = check(dir.path(), &["--fix"]);
    let text = stdout(&out);
    assert!(
        text.contains("--fix: rewrote 2 URLs in 1 file: topics/web.toml"),
        "{text}"
    );
    let base = format!("http://127.0.0.1:{}", server.port);
    // The 301 to a page that answers, and the truncated URL that now resolves; not the 302,
    // and not the 301 whose target fails (TLS).
    let expected = before
        .replace(&format!("{base}/old\""), &format!("{base}/new\""))
        .replace(
            &format!("\"{base}/trunc...\"\n"),
            &format!("\"{base}/trunc\"\n"),
        )
        .replace("url_status = \"truncated\"\n", "");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    assert!(expected.contains("# This one moved in 2024; keep this comment."));
    // The fixed corpus checks clean of those warnings, without asking for the new URLs.
    server.requests();
    let again = check(dir.path(), &[]);
    assert!(
        !stdout(&again).contains("moved permanently"),
        "{}",
        stdout(&again)
    );
    assert!(!server.requests().iter().any(|r| r.ends_with(" /new")));
}

#[test]
fn dead_links_show_in_the_plan_until_a_check_finds_them_alive() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), server.port);
    check(dir.path(), &[]);
    let plan = |format: &str| {
        let out = syllabus_in(
            dir.path(),
            &["plan", "--format", format, "--topics", "topics"],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let markdown = plan("markdown");
    // Its week lists it with the mark, and the topic's reference with the archive too.
    let mut lines = markdown.lines().filter(|l| l.contains("[missing page]"));
    assert_eq!(
        normalized(lines.next().unwrap(), server.port),
        "- [ ] [missing page](http://127.0.0.1:PORT/missing) — Web · article · 5 min · ⚠ link dead when last checked · `missing`"
    );
    let missing = lines.next().unwrap();
    assert_eq!(
        normalized(missing, server.port),
        "- [ ] [missing page](http://127.0.0.1:PORT/missing) — article · intro · 5 min · ⚠ link dead when last checked ([archived copies](https://web.archive.org/web/*/http://127.0.0.1:PORT/missing))"
    );
    let fine = markdown
        .lines()
        .find(|l| l.contains("[fine page]"))
        .unwrap();
    assert!(!fine.contains('⚠'), "{fine}");
    // Timeouts and rate limits are not deaths.
    let slow = markdown
        .lines()
        .find(|l| l.contains("[slow page]"))
        .unwrap();
    assert!(!slow.contains("dead"), "{slow}");
    assert_eq!(
        plan("markdown"),
        markdown,
        "same corpus and cache, same bytes"
    );
    let json = plan("json");
    assert!(json.contains("\"url_status\": \"dead\""), "{json}");
    let out = syllabus_in(
        dir.path(),
        &["build", "--topics", "topics", "--out", "site"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // minijinja escapes `/` in attributes; the browser reads it back as `/`.
    let page = std::fs::read_to_string(dir.path().join("site/topic-web.html"))
        .unwrap()
        .replace("&#x2f;", "/");
    let archived = format!(
        "href=\"https://web.archive.org/web/*/http://127.0.0.1:{}/missing\"",
        server.port
    );
    assert!(page.contains("⚠ link dead when last checked"), "{page}");
    assert!(page.contains(&archived), "{page}");
    // The page comes back; the next check clears the mark.
    server.seen.revived.store(true, Ordering::SeqCst);
    check(dir.path(), &[]);
    let markdown = plan("markdown");
    let missing = markdown
        .lines()
        .find(|l| l.contains("[missing page]"))
        .unwrap();
    assert!(!missing.contains("dead"), "{missing}");
}

#[test]
fn an_offline_machine_is_told_so_in_one_message_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    std::fs::create_dir_all(&topics).unwrap();
    std::fs::write(topics.join("course.toml"), COURSE).unwrap();
    // `.invalid` never resolves (RFC 2606), online or not: nothing answers, as when offline.
    let text = format!(
        "title = \"Web\"\nsummary = \"Pages.\"\n{}{}",
        link("a", "https://one.invalid/a", ""),
        link("b", "https://two.invalid/b", "")
    );
    std::fs::write(topics.join("web.toml"), text).unwrap();
    let out = check(dir.path(), &[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.starts_with(
        "error: no link could be checked: none of the 2 host names resolved (one.invalid, two.invalid), so this machine seems to have no network or DNS\n"
    ), "{text}");
    assert!(!text.contains("is dead"), "{text}");
    let cache = std::fs::read_to_string(dir.path().join(".syllabus/links.json")).unwrap();
    assert!(!cache.contains("invalid"), "{cache}");
}

#[test]
fn fix_needs_links_and_a_corpus_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = syllabus_in(dir.path(), &["check", "--fix"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--links"), "{}", stderr(&out));
    let out = syllabus_in(dir.path(), &["check", "--links", "--fix"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the built-in course has none"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_broken_cache_is_a_warning_for_the_plan_and_an_error_for_the_check() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), server.port);
    std::fs::create_dir_all(dir.path().join(".syllabus")).unwrap();
    std::fs::write(
        dir.path().join(".syllabus/links.json"),
        "{ \"version\": 1, ",
    )
    .unwrap();
    let out = syllabus_in(dir.path(), &["plan", "--topics", "topics"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("warning: ./.syllabus/links.json:1:16: the link cache is not valid"),
        "{}",
        stderr(&out)
    );
    let out = check(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("help: delete ./.syllabus/links.json and run `syllabus check --links` again to rebuild it"), "{}", stdout(&out));
    assert!(
        server.requests().is_empty(),
        "nothing asked before the cache is sorted out"
    );
}

#[test]
fn links_are_not_checked_in_a_corpus_that_does_not_load() {
    let bad = root().join("tests/fixtures/bad/cycle");
    let out = syllabus_in(
        &root(),
        &["check", "--links", "--topics", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("error: topic prerequisite cycle"), "{text}");
    assert!(
        text.contains(
            "links: not checked, since the corpus does not load; fix the errors above first"
        ),
        "{text}"
    );
}

/// The README's excerpt is lines of the pinned output, so it cannot drift from what runs.
#[test]
fn the_readme_excerpt_is_real_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let snapshot = std::fs::read_to_string(root().join("tests/snapshots/links-check.txt")).unwrap();
    let after = readme
        .split("An excerpt of the output on the test server's corpus")
        .nth(1)
        .expect("README shows check --links output");
    let block = after.split("```text\n").nth(1).unwrap();
    let block = block.split("```").next().unwrap();
    assert!(block.lines().count() >= 6, "{block}");
    for line in block.lines() {
        assert!(
            snapshot.lines().any(|l| l == line),
            "README line not in tests/snapshots/links-check.txt: {line}"
        );
    }
}

#[test]
fn fix_waits_for_the_corpus_lock_and_keeps_what_a_writer_added_meanwhile() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), server.port);
    let topics = dir.path().join("topics");
    let file = topics.join("web.toml");
    // Another writer (an import, say) holds the corpus lock.
    let folder = std::fs::File::open(&topics).unwrap();
    fs4::FileExt::lock(&folder).unwrap();
    let mut args = vec!["check", "--links", "--topics", "topics", "--fix"];
    args.extend_from_slice(FAST);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(&args)
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The check runs (every URL is asked), then the fix waits for the lock.
    let base = format!("http://127.0.0.1:{}", server.port);
    assert!(crate::common::eventually(Duration::from_secs(60), || {
        server
            .seen
            .requests
            .lock()
            .unwrap()
            .iter()
            .any(|r| r.ends_with(" /new"))
    }));
    std::thread::sleep(Duration::from_millis(1500));
    let before = std::fs::read_to_string(&file).unwrap();
    assert!(
        before.contains(&format!("{base}/old\"")),
        "fixed without the lock"
    );
    // What the other writer adds while it holds the lock.
    let added = link("added", "https://added.example.org/", "");
    std::fs::write(&file, format!("{before}{added}")).unwrap();
    fs4::FileExt::unlock(&folder).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("--fix: rewrote 2 URLs in 1 file: topics/web.toml"),
        "{text}\n{}",
        stderr(&out)
    );
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.contains("https://added.example.org/"), "{after}");
    assert!(after.contains(&format!("{base}/new\"")), "{after}");
}
