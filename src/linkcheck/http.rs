//! Asking one URL over HTTP: HEAD first and GET where a server refuses HEAD, redirects followed
//! one by one (so permanent and temporary ones, and loops, are told apart), `429` answered by
//! waiting as long as `Retry-After` says (within a bound). The client is `ureq`.

use super::hosts::{Hosts, LookupError};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant, SystemTime};
use url::Url;

/// What asking a URL found: what the cache keeps and the report reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Outcome {
    /// A 2xx answer, perhaps after redirects.
    Alive {
        status: u16,
        /// Where the permanent redirects at the start of the chain lead: the URL to write.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        moved: Option<Moved>,
        /// The same page over https, when an http URL also works that way.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        https: Option<String>,
    },
    /// The last answer was not 2xx (nor a redirect we could follow).
    Status {
        status: u16,
        /// Where that answer came from, when redirects led elsewhere.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<String>,
    },
    /// 429 still after waiting; the wait the server asked for last, in seconds.
    RateLimited {
        retry_after: Option<u64>,
    },
    RedirectLoop {
        to: String,
    },
    TooManyRedirects,
    /// The host name does not resolve.
    Dns {
        host: String,
    },
    Tls {
        detail: String,
    },
    /// No answer within the timeout (in milliseconds).
    Timeout {
        after_ms: u64,
    },
    Connect {
        detail: String,
    },
    /// The server answered, but not with an HTTP answer this client can read: a head over the
    /// size limit, control characters in a header, another protocol.
    BadAnswer {
        detail: String,
    },
    /// A redirect to a loopback, private or link-local address from a URL that was not one:
    /// not followed (it would make the checker ask the reader's own network), never written.
    InternalRedirect {
        to: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    /// 301 or 308.
    pub status: u16,
    pub to: String,
}

impl Outcome {
    /// The page is gone: the reader cannot open it. Timeouts, rate limits and server errors
    /// may pass, so they are not.
    pub fn is_dead(&self) -> bool {
        match self {
            Outcome::Status { status, .. } => matches!(status, 404 | 410),
            Outcome::RedirectLoop { .. }
            | Outcome::TooManyRedirects
            | Outcome::Dns { .. }
            | Outcome::Tls { .. }
            | Outcome::Connect { .. }
            | Outcome::BadAnswer { .. } => true,
            _ => false,
        }
    }

    pub fn is_alive(&self) -> bool {
        matches!(self, Outcome::Alive { .. })
    }

    /// A few words for a progress line.
    pub fn short(&self) -> String {
        match self {
            Outcome::Alive { moved: Some(m), .. } => format!("{} moved", m.status),
            Outcome::Alive { status, .. } | Outcome::Status { status, .. } => status.to_string(),
            Outcome::RateLimited { .. } => "429 rate limited".into(),
            Outcome::RedirectLoop { .. } => "redirect loop".into(),
            Outcome::TooManyRedirects => "too many redirects".into(),
            Outcome::Dns { .. } => "DNS failure".into(),
            Outcome::Tls { .. } => "TLS error".into(),
            Outcome::Timeout { .. } => "timeout".into(),
            Outcome::Connect { .. } => "connection failed".into(),
            Outcome::BadAnswer { .. } => "not an HTTP answer".into(),
            Outcome::InternalRedirect { .. } => "redirect to an internal address".into(),
        }
    }
}

/// How the client behaves; `Options` in the parent module sets it from the command line.
#[derive(Clone, Debug)]
pub struct Settings {
    pub timeout: Duration,
    pub max_redirects: usize,
    /// 429s retried at most this many times per URL...
    pub max_retries: u32,
    /// ...and only when the server asks for no longer than this.
    pub max_retry_wait: Duration,
    pub user_agent: String,
}

pub struct Client<'h> {
    agent: ureq::Agent,
    /// The same client without kept-alive connections: for asking again when a kept-alive
    /// connection was closed under a request (see [`Client::request`]).
    fresh: ureq::Agent,
    hosts: &'h Hosts,
    settings: Settings,
}

/// One answer: its status and the headers we act on.
struct Answer {
    status: u16,
    location: Option<String>,
    retry_after: Option<Duration>,
}

/// Servers that answer `Accept: */*` oddly get what a browser asks for.
const ACCEPT: &str = "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8";

impl<'h> Client<'h> {
    pub fn new(hosts: &'h Hosts, settings: Settings) -> Self {
        let config = || {
            ureq::Agent::config_builder()
                .http_status_as_error(false)
                // Redirects are followed here, one at a time, to see each status.
                .max_redirects(0)
                .max_redirects_will_error(false)
                .timeout_global(Some(settings.timeout))
                .user_agent(settings.user_agent.as_str())
        };
        Client {
            agent: config().build().into(),
            fresh: config().max_idle_connections(0).build().into(),
            hosts,
            settings,
        }
    }

    /// Check `start`, and for a working http URL whether https works too.
    pub fn check(&self, start: &str) -> Outcome {
        let outcome = self.follow(start);
        match (&outcome, Url::parse(start)) {
            (
                Outcome::Alive {
                    status,
                    moved: None,
                    ..
                },
                Ok(url),
            ) if url.scheme() == "http" && is_named(&url) => {
                let mut secure = url.clone();
                if secure.set_scheme("https").is_err() || secure.set_port(None).is_err() {
                    return outcome;
                }
                let https = match self.follow(secure.as_str()) {
                    Outcome::Alive { moved: None, .. } => Some(secure.to_string()),
                    _ => None,
                };
                Outcome::Alive {
                    status: *status,
                    moved: None,
                    https,
                }
            }
            _ => outcome,
        }
    }

    /// Follow redirects from `start` to an answer that is not one.
    fn follow(&self, start: &str) -> Outcome {
        let mut url = match Url::parse(start) {
            Ok(u) => u,
            Err(e) => {
                return Outcome::Connect {
                    detail: format!("not a URL ({e})"),
                }
            }
        };
        let mut visited = vec![url.to_string()];
        let mut moved: Option<Moved> = None;
        let mut only_permanent = true;
        for _ in 0..=self.settings.max_redirects {
            let answer = match self.ask(&url) {
                Ok(a) => a,
                Err(outcome) => return outcome,
            };
            let status = answer.status;
            let at = (visited.len() > 1).then(|| url.to_string());
            if (200..300).contains(&status) {
                return Outcome::Alive {
                    status,
                    moved,
                    https: None,
                };
            }
            let next = match (status, answer.location) {
                (300..=399, Some(location)) => url.join(&location).ok(),
                _ => None,
            };
            let Some(next) = next.filter(|n| matches!(n.scheme(), "http" | "https")) else {
                return Outcome::Status { status, at };
            };
            if !redirect_allowed(&visited[0], &next, self.hosts) {
                return Outcome::InternalRedirect {
                    to: next.to_string(),
                };
            }
            // A DOI resolver sends the reader on to the publisher: the DOI is registered, and
            // publishers often refuse robots, so what they answer says nothing about the DOI.
            if is_doi_resolver(&url) && next.host_str() != url.host_str() {
                return Outcome::Alive {
                    status,
                    moved,
                    https: None,
                };
            }
            if matches!(status, 301 | 308) && only_permanent {
                moved = Some(Moved {
                    status,
                    to: next.to_string(),
                });
            } else {
                only_permanent = false;
            }
            if visited.contains(&next.to_string()) {
                return Outcome::RedirectLoop {
                    to: next.to_string(),
                };
            }
            visited.push(next.to_string());
            url = next;
        }
        Outcome::TooManyRedirects
    }

    /// One URL, no redirects followed: HEAD, GET when HEAD fails, waits on 429.
    fn ask(&self, url: &Url) -> Result<Answer, Outcome> {
        let host = url.host_str().unwrap_or_default().to_string();
        let port = url.port_or_known_default().unwrap_or(80);
        match self.hosts.lookup(&host, port) {
            Ok(()) => {}
            Err(LookupError::NotFound) => return Err(Outcome::Dns { host }),
            Err(LookupError::TimedOut) => return Err(self.timeout()),
        }
        let mut retries = 0;
        loop {
            let mut answer = self.request(true, url, &host)?;
            // Some servers refuse HEAD (405, 501) or answer it wrongly; GET has the last word.
            if answer.status >= 400 && answer.status != 429 {
                answer = self.request(false, url, &host)?;
            }
            if answer.status != 429 {
                return Ok(answer);
            }
            // Without `Retry-After`, back off: 1 s, then 2 s.
            let wait = answer
                .retry_after
                .unwrap_or(Duration::from_secs(1 << retries));
            retries += 1;
            if retries > self.settings.max_retries || wait > self.settings.max_retry_wait {
                return Err(Outcome::RateLimited {
                    retry_after: answer.retry_after.map(|d| d.as_secs()),
                });
            }
            // Every request to this host waits, not only this one.
            self.hosts.defer(&host, Instant::now() + wait);
        }
    }

    fn request(&self, head: bool, url: &Url, host: &str) -> Result<Answer, Outcome> {
        let _permit = self.hosts.acquire(host);
        let call = |agent: &ureq::Agent| {
            if head {
                agent.head(url.as_str()).header("Accept", ACCEPT).call()
            } else {
                agent.get(url.as_str()).header("Accept", ACCEPT).call()
            }
        };
        // A server may close a kept-alive connection at any moment (its idle timeout), and a
        // request sent on it just then is reset or cut off before any answer. That says
        // nothing about the page: HEAD and GET are safe to repeat (RFC 9110, 9.2.2), so it is
        // asked once more on a new connection, whose answer is the one reported.
        let result = match call(&self.agent) {
            Err(ureq::Error::Io(e)) if closed_before_answer(&e) => call(&self.fresh),
            other => other,
        };
        // The body is never read: dropping the response closes the connection.
        let response = result.map_err(|e| self.failure(e, host))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        Ok(Answer {
            status: response.status().as_u16(),
            location: header("location"),
            retry_after: header("retry-after").and_then(|v| retry_after(&v, SystemTime::now())),
        })
    }

    fn timeout(&self) -> Outcome {
        Outcome::Timeout {
            after_ms: self.settings.timeout.as_millis() as u64,
        }
    }

    fn failure(&self, error: ureq::Error, host: &str) -> Outcome {
        use std::io::ErrorKind;
        match error {
            ureq::Error::Timeout(_) => self.timeout(),
            ureq::Error::HostNotFound => Outcome::Dns {
                host: host.to_string(),
            },
            ureq::Error::Tls(detail) => Outcome::Tls {
                detail: detail.to_string(),
            },
            ureq::Error::Rustls(e) => Outcome::Tls {
                detail: e.to_string(),
            },
            // rustls reports a failed handshake through the socket's io::Error.
            ureq::Error::Io(e) if e.get_ref().is_some_and(|i| i.is::<rustls::Error>()) => {
                Outcome::Tls {
                    detail: e.get_ref().map(|i| i.to_string()).unwrap_or_default(),
                }
            }
            ureq::Error::Io(e) if e.kind() == ErrorKind::TimedOut => self.timeout(),
            ureq::Error::Io(e) if e.kind() == ErrorKind::ConnectionRefused => Outcome::Connect {
                detail: "connection refused".into(),
            },
            // It connected and answered: say what was wrong with the answer.
            ureq::Error::LargeResponseHeader(_, limit) => Outcome::BadAnswer {
                detail: format!(
                    "sent a response head larger than {} KB",
                    limit.div_ceil(1024)
                ),
            },
            ureq::Error::Protocol(e) => Outcome::BadAnswer {
                detail: format!("sent something that is not HTTP/1.1: {e}"),
            },
            ureq::Error::Http(e) => Outcome::BadAnswer {
                detail: format!("sent a malformed header: {e}"),
            },
            other => Outcome::Connect {
                detail: other.to_string(),
            },
        }
    }
}

/// The connection was closed or reset before an answer came: what a request sent on a
/// kept-alive connection that the server was closing meets.
fn closed_before_answer(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        e.kind(),
        ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::BrokenPipe
            | ErrorKind::UnexpectedEof
    )
}

/// Where an address is, for the redirect policy: the wider the reach, the smaller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Reach {
    Public,
    /// RFC 1918 and unique-local ranges, link-local (cloud metadata at 169.254.169.254),
    /// carrier-grade NAT, the unspecified address.
    Private,
    Loopback,
}

pub(crate) fn reach_of_ip(ip: std::net::IpAddr) -> Reach {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            if v4.is_loopback() {
                Reach::Loopback
            } else if v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || (a == 100 && (64..128).contains(&b))
            {
                Reach::Private
            } else {
                Reach::Public
            }
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return reach_of_ip(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            if v6.is_loopback() {
                Reach::Loopback
            } else if v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
            {
                Reach::Private
            } else {
                Reach::Public
            }
        }
    }
}

/// The reach of a URL's host: an address as written, `localhost`, or (for other names) what
/// the name resolves to, the most internal of its addresses.
pub(crate) fn reach_of(url: &Url, hosts: &Hosts) -> Reach {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => reach_of_ip(ip.into()),
        Some(url::Host::Ipv6(ip)) => reach_of_ip(ip.into()),
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            if name == "localhost" || name.ends_with(".localhost") {
                return Reach::Loopback;
            }
            let port = url.port_or_known_default().unwrap_or(80);
            hosts
                .addresses(&name, port)
                .into_iter()
                .map(reach_of_ip)
                .max()
                .unwrap_or(Reach::Public)
        }
        None => Reach::Public,
    }
}

/// Whether a redirect from the chain that started at `start` may go on to `next`: never further
/// in than the URL the corpus holds (a public page sending the checker to 127.0.0.1 or
/// 192.168.0.1 is refused before connecting; a page on the reader's own machine may redirect
/// within it).
fn redirect_allowed(start: &str, next: &Url, hosts: &Hosts) -> bool {
    let from = Url::parse(start).map_or(Reach::Public, |u| reach_of(&u, hosts));
    let to = reach_of(next, hosts);
    to == Reach::Public || to == from
}

/// `Retry-After` as seconds or as an HTTP date.
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A host with a name: an https certificate names hosts, so https is only worth trying there.
fn is_named(url: &Url) -> bool {
    matches!(url.host(), Some(url::Host::Domain(_)))
}

fn is_doi_resolver(url: &Url) -> bool {
    matches!(url.host_str(), Some("doi.org" | "dx.doi.org"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_never_go_further_in_than_the_url_they_start_from() {
        let hosts = Hosts::new(2, Duration::ZERO, Duration::from_secs(1));
        // A public name, and one whose owner points it at the checker's own machine.
        hosts.pretend("public.example", vec!["93.184.216.34".parse().unwrap()]);
        hosts.pretend("rebind.example", vec!["127.0.0.1".parse().unwrap()]);
        hosts.pretend("intranet.example", vec!["10.1.2.3".parse().unwrap()]);
        let allowed =
            |from: &str, to: &str| redirect_allowed(from, &Url::parse(to).unwrap(), &hosts);
        let public = "https://public.example/a";
        for internal in [
            "http://127.0.0.1:8080/secret",
            "http://[::1]/x",
            "http://localhost/x",
            "http://app.localhost/x",
            "http://10.0.0.1/x",
            "http://172.16.5.4/x",
            "http://192.168.1.1/admin",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/x",
            "http://0.0.0.0/x",
            "http://[fd00::1]/x",
            "http://[fe80::1]/x",
            "http://[::ffff:127.0.0.1]/x",
            "http://rebind.example/x",
            "http://intranet.example/x",
        ] {
            assert!(
                !allowed(public, internal),
                "{internal} followed from a public page"
            );
        }
        assert!(allowed(public, "https://public.example/b"));
        assert!(allowed(public, "https://8.8.8.8/b"));
        // A local URL may redirect within its own reach, and out to the web.
        assert!(allowed("http://127.0.0.1:9/a", "http://127.0.0.1:9/b"));
        assert!(allowed("http://127.0.0.1:9/a", "http://localhost:9/b"));
        assert!(allowed("http://127.0.0.1:9/a", "https://public.example/"));
        assert!(allowed("http://10.0.0.1/a", "http://192.168.0.1/b"));
        // But not from this machine into the network around it.
        assert!(!allowed("http://127.0.0.1:9/a", "http://10.0.0.1/b"));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        // A date already past means: now.
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn only_gone_pages_and_unreachable_hosts_are_dead() {
        let status = |s| Outcome::Status {
            status: s,
            at: None,
        };
        assert!(status(404).is_dead());
        assert!(status(410).is_dead());
        assert!(!status(403).is_dead());
        assert!(!status(503).is_dead());
        assert!(!Outcome::Timeout { after_ms: 1 }.is_dead());
        assert!(Outcome::Dns { host: "x".into() }.is_dead());
    }

    #[test]
    fn outcomes_round_trip_through_the_cache_format() {
        let o = Outcome::Alive {
            status: 200,
            moved: Some(Moved {
                status: 301,
                to: "https://example.com/new".into(),
            }),
            https: None,
        };
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(
            json,
            r#"{"result":"alive","status":200,"moved":{"status":301,"to":"https://example.com/new"}}"#
        );
        assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), o);
    }

    #[test]
    fn https_is_tried_for_names_only() {
        assert!(is_named(&Url::parse("http://example.com/a").unwrap()));
        assert!(!is_named(&Url::parse("http://127.0.0.1:8080/a").unwrap()));
        assert!(is_doi_resolver(
            &Url::parse("https://doi.org/10.1/x").unwrap()
        ));
    }
}
