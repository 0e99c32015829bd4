//! `syllabus sync` against a stand-in for the Bluesky AppView on 127.0.0.1 (never the
//! internet). Its pages are written from the lexicon: `app.bsky.feed.getAuthorFeed` answers
//! `{"feed": [feedViewPost...], "cursor"}`, a `feedViewPost` is `{"post": postView, "reason"?}`,
//! a postView has `uri`, `cid`, `author`, `record` (`app.bsky.feed.post`: `text`, `createdAt`,
//! `facets` with `app.bsky.richtext.facet#link`), `embed` (`app.bsky.embed.external#view` with
//! `external.uri/title/description`) and `indexedAt`; a repost has `reason`
//! `app.bsky.feed.defs#reasonRepost`. Errors have the XRPC shape `{"error", "message"}`.

use crate::common::{dead_pid, root, stderr, stdout, syllabus_in};
use serde_json::{json, Value};
use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DID: &str = "did:plc:distsys";
const HANDLE: &str = "distribsystems.bsky.social";

/// One scripted answer, given instead of a page.
#[derive(Clone)]
struct Answer {
    status: u16,
    headers: String,
    body: String,
}

#[derive(Default)]
struct Stand {
    /// The feed, newest first.
    feed: Vec<Value>,
    /// Answers given before any page, one per request.
    script: VecDeque<Answer>,
    /// Every request: its path and query, decoded.
    requests: Vec<String>,
    /// When each request arrived.
    starts: Vec<Instant>,
    agents: Vec<String>,
    /// Pages after the first answer this instead of a page.
    broken_later_pages: Option<String>,
    /// Every page gives this cursor.
    stuck_cursor: bool,
    /// Each answer waits this long.
    delay: Duration,
}

struct Server {
    port: u16,
    stand: Arc<Mutex<Stand>>,
}

impl Server {
    fn start(feed: Vec<Value>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stand = Arc::new(Mutex::new(Stand {
            feed,
            ..Stand::default()
        }));
        let shared = Arc::clone(&stand);
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let stand = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = respond(stream, &stand);
                });
            }
        });
        Server { port, stand }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> Vec<String> {
        std::mem::take(&mut self.stand.lock().unwrap().requests)
    }

    fn with<T>(&self, f: impl FnOnce(&mut Stand) -> T) -> T {
        f(&mut self.stand.lock().unwrap())
    }
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn respond(mut stream: TcpStream, stand: &Mutex<Stand>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut first = String::new();
    reader.read_line(&mut first)?;
    let mut agent = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("user-agent") {
                agent = value.trim().to_string();
            }
        }
    }
    let target = first.split_whitespace().nth(1).unwrap_or("").to_string();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let params: BTreeMap<String, String> = query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect();
    let (answer, delay) = {
        let mut s = stand.lock().unwrap();
        let shown: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        s.requests.push(format!("{path}?{}", shown.join("&")));
        s.agents.push(agent);
        s.starts.push(Instant::now());
        let answer = match s.script.pop_front() {
            Some(a) => a,
            None => page(&s, path, &params),
        };
        (answer, s.delay)
    };
    std::thread::sleep(delay);
    write!(
        stream,
        "HTTP/1.1 {} X\r\nContent-Type: application/json\r\n{}Content-Length: {}\r\nConnection: close\r\n\r\n{}",
        answer.status,
        answer.headers,
        answer.body.len(),
        answer.body
    )?;
    Ok(())
}

fn error(status: u16, error: &str, message: &str) -> Answer {
    Answer {
        status,
        headers: String::new(),
        body: json!({"error": error, "message": message}).to_string(),
    }
}

/// A page of the feed, as the AppView gives it: `limit` entries after the cursor (an offset).
fn page(s: &Stand, path: &str, params: &BTreeMap<String, String>) -> Answer {
    let known = match path {
        "/xrpc/app.bsky.feed.getAuthorFeed" => {
            params.get("actor").is_some_and(|a| a == HANDLE || a == DID)
        }
        "/xrpc/app.bsky.feed.getFeed" => params.contains_key("feed"),
        "/xrpc/app.bsky.feed.getListFeed" => params.contains_key("list"),
        _ => return error(404, "MethodNotImplemented", "Method Not Implemented"),
    };
    if !known {
        return error(400, "InvalidRequest", "Profile not found");
    }
    let limit: usize = params
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(50)
        .min(100);
    let offset: usize = match params.get("cursor") {
        Some(c) => {
            if let Some(body) = &s.broken_later_pages {
                return Answer {
                    status: 200,
                    headers: String::new(),
                    body: body.clone(),
                };
            }
            match c.strip_prefix("off-").and_then(|n| n.parse().ok()) {
                Some(n) => n,
                None => return error(400, "InvalidRequest", "Malformed cursor"),
            }
        }
        None => 0,
    };
    let end = (offset + limit).min(s.feed.len());
    let items: Vec<Value> = s.feed[offset.min(end)..end].to_vec();
    let mut body = json!({ "feed": items });
    if s.stuck_cursor {
        body["cursor"] = json!("off-0");
    } else if end < s.feed.len() {
        body["cursor"] = json!(format!("off-{end}"));
    }
    Answer {
        status: 200,
        headers: String::new(),
        body: body.to_string(),
    }
}

/// The time of the `n`th post: one a day, from 2024-01-01 on.
fn time(n: usize) -> String {
    let base = 1_704_067_200u64; // 2024-01-01T00:00:00Z
    let t = std::time::UNIX_EPOCH + Duration::from_secs(base + n as u64 * 86_400);
    humantime::format_rfc3339_millis(t).to_string()
}

fn author() -> Value {
    json!({"did": DID, "handle": HANDLE, "displayName": "Distributed Systems"})
}

/// A post with a link card (`app.bsky.embed.external#view`).
fn card_post(n: usize, url: &str, title: &str, description: &str) -> Value {
    json!({
        "post": {
            "uri": format!("at://{DID}/app.bsky.feed.post/3k{n:06}"),
            "cid": format!("bafyreib{n:06}"),
            "author": author(),
            "record": {
                "$type": "app.bsky.feed.post",
                "text": format!("Reading for today: {title}"),
                "createdAt": time(n),
                "langs": ["en"],
            },
            "embed": {
                "$type": "app.bsky.embed.external#view",
                "external": {"uri": url, "title": title, "description": description}
            },
            "replyCount": 0, "repostCount": 1, "likeCount": 3,
            "indexedAt": time(n),
            "labels": []
        }
    })
}

/// A post whose link is a facet of its text, shown cut short as Bluesky shows it.
fn facet_post(n: usize, url: &str, title: &str) -> Value {
    let shown = {
        let bare = url.split_once("://").map_or(url, |(_, r)| r);
        match bare.char_indices().nth(24) {
            Some((i, _)) => format!("{}...", &bare[..i]),
            None => bare.to_string(),
        }
    };
    let text = format!("{title}\n{shown}");
    let start = title.len() + 1;
    json!({
        "post": {
            "uri": format!("at://{DID}/app.bsky.feed.post/3k{n:06}"),
            "cid": format!("bafyreib{n:06}"),
            "author": author(),
            "record": {
                "$type": "app.bsky.feed.post",
                "text": text,
                "createdAt": time(n),
                "facets": [{
                    "index": {"byteStart": start, "byteEnd": start + shown.len()},
                    "features": [{"$type": "app.bsky.richtext.facet#link", "uri": url}]
                }]
            },
            "indexedAt": time(n)
        }
    })
}

/// Someone else's post, reposted by the feed's account at day `n`.
fn repost(n: usize, url: &str, title: &str) -> Value {
    let mut item = card_post(n, url, title, "A reposted reading.");
    item["post"]["uri"] = json!(format!("at://did:plc:other/app.bsky.feed.post/3r{n:06}"));
    item["post"]["author"] = json!({"did": "did:plc:other", "handle": "other.bsky.social"});
    item["post"]["indexedAt"] = json!(time(n - 1));
    item["reason"] = json!({
        "$type": "app.bsky.feed.defs#reasonRepost",
        "by": author(),
        "indexedAt": time(n)
    });
    item
}

fn plain_post(n: usize, text: &str) -> Value {
    json!({
        "post": {
            "uri": format!("at://{DID}/app.bsky.feed.post/3k{n:06}"),
            "cid": format!("bafyreib{n:06}"),
            "author": author(),
            "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": time(n)},
            "indexedAt": time(n)
        }
    })
}

/// The URL the feed gives for the course's truncated `paxos-intuitive`.
const PAXOS_FULL: &str = "https://relentless-leader.com/dive-deep-into-paxos-the-intuitive-way";

/// A feed of 300 entries, newest first: 296 new readings (cards and facets), a repost, a post
/// of a course link under another address, the post of the truncated course link, and a post
/// without a link. Returns the feed and the URLs that must each be filed once.
fn big_feed() -> (Vec<Value>, Vec<String>) {
    let mut oldest_first = Vec::new();
    let mut fresh = Vec::new();
    for n in 1..=300 {
        let url = format!("https://blog{n}.example.org/posts/reading-{n}");
        let item = match n {
            50 => plain_post(n, "Reading group tonight, no link this time."),
            100 => card_post(
                n,
                // The course's `paxos-made-simple`, over http and with a tracking parameter.
                "http://lamport.azurewebsites.net/pubs/paxos-simple.pdf?utm_source=bsky",
                "Paxos Made Simple",
                "Lamport's short account.",
            ),
            150 => card_post(
                n,
                PAXOS_FULL,
                "Understanding Paxos the intuitive way",
                "Prepare, promise, accept.",
            ),
            200 => {
                // The repost of a reading that day 20 already posted: filed once.
                repost(
                    n,
                    "https://blog20.example.org/posts/reading-20",
                    "Reading 20",
                )
            }
            n if n % 3 == 0 => {
                fresh.push(url.clone());
                facet_post(n, &url, &format!("Consensus and quorums, part {n}"))
            }
            _ => {
                fresh.push(url.clone());
                card_post(
                    n,
                    &url,
                    &format!("Notes on replication, number {n}"),
                    "Leaders, logs and failures.",
                )
            }
        };
        oldest_first.push(item);
    }
    oldest_first.reverse();
    (oldest_first, fresh)
}

/// A copy of the shipped course in a temporary folder: `DIR/topics`.
fn course_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    std::fs::create_dir_all(&topics).unwrap();
    for entry in std::fs::read_dir(root().join("topics")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), topics.join(entry.file_name())).unwrap();
    }
    dir
}

/// Every file under `dir` (the corpus and `.syllabus/`), by path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    out
}

fn corpus_text(dir: &Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("topics"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

fn sync(dir: &Path, server: &Server, extra: &[&str]) -> std::process::Output {
    let url = server.url();
    let mut args = vec!["sync", "--service", url.as_str()];
    args.extend_from_slice(extra);
    syllabus_in(dir, &args)
}

#[test]
fn a_300_post_feed_over_three_pages_then_nothing_new() {
    let (feed, fresh) = big_feed();
    let server = Server::start(feed);
    let dir = course_copy();
    let paxos_before = std::fs::read_to_string(dir.path().join("topics/paxos.toml")).unwrap();

    let out = sync(dir.path(), &server, &[]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}\n{}", text, stderr(&out));
    let requests = server.requests();
    assert_eq!(
        requests,
        [
            "/xrpc/app.bsky.feed.getAuthorFeed?actor=distribsystems.bsky.social&limit=100",
            "/xrpc/app.bsky.feed.getAuthorFeed?actor=distribsystems.bsky.social&cursor=off-100&limit=100",
            "/xrpc/app.bsky.feed.getAuthorFeed?actor=distribsystems.bsky.social&cursor=off-200&limit=100",
        ]
    );
    // A few requests a second at most.
    let starts = server.with(|s| s.starts.clone());
    for pair in starts.windows(2) {
        assert!(
            // The client waits 200 ms; arrival times on a loaded machine are less exact.
            pair[1] - pair[0] >= Duration::from_millis(100),
            "{:?} between two requests",
            pair[1] - pair[0]
        );
    }
    let agents = server.with(|s| s.agents.clone());
    assert!(
        agents.iter().all(|a| a.starts_with("syllabus/")),
        "{agents:?}"
    );
    let summary = text.lines().last().unwrap();
    assert!(summary.starts_with("300 new posts: "), "{text}");
    assert!(
        summary.contains(
            "2 links already in the course, 1 without a link; 1 URL healed (paxos-intuitive)"
        ),
        "{summary}"
    );

    // Each new reading is in the corpus exactly once.
    let corpus = corpus_text(dir.path());
    for url in &fresh {
        let written = corpus.matches(&format!("url = \"{url}\"")).count();
        assert_eq!(written, 1, "{url} is written {written} times");
    }
    // 296 fresh readings: the filed and the inbox ones add up.
    let new_links: usize = summary
        .split(": ")
        .nth(1)
        .unwrap()
        .split(", ")
        .filter(|p| p.contains("filed") || p.contains("inbox"))
        .map(|p| p.split(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(new_links, fresh.len());
    // The course link under another address is no new link.
    assert!(!corpus.contains("lamport.azurewebsites.net/pubs/paxos-simple.pdf?utm"));
    assert_eq!(corpus.matches("paxos-simple.pdf\"").count(), 1);
    // The truncated URL is healed in place: only the url line changes and the mark goes.
    let paxos = std::fs::read_to_string(dir.path().join("topics/paxos.toml")).unwrap();
    let expected = paxos_before
        .replace(
            "url = \"https://relentless-leader.com/dive-deep-in...\"",
            &format!("url = \"{PAXOS_FULL}\""),
        )
        .replacen("url_status = \"truncated\"\n", "", 1);
    assert!(paxos.starts_with(&expected) || paxos == expected, "{paxos}");
    assert_eq!(corpus.matches("dive-deep-in").count(), 1);

    // The corpus is valid, and the state names the newest post.
    let check = syllabus_in(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let state: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(".syllabus/sync.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        state["feeds"][HANDLE]["newest"]["uri"],
        format!("at://{DID}/app.bsky.feed.post/3k000300")
    );

    // A second run asks once and changes nothing.
    let before = snapshot(dir.path());
    let out = sync(dir.path(), &server, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "no new posts\n");
    assert_eq!(server.requests().len(), 1);
    assert_eq!(snapshot(dir.path()), before);
}

/// A small course of its own: one topic, one guessed link, a feed in course.toml.
fn small_course(extra_course: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    std::fs::create_dir_all(&topics).unwrap();
    std::fs::write(
        topics.join("course.toml"),
        format!(
            "title = \"Small\"\ndescription = \"A course that grows from a feed.\"\n{extra_course}"
        ),
    )
    .unwrap();
    std::fs::write(
        topics.join("raft.toml"),
        "title = \"Raft\"\nsummary = \"Consensus by a leader and a log.\"\nkeywords = [\"raft\", \"leader\", \"log\"]\n\n\
         # The address was guessed from the title; the feed has the real one.\n\
         [[link]]\nid = \"raft-refloated\"\nurl = \"https://example.edu/guess/raft-refloated.pdf\" # a guess\n\
         title = \"Raft Refloated: Do We Have Consensus?\"\nkind = \"paper\"\nlevel = \"advanced\"\nminutes = 60\n\
         published = \"2015\"\nsource = \"distribsystems-feed (Bluesky, 2024-01-04)\"\nnote = \"Read it.\"\nurl_status = \"guessed\"\n",
    )
    .unwrap();
    dir
}

const FEED_CONFIG: &str = "\n[feed]\nactor = \"distribsystems.bsky.social\"\n";

#[test]
fn a_new_post_since_the_last_sync_and_a_guessed_url_healed() {
    let feed = vec![
        card_post(
            3,
            "https://www.cl.cam.ac.uk/~ms705/pub/papers/2015-osr-raft.pdf",
            "Raft Refloated: Do We Have Consensus?",
            "An analysis of Raft.",
        ),
        facet_post(
            2,
            "https://raft.github.io/raft.pdf",
            "In Search of an Understandable Consensus Algorithm",
        ),
        plain_post(1, "Hello, readers."),
    ];
    let server = Server::start(feed);
    let dir = small_course(FEED_CONFIG);
    let out = sync(dir.path(), &server, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().last().unwrap(),
        "3 new posts: 1 to the inbox, 1 without a link; 1 URL healed (raft-refloated)"
    );
    let raft = std::fs::read_to_string(dir.path().join("topics/raft.toml")).unwrap();
    assert!(
        raft.contains("# The address was guessed from the title; the feed has the real one.\n[[link]]\nid = \"raft-refloated\"\nurl = \"https://www.cl.cam.ac.uk/~ms705/pub/papers/2015-osr-raft.pdf\" # a guess\n"),
        "{raft}"
    );
    assert!(!raft.contains("url_status"), "{raft}");
    // One word of the field in a three-topic course is too little to file it: the inbox.
    let raft = std::fs::read_to_string(dir.path().join("topics/inbox.toml")).unwrap();
    assert!(
        raft.contains("url = \"https://raft.github.io/raft.pdf\""),
        "{raft}"
    );
    assert!(
        raft.contains("source = \"distribsystems.bsky.social (Bluesky, 2024-01-03)\""),
        "{raft}"
    );
    assert_eq!(server.requests().len(), 1);

    // A new post at the top: the next run asks once, and files only it.
    server.with(|s| {
        s.feed.insert(
            0,
            card_post(
                4,
                "https://decentralizedthoughts.github.io/raft-log",
                "Raft log replication",
                "How the leader's log wins.",
            ),
        )
    });
    let out = sync(dir.path(), &server, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().last().unwrap(),
        "1 new post: 1 filed (raft)"
    );
    assert_eq!(server.requests().len(), 1);
    let raft = std::fs::read_to_string(dir.path().join("topics/raft.toml")).unwrap();
    // The raft paper waits in the inbox: two links here, the new one among them.
    assert_eq!(raft.matches("[[link]]").count(), 2, "{raft}");

    // --full reads everything again and finds nothing new.
    let before = snapshot(dir.path());
    let out = sync(dir.path(), &server, &["--full"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().last().unwrap(),
        "4 new posts: 3 links already in the course, 1 without a link"
    );
    assert_eq!(snapshot(dir.path()), before);
    // --since reads back to a day.
    let out = sync(dir.path(), &server, &["--since", "2024-01-04"]);
    assert_eq!(
        stdout(&out).lines().last().unwrap(),
        "2 new posts: 2 links already in the course"
    );
}

/// A sync killed before its commit point leaves its copy of the state file
/// (`.syllabus/.sync.json.tmp-PID`); the next sync that writes removes it, and leaves a live
/// process's copy alone.
#[test]
fn a_dead_syncs_copy_of_the_state_file_is_removed_by_the_next_sync() {
    let server = Server::start(vec![card_post(
        2,
        "https://raft.github.io/raft.pdf",
        "In Search of an Understandable Consensus Algorithm",
        "The Raft paper.",
    )]);
    let dir = small_course(FEED_CONFIG);
    let out = sync(dir.path(), &server, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let state = dir.path().join(".syllabus");
    let dead = dead_pid();
    let dead_copy = state.join(format!(".sync.json.tmp-{dead}"));
    let live_copy = state.join(format!(".sync.json.tmp-{}", std::process::id()));
    std::fs::write(&dead_copy, "{\"version\": 1").unwrap();
    std::fs::write(&live_copy, "{\"version\": 1").unwrap();
    server.with(|s| {
        s.feed.insert(
            0,
            card_post(
                3,
                "https://decentralizedthoughts.github.io/raft-log",
                "Raft log replication",
                "How the leader's log wins.",
            ),
        )
    });
    let out = sync(dir.path(), &server, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dead_copy.exists(), "the dead sync's copy is left");
    assert!(live_copy.exists(), "a live process's copy was removed");
    let text = std::fs::read_to_string(state.join("sync.json")).unwrap();
    assert!(text.contains("\"version\""), "{text}");
}

#[test]
fn dry_run_and_json_write_nothing() {
    let server = Server::start(vec![card_post(
        2,
        "https://raft.github.io/raft.pdf",
        "In Search of an Understandable Consensus Algorithm",
        "The Raft paper.",
    )]);
    let dir = small_course(FEED_CONFIG);
    let before = snapshot(dir.path());
    let out = sync(dir.path(), &server, &["--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("https://raft.github.io/raft.pdf"), "{text}");
    assert!(
        text.ends_with("1 new post: 1 to the inbox (dry run: nothing written)\n"),
        "{text}"
    );
    let out = sync(dir.path(), &server, &["--dry-run", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["posts"], 1);
    assert_eq!(v["new"], 1);
    // One title word of the field ("consensus") is too little for a three-topic course.
    assert_eq!(v["links"][0]["topic"], Value::Null);
    assert_eq!(v["links"][0]["candidates"][0]["topic"], "raft");
    assert_eq!(v["requests"], 1);
    assert_eq!(v["written"], json!([]));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn rate_limited_then_answered() {
    let server = Server::start(vec![card_post(
        2,
        "https://raft.github.io/raft.pdf",
        "Raft",
        "",
    )]);
    server.with(|s| {
        s.script.push_back(Answer {
            status: 429,
            headers: "Retry-After: 1\r\n".into(),
            body: json!({"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"})
                .to_string(),
        })
    });
    let dir = small_course(FEED_CONFIG);
    let start = Instant::now();
    let out = sync(dir.path(), &server, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "Retry-After was not honoured"
    );
    assert_eq!(server.requests().len(), 2);
    assert!(dir.path().join(".syllabus/sync.json").exists());
}

fn assert_failed_cleanly(
    dir: &Path,
    before: &BTreeMap<PathBuf, Vec<u8>>,
    out: &std::process::Output,
) -> String {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    assert_eq!(&snapshot(dir), before, "a failed sync changed files");
    stderr(out)
}

#[test]
fn server_errors_are_retried_then_given_up_with_nothing_written() {
    let server = Server::start(vec![card_post(
        2,
        "https://raft.github.io/raft.pdf",
        "Raft",
        "",
    )]);
    server.with(|s| {
        for _ in 0..10 {
            s.script
                .push_back(error(500, "InternalServerError", "Internal Server Error"));
        }
    });
    let dir = small_course(FEED_CONFIG);
    let before = snapshot(dir.path());
    let out = sync(dir.path(), &server, &[]);
    let err = assert_failed_cleanly(dir.path(), &before, &out);
    assert!(
        err.contains(&format!(
            "error: cannot read the feed from {}: it answered 500 (asked 3 times)",
            server.url()
        )),
        "{err}"
    );
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_malformed_page_is_an_error() {
    let feed: Vec<Value> = (1..=150)
        .map(|n| card_post(n, &format!("https://x{n}.example.org/a"), "A reading", ""))
        .collect();
    let server = Server::start(feed);
    server.with(|s| s.broken_later_pages = Some(r#"{"feed": "not a list"}"#.into()));
    let dir = small_course(FEED_CONFIG);
    let before = snapshot(dir.path());
    let out = sync(dir.path(), &server, &[]);
    let err = assert_failed_cleanly(dir.path(), &before, &out);
    assert!(
        err.contains(&format!(
            "error: page 2 of the feed from {}/xrpc/app.bsky.feed.getAuthorFeed is not a feed page: no `feed` array",
            server.url()
        )),
        "{err}"
    );
    assert!(
        err.contains("must answer app.bsky.feed.getAuthorFeed"),
        "{err}"
    );
}

#[test]
fn a_cursor_that_comes_back_is_stopped() {
    let feed: Vec<Value> = (1..=150)
        .map(|n| card_post(n, &format!("https://x{n}.example.org/a"), "A reading", ""))
        .collect();
    let server = Server::start(feed);
    server.with(|s| s.stuck_cursor = true);
    let dir = small_course(FEED_CONFIG);
    let before = snapshot(dir.path());
    let out = sync(dir.path(), &server, &[]);
    let err = assert_failed_cleanly(dir.path(), &before, &out);
    assert!(
        err.contains(
            "gave the cursor `off-0` twice (page 2): the feed would be read in circles; stopped"
        ),
        "{err}"
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn an_actor_that_does_not_exist() {
    let server = Server::start(Vec::new());
    let dir = small_course(FEED_CONFIG);
    let before = snapshot(dir.path());
    let out = sync(dir.path(), &server, &["--actor", "nobody.bsky.social"]);
    let err = assert_failed_cleanly(dir.path(), &before, &out);
    assert!(
        err.contains(&format!(
            "error: {} answered 400 to app.bsky.feed.getAuthorFeed for `nobody.bsky.social`: InvalidRequest: Profile not found",
            server.url()
        )),
        "{err}"
    );
    assert!(
        err.contains("check the handle `nobody.bsky.social`"),
        "{err}"
    );
    assert_eq!(server.requests().len(), 1, "a 400 is not retried");
}

#[test]
fn a_feed_generator_by_its_uri() {
    let server = Server::start(vec![repost(5, "https://raft.github.io/raft.pdf", "Raft")]);
    let dir = small_course("");
    let uri = "at://did:plc:x/app.bsky.feed.generator/distsys";
    let out = sync(dir.path(), &server, &["--feed", uri]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        server.requests(),
        [format!("/xrpc/app.bsky.feed.getFeed?feed={uri}&limit=100")]
    );
    assert_eq!(
        stdout(&out).lines().last().unwrap(),
        "1 new post: 1 filed (raft)"
    );
    // A repost's link names whose post it was; "Raft" names the topic, so it is filed there.
    let raft = std::fs::read_to_string(dir.path().join("topics/raft.toml")).unwrap();
    assert!(
        raft.contains("source = \"other.bsky.social (Bluesky, 2024-01-06)\""),
        "{raft}"
    );
}

#[test]
fn no_feed_is_a_usage_error_and_offline_fails_fast() {
    let dir = small_course("");
    let out = syllabus_in(dir.path(), &["sync"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: no feed to sync"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("add `[feed]` with `actor = \"HANDLE\"`"));

    let port = crate::common::free_port();
    let dir = small_course(FEED_CONFIG);
    let before = snapshot(dir.path());
    let start = Instant::now();
    let out = syllabus_in(
        dir.path(),
        &["sync", "--service", &format!("http://127.0.0.1:{port}")],
    );
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "{:?}",
        start.elapsed()
    );
    let err = assert_failed_cleanly(dir.path(), &before, &out);
    assert!(
        err.contains(&format!(
            "cannot read the feed from http://127.0.0.1:{port}: connection refused (asked 3 times)"
        )),
        "{err}"
    );
    // A name that never resolves (`.invalid` is reserved): what an offline machine sees.
    let start = Instant::now();
    let out = syllabus_in(dir.path(), &["sync", "--service", "http://feed.invalid"]);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    let err = assert_failed_cleanly(dir.path(), &before, &out);
    assert!(
        err.contains(
            "cannot read the feed from http://feed.invalid: its host name does not resolve"
        ),
        "{err}"
    );
}

/// The corpus and the state as a command sees them: files whose names start with a dot (the
/// temporary files and the journal of a write) are no part of either.
fn settled(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect()
}

/// Whether a write into `topics` left its journal: it was killed during its renames.
fn journal_left(dir: &Path) -> bool {
    std::fs::read_dir(dir.join("topics")).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".syllabus-journal-")
    })
}

/// The next command after a kill (`check`, a reader), which completes a write that was killed
/// during its renames; returns its output.
fn next_command(dir: &Path) -> String {
    let out = syllabus_in(dir, &["check", "--topics", "topics"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        !journal_left(dir),
        "the journal is still there after `check`"
    );
    stdout(&out)
}

/// A sync of `url` in `dir`, running.
fn spawn_sync(dir: &Path, url: &str, rename_pause_ms: Option<u64>) -> std::process::Child {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_syllabus"));
    command
        .args(["sync", "--service", url])
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Some(ms) = rename_pause_ms {
        command.env("SYLLABUS_TEST_RENAME_PAUSE_MS", ms.to_string());
    }
    command.spawn().unwrap()
}

/// SIGKILL at any moment of a sync leaves the corpus and the state as they were before it or
/// as they are after it, never in between, as the next command sees them: a kill between the
/// renames of the write leaves a journal that the next command completes (`crate::journal`).
#[cfg(unix)]
#[test]
fn killed_at_any_point_the_corpus_and_state_are_before_or_after() {
    let (feed, _) = big_feed();
    let server = Server::start(feed.clone());
    let clean = course_copy();
    let before = settled(clean.path());
    server.with(|s| s.delay = Duration::from_millis(60));
    let start = Instant::now();
    let out = sync(clean.path(), &server, &[]);
    let took = start.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    let after = settled(clean.path());
    assert_ne!(before, after);
    let url = server.url();
    let (mut befores, mut afters) = (0, 0);
    // From the start of a run on, a tenth of the first run's time later each time; then, as a
    // loaded machine may be slower now, twice as late each time until a run has ended before
    // its kill: both outcomes are seen, however slow the machine is today.
    let mut ended = false;
    let mut step = 0u32;
    while !ended || step <= 10 {
        let at = match step {
            0..=10 => took * step / 10,
            _ => took * 2u32.pow(step - 10),
        };
        assert!(
            at < Duration::from_secs(600),
            "no run ended within ten minutes"
        );
        step += 1;
        let dir = course_copy();
        let mut child = spawn_sync(dir.path(), &url, None);
        std::thread::sleep(at);
        ended |= child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        next_command(dir.path());
        let now = settled(dir.path());
        if now == before {
            befores += 1;
        } else if now == after {
            afters += 1;
        } else {
            panic!("killed after {at:?}: neither before nor after");
        }
    }
    assert!(
        befores > 0 && afters > 0,
        "{befores} before, {afters} after"
    );
}

/// The kill the test above can only hope for, made certain: between two renames of the write
/// (a pause before each, a hook of debug builds). The corpus and the state on disk are then
/// half written, and the next command completes them, the state file beside the corpus too.
#[cfg(unix)]
#[cfg_attr(
    not(debug_assertions),
    ignore = "needs SYLLABUS_TEST_RENAME_PAUSE_MS, which only debug builds read"
)]
#[test]
fn a_sync_killed_between_its_renames_is_completed_by_the_next_command() {
    let (feed, _) = big_feed();
    let server = Server::start(feed);
    let clean = course_copy();
    let before = settled(clean.path());
    let out = sync(clean.path(), &server, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = settled(clean.path());
    // Several files change, the state among them: there are renames to come between.
    let changed = after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(*b))
        .count();
    assert!(changed > 2, "{changed} files changed");
    assert!(after.contains_key(Path::new(".syllabus/sync.json")));

    let dir = course_copy();
    let mut child = spawn_sync(dir.path(), &server.url(), Some(1000));
    // Killed as soon as the first rename is seen done: the next one is a second away.
    let started = Instant::now();
    while settled(dir.path()) == before {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the sync renamed nothing in two minutes"
        );
        assert!(child.try_wait().unwrap().is_none(), "the sync ended early");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let half = settled(dir.path());
    assert!(
        half != before && half != after,
        "the kill did not land between two renames"
    );
    assert!(journal_left(dir.path()));
    let report = next_command(dir.path());
    assert!(
        report.contains("was interrupted; it is completed now"),
        "{report}"
    );
    assert!(report.contains("sync.json"), "{report}");
    assert_eq!(settled(dir.path()), after);
}

#[test]
fn help_names_the_config_key_and_the_state_file_and_new_courses_can_schedule_it() {
    let out = syllabus_in(&root(), &["sync", "--help"]);
    let help = stdout(&out);
    for words in [
        "[feed] actor = \"HANDLE\"",
        ".syllabus/sync.json",
        "--actor <HANDLE_OR_DID>",
        "--since <YYYY-MM-DD>",
        "--full",
        "--dry-run",
        "syllabus sync && syllabus check && syllabus build",
    ] {
        assert!(help.contains(words), "`{words}` is not in:\n{help}");
    }
    let list = stdout(&syllabus_in(&root(), &["--help"]));
    assert!(list.contains("sync"), "{list}");

    let dir = tempfile::tempdir().unwrap();
    let out = syllabus_in(dir.path(), &["new", "course"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let workflow =
        std::fs::read_to_string(dir.path().join("course/.github/workflows/pages.yml")).unwrap();
    assert!(
        workflow.contains("  # schedule:\n  #   - cron: \"0 6 * * 1\"\n"),
        "{workflow}"
    );
    assert!(
        workflow.contains("      #     syllabus sync\n"),
        "{workflow}"
    );
    // Commented out by default: no live schedule, no live sync step.
    assert!(!workflow.contains("\n  schedule:"), "{workflow}");
    assert!(
        !workflow.lines().any(|l| l.trim() == "syllabus sync"),
        "{workflow}"
    );
}

#[test]
fn a_feed_config_that_names_no_feed_is_an_error() {
    for (config, message) in [
        (
            "\n[feed]\nactor = \"not a handle\"\n",
            "course.toml: [feed]: `not a handle` is not a handle (name.bsky.social), a DID (did:plc:…) or an at:// URI",
        ),
        (
            "\n[feed]\nactor = \"a.bsky.social\"\nuri = \"at://did:plc:x/app.bsky.graph.list/1\"\n",
            "course.toml: [feed] names both `actor` and `uri`",
        ),
        (
            "\n[feed]\nuri = \"at://did:plc:x/app.bsky.feed.post/1\"\n",
            "names neither a feed generator (at://…/app.bsky.feed.generator/…) nor a list",
        ),
    ] {
        let dir = small_course(config);
        let before = snapshot(dir.path());
        let out = syllabus_in(dir.path(), &["sync", "--service", "http://127.0.0.1:9"]);
        let err = assert_failed_cleanly(dir.path(), &before, &out);
        assert!(err.contains(message), "{err}");
    }
    let dir = small_course(FEED_CONFIG);
    let out = syllabus_in(dir.path(), &["sync", "--actor", "@"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--actor: `@` is not a handle"),
        "{}",
        stderr(&out)
    );
}
