//! URL comparison: when two spellings name the same page, or the same paper.
//!
//! Papers travel under many addresses: `doi.org/10.x`, `dx.doi.org/10.x`, `doi.acm.org/10.x`
//! and `dl.acm.org/doi/10.x` are one DOI, and arXiv's `abs`, `pdf` and versioned URLs are one
//! preprint. Their keys are `doi:<lowercase doi>` and `arxiv:<id without version>`; an ACM DOI
//! is also known by its ACM id (`acm:<n>`, what `dl.acm.org/citation.cfm?id=<n>` names).

use foldhash::{HashMap, HashMapExt};
use url::Url;

/// Query parameters that track the reader rather than select the page.
const TRACKING: &[&str] = &[
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src",
    "ref_url", "si", "_hsenc", "_hsmi", "yclid", "twclid", "s_cid",
];

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_") || TRACKING.contains(&name.as_str())
}

/// `url` without its tracking parameters: what is worth storing. Everything else (fragment,
/// trailing slash, case) is kept as written.
pub(crate) fn clean(url: &str) -> String {
    // Asked of every imported address: one without a query has no parameter to drop.
    if !url.contains('?') {
        return url.to_string();
    }
    let Ok(mut parsed) = Url::parse(url) else {
        return url.to_string();
    };
    if !parsed.query_pairs().any(|(k, _)| is_tracking(&k)) {
        return url.to_string();
    }
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(kept);
    }
    parsed.to_string()
}

/// The text after which a shown URL was cut.
pub(crate) fn truncated_prefix(url: &str) -> Option<&str> {
    url.strip_suffix("...").or_else(|| url.strip_suffix('…'))
}

/// A comparison key: host (lowercase, without `www.`) + path (without a trailing slash) +
/// the query without tracking parameters + the fragment when it names a part of the page
/// ([`part`]). Scheme does not count: the same page is served over http and https. Nor does a
/// fragment that is only a place on the page (`#top`, `#abstract`, `#comments`): a schedule's
/// `#oct-14-2019` is a lecture of its own, a paper's `#abstract` is the paper.
///
/// For a truncated URL the key is that of the text before `...`, without any cleanup past the
/// cut: a full URL whose key starts with it names the same page.
pub fn key(url: &str) -> String {
    key_and_parsed(url).0
}

/// [`key`], and the parse of `url` it was made from, when it was made from one (not for a
/// truncated URL, nor one without a scheme).
fn key_and_parsed(url: &str) -> (String, Option<Url>) {
    let (body, truncated) = match truncated_prefix(url) {
        Some(p) => (p, true),
        None => (url, false),
    };
    let with_scheme: std::borrow::Cow<str> = if body.contains("://") {
        body.into()
    } else {
        format!("https://{body}").into()
    };
    if truncated {
        // Parsing would percent-encode or complete the cut text; keep it as typed.
        let rest = with_scheme.split_once("://").map_or("", |(_, r)| r);
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = host.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        let key = if path.is_empty() {
            host.to_string()
        } else {
            format!("{host}/{path}")
        };
        return (key, None);
    }
    let Ok(parsed) = Url::parse(&with_scheme) else {
        return (body.trim().to_ascii_lowercase(), None);
    };
    let of_url = matches!(with_scheme, std::borrow::Cow::Borrowed(_));
    let key = parsed_key(&parsed);
    (key, of_url.then_some(parsed))
}

/// The part of a key a path gives: without a trailing slash, a run of slashes read as one
/// (`cse.example.edu//tech-reports/x.pdf`: servers read them alike, and lists copy the
/// doubled slash from a template), and a directory's `index.html` (`book/index.html` is the
/// page `book/` serves).
fn page_path(path: &str) -> std::borrow::Cow<'_, str> {
    // Nearly every path has neither: no copy for them.
    let path = ["index.html", "index.htm", "index.php"]
        .iter()
        .find_map(|index| path.strip_suffix(index).filter(|dir| dir.ends_with('/')))
        .unwrap_or(path);
    let path = path.trim_end_matches('/');
    if !path.contains("//") {
        return path.into();
    }
    let mut out = String::with_capacity(path.len());
    for ch in path.chars() {
        if !(ch == '/' && out.ends_with('/')) {
            out.push(ch);
        }
    }
    out.into()
}

/// The key of a URL that parsed (see [`key`]).
fn parsed_key(parsed: &Url) -> String {
    let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if let Some(paper) = paper_key(host, parsed) {
        return paper;
    }
    let mut out = host.to_string();
    if let Some(port) = parsed.port() {
        out.push_str(&format!(":{port}"));
    }
    out.push_str(&page_path(parsed.path()));
    let query: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if !query.is_empty() {
        let q: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        out.push('?');
        out.push_str(&q.join("&"));
    }
    if let Some(part) = parsed.fragment().and_then(part_of_fragment) {
        out.push('#');
        out.push_str(part);
    }
    out
}

/// Fragments that say where on a page to start reading, or carry tracking, not which part
/// of it: the page itself.
const PLACES: &[&str] = &[
    "top",
    "abstract",
    "content",
    "contents",
    "main",
    "main-content",
    "maincontent",
    "readme",
    "start",
    "page",
    "body",
    "header",
    "footer",
    "nav",
    "navigation",
    "toc",
    "table-of-contents",
    "comments",
    "comment",
    "disqus_thread",
    "respond",
    "reply",
    "more",
    "skip",
    "article",
    "post",
    "citation",
    "cite",
    "bibtex",
    "download",
    "fulltext",
    "full-text",
    "page=1",
    "paper",
    "pdf",
    "intro",
    "introduction",
    "overview",
    "summary",
    "about",
    "description",
    "details",
    "info",
];

/// The fragment of `url` when it names a part of the page (a lecture on a schedule, a
/// chapter of a book, a page of a PDF), which is a reading of its own; `None` when there is
/// none or it is only a place on the page ([`PLACES`], `#more-123`, a text fragment, a
/// tracking tail).
pub fn part(url: &str) -> Option<&str> {
    if truncated_prefix(url).is_some() {
        return None;
    }
    let (_, fragment) = url.split_once('#')?;
    part_of_fragment(fragment)
}

fn part_of_fragment(fragment: &str) -> Option<&str> {
    let f = fragment.trim();
    let lower = f.to_ascii_lowercase();
    let numbered_place = ["more-", "comment-", "respond-", "post-"].iter().any(|p| {
        lower
            .strip_prefix(p)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    let place = f.is_empty()
        || matches!(f, "!" | "/" | "!/")
        || PLACES.contains(&lower.as_str())
        || numbered_place
        // `#:~:text=...` highlights a passage; `#.XyZ` and `#utm_...` track the reader.
        || f.starts_with(":~:")
        || f.starts_with('.')
        || lower.starts_with("utm_")
        || lower.contains("&utm_");
    (!place).then_some(f)
}

/// The key of a DOI (`10.<registrant>/<suffix>`, case-insensitive) or, for an arXiv DOI, of
/// the preprint.
fn doi_key(doi: &str) -> Option<String> {
    let doi = percent_decode(doi.trim().trim_end_matches('/')).to_lowercase();
    if !doi.starts_with("10.") || !doi.contains('/') {
        return None;
    }
    if let Some(id) = doi.strip_prefix("10.48550/arxiv.") {
        return Some(arxiv_key(id));
    }
    Some(format!("doi:{doi}"))
}

fn arxiv_key(id: &str) -> String {
    let id = id.trim_end_matches('/');
    let id = id.strip_suffix(".pdf").unwrap_or(id);
    // `2104.05678v2` and `cs/0101001v1` are versions of one preprint.
    let id = match id.rfind('v') {
        Some(i) if i > 0 && id[i + 1..].chars().all(|c| c.is_ascii_digit()) && i + 1 < id.len() => {
            &id[..i]
        }
        _ => id,
    };
    format!("arxiv:{}", id.to_ascii_lowercase())
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The key of a paper's URL on a DOI resolver, the ACM library or arXiv; `None` for any
/// other page.
fn paper_key(host: &str, url: &Url) -> Option<String> {
    let path = url.path();
    match host {
        "doi.org" | "dx.doi.org" | "doi.acm.org" => doi_key(&path[1..]),
        "dl.acm.org" | "portal.acm.org" => {
            if let Some(rest) = path.strip_prefix("/doi/") {
                let rest = ["abs/", "pdf/", "full/", "fullhtml/", "epdf/", "book/"]
                    .iter()
                    .find_map(|p| rest.strip_prefix(p))
                    .unwrap_or(rest);
                return doi_key(rest);
            }
            if path == "/citation.cfm" {
                let id = url.query_pairs().find(|(k, _)| k == "id")?.1.into_owned();
                let id = id.rsplit('.').next().unwrap_or(&id).to_string();
                return id
                    .chars()
                    .all(|c| c.is_ascii_digit())
                    .then(|| format!("acm:{id}"));
            }
            None
        }
        "arxiv.org" | "export.arxiv.org" => {
            let id = path
                .strip_prefix("/abs/")
                .or_else(|| path.strip_prefix("/pdf/"))?;
            (!id.is_empty()).then(|| arxiv_key(id))
        }
        _ => None,
    }
}

/// More keys under which the paper of the URL whose key is `k` is known: an ACM DOI
/// (`10.1145/359545.359563`) is also the ACM library's id (`359563`), the one older links use.
fn aliases_of_key(k: &str) -> Vec<String> {
    let Some(suffix) = k.strip_prefix("doi:10.1145/") else {
        return Vec::new();
    };
    let id = suffix.rsplit('.').next().unwrap_or(suffix);
    if id.chars().all(|c| c.is_ascii_digit()) && !id.is_empty() {
        vec![format!("acm:{id}")]
    } else {
        Vec::new()
    }
}

/// The key of a bare DOI as a BibTeX `doi` field gives it (`10.x/y`, `doi:10.x/y` or a
/// resolver URL).
pub(crate) fn doi_field_key(doi: &str) -> Option<String> {
    let doi = doi.trim();
    let lower = doi.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let k = key(doi);
        return (k.starts_with("doi:") || k.starts_with("arxiv:")).then_some(k);
    }
    doi_key(lower.strip_prefix("doi:").unwrap_or(&lower))
}

/// The key of `url` followed by its aliases.
pub(crate) fn keys_of(url: &str) -> Vec<String> {
    keys_and_parsed(url).0
}

/// [`keys_of`], and the parse of `url` they were made from when there was one (see
/// [`key`]): for a caller that reads more of the address, so that it is parsed once.
pub(crate) fn keys_and_parsed(url: &str) -> (Vec<String>, Option<Url>) {
    // The key once: making it parses the URL.
    let (k, parsed) = key_and_parsed(url);
    let aliases = aliases_of_key(&k);
    let mut keys = vec![k];
    keys.extend(aliases);
    (keys, parsed)
}

/// Whether `a` and `b` name the same page, either of them possibly truncated: the rule
/// [`UrlIndex`] follows, which the tests hold it to.
#[cfg(test)]
pub(crate) fn same_link(a: &str, b: &str) -> bool {
    let (ka, kb) = (key(a), key(b));
    if ka == kb {
        return true;
    }
    let ta = truncated_prefix(a).is_some();
    let tb = truncated_prefix(b).is_some();
    (ta && !ka.is_empty() && kb.starts_with(&ka)) || (tb && !kb.is_empty() && ka.starts_with(&kb))
}

/// URLs by comparison key, each with a value (a link, an id): finding whether a page is
/// already known costs one hash lookup, and only truncated URLs need a scan. Lookups answer
/// with the earliest inserted match, so whichever link a message names does not depend on hash
/// order.
///
/// The keys are held once, one after another in one text, and looked up by a 64-bit
/// fingerprint whose hit is checked against that text: an import of 200,000 links holds a
/// quarter of a million keys, and as strings of their own (each a map key too) they cost
/// twice their text.
#[derive(Debug)]
pub(crate) struct UrlIndex<T> {
    /// Fingerprint of a key -> the entry that first had it.
    by_key: HashMap<u64, u32>,
    /// Keys whose fingerprint an earlier, different key already took (about one in 2^64):
    /// by their text, so that no key is ever taken for another.
    spilled: HashMap<Box<str>, u32>,
    /// Every entry's keys, one after another.
    texts: String,
    /// Where each key of `texts` ends; key `j` starts where key `j - 1` ends.
    ends: Vec<u32>,
    entries: Vec<Entry<T>>,
    /// Positions of the truncated entries: the only ones a full URL can match by prefix.
    truncated: Vec<usize>,
}

#[derive(Debug)]
struct Entry<T> {
    /// Its keys: numbers `keys.0..keys.1` of `ends`, its own key (the URL's, not an
    /// alias) first.
    keys: (u32, u32),
    truncated: bool,
    value: T,
}

/// The fingerprint of a key: a fixed-seed hash, so that it does not depend on the run.
fn fingerprint(key: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x5eed_5eed_5eed_5eed).hash_one(key)
}

impl<T> Default for UrlIndex<T> {
    fn default() -> Self {
        Self::with_capacity(0)
    }
}

impl<T> UrlIndex<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// An index for about `count` URLs: grown as it fills, its map of 100,000 keys would be
    /// rehashed a dozen times.
    pub fn with_capacity(count: usize) -> Self {
        UrlIndex {
            by_key: HashMap::with_capacity(count),
            spilled: HashMap::new(),
            texts: String::new(),
            ends: Vec::with_capacity(count),
            entries: Vec::with_capacity(count),
            truncated: Vec::new(),
        }
    }

    /// Key number `j` of `texts`.
    fn text(&self, j: u32) -> &str {
        let j = j as usize;
        let start = if j == 0 { 0 } else { self.ends[j - 1] as usize };
        &self.texts[start..self.ends[j] as usize]
    }

    /// The entry's own key.
    fn own_key(&self, e: &Entry<T>) -> &str {
        if e.keys.0 == e.keys.1 {
            ""
        } else {
            self.text(e.keys.0)
        }
    }

    /// The entry that first had `key`.
    fn get(&self, key: &str) -> Option<usize> {
        let i = *self.by_key.get(&fingerprint(key))? as usize;
        let (from, to) = self.entries[i].keys;
        if (from..to).any(|j| self.text(j) == key) {
            return Some(i);
        }
        self.spilled.get(key).map(|&i| i as usize)
    }

    /// The value of the earliest inserted URL that names the same page as `url`, by the rule
    /// of `same_link`, or the same paper by one of its aliases.
    pub fn find(&self, url: &str) -> Option<&T> {
        let truncated = truncated_prefix(url).is_some();
        self.position(&keys_of(url), truncated)
            .map(|i| &self.entries[i].value)
    }

    /// Adds `url` even when it is already known: a known key keeps its first value.
    #[cfg(test)]
    pub fn insert(&mut self, url: &str, value: T) {
        let truncated = truncated_prefix(url).is_some();
        self.push(keys_of(url), truncated, value);
    }

    /// What `find` says for a reading known under several URLs (a paper's PDF and its DOI):
    /// found when any of them is known; when none is, it goes in under all of them with
    /// `make()`. The keys are computed once, which is most of the cost. The first URL is the one
    /// a truncation may match.
    pub fn find_or_insert_all(&mut self, urls: &[&str], make: impl FnOnce() -> T) -> Option<&T> {
        let first = urls.first()?;
        let truncated = truncated_prefix(first).is_some();
        let mut keys = keys_of(first);
        for more in &urls[1..] {
            for k in keys_of(more) {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        match self.position(&keys, truncated) {
            Some(i) => Some(&self.entries[i].value),
            None => {
                self.push(keys, truncated, make());
                None
            }
        }
    }

    /// [`UrlIndex::find`] on keys already made with [`keys_of`] (`truncated`: whether the URL
    /// they are of was cut short): for a caller that needs the keys for more than this look-up.
    pub(crate) fn find_keys(&self, keys: &[String], truncated: bool) -> Option<&T> {
        self.position(keys, truncated)
            .map(|i| &self.entries[i].value)
    }

    /// [`UrlIndex::insert`] on keys already made with [`keys_of`].
    pub(crate) fn insert_keys(&mut self, keys: Vec<String>, truncated: bool, value: T) {
        self.push(keys, truncated, value);
    }

    fn push(&mut self, keys: Vec<String>, truncated: bool, value: T) {
        let i = self.entries.len();
        let number = |n: usize| u32::try_from(n).expect("fewer than 4 billion URLs");
        let first = number(self.ends.len());
        // A URL with no key is stored with an empty one, which a truncation can match.
        let keys = if keys.is_empty() {
            vec![String::new()]
        } else {
            keys
        };
        for k in &keys {
            self.texts.push_str(k);
            let end = number(self.texts.len());
            self.ends.push(end);
        }
        if truncated {
            self.truncated.push(i);
        }
        self.entries.push(Entry {
            keys: (first, number(self.ends.len())),
            truncated,
            value,
        });
        for k in &keys {
            // A known key keeps its first entry.
            if self.get(k).is_none() {
                match self.by_key.entry(fingerprint(k)) {
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(number(i));
                    }
                    std::collections::hash_map::Entry::Occupied(_) => {
                        self.spilled.insert(k.as_str().into(), number(i));
                    }
                }
            }
        }
    }

    /// `same_link` on precomputed keys: an equal key first, then the earliest entry related
    /// by a truncation. A truncated URL may have been cut from any entry, so it scans them
    /// all; a full URL can only be matched by a truncated entry.
    fn position(&self, keys: &[String], truncated: bool) -> Option<usize> {
        if let Some(i) = keys.iter().filter_map(|k| self.get(k)).min() {
            return Some(i);
        }
        let key = keys.first().map_or("", String::as_str);
        let cut_from = |e: &Entry<T>| {
            let own = self.own_key(e);
            e.truncated && !own.is_empty() && key.starts_with(own)
        };
        if truncated && !key.is_empty() {
            return self
                .entries
                .iter()
                .position(|e| self.own_key(e).starts_with(key) || cut_from(e));
        }
        self.truncated
            .iter()
            .copied()
            .find(|&i| cut_from(&self.entries[i]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_differences_do_not_count() {
        let k = key("https://example.com/a/b");
        for same in [
            "HTTPS://Example.COM/a/b/",
            "http://www.example.com/a/b",
            "https://example.com/a/b#top",
            "https://example.com/a/b#abstract",
            "https://example.com/a/b#more-123",
            "https://example.com/a/b#:~:text=consensus",
            "https://example.com/a/b?utm_source=x&utm_medium=y",
            "https://example.com/a/b/?fbclid=abc",
            "example.com/a/b",
        ] {
            assert_eq!(key(same), k, "{same}");
        }
        assert_ne!(key("https://example.com/a/b?page=2"), k);
        // A fragment that names a part of the page (a lecture on a schedule) is another
        // reading, and each part is its own.
        let lecture = key("https://example.com/a/b#oct-14-2019");
        assert_ne!(lecture, k);
        assert_ne!(lecture, key("https://example.com/a/b#oct-16-2019"));
        assert_eq!(lecture, key("http://www.example.com/a/b/#oct-14-2019"));
        assert_eq!(
            part("https://example.com/a/b#oct-14-2019"),
            Some("oct-14-2019")
        );
        assert_eq!(part("https://example.com/a/b#top"), None);
        assert_ne!(
            key("https://example.com/a/B"),
            k,
            "paths are case-sensitive"
        );
        assert_eq!(
            key("https://example.com/p?id=3&utm_campaign=z"),
            "example.com/p?id=3"
        );
    }

    /// A doubled slash after the host, and a directory's `index.html`, are the page itself.
    #[test]
    fn a_doubled_slash_and_a_directory_index_are_the_page() {
        assert_eq!(
            key("https://www.cse.example.edu//tech-reports/2014-04.pdf"),
            key("https://cse.example.edu/tech-reports/2014-04.pdf")
        );
        assert_eq!(
            key("http://book.example.net/distsys/index.html"),
            key("https://book.example.net/distsys/")
        );
        // A file that only ends like an index is another page.
        assert_ne!(
            key("https://example.net/a/myindex.html"),
            key("https://example.net/a/my")
        );
    }

    #[test]
    fn one_paper_under_many_addresses_is_one_key() {
        let k = "doi:10.1145/359545.359563";
        for same in [
            "https://doi.org/10.1145/359545.359563",
            "http://dx.doi.org/10.1145/359545.359563",
            "http://doi.acm.org/10.1145/359545.359563",
            "https://dl.acm.org/doi/10.1145/359545.359563",
            "https://dl.acm.org/doi/abs/10.1145/359545.359563",
            "https://dl.acm.org/doi/pdf/10.1145/359545.359563",
            "https://doi.org/10.1145/359545.359563/",
        ] {
            assert_eq!(key(same), k, "{same}");
        }
        assert_eq!(
            aliases_of_key(&key("https://doi.org/10.1145/359545.359563")),
            ["acm:359563"]
        );
        assert_eq!(
            key("https://dl.acm.org/citation.cfm?id=359563"),
            "acm:359563"
        );
        for same in [
            "https://arxiv.org/abs/2104.05678",
            "https://arxiv.org/abs/2104.05678v3",
            "http://arxiv.org/pdf/2104.05678.pdf",
            "https://arxiv.org/pdf/2104.05678v1",
            "https://export.arxiv.org/abs/2104.05678",
            "https://doi.org/10.48550/arXiv.2104.05678",
        ] {
            assert_eq!(key(same), "arxiv:2104.05678", "{same}");
        }
        assert_ne!(key("https://arxiv.org/abs/2104.01234"), "arxiv:2104.05678");
        assert_eq!(
            key("https://arxiv.org/abs/cs/0101001v2"),
            "arxiv:cs/0101001"
        );
        assert_eq!(
            doi_field_key("10.1145/3149.214121"),
            Some("doi:10.1145/3149.214121".into())
        );
        assert_eq!(
            doi_field_key("http://doi.acm.org/10.1145/78969.78972"),
            Some("doi:10.1145/78969.78972".into())
        );
        assert_eq!(doi_field_key("not a doi"), None);
    }

    #[test]
    fn index_finds_a_paper_by_any_of_its_urls() {
        let mut index = UrlIndex::new();
        index.insert("https://doi.org/10.1145/359545.359563", "lamport78");
        assert_eq!(
            index.find("https://dl.acm.org/citation.cfm?id=359563"),
            Some(&"lamport78")
        );
        assert_eq!(
            index.find_or_insert_all(
                &[
                    "https://example.org/flp.pdf",
                    "https://doi.org/10.1145/3149.214121"
                ],
                || "flp"
            ),
            None
        );
        assert_eq!(
            index.find("http://doi.acm.org/10.1145/3149.214121"),
            Some(&"flp")
        );
        assert_eq!(index.find("https://example.org/flp.pdf"), Some(&"flp"));
    }

    #[test]
    fn clean_drops_tracking_only() {
        assert_eq!(
            clean("https://example.com/leases?utm_source=rss&utm_medium=feed"),
            "https://example.com/leases"
        );
        assert_eq!(
            clean("https://example.com/p?id=3&fbclid=x#part"),
            "https://example.com/p?id=3#part"
        );
        assert_eq!(clean("https://Example.com/A/"), "https://Example.com/A/");
    }

    #[test]
    fn truncated_url_matches_the_full_one_it_starts() {
        let full = "https://www.dbos.dev/blog/durable-queues";
        assert!(same_link("dbos.dev/blog/durable...", full));
        assert!(same_link(full, "https://dbos.dev/blog/durable..."));
        assert!(!same_link("dbos.dev/blog/other...", full));
        assert!(same_link(
            "martin.kleppmann.com/2016/02/08/h...",
            "https://martin.kleppmann.com/2016/02/08/how-to-do-distributed-locking.html"
        ));
        // A full URL never matches a longer one just by being its prefix.
        assert!(!same_link("https://a.org/x", "https://a.org/xy"));
    }

    #[test]
    fn index_answers_like_same_link() {
        let urls = [
            "https://www.dbos.dev/blog/durable-queues",
            "martin.kleppmann.com/2016/02/08/h...",
            "https://a.org/x",
        ];
        let mut index = UrlIndex::new();
        for (i, u) in urls.iter().enumerate() {
            index.insert(u, i);
        }
        for probe in [
            "dbos.dev/blog/durable...",
            "https://dbos.dev/blog/durable-queues/?utm_source=x",
            "dbos.dev/blog/other...",
            "https://martin.kleppmann.com/2016/02/08/how-to-do-distributed-locking.html",
            "martin.kleppmann.com/2016/...",
            "https://a.org/xy",
            "http://A.org/x/#top",
            "https://b.org/",
        ] {
            let expected = urls.iter().position(|u| same_link(u, probe));
            assert_eq!(index.find(probe).copied(), expected, "{probe}");
        }
    }

    #[test]
    fn index_names_the_earliest_of_several_matches() {
        // A truncated URL that three full ones start with: the first inserted wins, on every
        // run, whatever order the hash map keeps its keys in.
        for _ in 0..20 {
            let mut index = UrlIndex::new();
            for (i, tail) in ["c", "a", "b"].iter().enumerate() {
                index.insert(&format!("https://example.com/post-{tail}"), i);
            }
            assert_eq!(index.find("example.com/post..."), Some(&0));
            assert_eq!(
                index.find_or_insert_all(&["example.com/po..."], || 9),
                Some(&0)
            );
            assert_eq!(index.entries.len(), 3);
        }
        let mut index = UrlIndex::new();
        index.insert("example.com/p...", "cut");
        index.insert("https://example.com/post-a", "full");
        assert_eq!(index.find("https://example.com/post-b"), Some(&"cut"));
        assert_eq!(
            index.find_or_insert_all(&["https://other.org/"], || "new"),
            None
        );
        assert_eq!(index.find("http://www.other.org"), Some(&"new"));
    }
}
