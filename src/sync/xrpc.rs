//! The feed's API over XRPC: one page of `app.bsky.feed.getAuthorFeed`, `getFeed` or
//! `getListFeed` at a time, asked politely (a User-Agent that says who asks, a pause between
//! requests, `429` answered by waiting as `Retry-After` says within a bound, network errors and
//! `5xx` retried a few times), and checked to be a feed page before anything reads it.

use crate::diagnostics::Diagnostic;
use serde_json::Value;
use std::cell::Cell;
use std::time::{Duration, Instant, SystemTime};

/// The public AppView: it serves public feeds without an account.
pub const PUBLIC_APPVIEW: &str = "https://public.api.bsky.app";

/// Posts asked for per page: the most the lexicon allows.
pub const LIMIT: usize = 100;

/// What is read: whose posts, or which feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Feed {
    /// A handle or DID: `getAuthorFeed`.
    Actor(String),
    /// An `at://…/app.bsky.feed.generator/…` URI: `getFeed`.
    Generator(String),
    /// An `at://…/app.bsky.graph.list/…` URI: `getListFeed`.
    List(String),
}

impl Feed {
    /// An actor, or the feed an `at://` URI names; `Err` says what is wrong with it.
    pub fn parse(text: &str) -> Result<Feed, String> {
        let text = text.trim();
        let Some(rest) = text.strip_prefix("at://") else {
            let handle = text.strip_prefix('@').unwrap_or(text);
            let ok = !handle.is_empty()
                && handle
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
            return match ok {
                true => Ok(Feed::Actor(handle.to_string())),
                false => Err(format!(
                    "`{text}` is not a handle (name.bsky.social), a DID (did:plc:…) or an at:// URI"
                )),
            };
        };
        match rest.split('/').nth(1) {
            Some("app.bsky.feed.generator") => Ok(Feed::Generator(text.to_string())),
            Some("app.bsky.graph.list") => Ok(Feed::List(text.to_string())),
            _ => Err(format!(
                "`{text}` names neither a feed generator (at://…/app.bsky.feed.generator/…) nor a list (at://…/app.bsky.graph.list/…)"
            )),
        }
    }

    /// The key of its state in the state file.
    pub fn key(&self) -> &str {
        match self {
            Feed::Actor(s) | Feed::Generator(s) | Feed::List(s) => s,
        }
    }

    fn method_and_param(&self) -> (&'static str, &'static str) {
        match self {
            Feed::Actor(_) => ("app.bsky.feed.getAuthorFeed", "actor"),
            Feed::Generator(_) => ("app.bsky.feed.getFeed", "feed"),
            Feed::List(_) => ("app.bsky.feed.getListFeed", "list"),
        }
    }
}

/// How politely the client asks.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Between the starts of two requests: at most a few a second.
    pub pause: Duration,
    /// To connect, and for a whole request.
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// Network errors and `5xx` answers are retried this many times, after `backoff`,
    /// doubled each time.
    pub retries: u32,
    pub backoff: Duration,
    /// `429`s are retried this many times, and only when the server asks for no longer than
    /// `max_retry_wait`.
    pub rate_retries: u32,
    pub max_retry_wait: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            pause: Duration::from_millis(250),
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            retries: 2,
            backoff: Duration::from_millis(500),
            rate_retries: 3,
            max_retry_wait: Duration::from_secs(60),
        }
    }
}

/// One page of a feed.
#[derive(Debug)]
pub struct Page {
    /// The `feedViewPost`s, newest first, each checked to have `post.uri`.
    pub feed: Vec<Value>,
    pub cursor: Option<String>,
}

pub struct Client {
    agent: ureq::Agent,
    /// Without a trailing slash.
    service: String,
    settings: Settings,
    last: Cell<Option<Instant>>,
    /// Requests made, retries included.
    pub requests: Cell<usize>,
}

/// Why a page could not be had: the error says which service, what it answered, and what to do.
type Fetched = Result<Page, Diagnostic>;

impl Client {
    pub fn new(service: &str, settings: Settings) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(settings.connect_timeout))
            .timeout_global(Some(settings.timeout))
            .user_agent(crate::linkcheck::user_agent().as_str())
            .build();
        Client {
            agent: config.into(),
            service: service.trim_end_matches('/').to_string(),
            settings,
            last: Cell::new(None),
            requests: Cell::new(0),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    /// The page of `feed` after `cursor` (the first page without one).
    pub fn page(&self, feed: &Feed, cursor: Option<&str>, number: usize) -> Fetched {
        let (method, param) = feed.method_and_param();
        let url = format!("{}/xrpc/{method}", self.service);
        let mut query = vec![
            (param, feed.key().to_string()),
            ("limit", LIMIT.to_string()),
        ];
        if let Some(c) = cursor {
            query.push(("cursor", c.to_string()));
        }
        let mut failures = 0;
        let mut limited = 0;
        loop {
            self.wait_turn();
            self.requests.set(self.requests.get() + 1);
            let mut request = self.agent.get(&url).header("Accept", "application/json");
            for (k, v) in &query {
                request = request.query(*k, v);
            }
            let answer = request.call();
            let retry = |failures: &mut u32, why: String| -> Result<(), Diagnostic> {
                *failures += 1;
                if *failures > self.settings.retries {
                    return Err(Diagnostic::error(
                        None,
                        format!(
                            "cannot read the feed from {}: {why} (asked {} times)",
                            self.service,
                            *failures
                        ),
                    )
                    .with_help(
                        "check the network connection (or --service URL) and run `syllabus sync` again; nothing was changed",
                    ));
                }
                std::thread::sleep(self.settings.backoff * (1 << (*failures - 1)));
                Ok(())
            };
            let mut response = match answer {
                Ok(r) => r,
                Err(e) => {
                    retry(&mut failures, network_error(&e))?;
                    continue;
                }
            };
            let status = response.status().as_u16();
            if status == 429 {
                let asked = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| crate::linkcheck::http::retry_after(v, SystemTime::now()));
                let wait = asked.unwrap_or(self.settings.backoff * (1 << limited));
                limited += 1;
                if limited > self.settings.rate_retries || wait > self.settings.max_retry_wait {
                    let when = asked.map_or(String::new(), |w| {
                        format!(" and asks to wait {} s", w.as_secs())
                    });
                    return Err(Diagnostic::error(
                        None,
                        format!(
                            "{} is limiting requests (429 Too Many Requests){when}",
                            self.service
                        ),
                    )
                    .with_help("run `syllabus sync` again later; nothing was changed"));
                }
                std::thread::sleep(wait);
                continue;
            }
            let body = response.body_mut().read_to_string();
            if status >= 500 {
                retry(&mut failures, format!("it answered {status}"))?;
                continue;
            }
            let body = match body {
                Ok(b) => b,
                Err(e) => {
                    retry(&mut failures, network_error(&e))?;
                    continue;
                }
            };
            if status != 200 {
                return Err(self.refused(method, feed, status, &body));
            }
            return read_page(&body).map_err(|what| {
                Diagnostic::error(
                    None,
                    format!("page {number} of the feed from {url} is not a feed page: {what}"),
                )
                .with_help(format!(
                    "is {} an AppView (it must answer {method})? Pass --service URL to name another; nothing was changed",
                    self.service
                ))
            });
        }
    }

    /// Sleeps until `pause` has passed since the last request began.
    fn wait_turn(&self) {
        if let Some(last) = self.last.get() {
            let next = last + self.settings.pause;
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
        }
        self.last.set(Some(Instant::now()));
    }

    /// A `4xx`: the lexicon's error shape (`{"error": "...", "message": "..."}`) said plainly.
    fn refused(&self, method: &str, feed: &Feed, status: u16, body: &str) -> Diagnostic {
        let parsed: Option<Value> = serde_json::from_str(body).ok();
        let field = |k: &str| {
            parsed
                .as_ref()
                .and_then(|v| v.get(k))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let said = match (field("error"), field("message")) {
            (Some(e), Some(m)) => format!("{e}: {m}"),
            (Some(e), None) => e,
            (None, Some(m)) => m,
            (None, None) => "no XRPC error in the answer".into(),
        };
        let help = match feed {
            Feed::Actor(a) => format!(
                "check the handle `{a}` (`[feed] actor` in course.toml, or --actor); nothing was changed"
            ),
            Feed::Generator(u) | Feed::List(u) => format!(
                "check the feed URI `{u}` (`[feed] uri` in course.toml, or --feed); nothing was changed"
            ),
        };
        Diagnostic::error(
            None,
            format!(
                "{} answered {status} to {method} for `{}`: {}",
                self.service,
                feed.key(),
                crate::output::printable(&said)
            ),
        )
        .with_help(help)
    }
}

fn network_error(e: &ureq::Error) -> String {
    match e {
        ureq::Error::HostNotFound => {
            "its host name does not resolve (is this machine offline?)".into()
        }
        // The resolver's failure comes as an io::Error that only its text tells apart.
        ureq::Error::Io(io) if io.to_string().contains("failed to lookup address") => {
            "its host name does not resolve (is this machine offline?)".into()
        }
        ureq::Error::Timeout(_) => "no answer in time".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        other => other.to_string(),
    }
}

/// The page's posts and cursor, or what makes it no feed page.
fn read_page(body: &str) -> Result<Page, String> {
    let root: Value = serde_json::from_str(body).map_err(|e| format!("not valid JSON ({e})"))?;
    let Some(obj) = root.as_object() else {
        return Err("not a JSON object".into());
    };
    let Some(feed) = obj.get("feed").and_then(Value::as_array) else {
        return Err("no `feed` array".into());
    };
    for (n, item) in feed.iter().enumerate() {
        let uri = item
            .get("post")
            .and_then(|p| p.get("uri"))
            .and_then(Value::as_str);
        if uri.is_none() {
            return Err(format!("entry {} has no `post.uri`", n + 1));
        }
    }
    let cursor = match obj.get("cursor") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err("`cursor` is not a string".into()),
    };
    Ok(Page {
        feed: feed.clone(),
        cursor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_by_their_names() {
        assert_eq!(
            Feed::parse("@distribsystems.bsky.social"),
            Ok(Feed::Actor("distribsystems.bsky.social".into()))
        );
        assert_eq!(
            Feed::parse("did:plc:abc123"),
            Ok(Feed::Actor("did:plc:abc123".into()))
        );
        let g = "at://did:plc:x/app.bsky.feed.generator/dist";
        assert_eq!(Feed::parse(g), Ok(Feed::Generator(g.into())));
        let l = "at://did:plc:x/app.bsky.graph.list/3k";
        assert_eq!(Feed::parse(l), Ok(Feed::List(l.into())));
        assert!(Feed::parse("at://did:plc:x/app.bsky.feed.post/1")
            .unwrap_err()
            .contains("neither a feed generator"));
        assert!(Feed::parse("a b").is_err());
    }

    #[test]
    fn pages_are_checked() {
        let ok =
            read_page(r#"{"feed": [{"post": {"uri": "at://a/b/c"}}], "cursor": "c1"}"#).unwrap();
        assert_eq!(ok.cursor.as_deref(), Some("c1"));
        assert_eq!(read_page(r#"{"feed": []}"#).unwrap().cursor, None);
        assert_eq!(read_page("[]").unwrap_err(), "not a JSON object");
        assert_eq!(
            read_page(r#"{"posts": []}"#).unwrap_err(),
            "no `feed` array"
        );
        assert_eq!(
            read_page(r#"{"feed": [{"post": {}}]}"#).unwrap_err(),
            "entry 1 has no `post.uri`"
        );
    }
}
