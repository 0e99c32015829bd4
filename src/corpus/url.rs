//! Which URLs a corpus may hold, and the ids derived from them.
//!
//! Only `http` and `https` reach a page; `doi:` and `arXiv:` shorthands are turned into their
//! https resolver pages so that every link in the output is clickable and none can run script.

use crate::id::WebUrl;
use url::Url;

/// The URL to store for `raw`, or why it is refused. The only maker of a [`WebUrl`].
pub fn check_url(raw: &str) -> Result<WebUrl, String> {
    normal_url(raw).map(WebUrl::checked)
}

fn normal_url(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let lower = raw.to_ascii_lowercase();
    if let Some(doi) = lower.strip_prefix("doi:").map(|_| raw[4..].trim()) {
        if !doi.starts_with("10.") || !doi.contains('/') {
            return Err("is not a DOI (expected doi:10.<registrant>/<suffix>)".into());
        }
        return Ok(format!("https://doi.org/{doi}"));
    }
    if let Some(id) = lower.strip_prefix("arxiv:").map(|_| raw[6..].trim()) {
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err("is not an arXiv id (expected arXiv:2101.00001)".into());
        }
        return Ok(format!("https://arxiv.org/abs/{id}"));
    }
    let url = Url::parse(raw).map_err(|e| format!("is not a valid URL ({e})"))?;
    match url.scheme() {
        "http" | "https" => {}
        other => return Err(format!("uses the `{other}:` scheme, which is not allowed")),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("has no host".into());
    }
    Ok(url.to_string())
}

/// A stable id for a link that does not name one: the site and the last part of the path.
///
/// Derived only from the URL, so it stays the same across runs and machines, and it keeps a
/// reader's progress file valid when titles or notes are edited.
pub fn slug_from_url(url: &str) -> String {
    let Ok(parsed) = Url::parse(url) else {
        return slug(url);
    };
    let host = parsed.host_str().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    // The top-level domain says nothing about the link and only makes ids longer.
    let site = match host.rsplit_once('.') {
        Some((name, _tld)) => name,
        None => host,
    };
    let last = parsed
        .path_segments()
        .and_then(|segments| segments.rev().find(|s| !s.is_empty()))
        .unwrap_or("");
    let last = match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 5 => stem,
        _ => last,
    };
    let mut text = format!("{site} {last}");
    if let Some(query) = parsed.query() {
        text.push(' ');
        text.push_str(query);
    }
    let mut id = slug(&text);
    if id.len() > 64 {
        let cut = id[..64].rfind('-').unwrap_or(64);
        id.truncate(cut);
    }
    id
}

/// Lowercase ASCII letters and digits joined by single dashes.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_pass() {
        assert!(check_url("javascript:alert(1)")
            .unwrap_err()
            .contains("javascript"));
        assert!(check_url("file:///etc/passwd").is_err());
        assert!(check_url("not a url").is_err());
        assert_eq!(
            check_url("https://example.com/a").unwrap(),
            "https://example.com/a"
        );
        assert_eq!(
            check_url("doi:10.1145/359545.359563").unwrap(),
            "https://doi.org/10.1145/359545.359563"
        );
        assert_eq!(
            check_url("arXiv:1608.06696").unwrap(),
            "https://arxiv.org/abs/1608.06696"
        );
    }

    #[test]
    fn ids_from_urls_are_short_and_stable() {
        assert_eq!(
            slug_from_url(
                "https://martin.kleppmann.com/2016/02/08/how-to-do-distributed-locking.html"
            ),
            "martin-kleppmann-how-to-do-distributed-locking"
        );
        assert_eq!(
            slug_from_url("https://queue.acm.org/detail.cfm?id=2745385"),
            "queue-acm-detail-id-2745385"
        );
        assert_eq!(slug_from_url("https://learntla.com/"), "learntla");
    }
}
