//! Which URLs a corpus may hold, and the ids derived from them.
//!
//! Only `http` and `https` reach a page; `doi:` and `arXiv:` shorthands are turned into their
//! https resolver pages so that every link in the output is clickable and none can run script.

use crate::id::WebUrl;
use std::fmt;
use url::Url;

/// Why a text is not a URL the corpus may hold. Its `Display` is the end of a sentence
/// (`URL `x` is not a DOI ...`), which the caller starts and places at the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// `doi:` followed by what is not a DOI.
    NotDoi,
    /// `arXiv:` followed by what is not an arXiv id.
    NotArxiv,
    /// Not a URL at all.
    Unparsable(url::ParseError),
    /// A scheme other than `http` and `https` (`javascript:`, `file:`).
    Scheme(String),
    /// A URL without a host.
    NoHost,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::NotDoi => f.write_str("is not a DOI (expected doi:10.<registrant>/<suffix>, without spaces, quotes or <>)"),
            UrlError::NotArxiv => f.write_str("is not an arXiv id (expected arXiv:2101.00001, arXiv:2101.00001v2 or arXiv:cs/0112017)"),
            UrlError::Unparsable(e) => write!(f, "is not a valid URL ({e})"),
            UrlError::Scheme(scheme) => write!(f, "uses the `{scheme}:` scheme, which is not allowed"),
            UrlError::NoHost => f.write_str("has no host"),
        }
    }
}

impl std::error::Error for UrlError {}

/// The URL to store for `raw`, or why it is refused. The only maker of a [`WebUrl`].
pub fn check_url(raw: &str) -> Result<WebUrl, UrlError> {
    normal_url(raw).map(WebUrl::checked)
}

fn normal_url(raw: &str) -> Result<String, UrlError> {
    let raw = raw.trim();
    let lower = raw.to_ascii_lowercase();
    if let Some(doi) = lower.strip_prefix("doi:").map(|_| raw[4..].trim()) {
        // A DOI suffix may hold almost anything printable, but never what ends a URL or an
        // attribute (space, quotes, angle brackets) or a control character.
        let unsafe_char = |c: char| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '"' | '\'' | '<' | '>' | '\\' | '`' | '^' | '{' | '}' | '|'
                )
        };
        if !doi.starts_with("10.") || !doi.contains('/') || doi.contains(unsafe_char) {
            return Err(UrlError::NotDoi);
        }
        return checked(&format!("https://doi.org/{doi}"));
    }
    if let Some(id) = lower.strip_prefix("arxiv:").map(|_| raw[6..].trim()) {
        if !is_arxiv_id(id) {
            return Err(UrlError::NotArxiv);
        }
        return checked(&format!("https://arxiv.org/abs/{id}"));
    }
    let url = Url::parse(raw).map_err(UrlError::Unparsable)?;
    match url.scheme() {
        "http" | "https" => {}
        other => return Err(UrlError::Scheme(other.to_string())),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(UrlError::NoHost);
    }
    Ok(url.to_string())
}

/// The resolver URL made from a shorthand, parsed like any other.
fn checked(url: &str) -> Result<String, UrlError> {
    Url::parse(url)
        .map(|u| u.to_string())
        .map_err(UrlError::Unparsable)
}

/// `2101.00001` (with an optional `v2`) or the old `cs/0112017` / `math.GT/0309136` form.
fn is_arxiv_id(id: &str) -> bool {
    let id = match id.rsplit_once('v') {
        Some((head, v)) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => id,
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((yymm, n)) = id.split_once('.') {
        if yymm.len() == 4 && digits(yymm) && (4..=5).contains(&n.len()) && digits(n) {
            return true;
        }
    }
    match id.split_once('/') {
        Some((archive, n)) => {
            n.len() == 7
                && digits(n)
                && !archive.is_empty()
                && archive
                    .bytes()
                    .all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'.')
        }
        None => false,
    }
}

/// Longest derived id; a longer slug is cut and made unique with a hash of the URL.
const MAX_ID: usize = 64;

/// Last path segments that do not tell one page from another: the one before them does.
const GENERIC: &[&str] = &[
    "index",
    "readme",
    "default",
    "main",
    "home",
    "single-page",
    "view",
    "download",
    "content",
];

/// A stable id for a link that does not name one.
///
/// The rule (README, "Link ids"): the site (host without `www.` and the top-level domain),
/// then what tells readings on that site apart: on code hosts (GitHub, GitLab, Codeberg) the
/// owner and repository, plus the last segment when the URL goes deeper; elsewhere the last
/// path segment, preceded by the one before it when the last is generic (`README`, `index`)
/// or a bare number; then the query. A file extension is dropped only when it is letters
/// (`.pdf`, `.html`), so paper numbers keep their dots (`arxiv-2104-05678`). A slug longer than
/// 64 characters is cut at a dash and ends with 8 hex digits of a hash of the URL.
///
/// Derived only from the URL, so it stays the same across runs and machines and when other
/// links are added, and it keeps a reader's progress file valid when titles or notes are
/// edited.
pub(crate) fn slug_from_url(url: &str) -> String {
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
    let segments: Vec<&str> = parsed
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    let mut parts: Vec<String> = vec![site.to_string()];
    parts.extend(distinguishing_segments(site, &segments));
    if let Some(query) = parsed.query() {
        parts.push(query.to_string());
    }
    let id = slug(&parts.join(" "));
    if id.len() <= MAX_ID {
        return id;
    }
    let mut cut = id[..MAX_ID - 9].to_string();
    if let Some(dash) = cut.rfind('-') {
        cut.truncate(dash);
    }
    format!("{cut}-{:08x}", fnv1a(&super::url_key::key(url)) as u32)
}

fn without_extension(segment: &str) -> &str {
    match segment.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && ext.len() <= 5
                && ext.chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            stem
        }
        _ => segment,
    }
}

/// The path segments an id keeps (see [`slug_from_url`]).
fn distinguishing_segments(site: &str, segments: &[&str]) -> Vec<String> {
    let decoded: Vec<String> = segments
        .iter()
        .map(|s| {
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map_or_else(|| s.to_string(), |(_, v)| v.into_owned())
        })
        .collect();
    let last = decoded.last().map(|s| without_extension(s).to_string());
    if matches!(site, "github" | "gitlab" | "codeberg") && decoded.len() >= 2 {
        let mut out = decoded[..2].to_vec();
        if decoded.len() > 2 {
            out.extend(last);
        }
        return out;
    }
    let Some(last) = last else {
        return Vec::new();
    };
    let generic = GENERIC.contains(&last.to_ascii_lowercase().as_str())
        || last.chars().all(|c| c.is_ascii_digit());
    match decoded.len() {
        n if n >= 2 && generic => vec![without_extension(&decoded[n - 2]).to_string(), last],
        _ => vec![last],
    }
}

/// FNV-1a: a hash that is the same on every machine and in every release.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub(crate) use crate::id::slug;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_pass() {
        assert_eq!(
            check_url("javascript:alert(1)").unwrap_err(),
            UrlError::Scheme("javascript".into())
        );
        assert_eq!(
            check_url("file:///etc/passwd").unwrap_err(),
            UrlError::Scheme("file".into())
        );
        assert!(matches!(
            check_url("not a url"),
            Err(UrlError::Unparsable(_))
        ));
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

    /// The corpus and import diagnostics quote these words after "URL `...`".
    #[test]
    fn each_refusal_says_why_in_words() {
        let why = |raw: &str| check_url(raw).unwrap_err().to_string();
        assert_eq!(
            why("doi:11.1/x"),
            "is not a DOI (expected doi:10.<registrant>/<suffix>, without spaces, quotes or <>)"
        );
        assert_eq!(
            why("arXiv:12"),
            "is not an arXiv id (expected arXiv:2101.00001, arXiv:2101.00001v2 or arXiv:cs/0112017)"
        );
        assert_eq!(
            why("not a url"),
            "is not a valid URL (relative URL without a base)"
        );
        assert_eq!(
            why("ftp://a.org/x"),
            "uses the `ftp:` scheme, which is not allowed"
        );
        assert_eq!(why("http:///"), "is not a valid URL (empty host)");
        assert_eq!(why("https://"), "is not a valid URL (empty host)");
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

    #[test]
    fn distinct_readings_get_distinct_ids() {
        assert_eq!(
            slug_from_url("https://arxiv.org/abs/2104.05678"),
            "arxiv-2104-05678"
        );
        assert_eq!(
            slug_from_url("https://arxiv.org/abs/2104.01234"),
            "arxiv-2104-01234"
        );
        assert_eq!(
            slug_from_url("https://github.com/aphyr/distsys-class/blob/master/README.md"),
            "github-aphyr-distsys-class-readme"
        );
        assert_eq!(
            slug_from_url("https://github.com/heidihoward/distributed-consensus-reading-list"),
            "github-heidihoward-distributed-consensus-reading-list"
        );
        assert_eq!(
            slug_from_url("https://raft.github.io/raft.pdf"),
            "raft-github-raft"
        );
        assert_eq!(
            slug_from_url("http://book.mixu.net/distsys/index.html"),
            "book-mixu-distsys-index"
        );
        assert_eq!(
            slug_from_url("https://news.ycombinator.com/item?id=123"),
            "news-ycombinator-item-id-123"
        );
        let long = "https://example.com/a-very-long-title-of-a-blog-post-that-goes-on-and-on-and-on-forever";
        let other = "https://example.com/a-very-long-title-of-a-blog-post-that-goes-on-and-on-and-on-forever-2";
        let (a, b) = (slug_from_url(long), slug_from_url(other));
        assert!(a.len() <= 64 && b.len() <= 64, "{a} {b}");
        assert_ne!(a, b);
        assert_eq!(a, slug_from_url(long), "stable");
    }
}
