//! The Netscape bookmark file that every browser exports: `<DT><H3>` folder names open `<DL>`
//! lists, `<DT><A HREF>` are the bookmarks, an optional `<DD>` describes the one before it.
//! The format is tag soup (unclosed `<DT>` and `<p>`), so it goes through an HTML tokenizer
//! rather than an XML parser. Folder names and `TAGS` are topic hints. `ADD_DATE` is when the
//! page was saved, not published, so it is not kept.

use super::text::non_empty;
use super::{Candidate, Parsed};
use crate::diagnostics::LineIndex;
use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};
use std::path::Path;

struct Pending {
    href: String,
    tags: Vec<String>,
    text: String,
    offset: usize,
}

#[cfg(test)]
pub fn parse(content: &str, file: &Path) -> Parsed {
    parse_based(content, file, None)
}

/// [`parse`], with relative links resolved against `base`. An ordinary web page (a course's
/// reading list) reads the same way: its `h1`-`h4` headings are hints like folders, and the
/// links of its navigation, header and footer are not readings.
pub fn parse_based(content: &str, file: &Path, base: Option<&url::Url>) -> Parsed {
    let mut reader = Reader {
        file,
        base,
        furniture: 0,
        heading: None,
        headings: Vec::new(),
        heading_level: None,
        in_heading: false,
        lines: LineIndex::new(content),
        out: Parsed::default(),
        folders: Vec::new(),
        folder_name: None,
        in_h3: false,
        anchor: None,
        description: None,
    };
    let emitter = DefaultEmitter::<usize>::new_with_span();
    for token in Tokenizer::new_with_emitter(content, emitter).flatten() {
        match token {
            Token::StartTag(tag) => reader.start_tag(&tag),
            Token::EndTag(tag) => reader.end_tag(tag.name.as_slice()),
            Token::String(s) => reader.text(&String::from_utf8_lossy(&s.value)),
            _ => {}
        }
    }
    finish_description(&mut reader.description, &mut reader.out);
    reader.out
}

/// Where the tokenizer is in the bookmark tree, and what it has read so far.
struct Reader<'a> {
    file: &'a Path,
    base: Option<&'a url::Url>,
    /// How many `nav`, `header`, `footer` (and `aside`) elements are open: their links are
    /// page furniture.
    furniture: usize,
    /// The text of the last `h1`, `h2` or `h4` heading of a page (`h3` is a bookmark folder).
    heading: Option<String>,
    /// The page's headings above the current point (level, text), outermost first; an `h3`
    /// that opens no `<DL>` folder is a heading too.
    headings: Vec<(u8, String)>,
    /// The `h1`-`h4` being read: its level.
    heading_level: Option<u8>,
    in_heading: bool,
    lines: LineIndex<'a>,
    out: Parsed,
    /// Names of the open `<DL>` folders, outermost first.
    folders: Vec<String>,
    /// The `<H3>` name read last, for the `<DL>` that follows it.
    folder_name: Option<String>,
    in_h3: bool,
    anchor: Option<Pending>,
    description: Option<String>,
}

impl Reader<'_> {
    fn start_tag(&mut self, tag: &StartTag<usize>) {
        let name = tag.name.as_slice();
        if name != b"a" && name != b"br" {
            finish_description(&mut self.description, &mut self.out);
        }
        match name {
            b"nav" | b"header" | b"footer" | b"aside" => self.furniture += 1,
            b"h1" | b"h2" | b"h4" => {
                self.in_heading = true;
                self.heading = Some(String::new());
                self.heading_level = Some(name[1] - b'0');
            }
            b"h3" => {
                self.in_h3 = true;
                self.folder_name = Some(String::new());
                self.heading_level = Some(3);
            }
            b"dl" => {
                if self.folder_name.is_some() {
                    // The `h3` named a folder, not a section of the page.
                    self.headings.retain(|(l, _)| *l != 3);
                }
                self.folders
                    .push(self.folder_name.take().unwrap_or_default())
            }
            b"dd" => self.description = Some(String::new()),
            b"a" => {
                let attr = |k: &[u8]| {
                    tag.attributes
                        .get(k)
                        .map(|v| String::from_utf8_lossy(&v.value).trim().to_string())
                };
                self.anchor = Some(Pending {
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

    fn end_tag(&mut self, name: &[u8]) {
        match name {
            b"nav" | b"header" | b"footer" | b"aside" => {
                self.furniture = self.furniture.saturating_sub(1)
            }
            b"h1" | b"h2" | b"h4" => {
                self.in_heading = false;
                let text = self.heading.clone().unwrap_or_default();
                self.end_heading(text);
            }
            b"h3" => {
                self.in_h3 = false;
                let text = self.folder_name.clone().unwrap_or_default();
                self.end_heading(text);
            }
            b"dl" => {
                finish_description(&mut self.description, &mut self.out);
                self.folders.pop();
            }
            b"a" => {
                if let Some(a) = self.anchor.take() {
                    self.bookmark(a);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if let Some(a) = &mut self.anchor {
            a.text.push_str(s);
        } else if self.in_heading {
            if let Some(h) = &mut self.heading {
                h.push_str(s);
            }
        } else if self.in_h3 {
            if let Some(f) = &mut self.folder_name {
                f.push_str(s);
            }
        } else if let Some(d) = &mut self.description {
            d.push_str(s);
        }
    }

    /// A heading closed: the sections below its level end, and it opens its own.
    fn end_heading(&mut self, text: String) {
        if let Some(level) = self.heading_level.take() {
            self.headings.retain(|(l, _)| *l < level);
            if let Some(h) = non_empty(&text) {
                self.headings.push((level, h));
            }
        }
    }

    /// A closed `<A>`: a candidate hinted by its folders and tags, or a warning.
    fn bookmark(&mut self, a: Pending) {
        let line = self.lines.line(a.offset);
        if self.furniture > 0 || a.href.starts_with('#') || a.href.starts_with("mailto:") {
            // Navigation, a page's header and footer, in-page anchors: not readings.
            return;
        }
        let url = super::absolute(&a.href, self.base);
        if url.starts_with("http://") || url.starts_with("https://") {
            let mut hints: Vec<String> = self.folders.iter().filter_map(|f| non_empty(f)).collect();
            if let Some(h) = self.heading.as_deref().and_then(non_empty) {
                hints.push(h);
            }
            hints.extend(a.tags);
            let mut section: Vec<String> =
                self.folders.iter().filter_map(|f| non_empty(f)).collect();
            section.extend(self.headings.iter().map(|(_, h)| h.clone()));
            self.out.links.push(Candidate {
                title: non_empty(&a.text).unwrap_or_else(|| url.clone()),
                url,
                hints,
                section,
                line,
                ..Candidate::default()
            });
        } else {
            self.out
                .skipped
                .push(super::not_web(self.file, line, "link", &a.href));
        }
    }
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
