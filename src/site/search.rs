//! The site's offline search index: static files that `site.js` loads on demand.
//!
//! Every topic and every reading is a document. Words of titles, notes, deliverables,
//! summaries and authors are indexed in shards keyed by their first character (more where a
//! shard would be big), so a query loads only the shards of its own words rather than one
//! index of the whole corpus; the documents themselves (title, page, context) sit in numbered
//! chunks loaded only for the hits shown. The files are scripts, not JSON, because browsers
//! refuse `fetch` on pages opened from disk.
//! Tokens here and in `site.js` are made the same way: lowercase runs of letters and digits.

use super::SiteFile;
use crate::plan::Plan;
use crate::render::html;
use std::collections::BTreeMap;

/// Documents per chunk file.
pub const CHUNK: usize = 200;

/// The index files, and the shard keys that exist (so the page never asks for a missing file).
pub struct Index {
    pub files: Vec<SiteFile>,
    pub keys: Vec<String>,
}

/// The lowercase words of `text`, two characters or longer.
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(str::to_lowercase)
}

/// The abbreviations a reader may type for a name in `title`: the initials of each run of two
/// to four words without a small word ("and", "of"...), a number word as its digit
/// ("Two-phase commit" gives `2pc`, "Byzantine fault tolerance" `bft`).
pub fn abbreviations(title: &str) -> Vec<String> {
    const SMALL: [&str; 12] = [
        "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "the", "to",
    ];
    const NUMBERS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let initial = |w: &str| match NUMBERS.iter().position(|n| *n == w) {
        Some(digit) => char::from(b'0' + digit as u8),
        None => w.chars().next().unwrap_or('x'),
    };
    let mut out = Vec::new();
    for len in 2..=4 {
        for run in words.windows(len) {
            if run.iter().any(|w| SMALL.contains(&w.as_str())) {
                continue;
            }
            let abbreviation: String = run.iter().map(|w| initial(w)).collect();
            if !out.contains(&abbreviation) {
                out.push(abbreviation);
            }
        }
    }
    out
}

/// A word as a shard key: ASCII letters and digits as they are and any other character as `x`
/// and its hex code (`site.js` computes the same). Two words sharing a key only share a file.
pub fn shard_key(word: &str) -> String {
    let mut key = String::new();
    for c in word.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            key.push(c);
        } else {
            key.push_str(&format!("x{:x}", c as u32));
        }
    }
    key
}

/// A search result as stored: a topic names its page and stage; a reading only its id and its
/// topic, since `site.js` makes its address and context from the topic's (`chunk_rows`).
enum Doc<'a> {
    Topic {
        title: &'a str,
        href: String,
        context: String,
    },
    Reading {
        title: &'a str,
        id: &'a str,
        topic: (&'a str, String),
    },
}

/// A row of a document chunk: a topic `[title, href, context]`, or a reading `[title, link id,
/// n]`, where `n` picks the `[title, href]` of its topic from the chunk's own table.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Row<'a> {
    Topic(&'a str, &'a str, &'a str),
    Reading(&'a str, &'a str, usize),
}

/// Build the index for `plan`.
pub fn build(plan: &Plan) -> Index {
    let mut docs: Vec<Doc> = Vec::new();
    // word -> doc ids, each id doubled plus one when the word is in the title.
    let mut postings: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut add = |doc, title: &str, body: &[&str]| {
        let id = docs.len();
        for word in tokens(title) {
            postings.entry(word).or_default().push(id * 2 + 1);
        }
        // Abbreviations of the title's names count as body words: a title that spells one out
        // ranks above one that only abbreviates to the same letters.
        for word in abbreviations(title) {
            postings.entry(word).or_default().push(id * 2);
        }
        for word in body.iter().flat_map(|t| tokens(t)) {
            postings.entry(word).or_default().push(id * 2);
        }
        docs.push(doc);
    };
    for (n, stage) in plan.stages.iter().enumerate() {
        for topic in &stage.topics {
            let page = html::topic_page(&topic.id);
            add(
                Doc::Topic {
                    title: &topic.title,
                    href: page.clone(),
                    context: format!("Topic · Stage {}: {}", n + 1, stage.title),
                },
                &topic.title,
                &[&topic.summary],
            );
            for link in &topic.links {
                let mut body: Vec<&str> = link.authors.iter().map(String::as_str).collect();
                body.extend(link.note.as_deref());
                body.extend(link.deliverable.as_deref());
                add(
                    Doc::Reading {
                        title: &link.title,
                        id: link.id.as_str(),
                        topic: (&topic.title, page.clone()),
                    },
                    &link.title,
                    &body,
                );
            }
        }
    }
    let mut files = Vec::new();
    for (k, chunk) in docs.chunks(CHUNK).enumerate() {
        files.push(script(
            format!("search/d{k}.js"),
            "docs",
            &k,
            &chunk_rows(chunk),
        ));
    }
    let mut words: Vec<(&str, Vec<usize>)> = Vec::with_capacity(postings.len());
    for (word, ids) in &mut postings {
        ids.sort_unstable();
        ids.dedup_by(|b, a| {
            *a / 2 == *b / 2 && {
                *a |= *b & 1;
                true
            }
        });
        words.push((word, delta(ids))); // gaps keep the numbers short
    }
    let mut keys = Vec::new();
    for (key, terms) in shards(words) {
        files.push(script(format!("search/t-{key}.js"), "terms", &key, &terms));
        keys.push(key);
    }
    Index { files, keys }
}

/// A chunk as `[topics, rows]`: the `[title, href]` of each topic its readings belong to, once,
/// and a row per document.
fn chunk_rows<'a>(chunk: &'a [Doc<'a>]) -> (Vec<[&'a str; 2]>, Vec<Row<'a>>) {
    let mut topics: Vec<[&str; 2]> = Vec::new();
    let rows = chunk
        .iter()
        .map(|doc| match doc {
            Doc::Topic {
                title,
                href,
                context,
            } => Row::Topic(title, href, context),
            Doc::Reading {
                title,
                id,
                topic: (topic, href),
            } => {
                let n = match topics.iter().position(|t| t[1] == href) {
                    Some(n) => n,
                    None => {
                        topics.push([topic, href]);
                        topics.len() - 1
                    }
                };
                Row::Reading(title, id, n)
            }
        })
        .collect();
    (topics, rows)
}

/// About the most a shard should hold, in bytes; a query for a two-letter prefix may load more.
const SHARD_BYTES: usize = 48 * 1024;

/// Words grouped by the key of their first character; a group over [`SHARD_BYTES`] splits by
/// one more character (a word no longer than its key stays under the key), up to eight. A small
/// course gets a few dozen files, a big one as many as keep each file small.
/// Keys are prefixes of keys, so `site.js` loads every shard whose key is a prefix of the
/// query word's key or has it as a prefix.
fn shards(words: Vec<(&str, Vec<usize>)>) -> BTreeMap<String, BTreeMap<&str, Vec<usize>>> {
    let mut todo = vec![(1, words)];
    let mut out: BTreeMap<String, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    while let Some((len, words)) = todo.pop() {
        let mut groups: BTreeMap<String, Vec<(&str, Vec<usize>)>> = BTreeMap::new();
        for (word, ids) in words {
            groups
                .entry(shard_key(&word.chars().take(len).collect::<String>()))
                .or_default()
                .push((word, ids));
        }
        for (key, group) in groups {
            let bytes: usize = group
                .iter()
                .map(|(w, ids)| w.len() + 4 + ids.len() * 4)
                .sum();
            let splits = group.iter().any(|(w, _)| w.chars().count() > len);
            if bytes > SHARD_BYTES && len < 8 && splits {
                todo.push((len + 1, group));
            } else {
                out.entry(key).or_default().extend(group);
            }
        }
    }
    out
}

/// Postings as the gap from the previous one (the first as it is).
fn delta(ids: &[usize]) -> Vec<usize> {
    let mut prev = 0;
    ids.iter()
        .map(|&id| {
            let gap = id - prev;
            prev = id;
            gap
        })
        .collect()
}

/// `syllabusSearch.<call>(<key>, <data>);` as a file. JSON is valid JavaScript, and serde_json
/// escapes every quote and control character, so corpus text cannot break out of the string.
fn script(
    name: String,
    call: &str,
    key: &impl serde::Serialize,
    data: &impl serde::Serialize,
) -> SiteFile {
    let text = format!(
        "syllabusSearch.{call}({},{});\n",
        serde_json::to_string(key).expect("keys serialize"),
        serde_json::to_string(data).expect("index data serializes")
    );
    SiteFile {
        name,
        bytes: text.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_keys() {
        let words: Vec<String> = tokens("Paxos, Made-Simple à l'été 2").collect();
        assert_eq!(words, ["paxos", "made", "simple", "été"]);
        assert_eq!(shard_key("pa"), "pa");
        assert_eq!(shard_key("ét"), "xe9t");
        assert_eq!(delta(&[3, 5, 9]), [3, 2, 4]);
    }

    #[test]
    fn names_give_their_abbreviations() {
        assert!(abbreviations("Two-phase commit and beyond").contains(&"2pc".to_string()));
        assert!(abbreviations("Byzantine fault tolerance").contains(&"bft".to_string()));
        assert!(
            abbreviations("Consensus and state machine replication").contains(&"smr".to_string())
        );
        // A run never holds a small word.
        assert!(!abbreviations("Consensus and state").contains(&"cas".to_string()));
        assert!(abbreviations("Raft").is_empty());
    }
}

#[cfg(test)]
mod shard_tests {
    use super::*;

    #[test]
    fn a_big_shard_splits_by_longer_prefixes_and_keeps_every_word() {
        let mut words: Vec<(&str, Vec<usize>)> = vec![("wo", vec![1])];
        let many: Vec<String> = (0..4000).map(|i| format!("word{i}")).collect();
        words.extend(many.iter().map(|w| (w.as_str(), vec![1, 2, 3])));
        words.push(("zebra", vec![5]));
        let shards = shards(words);
        assert!(
            shards.contains_key("wo") && shards.contains_key("z"),
            "{:?}",
            shards.keys()
        );
        assert!(shards.keys().any(|k| k.len() > 4), "{:?}", shards.keys());
        assert_eq!(shards.values().map(BTreeMap::len).sum::<usize>(), 4002);
        for (key, terms) in &shards {
            assert!(
                terms.keys().all(|w| shard_key(w).starts_with(key.as_str())),
                "{key}"
            );
        }
        assert_eq!(shards["wo"].keys().collect::<Vec<_>>(), [&"wo"]);
    }
}
