//! `syllabus sync`: keeps a course in step with the Bluesky feed it grows from.
//!
//! This module owns reading the feed's API and remembering how far it was read: [`xrpc`] asks
//! an AppView for pages of `getAuthorFeed` (or `getFeed` / `getListFeed`), politely; the walk
//! here follows the cursor until it meets posts it has seen; [`state`] keeps the newest post
//! seen in `.syllabus/sync.json`; `heal` gives truncated and guessed course URLs the full URL
//! from their post. What the posts link to is read by the Bluesky reader of `import`
//! (`crate::import::bluesky`) and decided and written by `import` itself
//! (`crate::import::run_candidates`): the same duplicates, topics, inbox and all-or-nothing
//! locked write, with the healed URLs and the new state in that same write. A run that fails
//! records nothing and changes nothing. [`terminal`] words the command's report.

pub(crate) mod heal;
pub mod state;
mod terminal;
pub mod xrpc;

pub use heal::Healed;
pub(crate) use terminal::feed_from_flags;
pub use xrpc::{Feed, Settings, PUBLIC_APPVIEW};

use crate::corpus;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::import::{self, bluesky, Parsed};
use crate::schedule::Date;
use serde_json::Value;
use state::{FeedState, Seen};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::SystemTime;

/// Pages read in one walk to the end of a feed (a first sync, `--full`): 10,000 posts. A
/// longer feed is read on over the next runs, from the cursor the state keeps.
pub const MAX_PAGES: usize = 100;

/// What the caller asked for.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub topics_dir: PathBuf,
    /// `--actor` / `--feed`; else `[feed]` in `course.toml`.
    pub feed: Option<Feed>,
    /// `--service`; else `[feed] service`; else [`PUBLIC_APPVIEW`].
    pub service: Option<String>,
    /// Read back to this day, whatever the state says.
    pub since: Option<Date>,
    /// Read the whole feed, whatever the state says.
    pub full: bool,
    pub dry_run: bool,
    /// `None`: `.syllabus/sync.json` beside the corpus folder.
    pub state: Option<PathBuf>,
    pub settings: Settings,
}

/// What a sync did.
#[derive(Debug, Default)]
pub struct Report {
    /// The links of the new posts, as `import` decided (and wrote) them.
    pub import: import::Report,
    pub feed: String,
    pub service: String,
    /// Entries read that were not seen before: posts and reposts.
    pub posts: usize,
    pub without_link: usize,
    pub healed: Vec<Healed>,
    pub pages: usize,
    pub requests: usize,
    pub state: PathBuf,
    pub dry_run: bool,
}

impl Report {
    /// Links found in the new posts, new or not.
    pub fn links(&self) -> usize {
        self.import.rows.len()
    }

    /// "3 new posts: 2 filed (raft, transactions), 1 to the inbox; 1 URL healed (paxos-intuitive)"
    pub fn summary(&self) -> String {
        use crate::words::count;
        let new: Vec<&import::Row> = self.import.rows.iter().filter(|r| r.is_new()).collect();
        let mut topics: Vec<&str> = new.iter().filter_map(|r| r.topic.as_deref()).collect();
        topics.sort_unstable();
        topics.dedup();
        let filed = new.iter().filter(|r| r.topic.is_some()).count();
        let inbox = new.len() - filed;
        let known = self.import.rows.len() - new.len() - self.healed.len();
        let verb = |done: &str, would: &str| match self.dry_run {
            true => would.to_string(),
            false => done.to_string(),
        };
        let mut parts = Vec::new();
        if filed > 0 {
            parts.push(format!(
                "{filed} {} ({})",
                verb("filed", "to file"),
                topics.join(", ")
            ));
        }
        if inbox > 0 {
            parts.push(format!("{inbox} to the inbox"));
        }
        if known > 0 {
            parts.push(format!("{} already in the course", count(known, "link")));
        }
        if self.without_link > 0 {
            parts.push(format!("{} without a link", self.without_link));
        }
        let mut line = match self.posts {
            0 => "no new posts".to_string(),
            n => count(n, "new post"),
        };
        if !parts.is_empty() {
            line.push_str(": ");
            line.push_str(&parts.join(", "));
        }
        if !self.healed.is_empty() {
            let ids: Vec<&str> = self.healed.iter().map(|h| h.id.as_str()).collect();
            line.push_str(&format!(
                "; {} {} ({})",
                count(ids.len(), "URL"),
                verb("healed", "to heal"),
                ids.join(", ")
            ));
        }
        if self.dry_run {
            line.push_str(" (dry run: nothing written)");
        }
        line
    }

    /// `--format json`: import's report of the links, with what sync adds.
    pub fn json(&self) -> Value {
        let mut value = self.import.json();
        if let Value::Object(map) = &mut value {
            map.insert("feed".into(), self.feed.clone().into());
            map.insert("service".into(), self.service.clone().into());
            map.insert("posts".into(), self.posts.into());
            map.insert("without_link".into(), self.without_link.into());
            map.insert(
                "healed".into(),
                serde_json::to_value(&self.healed).unwrap_or_default(),
            );
            map.insert("pages".into(), self.pages.into());
            map.insert("requests".into(), self.requests.into());
            map.insert("state".into(), self.state.display().to_string().into());
            map.insert("dry_run".into(), self.dry_run.into());
            map.insert("summary".into(), self.summary().into());
        }
        value
    }
}

/// Told after each page: pages read so far, entries kept so far.
pub type Progress<'a> = &'a dyn Fn(usize, usize);

/// Reads what is new in the feed and imports it into `options.topics_dir`.
pub fn run(options: &Options, progress: Progress) -> Result<Report, Error> {
    let dir = &options.topics_dir;
    let (feed, service) = resolve(options)?;
    let state_path = options
        .state
        .clone()
        .unwrap_or_else(|| state::default_path(dir));
    let loaded = state::load(&state_path).map_err(Error::invalid)?;
    let before = loaded
        .state
        .feeds
        .get(feed.key())
        .cloned()
        .unwrap_or_default();
    let stop = match (&options.since, options.full, &before.newest) {
        (Some(day), ..) => Stop::Since(instant(&format!("{day}T00:00:00Z"))),
        (None, false, Some(seen)) => Stop::Seen(seen.clone()),
        _ => Stop::End,
    };
    let client = xrpc::Client::new(&service, options.settings.clone());
    let walked = walk(&client, &feed, &stop, &before, MAX_PAGES, progress);
    let walked = walked.map_err(|d| Error::Io(vec![d]))?;

    let mut after = before.clone();
    if let Some(top) = walked.top.clone() {
        let newer = match &before.newest {
            Some(old) => match (instant(&top.time), instant(&old.time)) {
                (Some(t), Some(o)) => t > o,
                _ => top.uri != old.uri,
            },
            None => true,
        };
        if newer {
            after.newest = Some(top);
        }
    }
    if !matches!(stop, Stop::Since(_)) {
        after.cursor = walked.resume.clone();
    }

    let mut report = Report {
        feed: feed.key().to_string(),
        service: service.clone(),
        posts: walked.entries.len(),
        pages: walked.pages,
        requests: client.requests.get(),
        state: state_path.clone(),
        dry_run: options.dry_run,
        ..Report::default()
    };
    let mut inputs: import::Inputs = Vec::new();
    let mut warnings = Vec::new();
    // Oldest first: the first post of a link names it (its date becomes the link's `source`).
    for item in walked.entries.iter().rev() {
        let file = source_name(item, &feed);
        let mut parsed = Parsed::default();
        match bluesky::read_entry(item, &file, 1, &mut parsed) {
            bluesky::Entry::Links => {}
            _ => report.without_link += 1,
        }
        parsed.links.iter_mut().for_each(import::text::finalize);
        warnings.extend(parsed.skipped);
        if !parsed.links.is_empty() {
            inputs.push((file, parsed.links));
        }
    }

    let state_changed = after != before;
    let beside = match state_changed && !options.dry_run {
        true => {
            let mut next = loaded.state.clone();
            next.feeds.insert(feed.key().to_string(), after);
            vec![(
                state_path.clone(),
                loaded.text.clone(),
                state::render(&next),
            )]
        }
        false => Vec::new(),
    };
    if inputs.is_empty() && beside.is_empty() {
        report.import.warnings = warnings;
        return Ok(report);
    }
    if let Some(parent) = state_path.parent().filter(|_| !beside.is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            Error::io(
                Diagnostic::error(None, format!("cannot create {}: {e}", parent.display()))
                    .with_help("check that the folder is writable; nothing was changed"),
            )
        })?;
    }
    let import_options = import::Options {
        dry_run: options.dry_run,
        ..import::Options::default()
    };
    let mut healed = Vec::new();
    let imported = import::run_candidates(
        dir,
        &inputs,
        warnings,
        &import_options,
        &mut |course, sources, rows| {
            let healing = heal::heal(course, sources, rows)?;
            healed = healing.healed;
            Ok(import::Extra {
                corpus: healing.edits,
                beside: beside.clone(),
                warnings: healing.warnings,
            })
        },
    )?;
    report.import = imported;
    report.healed = healed;
    Ok(report)
}

/// The feed and the service: the command line first, then `[feed]` in `course.toml`.
fn resolve(options: &Options) -> Result<(Feed, String), Error> {
    let course_file = options.topics_dir.join("course.toml");
    let config = if options.feed.is_some() && options.service.is_some() {
        None
    } else {
        let sources = corpus::read_dir(&options.topics_dir).map_err(|d| Error::Invalid(vec![d]))?;
        let loaded = corpus::load(&sources).map_err(|mut found| {
            found.push(
                Diagnostic::error(None, "the corpus has errors, so nothing was synced").with_help(
                    format!(
                        "fix them first (`syllabus check --topics {}` lists them)",
                        options.topics_dir.display()
                    ),
                ),
            );
            Error::Invalid(found)
        })?;
        loaded.course.feed
    };
    let config = config.unwrap_or_default();
    let feed = match (&options.feed, &config.actor, &config.uri) {
        (Some(f), ..) => f.clone(),
        (None, Some(_), Some(_)) => {
            return Err(Error::invalid(
                Diagnostic::error(
                    None,
                    format!(
                        "{}: [feed] names both `actor` and `uri`",
                        course_file.display()
                    ),
                )
                .with_help("keep one: an actor's posts, or a feed or list by its at:// URI"),
            ))
        }
        (None, Some(name), None) | (None, None, Some(name)) => {
            Feed::parse(name).map_err(|why| {
                Error::invalid(
                    Diagnostic::error(None, format!("{}: [feed]: {why}", course_file.display()))
                        .with_help("write `actor = \"name.bsky.social\"` or `uri = \"at://…\"`"),
                )
            })?
        }
        (None, None, None) => {
            return Err(Error::usage(
                Diagnostic::error(None, "no feed to sync").with_help(format!(
                    "add `[feed]` with `actor = \"HANDLE\"` to {}, or pass --actor HANDLE",
                    course_file.display()
                )),
            ))
        }
    };
    let service = options
        .service
        .clone()
        .or(config.service)
        .unwrap_or_else(|| PUBLIC_APPVIEW.to_string());
    if !(service.starts_with("https://") || service.starts_with("http://"))
        || url::Url::parse(&service).is_err()
    {
        return Err(Error::usage(
            Diagnostic::error(
                None,
                format!("the service `{service}` is not an http(s) URL"),
            )
            .with_help(format!("for example --service {PUBLIC_APPVIEW}")),
        ));
    }
    Ok((feed, service))
}

/// Where a walk from the top of the feed stops.
enum Stop {
    /// At the newest entry of the last run, or anything older.
    Seen(Seen),
    /// At entries older than this.
    Since(Option<SystemTime>),
    /// At the end of the feed (or [`MAX_PAGES`]).
    End,
}

/// What a walk read.
struct Walked {
    /// Entries not seen before, newest first.
    entries: Vec<Value>,
    /// The newest entry of the feed, seen or not.
    top: Option<Seen>,
    pages: usize,
    /// Where the walk of older posts goes on next time.
    resume: Option<String>,
}

/// An RFC 3339 time; `+00:00` is read as `Z`.
fn instant(text: &str) -> Option<SystemTime> {
    let text = text
        .strip_suffix("+00:00")
        .map_or(text.to_string(), |t| format!("{t}Z"));
    humantime::parse_rfc3339_weak(&text).ok()
}

fn text_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(v, |v, k| v.get(*k))?.as_str()
}

/// An entry's identity and when it entered the feed: a repost is its own entry, at the time
/// it was reposted.
fn seen_of(item: &Value) -> Seen {
    let post_uri = text_at(item, &["post", "uri"]).unwrap_or_default();
    let uri = match item.get("reason") {
        Some(reason) if reason.is_object() => text_at(reason, &["uri"]).map_or_else(
            || {
                let by = text_at(reason, &["by", "did"]).unwrap_or_default();
                format!("{post_uri}#repost:{by}")
            },
            str::to_string,
        ),
        _ => post_uri.to_string(),
    };
    let time = text_at(item, &["reason", "indexedAt"])
        .or_else(|| text_at(item, &["post", "indexedAt"]))
        .or_else(|| text_at(item, &["post", "record", "createdAt"]))
        .unwrap_or_default()
        .to_string();
    Seen { uri, time }
}

fn is_seen(entry: &Seen, stop: &Stop) -> bool {
    let older = |than: Option<SystemTime>| match (instant(&entry.time), than) {
        (Some(t), Some(than)) => t < than,
        _ => false,
    };
    match stop {
        Stop::Seen(last) => entry.uri == last.uri || older(instant(&last.time)),
        Stop::Since(day) => older(*day),
        Stop::End => false,
    }
}

/// Reads pages from the top until `stop`; then, after a normal stop, goes on from where an
/// earlier walk to the end stopped at its page limit. A walk that would read to the end reads
/// at most `max_pages`.
fn walk(
    client: &xrpc::Client,
    feed: &Feed,
    stop: &Stop,
    before: &FeedState,
    max_pages: usize,
    progress: Progress,
) -> Result<Walked, Diagnostic> {
    let mut walked = Walked {
        entries: Vec::new(),
        top: None,
        pages: 0,
        resume: None,
    };
    let limit = (!matches!(stop, Stop::Seen(_))).then_some(max_pages);
    let end = pages(client, feed, None, stop, limit, &mut walked, progress)?;
    walked.resume = match &end {
        End::Limit(cursor) => Some(cursor.clone()),
        End::Feed | End::Met => None,
    };
    // The older posts an earlier walk did not reach, unless this one read to the very end.
    if let (End::Met, Some(cursor)) = (end, &before.cursor) {
        let older = pages(
            client,
            feed,
            Some(cursor.clone()),
            &Stop::End,
            Some(max_pages),
            &mut walked,
            progress,
        )?;
        if let End::Limit(cursor) = older {
            walked.resume = Some(cursor);
        }
    }
    Ok(walked)
}

/// Why a walk stopped.
#[derive(Debug, PartialEq, Eq)]
enum End {
    /// The last page: no cursor.
    Feed,
    /// An entry read before (or older than `--since`).
    Met,
    /// The page limit ([`MAX_PAGES`]); the cursor goes on from there.
    Limit(String),
}

/// Follows the cursor from `cursor` until `stop` or the end of the feed, or `limit` pages.
fn pages(
    client: &xrpc::Client,
    feed: &Feed,
    mut cursor: Option<String>,
    stop: &Stop,
    limit: Option<usize>,
    walked: &mut Walked,
    progress: Progress,
) -> Result<End, Diagnostic> {
    let mut cursors: BTreeSet<String> = cursor.iter().cloned().collect();
    let first = walked.pages;
    loop {
        let number = walked.pages + 1;
        let page = client.page(feed, cursor.as_deref(), number)?;
        walked.pages = number;
        let mut met = false;
        for item in page.feed {
            let entry = seen_of(&item);
            if walked.top.is_none() && cursor.is_none() {
                walked.top = Some(entry.clone());
            }
            if is_seen(&entry, stop) {
                met = true;
            } else {
                walked.entries.push(item);
            }
        }
        progress(walked.pages, walked.entries.len());
        if met {
            return Ok(End::Met);
        }
        let Some(next) = page.cursor else {
            return Ok(End::Feed);
        };
        if !cursors.insert(next.clone()) {
            return Err(Diagnostic::error(
                None,
                format!(
                    "{} gave the cursor `{}` twice (page {number}): the feed would be read in circles; stopped",
                    client.service(),
                    crate::output::printable(&next)
                ),
            )
            .with_help("run `syllabus sync` again later, or try --service URL; nothing was changed"));
        }
        if limit.is_some_and(|l| walked.pages - first >= l) {
            return Ok(End::Limit(next));
        }
        cursor = Some(next);
    }
}

/// How a post's links name where they came from (their `source`): the author and the day.
fn source_name(item: &Value, feed: &Feed) -> PathBuf {
    let who = text_at(item, &["post", "author", "handle"])
        .or_else(|| text_at(item, &["post", "author", "did"]))
        .unwrap_or(feed.key());
    // No path separators: the name is one file name in messages and in `source`.
    let who: String = who
        .chars()
        .map(|c| if c == '/' || c == '\\' { '_' } else { c })
        .collect();
    let day = text_at(item, &["post", "record", "createdAt"])
        .and_then(|d| d.get(..10))
        .and_then(Date::parse);
    PathBuf::from(match day {
        Some(day) => format!("{who} (Bluesky, {day})"),
        None => format!("{who} (Bluesky)"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_what_was_seen() {
        let post: Value = serde_json::json!({"post": {"uri": "at://a/app.bsky.feed.post/1",
            "indexedAt": "2025-02-01T10:00:00.000Z",
            "record": {"createdAt": "2025-02-01T09:59:00+00:00", "text": "x"}}});
        let repost: Value = serde_json::json!({"post": {"uri": "at://a/app.bsky.feed.post/1"},
            "reason": {"$type": "app.bsky.feed.defs#reasonRepost", "by": {"did": "did:plc:b"},
                "indexedAt": "2025-03-01T00:00:00.000Z"}});
        let p = seen_of(&post);
        assert_eq!(p.uri, "at://a/app.bsky.feed.post/1");
        assert_eq!(p.time, "2025-02-01T10:00:00.000Z");
        let r = seen_of(&repost);
        assert_eq!(r.uri, "at://a/app.bsky.feed.post/1#repost:did:plc:b");
        assert!(is_seen(&p, &Stop::Seen(p.clone())));
        assert!(!is_seen(&r, &Stop::Seen(p.clone())));
        assert!(is_seen(&p, &Stop::Seen(r.clone())));
        let day = Stop::Since(instant("2025-02-02T00:00:00Z"));
        assert!(is_seen(&p, &day) && !is_seen(&r, &day));
        assert!(instant("2025-02-01T09:59:00+00:00").is_some());
        assert_eq!(
            source_name(&post, &Feed::Actor("x".into())),
            PathBuf::from("x (Bluesky, 2025-02-01)")
        );
    }

    /// A feed of `n` posts, two a page, served on 127.0.0.1; the cursor is the offset.
    fn serve(n: usize) -> String {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().map_while(Result::ok) {
                let mut first = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let _ = reader.read_line(&mut first);
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                }
                let from: usize = first
                    .split("cursor=")
                    .nth(1)
                    .and_then(|c| c.split(|c: char| !c.is_ascii_digit()).next())
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(0);
                let to = (from + 2).min(n);
                let feed: Vec<Value> = (from..to)
                    .map(|i| {
                        // Newest first: entry 0 is the latest.
                        let day = 28 - i;
                        serde_json::json!({"post": {"uri": format!("at://a/app.bsky.feed.post/{i}"),
                            "indexedAt": format!("2025-01-{day:02}T00:00:00.000Z"),
                            "record": {"text": "t"}}})
                    })
                    .collect();
                let mut body = serde_json::json!({ "feed": feed });
                if to < n {
                    body["cursor"] = to.to_string().into();
                }
                let body = body.to_string();
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        format!("http://127.0.0.1:{port}")
    }

    #[test]
    fn a_long_feed_is_read_over_several_runs_from_the_cursor_kept() {
        let service = serve(9);
        let settings = Settings {
            pause: std::time::Duration::ZERO,
            ..Settings::default()
        };
        let client = xrpc::Client::new(&service, settings);
        let feed = Feed::Actor("a".into());
        let uris =
            |w: &Walked| -> Vec<String> { w.entries.iter().map(|e| seen_of(e).uri).collect() };
        // A first run stops at the limit, and keeps where it stopped.
        let first = walk(
            &client,
            &feed,
            &Stop::End,
            &FeedState::default(),
            2,
            &|_, _| {},
        )
        .unwrap();
        assert_eq!(first.pages, 2);
        assert_eq!(uris(&first).len(), 4);
        assert_eq!(first.resume.as_deref(), Some("4"));
        let state = FeedState {
            newest: first.top.clone(),
            cursor: first.resume.clone(),
        };
        // The next: the top page (nothing new), then on from the cursor, two pages again.
        let second = walk(
            &client,
            &feed,
            &Stop::Seen(state.newest.clone().unwrap()),
            &state,
            2,
            &|_, _| {},
        )
        .unwrap();
        assert_eq!(second.pages, 3);
        assert_eq!(
            uris(&second),
            [
                "at://a/app.bsky.feed.post/4",
                "at://a/app.bsky.feed.post/5",
                "at://a/app.bsky.feed.post/6",
                "at://a/app.bsky.feed.post/7"
            ]
        );
        assert_eq!(second.resume.as_deref(), Some("8"));
        // The last reaches the end: nothing is left to resume.
        let state = FeedState {
            cursor: second.resume.clone(),
            ..state
        };
        let third = walk(
            &client,
            &feed,
            &Stop::Seen(state.newest.clone().unwrap()),
            &state,
            2,
            &|_, _| {},
        )
        .unwrap();
        assert_eq!(uris(&third), ["at://a/app.bsky.feed.post/8"]);
        assert_eq!(third.resume, None);
        assert_eq!(client.requests.get(), 2 + 3 + 2);
    }
}
