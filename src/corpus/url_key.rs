//! URL comparison: when two spellings name the same page.

use std::collections::HashMap;
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
pub fn clean(url: &str) -> String {
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
pub fn truncated_prefix(url: &str) -> Option<&str> {
    url.strip_suffix("...").or_else(|| url.strip_suffix('…'))
}

/// A comparison key: host (lowercase, without `www.`) + path (without a trailing slash) +
/// the query without tracking parameters. Scheme and fragment do not count: the same page is
/// served over http and https, and a fragment is a place in it.
///
/// For a truncated URL the key is that of the text before `...`, without any cleanup past the
/// cut: compare it with [`same_link`].
pub fn key(url: &str) -> String {
    let (body, truncated) = match truncated_prefix(url) {
        Some(p) => (p, true),
        None => (url, false),
    };
    let with_scheme = if body.contains("://") {
        body.to_string()
    } else {
        format!("https://{body}")
    };
    if truncated {
        // Parsing would percent-encode or complete the cut text; keep it as typed.
        let rest = with_scheme.split_once("://").map_or("", |(_, r)| r);
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = host.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        return if path.is_empty() {
            host.to_string()
        } else {
            format!("{host}/{path}")
        };
    }
    let Ok(parsed) = Url::parse(&with_scheme) else {
        return body.trim().to_ascii_lowercase();
    };
    let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut out = host.to_string();
    if let Some(port) = parsed.port() {
        out.push_str(&format!(":{port}"));
    }
    out.push_str(parsed.path().trim_end_matches('/'));
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
    out
}

/// Whether `a` and `b` name the same page, either of them possibly truncated.
pub fn same_link(a: &str, b: &str) -> bool {
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
#[derive(Debug)]
pub struct UrlIndex<T> {
    /// Key -> position in `entries`; the first URL with a key keeps it.
    by_key: HashMap<String, usize>,
    entries: Vec<Entry<T>>,
    /// Positions of the truncated entries: the only ones a full URL can match by prefix.
    truncated: Vec<usize>,
}

#[derive(Debug)]
struct Entry<T> {
    key: String,
    truncated: bool,
    value: T,
}

impl<T> Default for UrlIndex<T> {
    fn default() -> Self {
        UrlIndex {
            by_key: HashMap::new(),
            entries: Vec::new(),
            truncated: Vec::new(),
        }
    }
}

impl<T> UrlIndex<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of the earliest inserted URL that names the same page as `url`, by the rule
    /// of [`same_link`].
    pub fn find(&self, url: &str) -> Option<&T> {
        let truncated = truncated_prefix(url).is_some();
        self.position(&key(url), truncated)
            .map(|i| &self.entries[i].value)
    }

    /// Adds `url` even when it is already known: a known key keeps its first value.
    pub fn insert(&mut self, url: &str, value: T) {
        let truncated = truncated_prefix(url).is_some();
        self.push(key(url), truncated, value);
    }

    /// What [`find`](Self::find) says for `url`; when that is nothing, `url` goes in with
    /// `make()`. The key is computed once, which is most of the cost.
    pub fn find_or_insert_with(&mut self, url: &str, make: impl FnOnce() -> T) -> Option<&T> {
        let truncated = truncated_prefix(url).is_some();
        let key = key(url);
        match self.position(&key, truncated) {
            Some(i) => Some(&self.entries[i].value),
            None => {
                self.push(key, truncated, make());
                None
            }
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn push(&mut self, key: String, truncated: bool, value: T) {
        let i = self.entries.len();
        self.by_key.entry(key.clone()).or_insert(i);
        if truncated {
            self.truncated.push(i);
        }
        self.entries.push(Entry {
            key,
            truncated,
            value,
        });
    }

    /// [`same_link`] on precomputed keys: an equal key first, then the earliest entry related
    /// by a truncation. A truncated URL may have been cut from any entry, so it scans them
    /// all; a full URL can only be matched by a truncated entry.
    fn position(&self, key: &str, truncated: bool) -> Option<usize> {
        if let Some(&i) = self.by_key.get(key) {
            return Some(i);
        }
        let cut_from = |e: &Entry<T>| e.truncated && !e.key.is_empty() && key.starts_with(&e.key);
        if truncated && !key.is_empty() {
            return self
                .entries
                .iter()
                .position(|e| e.key.starts_with(key) || cut_from(e));
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
            "https://example.com/a/b#section-2",
            "https://example.com/a/b?utm_source=x&utm_medium=y",
            "https://example.com/a/b/?fbclid=abc",
            "example.com/a/b",
        ] {
            assert_eq!(key(same), k, "{same}");
        }
        assert_ne!(key("https://example.com/a/b?page=2"), k);
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
                index.find_or_insert_with("example.com/po...", || 9),
                Some(&0)
            );
            assert_eq!(index.len(), 3);
        }
        let mut index = UrlIndex::new();
        index.insert("example.com/p...", "cut");
        index.insert("https://example.com/post-a", "full");
        assert_eq!(index.find("https://example.com/post-b"), Some(&"cut"));
        assert_eq!(
            index.find_or_insert_with("https://other.org/", || "new"),
            None
        );
        assert_eq!(index.find("http://www.other.org"), Some(&"new"));
    }
}
