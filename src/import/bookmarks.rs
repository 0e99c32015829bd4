//! The Netscape bookmark file that every browser exports: `<DT><H3>` folder names open `<DL>`
//! lists, `<DT><A HREF>` are the bookmarks, an optional `<DD>` describes the one before it.
//! The format is tag soup (unclosed `<DT>` and `<p>`), so it goes through an HTML tokenizer
//! rather than an XML parser. Folder names and `TAGS` are topic hints. `ADD_DATE` is when the
//! page was saved, not published, so it is not kept.

use super::text::non_empty;
use super::{warning, Candidate, Parsed};
use crate::diagnostics::LineIndex;
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::path::Path;

struct Pending {
    href: String,
    tags: Vec<String>,
    text: String,
    offset: usize,
}

pub fn parse(content: &str, file: &Path) -> Parsed {
    let mut out = Parsed::default();
    let lines = LineIndex::new(content);
    let mut folders: Vec<String> = Vec::new();
    let mut folder_name: Option<String> = None;
    let mut in_h3 = false;
    let mut anchor: Option<Pending> = None;
    let mut description: Option<String> = None;
    let emitter = DefaultEmitter::<usize>::new_with_span();
    for token in Tokenizer::new_with_emitter(content, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.as_slice();
                if name != b"a" && name != b"br" {
                    finish_description(&mut description, &mut out);
                }
                match name {
                    b"h3" => {
                        in_h3 = true;
                        folder_name = Some(String::new());
                    }
                    b"dl" => folders.push(folder_name.take().unwrap_or_default()),
                    b"dd" => description = Some(String::new()),
                    b"a" => {
                        let attr = |k: &[u8]| {
                            tag.attributes
                                .get(k)
                                .map(|v| String::from_utf8_lossy(&v.value).trim().to_string())
                        };
                        anchor = Some(Pending {
                            href: attr(b"href").unwrap_or_default(),
                            tags: attr(b"tags")
                                .unwrap_or_default()
                                .split(',')
                                .filter_map(non_empty)
                                .collect(),
                            text: String::new(),
                            offset: tag.span.start,
                        });
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => match tag.name.as_slice() {
                b"h3" => in_h3 = false,
                b"dl" => {
                    finish_description(&mut description, &mut out);
                    folders.pop();
                }
                b"a" => {
                    if let Some(a) = anchor.take() {
                        let line = lines.line(a.offset);
                        if a.href.starts_with("http://") || a.href.starts_with("https://") {
                            let mut hints: Vec<String> =
                                folders.iter().filter_map(|f| non_empty(f)).collect();
                            hints.extend(a.tags);
                            out.links.push(Candidate {
                                title: non_empty(&a.text).unwrap_or_else(|| a.href.clone()),
                                url: a.href,
                                hints,
                                line,
                                ..Candidate::default()
                            });
                        } else {
                            out.skipped.push(
                                warning(
                                    file,
                                    line,
                                    1,
                                    format!(
                                        "the bookmark `{}` is not an http(s) URL; skipped",
                                        a.href
                                    ),
                                )
                                .with_help("only web pages can be imported"),
                            );
                        }
                    }
                }
                _ => {}
            },
            Token::String(s) => {
                let s = String::from_utf8_lossy(&s.value);
                if let Some(a) = &mut anchor {
                    a.text.push_str(&s);
                } else if in_h3 {
                    if let Some(f) = &mut folder_name {
                        f.push_str(&s);
                    }
                } else if let Some(d) = &mut description {
                    d.push_str(&s);
                }
            }
            _ => {}
        }
    }
    finish_description(&mut description, &mut out);
    out
}

/// A `<DD>` describes the bookmark just before it.
fn finish_description(description: &mut Option<String>, out: &mut Parsed) {
    if let Some(d) = description.take() {
        if let (Some(note), Some(last)) = (non_empty(&d), out.links.last_mut()) {
            last.note = Some(note);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_folders_descriptions_and_entities() {
        let html = r#"<!DOCTYPE NETSCAPE-Bookmark-file-1>
<TITLE>Bookmarks</TITLE>
<DL><p>
    <DT><H3 ADD_DATE="1">Distributed &amp; Systems</H3>
    <DL><p>
        <DT><H3>Consensus</H3>
        <DL><p>
            <DT><A HREF="https://raft.github.io/" ADD_DATE="1700000000" TAGS="raft,logs">The Raft &quot;site&quot;</A>
            <DD>Visualisations &amp; the paper.
        </DL><p>
        <DT><A HREF="https://jepsen.io/">Jepsen</A>
    </DL><p>
    <DT><A HREF="javascript:void(0)">bookmarklet</A>
</DL><p>
"#;
        let p = parse(html, Path::new("b.html"));
        assert_eq!(p.links.len(), 2);
        let raft = &p.links[0];
        assert_eq!(raft.title, "The Raft \"site\"");
        assert_eq!(
            raft.hints,
            vec!["Distributed & Systems", "Consensus", "raft", "logs"]
        );
        assert_eq!(raft.note.as_deref(), Some("Visualisations & the paper."));
        assert_eq!(raft.line, 8);
        assert_eq!(p.links[1].hints, vec!["Distributed & Systems"]);
        assert_eq!(p.links[1].note, None);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].origin.as_ref().unwrap().line, 13);
    }
}
