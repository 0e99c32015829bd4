//! Markdown link lists ("awesome" lists): every link inside a list item becomes a candidate;
//! the headings above it (and the text of enclosing items) are its topic hints, and the rest of
//! its item is the note.

use super::text::{non_empty, squash};
use super::{warning, Candidate, Parsed};
use crate::diagnostics::LineIndex;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::Path;

#[derive(Default)]
struct Item {
    text: String,
    links: Vec<(String, String, usize)>, // url, text, offset
}

/// Separators people put between a link and its description.
fn trim_separators(s: &str) -> String {
    let seps: &[char] = &['-', '–', '—', ':', '|', ',', '·', ' '];
    squash(s).trim_matches(seps).to_string()
}

pub fn parse(content: &str, file: &Path) -> Parsed {
    let mut out = Parsed::default();
    let lines = LineIndex::new(content);
    let mut headings: Vec<(usize, String)> = Vec::new();
    let mut heading: Option<(usize, String)> = None;
    let mut items: Vec<Item> = Vec::new();
    let mut link: Option<(String, String, usize)> = None;
    let parser = Parser::new_ext(
        content,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as usize, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    headings.retain(|(l, _)| *l < level);
                    headings.push((level, squash(&text)));
                }
            }
            Event::Start(Tag::Item) => items.push(Item::default()),
            Event::End(TagEnd::Item) => {
                let Some(item) = items.pop() else { continue };
                let mut hints: Vec<String> = headings.iter().map(|(_, h)| h.clone()).collect();
                hints.extend(
                    items
                        .iter()
                        .filter_map(|i| non_empty(&trim_separators(&i.text))),
                );
                let note = non_empty(&trim_separators(&item.text));
                for (url, text, offset) in item.links {
                    let line = lines.line(offset);
                    if url.starts_with('#') {
                        continue; // a table of contents entry, not a link to read
                    }
                    if !(url.starts_with("http://") || url.starts_with("https://")) {
                        out.skipped.push(
                            warning(
                                file,
                                line,
                                1,
                                format!("the link `{url}` is not an http(s) URL; skipped"),
                            )
                            .with_help(
                                "only web links can be imported; write the full https:// URL",
                            ),
                        );
                        continue;
                    }
                    let title = non_empty(&text)
                        .or_else(|| note.clone())
                        .unwrap_or_else(|| url.clone());
                    out.links.push(Candidate {
                        title,
                        url,
                        note: note.clone(),
                        hints: hints.clone(),
                        line,
                        ..Candidate::default()
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), String::new(), range.start));
            }
            Event::End(TagEnd::Link) => {
                if let (Some(l), Some(item)) = (link.take(), items.last_mut()) {
                    item.links.push(l);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text, _)) = &mut link {
                    text.push_str(&t);
                } else if let Some((_, text)) = &mut heading {
                    text.push_str(&t);
                } else if let Some(item) = items.last_mut() {
                    item.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(item) = items.last_mut() {
                    item.text.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_items_with_heading_path_and_note() {
        let md = "# Awesome\n\n- [Contents](#contents)\n\n## Consensus\n\n### Raft\n\n\
            - [In Search of an Understandable Consensus Algorithm](https://raft.github.io/raft.pdf) - The Raft paper.\n\
            - Tools\n  - [Maelstrom](https://github.com/jepsen-io/maelstrom): a workbench.\n\n\
            Not in a list: [ignored](https://example.com/ignored)\n\n\
            ## Misc\n\n- [Local](docs/local.md)\n";
        let p = parse(md, Path::new("a.md"));
        assert_eq!(p.links.len(), 2, "{:?}", p.links);
        let raft = &p.links[0];
        assert_eq!(
            raft.title,
            "In Search of an Understandable Consensus Algorithm"
        );
        assert_eq!(raft.note.as_deref(), Some("The Raft paper."));
        assert_eq!(raft.hints, vec!["Awesome", "Consensus", "Raft"]);
        assert_eq!(raft.line, 9);
        let m = &p.links[1];
        assert_eq!(m.note.as_deref(), Some("a workbench."));
        assert_eq!(m.hints, vec!["Awesome", "Consensus", "Raft", "Tools"]);
        assert_eq!(p.skipped.len(), 1);
        assert!(p.skipped[0]
            .to_string()
            .starts_with("a.md:17:1: warning: the link `docs/local.md`"));
    }
}
