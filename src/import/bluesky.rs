//! Bluesky posts as JSON: an `app.bsky.feed.getAuthorFeed` response (`{"feed": [{"post":
//! {"record", "embed", ...}, "reason"?}]}`) or a plain array of post records or post views.
//! Links come from `embed.external` (with its title and description) and from link facets in
//! the text; the date from `createdAt`. Reposts are imported like own posts; replies without
//! links are conversation, not reading, and are skipped.

use super::text::{non_empty, squash, Locator};
use super::{error, warning, Candidate, Parsed};
use crate::diagnostics::Diagnostic;
use crate::schedule::Date;
use serde_json::Value;
use std::path::Path;

fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// `(uri, title, description)` of the card embedded in a post, also inside a quote-with-media.
fn external(embed: &Value) -> Option<(String, String, String)> {
    let ext = embed
        .get("external")
        .or_else(|| embed.get("media").and_then(|m| m.get("external")))?;
    Some((
        str_at(ext, "uri")?.to_string(),
        str_at(ext, "title").unwrap_or("").to_string(),
        str_at(ext, "description").unwrap_or("").to_string(),
    ))
}

/// Elements of the array at `key`, none when it is missing or not an array.
fn array<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

pub fn parse(content: &str, file: &Path) -> Result<Parsed, Diagnostic> {
    let root = read_json(content, file)?;
    let items = entries(&root, file)?;
    let mut out = Parsed::default();
    let mut loc = Locator::new(content);
    let mut without_link = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let (post, record) = post_and_record(item);
        let Some(text) = str_at(record, "text") else {
            let line = loc.line(&[str_at(post, "uri").unwrap_or("\u{0}")]);
            out.skipped.push(
                warning(
                    file,
                    line,
                    1,
                    format!("entry {} has no `text`: not a post; skipped", n + 1),
                )
                .with_help("each entry must be a post record or a post view with `record.text`"),
            );
            continue;
        };
        let entry_line = loc.line(&[str_at(post, "uri").unwrap_or(""), text]);
        if read_entry(item, file, entry_line, &mut out) == Entry::WithoutLink {
            without_link.push(entry_line);
        }
    }
    for line in without_link {
        out.skipped.push(
            warning(file, line, 1, "a post without a link; skipped")
                .with_help("only posts with a link card or a link in their text become links"),
        );
    }
    Ok(out)
}

/// The post view and its record: a `feedViewPost` holds both, a plain record is both.
fn post_and_record(item: &Value) -> (&Value, &Value) {
    let post = item.get("post").unwrap_or(item);
    (post, post.get("record").unwrap_or(post))
}

/// What one feed entry held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    /// No `text`: not a post at all.
    NotAPost,
    /// A post with no web link that is not a reply (replies are conversation, not reading).
    WithoutLink,
    /// A reply without a link.
    Reply,
    /// A post with links: its candidates (and skipped links) were added.
    Links,
}

/// Adds the candidates of one entry (a `feedViewPost`, a post view or a post record) to `out`,
/// each placed at `file`:`line`; `sync` reads its pages entry by entry through this.
pub(crate) fn read_entry(item: &Value, file: &Path, line: usize, out: &mut Parsed) -> Entry {
    let (post, record) = post_and_record(item);
    let Some(text) = str_at(record, "text") else {
        return Entry::NotAPost;
    };
    let found = PostLinks::of(post, record, text);
    if found.links.is_empty() {
        return match record.get("reply") {
            Some(_) => Entry::Reply,
            None => Entry::WithoutLink,
        };
    }
    push_candidates(out, file, line, record, text, found);
    Entry::Links
}

fn read_json(content: &str, file: &Path) -> Result<Value, Diagnostic> {
    serde_json::from_str(content).map_err(|e| {
        // serde_json appends the position, which the diagnostic already leads with.
        let what = e.to_string();
        let what = what
            .rsplit_once(" at line ")
            .map_or(what.as_str(), |(w, _)| w);
        error(
            file,
            e.line(),
            e.column(),
            format!("not valid JSON: {what}"),
        )
        .with_help("export the feed again, or pass --input-format to pick another format")
    })
}

/// The posts of a getAuthorFeed response, or of a plain array.
fn entries<'a>(root: &'a Value, file: &Path) -> Result<&'a Vec<Value>, Diagnostic> {
    match root {
        Value::Array(a) => Ok(a),
        Value::Object(o) => match o.get("feed") {
            Some(Value::Array(a)) => Ok(a),
            _ => Err(error(
                file,
                1,
                1,
                "a JSON object without a `feed` array: not a getAuthorFeed response",
            )
            .with_help("pass the JSON of app.bsky.feed.getAuthorFeed, or an array of posts")),
        },
        _ => Err(
            error(file, 1, 1, "expected a JSON object or array of posts")
                .with_help("pass the JSON of app.bsky.feed.getAuthorFeed, or an array of posts"),
        ),
    }
}

/// What one post links to and is tagged with, and the text left to title it.
struct PostLinks {
    /// `(uri, card title, card description)`, each uri once, cards first.
    links: Vec<(String, String, String)>,
    tags: Vec<String>,
    /// The post's text without the links as shown in it.
    title_text: String,
}

impl PostLinks {
    fn of(post: &Value, record: &Value, text: &str) -> PostLinks {
        let mut found = PostLinks {
            links: Vec::new(),
            tags: array(record, "tags")
                .filter_map(Value::as_str)
                .map(String::from)
                .collect(),
            title_text: text.to_string(),
        };
        for embed in [post.get("embed"), record.get("embed")]
            .into_iter()
            .flatten()
        {
            found.links.extend(external(embed));
        }
        for facet in array(record, "facets") {
            for feature in array(facet, "features") {
                found.add_feature(facet, feature, text);
            }
        }
        let mut seen = Vec::new();
        found.links.retain(|(u, ..)| {
            let fresh = !seen.contains(u);
            seen.push(u.clone());
            fresh
        });
        found
    }

    /// A tag or link facet of the post's `text`.
    fn add_feature(&mut self, facet: &Value, feature: &Value, text: &str) {
        let kind = str_at(feature, "$type").unwrap_or("");
        if kind.ends_with("#tag") {
            self.tags.extend(str_at(feature, "tag").map(String::from));
        } else if kind.ends_with("#link") {
            if let Some(uri) = str_at(feature, "uri") {
                self.links
                    .push((uri.to_string(), String::new(), String::new()));
            }
            // The link as shown in the text ("example.com/a...") is no title.
            let idx = facet.get("index");
            let range = idx.and_then(|i| {
                let s = i.get("byteStart")?.as_u64()? as usize;
                let e = i.get("byteEnd")?.as_u64()? as usize;
                Some(s..e)
            });
            if let Some(shown) = range.and_then(|r| text.get(r)) {
                self.title_text = self.title_text.replace(shown, " ");
            }
        }
    }
}

/// One candidate per web link of a post, all dated and tagged like the post.
fn push_candidates(
    out: &mut Parsed,
    file: &Path,
    line: usize,
    record: &Value,
    text: &str,
    found: PostLinks,
) {
    // `get`, not slicing: byte 10 of arbitrary text need not be a character boundary.
    let date = str_at(record, "createdAt")
        .and_then(|d| d.get(..10))
        .and_then(Date::parse)
        .map(|d| d.to_string());
    let first_line = found
        .title_text
        .lines()
        .map(squash)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    for (uri, card_title, description) in found.links {
        if !(uri.starts_with("http://") || uri.starts_with("https://")) {
            out.skipped.push(
                warning(
                    file,
                    line,
                    1,
                    format!("the link `{uri}` is not an http(s) URL; skipped"),
                )
                .with_help("only web links can be imported"),
            );
            continue;
        }
        let title = non_empty(&card_title)
            .or_else(|| non_empty(&first_line))
            .unwrap_or_else(|| uri.clone());
        let note = non_empty(&description)
            .or_else(|| non_empty(text).filter(|t| *t != title && !t.is_empty()));
        out.links.push(Candidate {
            title,
            url: uri,
            note,
            published: date.clone(),
            hints: found.tags.clone(),
            line,
            ..Candidate::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_feed_with_card_facet_repost_and_reply() {
        let json = r##"{"feed": [
  {"post": {"uri": "at://did:plc:a/app.bsky.feed.post/1",
    "record": {"$type": "app.bsky.feed.post", "text": "Worth a read",
      "createdAt": "2025-11-24T12:00:00.000Z"},
    "embed": {"$type": "app.bsky.embed.external#view",
      "external": {"uri": "https://example.com/locks", "title": "Locks",
        "description": "On leases."}}}},
  {"post": {"uri": "at://did:plc:b/app.bsky.feed.post/2",
    "record": {"text": "Raft, explained: raft.github.io #consensus",
      "createdAt": "2025-05-01T09:00:00Z",
      "facets": [
        {"index": {"byteStart": 17, "byteEnd": 31},
         "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://raft.github.io/"}]},
        {"index": {"byteStart": 32, "byteEnd": 42},
         "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "consensus"}]}]}},
   "reason": {"$type": "app.bsky.feed.defs#reasonRepost"}},
  {"post": {"uri": "at://x/3", "record": {"text": "agreed!", "createdAt": "2025-05-02T00:00:00Z",
    "reply": {"root": {}, "parent": {}}}}}
]}"##;
        let p = parse(json, Path::new("b.json")).unwrap();
        assert_eq!(p.links.len(), 2);
        assert_eq!(p.links[0].title, "Locks");
        assert_eq!(p.links[0].note.as_deref(), Some("On leases."));
        assert_eq!(p.links[0].published.as_deref(), Some("2025-11-24"));
        assert_eq!(p.links[0].line, 2);
        assert_eq!(p.links[1].line, 8);
        assert_eq!(p.links[1].url, "https://raft.github.io/");
        assert_eq!(p.links[1].title, "Raft, explained: #consensus");
        assert_eq!(p.links[1].hints, vec!["consensus"]);
        assert!(p.skipped.is_empty(), "the reply is skipped silently");
    }

    #[test]
    fn plain_array_and_bad_json() {
        let json = r#"[{"text": "no link here", "createdAt": "2025-01-01T00:00:00Z"},
            {"text": "see", "embed": {"external": {"uri": "https://a.org/b", "title": ""}}}]"#;
        let p = parse(json, Path::new("p.json")).unwrap();
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.links[0].title, "see");
        assert_eq!(p.skipped.len(), 1);
        let err = parse("[{\"text\": }]", Path::new("bad.json")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("bad.json:1:11: error: not valid JSON: expected value\n"),
            "{err}"
        );
    }

    #[test]
    fn unreadable_created_at_leaves_the_date_out() {
        for created in [
            "2025-01-0éT00:00:00Z",
            "2025-02-30T00:00:00Z",
            "2025",
            "éééééé",
        ] {
            let json = format!(
                r#"[{{"text": "see", "createdAt": "{created}",
                    "embed": {{"external": {{"uri": "https://a.org/b", "title": "B"}}}}}}]"#
            );
            let p = parse(&json, Path::new("p.json")).unwrap();
            assert_eq!(p.links.len(), 1, "{created}");
            assert_eq!(p.links[0].published, None, "{created}");
        }
    }
}
