//! What a check found, as diagnostics at each link's `url`: what happened and the fix.

use super::http::{Moved, Outcome};
use super::{all_links, asked_url, Checked};
use crate::diagnostics::Diagnostic;
use crate::model::{Link, Origin, UrlStatus};

/// A URL `--fix` may write: confirmed by an answer, never guessed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub to: String,
    /// A truncated URL that now resolves loses its `url_status`.
    pub clear_status: bool,
}

/// The URL to write instead of `link.url`, when the check confirmed one.
pub fn fix_for(link: &Link, outcome: &Outcome) -> Option<Fix> {
    let Outcome::Alive { moved, https, .. } = outcome else {
        return None;
    };
    let truncated = link.url_status == UrlStatus::Truncated;
    let to = match (moved, https) {
        (Some(Moved { to, .. }), _) => to.clone(),
        (None, Some(https)) => https.clone(),
        (None, None) if truncated => asked_url(link),
        (None, None) => return None,
    };
    Some(Fix {
        to,
        clear_status: truncated,
    })
}

/// One diagnostic per link with a problem, sorted by place; or one for the whole run when the
/// machine turned out to be offline.
pub fn diagnostics(links: &[&Link], checked: &Checked, timeout_ms: u64) -> Vec<Diagnostic> {
    if let Some(hosts) = &checked.offline {
        return vec![offline(hosts)];
    }
    let mut out: Vec<Diagnostic> = links
        .iter()
        .filter_map(|link| {
            let outcome = checked.outcomes.get(link.url.as_str())?;
            about(link, outcome, timeout_ms)
        })
        .collect();
    crate::diagnostics::sort(&mut out);
    out
}

/// Every link of the course in one list, for [`diagnostics`].
pub fn links_of(course: &crate::model::Course) -> Vec<&Link> {
    all_links(course).collect()
}

fn offline(hosts: &[String]) -> Diagnostic {
    let mut names = hosts.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if hosts.len() > 5 {
        names.push_str(&format!(" and {} more", hosts.len() - 5));
    }
    Diagnostic::error(
        None,
        format!(
            "no link could be checked: none of the {} host names resolved ({names}), so this machine seems to have no network or DNS",
            hosts.len()
        ),
    )
    .with_help("connect to the network and run `syllabus check --links` again; nothing was recorded as dead")
}

/// Corpus and server text shown in a terminal: control characters escaped.
fn shown(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

fn archive(url: &str) -> String {
    format!("look for an archived copy at https://web.archive.org/web/*/{url}, or remove the link")
}

fn reason(status: u16) -> String {
    let name = ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    match name {
        Some(name) => format!("{status} {name}"),
        None => format!("HTTP {status}"),
    }
}

fn about(link: &Link, outcome: &Outcome, timeout_ms: u64) -> Option<Diagnostic> {
    let origin = Some(link.url_origin.clone());
    let who = format!("link `{}` ({})", link.id, shown(&link.title));
    if link.url_status == UrlStatus::Truncated {
        return Some(truncated(link, outcome, origin, &who));
    }
    let url = &link.url;
    let fix_hint = "; `syllabus check --links --fix` does it";
    let d = match outcome {
        Outcome::Alive {
            moved: Some(m), ..
        } => Diagnostic::warning(
            origin,
            format!("{who} moved permanently ({}) to {}", m.status, m.to),
        )
        .with_help(format!("replace the url with {}{fix_hint}", m.to)),
        Outcome::Alive {
            https: Some(https), ..
        } => Diagnostic::warning(origin, format!("{who} is served over http, and https works"))
            .with_help(format!("replace the url with {https}{fix_hint}")),
        Outcome::Alive { .. } => return None,
        Outcome::Status { status, at } => status_diagnostic(origin, &who, url, *status, at),
        Outcome::RateLimited { retry_after } => {
            let asked = retry_after
                .map(|s| format!("; the server asks to wait {s} s"))
                .unwrap_or_default();
            Diagnostic::warning(
                origin,
                format!("{who} was not checked: still 429 Too Many Requests after waiting{asked}"),
            )
            .with_help("run the check again later; results for the other links are cached")
        }
        Outcome::RedirectLoop { to } => Diagnostic::error(
            origin,
            format!("{who} is dead: a redirect loop comes back to {to}"),
        )
        .with_help(archive(url)),
        Outcome::TooManyRedirects => Diagnostic::error(
            origin,
            format!("{who} is dead: more than 5 redirects without reaching a page"),
        )
        .with_help(archive(url)),
        Outcome::Dns { host } => Diagnostic::error(
            origin,
            format!("{who} is dead: DNS failure, the host `{}` does not resolve", shown(host)),
        )
        .with_help(format!("check the host name for a typo; else {}", archive(url))),
        Outcome::Tls { detail } => Diagnostic::error(
            origin,
            format!("{who} is dead: TLS error ({})", shown(detail)),
        )
        .with_help(format!(
            "the site's certificate or TLS setup is broken, so browsers refuse it too; {}",
            archive(url)
        )),
        Outcome::Timeout { after_ms } => Diagnostic::warning(
            origin,
            format!("{who} timed out: no answer within {}", seconds(*after_ms)),
        )
        .with_help(format!(
            "the server may be slow or down for now; run the check again later, or give it longer with --timeout (now {})",
            seconds(timeout_ms)
        )),
        Outcome::Connect { detail } => Diagnostic::error(
            origin,
            format!("{who} is dead: cannot connect ({})", shown(detail)),
        )
        .with_help(archive(url)),
        Outcome::BadAnswer { detail } => Diagnostic::error(
            origin,
            format!(
                "{who} is dead: the server answered, but {}",
                shown(detail)
            ),
        )
        .with_help(format!("browsers cannot read that answer either; {}", archive(url))),
        Outcome::InternalRedirect { to } => Diagnostic::error(
            origin,
            format!(
                "{who} redirects to an address on a private network or this machine ({}); not followed",
                shown(to)
            ),
        )
        .with_help(format!(
            "a page that sends readers further into their own network than its own address is broken or hostile; check it by hand, and {}",
            archive(url)
        )),
    };
    Some(d)
}

fn status_diagnostic(
    origin: Option<Origin>,
    who: &str,
    url: &str,
    status: u16,
    at: &Option<String>,
) -> Diagnostic {
    let at = at
        .as_ref()
        .map(|u| format!(" at {u}, where it redirects"))
        .unwrap_or_default();
    let code = reason(status);
    match status {
        404 | 410 => Diagnostic::error(origin, format!("{who} is dead: {code}{at}"))
            .with_help(archive(url)),
        401 | 403 => Diagnostic::warning(origin, format!("{who} answers {code}{at}"))
            .with_help("the server may turn robots away or want a login; open it in a browser to confirm, and mark it `access = \"registration\"` if it needs one"),
        500..=599 => Diagnostic::warning(origin, format!("{who} answers {code}{at}: a server error"))
            .with_help("the site may be down for now; run the check again later"),
        _ => Diagnostic::warning(origin, format!("{who} answers {code}{at}"))
            .with_help("open it in a browser to see what the server means"),
    }
}

fn truncated(link: &Link, outcome: &Outcome, origin: Option<Origin>, who: &str) -> Diagnostic {
    let prefix = asked_url(link);
    match fix_for(link, outcome) {
        Some(fix) => Diagnostic::warning(
            origin,
            format!("{who} has a truncated URL that now resolves: {}", fix.to),
        )
        .with_help(format!(
            "set `url = \"{}\"` and remove `url_status` if it is the right page; `syllabus check --links --fix` does it",
            fix.to
        )),
        None => Diagnostic::warning(
            origin,
            format!("{who} has a truncated URL, and {prefix} does not resolve ({})", outcome.short()),
        )
        .with_help(format!(
            "find the full URL: archived pages under it are listed at https://web.archive.org/web/*/{prefix}*"
        )),
    }
}

/// `1.5 s`, `10 s`, `250 ms`.
fn seconds(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", crate::words::decimal(ms as f64 / 1000.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(url: &str, status: UrlStatus) -> Link {
        Link {
            title: "X".into(),
            url_status: status,
            ..Link::new(
                "x".parse().unwrap(),
                "t".parse().unwrap(),
                crate::corpus::url::check_url(url).unwrap(),
            )
        }
    }

    #[test]
    fn fixes_are_only_confirmed_urls() {
        let alive = |moved: Option<&str>, https: Option<&str>| Outcome::Alive {
            status: 200,
            moved: moved.map(|to| Moved {
                status: 301,
                to: to.into(),
            }),
            https: https.map(str::to_string),
        };
        let plain = link("http://a.org/x", UrlStatus::Confirmed);
        assert_eq!(fix_for(&plain, &alive(None, None)), None);
        assert_eq!(
            fix_for(&plain, &alive(Some("https://a.org/y"), None))
                .unwrap()
                .to,
            "https://a.org/y"
        );
        assert_eq!(
            fix_for(&plain, &alive(None, Some("https://a.org/x")))
                .unwrap()
                .to,
            "https://a.org/x"
        );
        let dead = Outcome::Status {
            status: 404,
            at: None,
        };
        assert_eq!(fix_for(&plain, &dead), None);
        let cut = link("https://a.org/po...", UrlStatus::Truncated);
        assert_eq!(
            fix_for(&cut, &alive(None, None)),
            Some(Fix {
                to: "https://a.org/po".into(),
                clear_status: true
            })
        );
    }

    #[test]
    fn control_characters_in_titles_are_escaped() {
        assert_eq!(shown("a\u{1b}[31mb"), "a\\u{1b}[31mb");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(seconds(250), "250 ms");
        assert_eq!(seconds(10_000), "10 s");
        assert_eq!(seconds(1500), "1.5 s");
    }
}
