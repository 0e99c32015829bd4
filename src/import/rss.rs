//! RSS 2.0 and Atom feeds, parsed by `feed-rs`. Titles and summaries are HTML more often than
//! not (escaped, or in CDATA), so both go through [`html_to_text`]; the note is a short
//! summary (first paragraph, at most 300 characters) of the description or, failing that,
//! the content; categories are hints.

use super::text::{html_to_text, non_empty, summary, Locator};
use super::{error, warning, Candidate, Parsed};
use crate::diagnostics::{Diagnostic, LineIndex};
use feed_rs::model::{Entry, Feed};
use std::path::Path;

/// The line where the XML goes wrong, for the message: `feed-rs` does not say.
fn xml_error_line(content: &str) -> (usize, String) {
    let mut reader = quick_xml::Reader::from_str(content);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return (1, String::new()),
            Ok(_) => {}
            Err(e) => {
                let at = reader.error_position() as usize;
                return (LineIndex::new(content).line(at), e.to_string());
            }
        }
    }
}

pub fn parse(content: &str, file: &Path) -> Result<Parsed, Diagnostic> {
    let feed = read_feed(content, file)?;
    let mut out = Parsed::default();
    let mut loc = Locator::new(content);
    for entry in &feed.entries {
        let title = entry
            .title
            .as_ref()
            .map(|t| html_to_text(&t.content))
            .unwrap_or_default();
        let href = entry_link(entry);
        let escaped = href.as_deref().map(|h| h.replace('&', "&amp;"));
        let line = loc.line(&[
            href.as_deref().unwrap_or(""),
            escaped.as_deref().unwrap_or(""),
            &entry.id,
        ]);
        let Some(url) = href.filter(|h| h.starts_with("http://") || h.starts_with("https://"))
        else {
            let name = if title.is_empty() { &entry.id } else { &title };
            out.skipped.push(
                warning(
                    file,
                    line,
                    1,
                    format!("the entry `{name}` has no http(s) link; skipped"),
                )
                .with_help("give the entry a <link> with the page's URL"),
            );
            continue;
        };
        out.links.push(candidate(entry, title, url, line));
    }
    Ok(out)
}

fn read_feed(content: &str, file: &Path) -> Result<Feed, Diagnostic> {
    let content = &*without_declarations(content);
    feed_rs::parser::parse(content.as_bytes()).map_err(|e| {
        let (line, detail) = xml_error_line(content);
        let detail = if detail.is_empty() {
            e.to_string()
        } else {
            detail
        };
        error(
            file,
            line,
            1,
            format!("not a valid RSS or Atom feed: {detail}"),
        )
        .with_help("fix the XML there, or pass --input-format to pick another format")
    })
}

/// `content` with every XML declaration (`<?xml version="1.0" encoding="UTF-16"?>`) blanked
/// out, byte for byte, so positions and line numbers stay. The text is UTF-8 already
/// ([`super::decode`] followed the declaration), but feed-rs hands a declared encoding to
/// quick-xml, which decodes the UTF-8 a second time as that encoding, or panics when the
/// declaration is not at the start. The declarations are found by quick-xml itself, so one
/// quoted in a CDATA section or a comment stays.
fn without_declarations(content: &str) -> std::borrow::Cow<'_, str> {
    if !content.contains("<?xml") {
        return std::borrow::Cow::Borrowed(content);
    }
    let mut ranges = Vec::new();
    let mut reader = quick_xml::Reader::from_str(content);
    loop {
        let start = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(quick_xml::events::Event::Decl(_)) => {
                ranges.push(start..reader.buffer_position() as usize);
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(_) => {
                // Past an XML error quick-xml does not go on; feed-rs may, so what follows is
                // blanked wherever it looks like a declaration.
                let bytes = content.as_bytes();
                let find = |from: usize, what: &[u8]| {
                    bytes
                        .get(from..)
                        .and_then(|rest| rest.windows(what.len()).position(|w| w == what))
                        .map(|i| from + i)
                };
                let mut at = start;
                while let Some(begin) = find(at, b"<?xml") {
                    let end = find(begin, b"?>").map_or(bytes.len(), |j| j + 2);
                    ranges.push(begin..end);
                    at = end;
                }
                break;
            }
        }
    }
    if ranges.is_empty() {
        return std::borrow::Cow::Borrowed(content);
    }
    let mut out = content.as_bytes().to_vec();
    for range in ranges {
        for b in &mut out[range] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Only whole declarations were blanked (ASCII from `<?` to `?>`, or to the end), but what
    // they held may be any UTF-8: blanking every byte of it leaves spaces, still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(out).expect("blanked UTF-8 is UTF-8"))
}

/// The page an entry is about, of any scheme: the caller skips what is not http(s).
fn entry_link(entry: &Entry) -> Option<String> {
    // Atom's `<link href>` without `rel` is the alternate link; feed-rs fills that in.
    entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.clone())
        .or_else(|| {
            // RSS guids are permalinks by default.
            (entry.id.starts_with("http://") || entry.id.starts_with("https://"))
                .then(|| entry.id.clone())
        })
}

fn candidate(entry: &Entry, title: String, url: String, line: usize) -> Candidate {
    // A summary, never the post: feeds often put the whole text in `description`.
    let note = entry
        .summary
        .as_ref()
        .map(|s| s.content.clone())
        .or_else(|| entry.content.as_ref().and_then(|c| c.body.clone()))
        .map(|html| summary(&html))
        .and_then(|s| non_empty(&s))
        .filter(|s| *s != title);
    let text = entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
        .map(|html| html_to_text(&html))
        .and_then(|s| non_empty(&s));
    let published = entry
        .published
        .or(entry.updated)
        .map(|d| d.date_naive().to_string());
    // A feed's items are posts: their kind comes from where they point (a PDF, a video), never
    // from a title word ("Book Review: ...", "The year in books" are posts, not books).
    let kind = Some(super::evidence::kind(&url, &title));
    Candidate {
        title: if title.is_empty() { url.clone() } else { title },
        kind,
        url,
        note,
        published,
        authors: entry
            .authors
            .iter()
            .filter_map(|a| a.name.as_deref().map(|n| n.trim().to_string()))
            .filter(|n| !n.is_empty())
            .collect(),
        hints: entry
            .categories
            .iter()
            .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
            .collect(),
        line,
        text,
        ..Candidate::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_with_entities_and_cdata() {
        let xml = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title>
<item>
  <title>Paxos &amp; Raft: a &#8220;comparison&#8221;</title>
  <link>https://example.com/p?a=1&amp;utm_source=rss</link>
  <description><![CDATA[<p>Both are <b>consensus</b> protocols &amp; more.</p>]]></description>
  <category>Consensus</category>
  <pubDate>Mon, 05 May 2025 10:00:00 GMT</pubDate>
</item>
<item><title>No link</title><guid isPermaLink="false">x-1</guid></item>
</channel></rss>"#;
        let p = parse(xml, Path::new("f.xml")).unwrap();
        assert_eq!(p.links.len(), 1);
        let l = &p.links[0];
        assert_eq!(l.title, "Paxos & Raft: a “comparison”");
        assert_eq!(l.url, "https://example.com/p?a=1&utm_source=rss");
        assert_eq!(
            l.note.as_deref(),
            Some("Both are consensus protocols & more.")
        );
        assert_eq!(l.hints, vec!["Consensus"]);
        assert_eq!(l.published.as_deref(), Some("2025-05-05"));
        assert_eq!(l.line, 5);
        assert_eq!(p.skipped.len(), 1);
        assert!(p.skipped[0]
            .message
            .contains("`No link` has no http(s) link"));
    }

    #[test]
    fn a_whole_post_in_the_feed_becomes_a_short_summary() {
        let post = format!(
            "<p>Leases bound <b>how long</b> a holder may act.</p>{}",
            "<p>More and more text about clocks.</p>".repeat(1300)
        );
        assert!(post.len() > 48_000);
        let xml = format!(
            "<rss version=\"2.0\"><channel><title>T</title><item><title>Leases</title>\
             <link>https://example.com/leases</link><description><![CDATA[{post}]]></description>\
             </item></channel></rss>"
        );
        let p = parse(&xml, Path::new("f.xml")).unwrap();
        assert_eq!(
            p.links[0].note.as_deref(),
            Some("Leases bound how long a holder may act.")
        );
    }

    #[test]
    fn atom_without_rel_and_broken_xml() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title type="html">Leases &lt;em&gt;and&lt;/em&gt; clocks</title>
<link href="https://example.org/leases"/><id>urn:1</id>
<updated>2024-02-03T00:00:00Z</updated><author><name>Ann</name></author></entry>
</feed>"#;
        let p = parse(xml, Path::new("a.atom")).unwrap();
        assert_eq!(p.links[0].title, "Leases and clocks");
        assert_eq!(p.links[0].url, "https://example.org/leases");
        assert_eq!(p.links[0].authors, vec!["Ann"]);
        assert_eq!(p.links[0].published.as_deref(), Some("2024-02-03"));
        let err = parse(
            "<rss><channel>\n<item><title>x</item>\n",
            Path::new("b.xml"),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("b.xml:2:1: error: not a valid RSS"),
            "{err}"
        );
    }
}
