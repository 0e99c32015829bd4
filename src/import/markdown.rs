//! Markdown link lists (awesome lists, reading lists, course outlines).
//!
//! One list item (or table row) is one reading, however many links it holds:
//! - a link that opens the item (after stars, emoji, badges) is a reading titled by its text:
//!   `* [Paxos Made Simple](url) - the core paper`;
//! - links that are labels (`[pdf]`, `[acmdl]`, `[the morning paper]`, anything in brackets
//!   after the text, bare URLs and `<autolinks>`) are addresses of the item's reading, whose
//!   title is then the item's text: `* Time, Clocks, ..., CACM 1978 [[acmdl](u),[pdf](u)]`;
//!   one address is kept (a free PDF first), the others become alternates;
//! - a link in the middle of prose is a reading of its own, titled by its text (with the
//!   item's title for context when the text is two words or a pronoun);
//! - links around an image (badges) and links to `#anchors` are never readings.
//!
//! The note is the item's prose without link markup, emoji and stray punctuation, together with
//! the text of nested items that hold no reading of their own. The innermost heading above an
//! item (never the document's title) and the text of the item it is nested in are its hints.
//! Outside lists only bare URLs and autolinks are readings, titled by the text before them.

use super::text::{clean_text, squash};
use super::{warning, Candidate, Parsed};
use crate::diagnostics::LineIndex;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::path::Path;

/// Link texts that name an address of a reading, not the reading.
const LABELS: &[&str] = &[
    "pdf",
    "html",
    "acmdl",
    "acm",
    "acm dl",
    "ieee",
    "ieeexplore",
    "doi",
    "arxiv",
    "paper",
    "slides",
    "video",
    "talk",
    "code",
    "blog",
    "post",
    "blog post",
    "link",
    "website",
    "site",
    "web",
    "springer",
    "usenix",
    "preprint",
    "extended",
    "extended version",
    "tech report",
    "technical report",
    "tr",
    "abstract",
    "summary",
    "review",
    "the morning paper",
    "morning paper",
    "youtube",
    "github",
    "source",
    "repo",
    "free",
    "amazon",
    "errata",
    "ps",
    "here",
    "this",
    "url",
    "mirror",
    "archive",
    "full text",
    "author's copy",
    "open access",
    "semantic scholar",
    "dblp",
    "researchgate",
    "video recording",
    "recording",
    "transcript",
];

#[derive(Clone, Debug)]
struct RawLink {
    url: String,
    text: String,
    offset: usize,
    image: bool,
    /// A bare URL or an `<autolink>`: its text is its address.
    bare: bool,
}

#[derive(Clone, Debug)]
enum Seg {
    Text(String),
    Link(RawLink),
}

/// A nested item without a reading of its own: its text belongs to the parent's note.
#[derive(Debug, Default)]
struct ChildNote {
    text: String,
    mentions: Vec<RawLink>,
}

#[derive(Debug, Default)]
struct Block {
    segs: Vec<Seg>,
    children: Vec<ChildNote>,
    /// A paragraph outside any list.
    paragraph: bool,
    /// Where each line of a paragraph after its first begins (an index into `segs`).
    breaks: Vec<usize>,
    /// The byte offset where the block starts.
    start: usize,
}

impl Block {
    fn push_text(&mut self, t: &str) {
        let line_start = self.breaks.last() == Some(&self.segs.len());
        match self.segs.last_mut() {
            Some(Seg::Text(s)) if !line_start => s.push_str(t),
            _ => self.segs.push(Seg::Text(t.to_string())),
        }
    }

    /// The block's own text, link texts included: the hint its nested items get.
    fn plain(&self) -> String {
        let parts: Vec<&str> = self
            .segs
            .iter()
            .map(|s| match s {
                Seg::Text(t) => t.as_str(),
                Seg::Link(l) if !l.image && !l.bare => l.text.as_str(),
                Seg::Link(_) => "",
            })
            .collect();
        clean_text(&parts.concat())
    }
}

/// The links of one block, sorted by role.
#[derive(Debug, Default)]
struct Classified {
    leading: Vec<RawLink>,
    labels: Vec<RawLink>,
    mentions: Vec<RawLink>,
    /// Links to other works the item points to (`(see also: [...](url))`, `(cf. [...](url))`):
    /// readings of their own, titled like mentions but never the item's own reading.
    elsewhere: Vec<RawLink>,
    /// The item's text without leading and label links; mention texts stay in.
    prose: String,
    /// Where in `prose` the first label stood, and where the last one ended.
    first_label: Option<usize>,
    last_label: usize,
}

struct Ctx<'a> {
    file: &'a Path,
    /// Where the list is published, for its relative links.
    base: Option<&'a url::Url>,
    lines: LineIndex<'a>,
    out: Parsed,
    /// Links in running text outside lists, left out: `(count, line of the first)`.
    prose_links: (usize, usize),
    /// The web links of those, as readings, each with how many readings came before it: a
    /// document written as paragraphs rather than a list keeps them ([`prose_document`]).
    prose_held: Vec<(usize, Candidate)>,
    /// Links in a table's companion columns (presenter, summary, slides), left out: `(count,
    /// line of the first)`.
    companion_links: (usize, usize),
    /// The headings above the current block (level, text), outermost first, and a schedule
    /// row's topic cell: [`Candidate::section`].
    section: Vec<(u8, String)>,
}

/// The state of one pass over a document's events.
struct Walker<'a> {
    ctx: Ctx<'a>,
    /// How many level-1 headings the document has: a lone one that opens it is its title.
    h1_count: usize,
    seen_heading: bool,
    /// The heading being read: (is the document's title, text so far).
    heading: Option<(bool, String)>,
    current_heading: Option<String>,
    blocks: Vec<Block>,
    link: Option<RawLink>,
    /// A table: the header cells, the current row's cells (text outside links, and whether
    /// the cell holds a link), and the cell being read.
    table_head: Vec<String>,
    row_cells: Vec<(String, bool)>,
    cell: Option<(String, bool)>,
    /// How deep in `**bold**` the text being read is, and whether the current row has text
    /// outside bold: a row whose every filled cell is bold and holds no link names a unit.
    strong: usize,
    row_plain: bool,
    /// The link being read sits in a table column of companion material (a presenter's
    /// slides, a student's summary): not a reading.
    companion_link: bool,
    /// Inside an `<a>` written as inline HTML whose `href` is empty or missing: its text is
    /// text, and its `</a>` closes nothing.
    empty_anchor: bool,
    /// The unit a schedule table's bold row ("|   | **Systems for AI** |") opened: the rows
    /// below sit in it until the next unit row or the table's end.
    table_unit: Option<String>,
    /// The section a schedule's section column last named ("Transactions" on a section's
    /// first row, empty below it): the rows below sit in it until the next filled cell.
    table_section: Option<String>,
    /// Consecutive raw HTML lines not yet read (an HTML block is one event a line), and where
    /// the first began.
    html_buf: String,
    html_at: usize,
    /// Where the raw HTML being read stands.
    html: HtmlState,
}

/// How far into a raw HTML `<table>`/`<ul>` written in Markdown the walker is.
#[derive(Debug, Default)]
struct HtmlState {
    /// How many `<table>`, `<ul>` and `<ol>` are open: links outside them are prose.
    depth: usize,
    in_head: bool,
    /// The row being read is open, holds only `<th>` cells so far, and has a cell open.
    row_open: bool,
    th_only: bool,
    cell_open: bool,
    /// Columns a `rowspan` cell covers in the rows below: (column, rows left).
    spans: Vec<(usize, usize)>,
}

/// Header names of a schedule's column that names the section a row sits in, often filled
/// only on the section's first row ("| Date | Section | Topic | Paper |").
const SECTION_COLUMNS: &[&str] = &[
    "section", "sections", "unit", "module", "week", "part", "chapter", "area",
];

/// Header names of a schedule's columns that hold companion material, not readings: who
/// presents a paper (linking their slides), a student's summary, scribe notes.
const COMPANION_COLUMNS: &[&str] = &[
    "presenter",
    "presenters",
    "presented by",
    "presentation",
    "summary",
    "summaries",
    "slides",
    "scribe",
    "scribe notes",
    "discussion lead",
    "reviewer",
    "reviewers",
    // Not "notes" alone: a schedule's Notes column may hold the day's reading.
    "lecture notes",
    "lecture slides",
    "handouts",
];

/// Header names of a schedule's column that names each row's topic ("| Date | Topic | Reading |").
const TOPIC_COLUMNS: &[&str] = &[
    "topic", "topics", "subject", "theme", "lecture", "session", "unit", "module",
];

#[cfg(test)]
pub fn parse(content: &str, file: &Path) -> Parsed {
    parse_based(content, file, None)
}

/// [`parse`], with relative links resolved against `base`.
pub fn parse_based(content: &str, file: &Path, base: Option<&url::Url>) -> Parsed {
    let spaced = space_numbered_items(content);
    let content: &str = &spaced;
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let pieces = pieces(content);
    // Whether the first heading is the page's title depends on the number of level-1
    // headings. A document with at most one line that could be one needs no parse to know it
    // (the walker only asks when its first heading is of level 1, so it is that line); one
    // with more is counted by the parser.
    let may_be = content.lines().filter(|l| may_be_h1(l)).take(2).count();
    let h1_count = if may_be <= 1 {
        may_be
    } else {
        pieces
            .iter()
            .map(|piece| {
                Parser::new_ext(&content[piece.clone()], options)
                    .filter(|e| {
                        matches!(
                            e,
                            Event::Start(Tag::Heading {
                                level: HeadingLevel::H1,
                                ..
                            })
                        )
                    })
                    .count()
            })
            .sum()
    };
    // Room for the links at once: grown by doubling, the list of a 30 MB file was copied
    // whole at each step and left up to half of it unused. A list's links are nearly all
    // `[title](url)` or nearly all bare addresses, so the larger count is about right (a list
    // with more makes the list grow as before).
    let mut out = Parsed::default();
    out.links.reserve(
        content
            .matches("](")
            .count()
            .max(content.matches("http").count()),
    );
    let mut w = Walker {
        ctx: Ctx {
            file,
            base,
            lines: LineIndex::new(content),
            out,
            prose_links: (0, 0),
            prose_held: Vec::new(),
            companion_links: (0, 0),
            section: Vec::new(),
        },
        h1_count,
        seen_heading: false,
        heading: None,
        current_heading: None,
        blocks: Vec::new(),
        link: None,
        table_head: Vec::new(),
        row_cells: Vec::new(),
        cell: None,
        strong: 0,
        row_plain: false,
        empty_anchor: false,
        companion_link: false,
        table_unit: None,
        table_section: None,
        html_buf: String::new(),
        html_at: 0,
        html: HtmlState::default(),
    };
    for piece in pieces {
        let text = &content[piece.clone()];
        for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
            let at = piece.start + range.start;
            if let Event::Html(html) = &event {
                if w.html_buf.is_empty() {
                    w.html_at = at;
                }
                w.html_buf.push_str(html);
                continue;
            }
            w.flush_html();
            match event {
                Event::Start(tag) => w.start(tag, at),
                Event::End(tag) => w.end(tag),
                Event::Text(t) | Event::Code(t) => w.text(&t, at),
                Event::SoftBreak | Event::HardBreak => w.line_break(),
                Event::InlineHtml(html) => w.inline_html(&html, at),
                _ => {}
            }
        }
        w.flush_html();
    }
    let mut prose = w.ctx.prose_links;
    let mut out = w.ctx.out;
    if prose_document(w.ctx.prose_held.len(), out.links.len()) {
        prose.0 -= w.ctx.prose_held.len();
        let held = w.ctx.prose_held;
        let listed = std::mem::take(&mut out.links);
        out.links.reserve(listed.len() + held.len());
        let mut held = held.into_iter().peekable();
        for (i, c) in listed.into_iter().enumerate() {
            while let Some((_, h)) = held.next_if(|(at, _)| *at <= i) {
                out.links.push(h);
            }
            out.links.push(c);
        }
        out.links.extend(held.map(|(_, h)| h));
    }
    left_out(
        &mut out,
        file,
        prose,
        ("link in running text outside lists was left out (a mention in prose, not a list entry)",
         "links in running text outside lists were left out (mentions in prose, not list entries)"),
        "put a link in a list item (`- [title](url)`) to import it",
    );
    left_out(
        &mut out,
        file,
        w.ctx.companion_links,
        ("link in a presenter, summary, slides or lecture-notes column was left out (course material, not a reading)",
         "links in presenter, summary, slides or lecture-notes columns were left out (course material, not readings)"),
        "put a reading's link in the table's reading column to import it",
    );
    out
}

/// One warning for the links of one kind left out, `(count, line of the first)`: the message
/// for one and for several.
/// Whether a document is written as paragraphs rather than a list: a blog post of resources
/// ("### Database Internals" over "[Database Internals](url), written by [its author](url),
/// is ..."), whose links in running text are its readings. It has at least five such links
/// and more of them than readings in lists, tables and bare URLs; a list's intro or a
/// schedule's aside ("see [Wikipedia](url)") stays a mention.
fn prose_document(prose: usize, listed: usize) -> bool {
    prose >= 5 && prose > listed
}

fn left_out(
    out: &mut Parsed,
    file: &Path,
    (n, line): (usize, usize),
    (one, many): (&str, &str),
    help: &str,
) {
    let msg = match n {
        0 => return,
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    out.skipped
        .push(warning(file, line, 1, msg).with_help(help));
}

/// `1.[Title](url)`: a numbered item its author wrote without the space Markdown needs after
/// the number. Read as a paragraph, its links were left out as running text (a whole section
/// of a paper list lost), so the space is put in. Only lines whose number opens a link (or an
/// emphasised one, `1.[*Title*]`) change, and each stays on its line.
/// The content itself when no line needs it (the common case: no copy of a 30 MB list).
/// The document in pieces that parse the same alone as within it: each starts at a heading
/// that follows a blank line at the left margin, outside a fenced code block, where every
/// block before it has ended. The parser holds the tree of what it parses (about 500 bytes
/// a link): a list of 200,000 links took 100 MB at once, one section at a time takes what
/// the section needs.
///
/// The document stays whole when something may reach across such a heading: a link
/// reference definition (any `]:`), an HTML block that a blank line does not end (`<!--`,
/// `<?`, `<!X`, `<script`, `<pre`, `<style`, `<textarea`), or a fence that is not at the left
/// margin (inside a list, a quote, or a line of text), whose end this scan cannot be sure of.
fn pieces(content: &str) -> Vec<std::ops::Range<usize>> {
    let whole: Vec<std::ops::Range<usize>> = std::iter::once(0..content.len()).collect();
    let run = |s: &str, ch: u8| s.bytes().take_while(|&c| c == ch).count();
    let mut starts = vec![0];
    // The fence open at the left margin: its character and length.
    let mut fence: Option<(u8, usize)> = None;
    let mut blank_before = false;
    let mut at = 0;
    for line in content.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.contains("]:") {
            return whole;
        }
        if body.contains('<') {
            let lower = body.to_ascii_lowercase();
            let html = ["<!", "<?", "<script", "<pre", "<style", "<textarea"];
            if html.iter().any(|h| lower.contains(h)) {
                return whole;
            }
        }
        let fenced = body.contains("```") || body.contains("~~~");
        if let Some((ch, n)) = fence {
            if run(body, ch) >= n && body[run(body, ch)..].trim().is_empty() {
                fence = None;
            } else if fenced && !body.starts_with(['`', '~']) {
                // Perhaps an indented closing fence.
                return whole;
            }
            blank_before = false;
            continue;
        }
        if fenced {
            let ch = body.as_bytes()[0];
            let n = run(body, ch);
            // A fence at the margin; anything else (a fence in a container, code in a line
            // of text, an info string holding a backtick) may not be what it seems.
            if !matches!(ch, b'`' | b'~') || n < 3 || (ch == b'`' && body[n..].contains('`')) {
                return whole;
            }
            fence = Some((ch, n));
            blank_before = false;
            continue;
        }
        let hashes = run(body, b'#');
        let heading = (1..=6).contains(&hashes)
            && (body.len() == hashes || body[hashes..].starts_with([' ', '\t']));
        if blank_before && heading {
            starts.push(start);
        }
        blank_before = body.trim().is_empty();
    }
    let mut ends: Vec<usize> = starts[1..].to_vec();
    ends.push(content.len());
    starts.into_iter().zip(ends).map(|(s, e)| s..e).collect()
}

/// Whether `line` may be, or underline, a level-1 heading, in whatever quotes and list items
/// it sits: `# Title`, `> - # Title`, or a setext `===`. Never false for one that is; true
/// for some that are not (in code, say), which only costs a parse.
fn may_be_h1(line: &str) -> bool {
    let mut rest = line;
    // Indentation, quote markers and list markers, as deep as they go.
    loop {
        let trimmed = rest.trim_start();
        let after_marker = trimmed
            .strip_prefix('>')
            .or_else(|| {
                let bullet = trimmed.strip_prefix(['-', '*', '+'])?;
                bullet.starts_with([' ', '\t']).then_some(bullet)
            })
            .or_else(|| {
                let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
                let marker = trimmed[digits..].strip_prefix(['.', ')'])?;
                ((1..=9).contains(&digits) && marker.starts_with([' ', '\t'])).then_some(marker)
            });
        match after_marker {
            Some(inner) => rest = inner,
            None => {
                rest = trimmed;
                break;
            }
        }
    }
    let atx = rest
        .strip_prefix('#')
        .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t']));
    let setext = rest.starts_with('=') && rest.trim_end().bytes().all(|b| b == b'=');
    atx || setext
}

fn space_numbered_items(content: &str) -> std::borrow::Cow<'_, str> {
    let unspaced = |line: &str| {
        let body = line.trim_start();
        let digits = body.chars().take_while(|c| c.is_ascii_digit()).count();
        let rest = &body[digits..];
        (1..=3).contains(&digits) && (rest.starts_with(".[") || rest.starts_with(")["))
    };
    if !content.split_inclusive('\n').any(unspaced) {
        return std::borrow::Cow::Borrowed(content);
    }
    let mut out = String::with_capacity(content.len() + 16);
    for line in content.split_inclusive('\n') {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let digits = body.chars().take_while(|c| c.is_ascii_digit()).count();
        let rest = &body[digits..];
        if (1..=3).contains(&digits) && (rest.starts_with(".[") || rest.starts_with(")[")) {
            out.push_str(indent);
            out.push_str(&body[..=digits]);
            out.push(' ');
            out.push_str(&rest[1..]);
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl Walker<'_> {
    fn start(&mut self, tag: Tag<'_>, at: usize) {
        match tag {
            Tag::Heading { level, .. } => {
                let title = !self.seen_heading && level == HeadingLevel::H1 && self.h1_count == 1;
                self.seen_heading = true;
                self.heading = Some((title, String::new()));
            }
            Tag::Item => self.blocks.push(Block {
                start: at,
                ..Block::default()
            }),
            Tag::TableRow => {
                self.row_plain = false;
                self.blocks.push(Block::default());
            }
            Tag::Strong => self.strong += 1,
            Tag::Table(_) => {
                self.table_head.clear();
                self.table_unit = None;
                self.table_section = None;
            }
            Tag::TableCell => self.cell = Some((String::new(), false)),
            Tag::Paragraph if self.blocks.is_empty() => self.blocks.push(Block {
                paragraph: true,
                ..Block::default()
            }),
            Tag::Link {
                dest_url,
                link_type,
                ..
            } => {
                if let Some(cell) = &mut self.cell {
                    cell.1 = true;
                    let column = self.table_head.get(self.row_cells.len());
                    self.companion_link = column
                        .is_some_and(|h| COMPANION_COLUMNS.contains(&h.to_lowercase().as_str()));
                }
                self.link = Some(RawLink {
                    url: dest_url.to_string(),
                    text: String::new(),
                    offset: at,
                    image: false,
                    bare: matches!(link_type, LinkType::Autolink),
                });
            }
            Tag::Image { .. } => {
                if let Some(l) = &mut self.link {
                    l.image = true;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let heading = self.current_heading.clone();
        match tag {
            TagEnd::Heading(level) => {
                if let Some((title, text)) = self.heading.take() {
                    self.current_heading = (!title)
                        .then(|| clean_text(&text))
                        .filter(|h| !h.is_empty());
                    let level = heading_level(level);
                    self.ctx.section.retain(|(l, _)| *l < level);
                    if let Some(h) = &self.current_heading {
                        self.ctx.section.push((level, h.clone()));
                    }
                }
            }
            TagEnd::Item => {
                if let Some(block) = self.blocks.pop() {
                    end_item(&mut self.ctx, block, &mut self.blocks, heading.as_deref());
                }
            }
            TagEnd::TableRow => {
                // A schedule's row sits in the section its topic column names, when that cell
                // is a name and not itself a reading.
                let cells = std::mem::take(&mut self.row_cells);
                // "|        | **Background**": no link, every filled cell bold.
                let unit = !self.row_plain
                    && cells.iter().all(|(_, link)| !link)
                    && cells.iter().any(|(t, _)| !t.trim().is_empty());
                if unit {
                    let name = cells
                        .iter()
                        .map(|(t, _)| clean_text(t))
                        .find(|t| !t.is_empty())
                        .map(|t| topic_cell(&t))
                        .filter(|t| !t.is_empty());
                    self.table_unit = name;
                    self.blocks.pop();
                    return;
                }
                // A section column's cell, filled on a section's first row, names the section
                // of the rows down to the next filled one; the topic column is then each
                // row's context, not a section of its own.
                let section_column = self.section_column();
                if let Some(i) = section_column {
                    // "Guest: Eugene Wu", "Final Lecture": an occasion, not a subject; the
                    // row's topic cell says what the session is about.
                    let topic_of_row = || {
                        self.table_head
                            .iter()
                            .enumerate()
                            .position(|(k, h)| {
                                k != i && TOPIC_COLUMNS.contains(&h.to_lowercase().as_str())
                            })
                            .and_then(|k| cells.get(k))
                            .map(|(text, _)| topic_cell(text))
                    };
                    let named = cells
                        .get(i)
                        .filter(|(_, has_link)| !has_link)
                        .and_then(|(text, _)| {
                            if is_occasion(&clean_text(text)) {
                                topic_of_row()
                            } else {
                                Some(topic_cell(text))
                            }
                        })
                        .filter(|t| names_section(t));
                    if named.is_some() {
                        self.table_section = named;
                    }
                }
                let unit = self.table_unit.clone().or(self.table_section.clone());
                if let Some(u) = &unit {
                    self.ctx.section.push((u8::MAX - 1, u.clone()));
                }
                let topic = self
                    .table_head
                    .iter()
                    .enumerate()
                    .position(|(i, h)| {
                        Some(i) != section_column
                            && TOPIC_COLUMNS.contains(&h.to_lowercase().as_str())
                    })
                    .and_then(|i| cells.get(i))
                    .filter(|(_, has_link)| !has_link)
                    .map(|(text, _)| topic_cell(text))
                    .filter(|t| !t.is_empty());
                let context = match (&topic, section_column.is_some()) {
                    (Some(t), true) => Some(t.clone()),
                    _ => heading.clone(),
                };
                let topic = topic.filter(|_| section_column.is_none());
                if let Some(t) = &topic {
                    self.ctx.section.push((u8::MAX, t.clone()));
                }
                if let Some(block) = self.blocks.pop() {
                    end_item(&mut self.ctx, block, &mut self.blocks, context.as_deref());
                }
                if topic.is_some() {
                    self.ctx.section.pop();
                }
                if unit.is_some() {
                    self.ctx.section.pop();
                }
            }
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Table => {
                self.table_unit = None;
                self.table_section = None;
            }
            TagEnd::TableHead => {
                self.table_head = self
                    .row_cells
                    .drain(..)
                    .map(|(t, _)| clean_text(&t))
                    .collect();
            }
            TagEnd::Paragraph if self.blocks.last().is_some_and(|b| b.paragraph) => {
                if let Some(block) = self.blocks.pop() {
                    end_paragraph(&mut self.ctx, block, heading.as_deref());
                }
            }
            TagEnd::TableCell => {
                if let Some(cell) = self.cell.take() {
                    self.row_cells.push(cell);
                }
                if let Some(b) = self.blocks.last_mut() {
                    b.push_text(" · ");
                }
            }
            TagEnd::Link if std::mem::take(&mut self.companion_link) => {
                if let Some(l) = self.link.take() {
                    let c = &mut self.ctx.companion_links;
                    if c.0 == 0 {
                        c.1 = self.ctx.lines.line(l.offset);
                    }
                    c.0 += 1;
                }
            }
            TagEnd::Link => {
                if let (Some(l), Some(b)) = (self.link.take(), self.blocks.last_mut()) {
                    b.segs.push(Seg::Link(l));
                }
            }
            _ => {}
        }
    }

    /// A line break: a space in running text, and the start of a new line in a paragraph
    /// outside lists (a list written without bullets, one link a line).
    fn line_break(&mut self) {
        if self.link.is_none() {
            if let Some(b) = self.blocks.last_mut().filter(|b| b.paragraph) {
                b.push_text(" ");
                b.breaks.push(b.segs.len());
                return;
            }
        }
        self.text(" ", usize::MAX);
    }

    /// `<a href="url">title</a>` written as HTML inside Markdown (a schedule table's cells): a
    /// link like `[title](url)`. Other tags are markup, not text.
    fn inline_html(&mut self, html: &str, at: usize) {
        let tag = html.trim();
        if tag.eq_ignore_ascii_case("</a>") {
            if std::mem::take(&mut self.empty_anchor) {
                return;
            }
            if self.link.is_some() {
                self.end(TagEnd::Link);
            }
            return;
        }
        let is_anchor = tag.len() > 3
            && tag[..3].eq_ignore_ascii_case("<a ")
            && tag.ends_with('>')
            && self.link.is_none();
        if !is_anchor {
            return;
        }
        match html_attribute(tag, "href").filter(|h| !h.trim().is_empty()) {
            Some(href) => self.start(
                Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: href.trim().to_string().into(),
                    title: "".into(),
                    id: "".into(),
                },
                at,
            ),
            None => self.empty_anchor = true,
        }
    }

    /// Text (or a line break, `at == usize::MAX`) for the link, heading or block being read.
    fn text(&mut self, t: &str, at: usize) {
        if let (Some(cell), None) = (&mut self.cell, &self.link) {
            cell.0.push_str(t);
            if self.strong == 0 && !t.trim().is_empty() {
                self.row_plain = true;
            }
        }
        if let Some(l) = &mut self.link {
            l.text.push_str(t);
        } else if let Some((_, text)) = &mut self.heading {
            text.push_str(t);
        } else if let Some(b) = self.blocks.last_mut() {
            if at == usize::MAX {
                b.push_text(t);
                return;
            }
            for seg in split_bare_urls(t, at) {
                match seg {
                    Seg::Text(s) => b.push_text(&s),
                    l => b.segs.push(l),
                }
            }
        }
    }
}

/// Raw HTML in Markdown (a Jekyll page's schedule written as a `<table>`, a `<ul>` of links):
/// read as the Markdown table or list it stands for, so its cells, rows and `<a href>` links
/// take the same paths. HTML outside a table or list is markup around prose: its links are
/// mentions, counted as prose left out.
impl Walker<'_> {
    /// The column of the table's header that names each row's section, if any.
    fn section_column(&self) -> Option<usize> {
        self.table_head
            .iter()
            .position(|h| SECTION_COLUMNS.contains(&h.to_lowercase().as_str()))
    }

    /// Reads the raw HTML gathered since the last Markdown event.
    fn flush_html(&mut self) {
        if self.html_buf.is_empty() {
            return;
        }
        let html = std::mem::take(&mut self.html_buf);
        let at = self.html_at;
        let mut i = 0;
        while i < html.len() {
            let rest = &html[i..];
            if rest.starts_with("<!--") {
                // A comment hides what it holds (a section the author took out).
                i = rest.find("-->").map_or(html.len(), |e| i + e + 3);
                continue;
            }
            if rest.starts_with('<') {
                let end = rest.find('>').map_or(html.len(), |e| i + e + 1);
                let tag = &html[i..end];
                let name = tag_name(tag);
                if !name.starts_with('/') && matches!(name.as_str(), "script" | "style") {
                    let close = format!("</{name}");
                    let lower = html[end..].to_ascii_lowercase();
                    i = lower.find(&close).map_or(html.len(), |e| end + e);
                    continue;
                }
                self.html_tag(tag, &name, at + i);
                i = end;
                continue;
            }
            let next = rest.find('<').map_or(html.len(), |e| i + e);
            if self.html.depth > 0 {
                let text = super::text::html_to_text(&html[i..next]);
                if !text.is_empty() {
                    let pad = |c: Option<char>| c.is_some_and(char::is_whitespace);
                    let raw = &html[i..next];
                    let lead = if pad(raw.chars().next()) { " " } else { "" };
                    let trail = if pad(raw.chars().next_back()) {
                        " "
                    } else {
                        ""
                    };
                    self.text(&format!("{lead}{text}{trail}"), at + i);
                }
            }
            i = next;
        }
    }

    /// One tag of raw HTML: `name` is its lower-case name, `/name` for an end tag.
    fn html_tag(&mut self, tag: &str, name: &str, at: usize) {
        match name {
            "table" => {
                self.html.depth += 1;
                self.html.spans.clear();
                self.html.in_head = false;
                self.start(Tag::Table(Vec::new()), at);
            }
            "/table" if self.html.depth > 0 => {
                self.close_row();
                self.html.depth -= 1;
                self.end(TagEnd::Table);
            }
            "thead" => self.html.in_head = true,
            "/thead" => {
                self.close_row();
                self.html.in_head = false;
            }
            "tr" if self.html.depth > 0 => {
                self.close_row();
                self.html.row_open = true;
                self.html.th_only = true;
                self.start(Tag::TableRow, at);
            }
            "/tr" => self.close_row(),
            "td" | "th" if self.html.row_open => {
                self.close_cell();
                self.fill_spans();
                if name == "td" {
                    self.html.th_only = false;
                }
                let rows = html_attribute(tag, "rowspan")
                    .and_then(|r| r.trim().parse::<usize>().ok())
                    .unwrap_or(1);
                if rows > 1 {
                    self.html.spans.push((self.row_cells.len(), rows - 1));
                }
                self.start(Tag::TableCell, at);
                self.html.cell_open = true;
            }
            "/td" | "/th" => self.close_cell(),
            "ul" | "ol" => self.html.depth += 1,
            "/ul" | "/ol" => self.html.depth = self.html.depth.saturating_sub(1),
            "li" if self.html.depth > 0 && !self.html.row_open => self.start(Tag::Item, at),
            "/li" if self.html.depth > 0 && !self.html.row_open => self.end(TagEnd::Item),
            "a" | "/a" if self.html.depth > 0 => self.inline_html(tag, at),
            "a" if html_attribute(tag, "href").is_some_and(|h| !h.trim().is_empty()) => {
                let p = &mut self.ctx.prose_links;
                if p.0 == 0 {
                    p.1 = self.ctx.lines.line(at);
                }
                p.0 += 1;
            }
            "b" | "strong" if self.html.depth > 0 => self.start(Tag::Strong, at),
            "/b" | "/strong" if self.html.depth > 0 => self.end(TagEnd::Strong),
            "br" | "br/" | "p" | "/p" | "div" | "/div" if self.html.depth > 0 => self.text(" ", at),
            _ => {}
        }
    }

    /// Cells a `rowspan` above covers at the current column: empty here, as a cell filled on
    /// a section's first row only is.
    fn fill_spans(&mut self) {
        loop {
            let col = self.row_cells.len();
            let Some(k) = self.html.spans.iter().position(|&(c, n)| c == col && n > 0) else {
                return;
            };
            self.html.spans[k].1 -= 1;
            self.start(Tag::TableCell, usize::MAX);
            self.end(TagEnd::TableCell);
        }
    }

    fn close_cell(&mut self) {
        if std::mem::take(&mut self.html.cell_open) {
            if self.link.is_some() {
                self.end(TagEnd::Link);
            }
            self.end(TagEnd::TableCell);
        }
    }

    /// Ends the open row: the table's header when it is the first and all `<th>` (or in
    /// `<thead>`), a row of the schedule otherwise.
    fn close_row(&mut self) {
        self.close_cell();
        if !std::mem::take(&mut self.html.row_open) {
            return;
        }
        self.fill_spans();
        self.html.spans.retain(|&(_, n)| n > 0);
        if (self.html.in_head || self.html.th_only) && self.table_head.is_empty() {
            self.blocks.pop();
            self.end(TagEnd::TableHead);
        } else {
            self.end(TagEnd::TableRow);
        }
    }
}

/// The lower-case name of an HTML tag, `/name` for an end tag: `<TD style=..>` is `td`.
fn tag_name(tag: &str) -> String {
    let inner = tag.trim_start_matches('<');
    let (slash, inner) = match inner.strip_prefix('/') {
        Some(r) => ("/", r),
        None => ("", inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    format!("{slash}{}", name.to_ascii_lowercase())
}

/// Whether a section column's cell names an occasion (a guest's visit, the last lecture, a
/// break), not a subject.
fn is_occasion(cell: &str) -> bool {
    let lower = cell.to_lowercase();
    let starts = [
        "guest",
        "invited",
        "speaker",
        "final",
        "last lecture",
        "midterm",
        "exam",
        "review",
        "project",
        "no class",
        "holiday",
        "spring break",
        "fall break",
        "wrap",
    ];
    starts.iter().any(|s| lower.starts_with(s))
}

/// Whether a section column's cell names a section: words, not a number or a date
/// ("Week 3", "1/16/24" say when, not what).
fn names_section(cell: &str) -> bool {
    let words: Vec<&str> = cell
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    let when = [
        "week", "unit", "module", "part", "chapter", "section", "lecture", "day",
    ];
    !words.is_empty()
        && !words
            .iter()
            .all(|w| when.contains(&w.to_lowercase().as_str()))
}

/// Splits text at bare `http(s)://` URLs; each becomes a bare link.
fn split_bare_urls(text: &str, offset: usize) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut at = 0;
    while let Some(i) = rest
        .find("http://")
        .or_else(|| rest.find("https://"))
        .map(|i| {
            let j = rest.find("https://").unwrap_or(usize::MAX);
            i.min(j)
        })
    {
        let end = rest[i..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .map_or(rest.len(), |e| i + e);
        let mut url = &rest[i..end];
        // Sentence punctuation after a URL is not part of it, nor an unmatched `)`.
        while let Some(last) = url.chars().last() {
            let unmatched = last == ')' && url.matches('(').count() < url.matches(')').count();
            if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | ']' | '\'') || unmatched {
                url = &url[..url.len() - 1];
            } else {
                break;
            }
        }
        if !rest[..i].is_empty() {
            out.push(Seg::Text(rest[..i].to_string()));
        }
        out.push(Seg::Link(RawLink {
            url: url.to_string(),
            text: url.to_string(),
            offset: offset + at + i,
            image: false,
            bare: true,
        }));
        let used = i + url.len();
        at += used;
        rest = &rest[used..];
    }
    if !rest.is_empty() {
        out.push(Seg::Text(rest.to_string()));
    }
    out
}

fn is_label(l: &RawLink) -> bool {
    let t = squash(&l.text).to_lowercase();
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    // `in four parts [1](u), [2](u)`: numbered parts are addresses of one reading.
    let numbered = t.chars().all(|c| c.is_ascii_digit())
        || ["part ", "episode ", "lecture ", "video "].iter().any(|p| {
            t.strip_prefix(p)
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
        });
    // `[:scroll:](paper.pdf) [Title](url)`: an emoji (or its shortcode) as a link's text marks
    // another copy of the reading beside it, not a reading of its own.
    l.bare
        || t.is_empty()
        || is_decoration(&l.text)
        || numbered
        || LABELS.contains(&t)
        || t.starts_with("http")
        || t.starts_with("www.")
}

/// A link whose text names an address of the item wherever it stands, never a reading of
/// its own: a year (`[2001](doi)`), a DOI or arXiv id, `pdf`, `slides` and the like.
fn is_address(l: &RawLink) -> bool {
    let t = squash(&l.text).to_lowercase();
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    let t = t.strip_prefix("year ").unwrap_or(t);
    let year = t.len() == 4
        && t.chars().all(|c| c.is_ascii_digit())
        && (t.starts_with("19") || t.starts_with("20"));
    // Never "blog post" or "video": those are readings of their own in running text.
    let addresses = [
        "pdf",
        "html",
        "doi",
        "acm",
        "acmdl",
        "acm dl",
        "ieee",
        "ieeexplore",
        "slides",
        "preprint",
        "extended version",
        "full version",
        "tech report",
    ];
    year || t.starts_with("doi:")
        || t.starts_with("10.")
        || t.starts_with("arxiv")
        || addresses.contains(&t)
}

/// The title a reference gives in quotes (`Lamport, L. "The Part-Time Parliament". ACM TOCS`),
/// and the text around it; `None` when nothing of two words or more is quoted.
fn quoted_title(text: &str) -> Option<(String, String)> {
    for (open, close) in [('“', '”'), ('"', '"'), ('‘', '’')] {
        let Some(start) = text.find(open) else {
            continue;
        };
        let after = start + open.len_utf8();
        let Some(len) = text[after..].find(close) else {
            continue;
        };
        let title = text[after..after + len]
            .trim()
            .trim_end_matches([',', '.'])
            .to_string();
        if title.split_whitespace().count() >= 2 {
            let rest = format!(
                "{} {}",
                &text[..start],
                &text[after + len + close.len_utf8()..]
            );
            return Some((title, clean_text(&rest)));
        }
    }
    None
}

/// Text that only decorates: emoji, stars, punctuation.
/// A link to someone's notes on the item's reading (`[Paper](u) | [Note](notes/x.md)`):
/// neither the reading nor another address of it.
fn is_companion(l: &RawLink) -> bool {
    matches!(
        clean_text(&l.text).to_lowercase().as_str(),
        "note" | "notes" | "my notes" | "reading notes" | "lecture notes"
    )
}

fn is_decoration(text: &str) -> bool {
    clean_text(text).chars().all(|c| !c.is_alphanumeric())
}

fn is_separator(text: &str) -> bool {
    matches!(text.trim(), "," | "|" | "/" | "and" | "&" | "·" | "" | ";")
}

/// Whether `prose` ends inside an open `[` or `(`: a link there is an address of the item.
fn inside_brackets(prose: &str) -> bool {
    let depth = |open: char, close: char| {
        prose.chars().filter(|c| *c == open).count() > prose.chars().filter(|c| *c == close).count()
    };
    depth('[', ']') || depth('(', ')')
}

/// Whether the open bracket a link sits in points to another work ("(see also: Gilbert and
/// Lynch's [Perspectives on the CAP Theorem](url))", "(cf. [the Jepsen overview](url))"),
/// rather than giving another address of the item's reading.
fn points_elsewhere(prose: &str) -> bool {
    let Some(open) = prose.rfind(['(', '[']) else {
        return false;
    };
    let inside = prose[open + 1..].trim_start().to_lowercase();
    inside.starts_with("cf.")
        || inside.starts_with("cf ")
        || inside.starts_with("compare")
        || inside.starts_with("see also")
        || inside.starts_with("also see")
}

/// Whether a "see also" link's text says it is the item's own work in another form ("the
/// extended TOPLAS version", "the DistAlgo website", "P on GitHub"): another address of the
/// item, not a reading of its own titled by that text.
fn names_a_form_of_the_item(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "version",
        "website",
        "web site",
        "homepage",
        "home page",
        "github",
        "repository",
        "source code",
        "preprint",
        "project page",
    ]
    .iter()
    .any(|w| t.contains(w))
}

fn classify(segs: &[Seg]) -> Classified {
    let mut c = Classified::default();
    let mut opening = true;
    for seg in segs {
        match seg {
            Seg::Text(t) => {
                let keeps_opening = if c.leading.is_empty() {
                    is_decoration(t)
                } else {
                    is_separator(t)
                };
                opening &= keeps_opening;
                c.prose.push_str(t);
            }
            Seg::Link(l) if l.image || l.url.starts_with('#') || is_companion(l) => {}
            // `(see also: [another paper](url))` after the reading: a reading of its own.
            Seg::Link(l)
                if (!c.leading.is_empty() || !c.mentions.is_empty())
                    && !l.bare
                    && points_elsewhere(&c.prose)
                    && !names_a_form_of_the_item(&l.text) =>
            {
                opening = false;
                c.prose.push_str(&l.text);
                c.elsewhere.push(l.clone());
            }
            // After a reading's own link, only a bracketed or bare link is another address
            // of it; `an easier [blog post](url) to follow` is a reading of its own.
            Seg::Link(l)
                if inside_brackets(&c.prose)
                    || l.bare
                    || is_address(l)
                    || (is_label(l) && (c.leading.is_empty() || opening)) =>
            {
                c.first_label.get_or_insert(c.prose.len());
                c.labels.push(l.clone());
                c.last_label = c.prose.len();
            }
            Seg::Link(l) if opening => c.leading.push(l.clone()),
            Seg::Link(l) => {
                opening = false;
                c.prose.push_str(&l.text);
                c.mentions.push(l.clone());
            }
        }
    }
    c
}

/// Free PDFs first, then pages that are neither publisher nor archive copies; first wins ties.
fn url_rank(url: &str) -> u8 {
    let lower = url.to_ascii_lowercase();
    let paywalled = [
        "dl.acm.org",
        "doi.acm.org",
        "doi.org",
        "ieeexplore",
        "springer.com",
        "sciencedirect",
        "portal.acm.org",
    ]
    .iter()
    .any(|h| lower.contains(h));
    if lower.contains("web.archive.org") {
        4
    } else if paywalled {
        3
    } else if lower.ends_with(".pdf") || lower.contains("type=pdf") || lower.contains("/pdf/") {
        0
    } else {
        1
    }
}

/// The address to keep and the alternates, from every address of one reading.
fn choose(urls: Vec<RawLink>) -> (RawLink, Vec<String>) {
    let best = (0..urls.len())
        .min_by_key(|&i| (url_rank(&urls[i].url), i))
        .unwrap_or(0);
    let alternates = urls
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, l)| l.url.clone())
        .collect();
    (urls[best].clone(), alternates)
}

fn join_notes(parts: &[String]) -> Option<String> {
    // The full stop that ends `* [Title](url).` is no note.
    let joined = squash(&drop_emptied_brackets(
        &parts
            .iter()
            .filter(|p| p.chars().any(char::is_alphanumeric))
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
    ));
    let joined = joined.trim_end_matches([',', ';', ' ']).to_string();
    (joined.chars().any(char::is_alphanumeric)).then_some(joined)
}

/// The text without brackets its links left empty: "(see also: )" once the link in it
/// became an address of the item, "( ; )" or "(see also: and )" once both of its links did.
fn drop_emptied_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest[open..].find(')') else {
            break;
        };
        let inside = rest[open + 1..open + len].to_lowercase();
        let words = inside
            .replace("see also", "")
            .replace("also see", "")
            .replace("cf.", "");
        let said = words
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && w != "and" && w != "or");
        out.push_str(&rest[..open]);
        if said {
            out.push_str(&rest[open..=open + len]);
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The title of a link in a paragraph of a document written as paragraphs: its text, which
/// names the work ("[Database Internals](url)", "[Martin Kleppmann](url)"), or, when the text
/// names nothing (no capital letter: "notes are [available](url)", "an [open source training
/// program](url)"), the heading above it with the text.
fn prose_title(text: &str, heading: Option<&str>) -> String {
    let text = clean_text(text);
    match heading {
        Some(h) if !h.is_empty() && !text.chars().any(char::is_uppercase) => {
            format!("{h}: {text}")
        }
        _ => text,
    }
}

/// The title of a link found in prose: its text, or with the item's title for context when
/// the text alone says little ("blog post", "his blog").
fn mention_title(text: &str, context: Option<&str>) -> String {
    let text = clean_text(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    let vague = words.len() <= 2
        || names_a_part(&text)
        || [
            "his", "her", "their", "this", "that", "a", "an", "the", "my", "our", "its", "here",
        ]
        .contains(&words[0].to_lowercase().as_str());
    match context {
        Some(ctx) if vague && !ctx.is_empty() => format!("{ctx}: {text}"),
        _ => text,
    }
}

/// The title of a link an item points to as another work ("cf. [the Jepsen overview of
/// consistency models](url)", "see also [Lynch's survey](url)"): its own text, without a
/// leading article, since the item's title would name the wrong work. Only a text that says
/// nothing by itself ("here", "his follow-up", "this") takes the item's title for context.
fn elsewhere_title(text: &str, context: Option<&str>) -> String {
    let text = clean_text(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    let pointer = words.len() <= 1
        || (words.len() <= 3
            && [
                "his", "her", "their", "this", "that", "its", "my", "our", "here", "these",
            ]
            .contains(&words[0].to_lowercase().as_str()));
    if pointer {
        return mention_title(&text, context);
    }
    let bare = ["the ", "a ", "an "]
        .iter()
        .find_map(|a| {
            text.get(..a.len())
                .filter(|p| p.eq_ignore_ascii_case(a))
                .map(|_| &text[a.len()..])
        })
        .filter(|rest| rest.split_whitespace().count() >= 2)
        .unwrap_or(&text);
    let mut chars = bare.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Turns a finished list item (or table row) into readings, or hands its text to its parent.
fn end_item(ctx: &mut Ctx, block: Block, parents: &mut [Block], heading: Option<&str>) {
    let mut c = classify(&block.segs);
    // `* Featured in [the morning paper](url)` under a reading: a note on it, and the
    // address of another reading about it, not a reading titled "Featured in".
    let nested = parents.last().is_some_and(|p| !p.paragraph);
    // `* **The Google File System**` over `* [Amazon](url)`: a nested item that is one short
    // link and nothing else, under an item that names a work in three words or more and links
    // nowhere, gives the address of that work, like a `[PDF](url)` label would.
    let lone_address = nested
        && c.labels.is_empty()
        && c.mentions.is_empty()
        && c.elsewhere.is_empty()
        && c.leading.len() == 1
        && clean_text(&c.prose).is_empty()
        && clean_text(&c.leading[0].text).split_whitespace().count() <= 2
        && parents.last().is_some_and(|p| {
            !p.segs.iter().any(|s| matches!(s, Seg::Link(_)))
                && p.plain().split_whitespace().count() >= 3
        });
    if lone_address {
        c.prose = clean_text(&c.leading[0].text);
        c.mentions = std::mem::take(&mut c.leading);
    }
    if nested && c.leading.is_empty() && clean_text(&c.prose).split_whitespace().count() <= 3 {
        c.prose = clean_text(&c.prose);
        for l in std::mem::take(&mut c.labels) {
            c.prose = format!("{} {}", c.prose, l.text);
            c.mentions.push(l);
        }
    }
    if c.leading.is_empty() && c.labels.is_empty() && c.mentions.is_empty() && parents.is_empty() {
        cited_without_link(ctx, &c.prose, block.start);
    }
    if c.leading.is_empty() && c.labels.is_empty() {
        if let Some(parent) = parents.last_mut().filter(|p| !p.paragraph) {
            let mut text = vec![clean_text(&c.prose)];
            text.extend(block.children.iter().map(|ch| ch.text.clone()));
            let mut mentions = c.mentions;
            // A "see also" link in it names a work as much as its other links do.
            mentions.extend(c.elsewhere);
            mentions.extend(block.children.into_iter().flat_map(|ch| ch.mentions));
            parent.children.push(ChildNote {
                text: join_notes(&text).unwrap_or_default(),
                mentions,
            });
            return;
        }
    }
    let mut hints: Vec<String> = heading.map(String::from).into_iter().collect();
    if let Some(p) = parents.last() {
        let t = p.plain();
        if !t.is_empty() && t.chars().count() <= 80 {
            hints.push(t);
        }
    }
    let child_text: Vec<String> = block.children.iter().map(|ch| ch.text.clone()).collect();
    let series = parents
        .last()
        .filter(|p| !p.paragraph)
        .and_then(|p| series_name(&p.plain()));
    let context = Context {
        heading,
        series: series.as_deref(),
    };
    readings(ctx, c, block.children, &child_text, &hints, context);
}

/// A top-level item that cites a work by title and year but links nowhere ("The Sprite
/// Network Operating System (1988)."): a work the list names without an address. `import`
/// warns and skips it; `new --from` keeps it, marked, and its README lists it.
fn cited_without_link(ctx: &mut Ctx, prose: &str, start: usize) {
    let text = clean_text(prose);
    let t = text.trim_end_matches(['.', ' ']);
    let Some((title, year)) = year_in_parentheses(t).or_else(|| venue_in_brackets(t)) else {
        return;
    };
    let title = title.trim().trim_end_matches([',', '.', ' ']);
    if title.split_whitespace().count() < 3 || title.chars().count() > 200 {
        return;
    }
    let line = ctx.lines.line(start);
    ctx.out.skipped.push(
        warning(
            ctx.file,
            line,
            1,
            format!("the item \"{title}\" names a work but has no url, pdf, doi or link; skipped"),
        )
        .with_help("link its title to the work's address: `- [title](url)`"),
    );
    ctx.out.unaddressed.push((
        format!(
            "{}:{line}",
            ctx.file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ),
        Candidate {
            title: title.to_string(),
            published: Some(year.to_string()),
            section: ctx.section.iter().map(|(_, s)| s.clone()).collect(),
            line,
            ..Candidate::default()
        },
    ));
}

/// Whether a link's target gives a work no web address at all: empty (`[title]()`) or a
/// scheme no browser opens (`ftp://`, `gopher://`). A relative path is an address once
/// `--base` is passed, and a `mailto:` or `javascript:` link names no work.
fn no_web_address(href: &str) -> bool {
    let href = href.trim();
    let scheme = href
        .split_once("://")
        .map(|(s, _)| s.to_ascii_lowercase())
        .unwrap_or_default();
    href.is_empty() || ["ftp", "ftps", "sftp", "gopher"].contains(&scheme.as_str())
}

/// Whether a link's title names a work (three words or more, not an address), so that a
/// link without a web address is kept as a work the list names, not dropped.
fn names_a_work(title: &str) -> bool {
    let t = title.trim();
    t.split_whitespace().count() >= 3 && t.chars().count() <= 200 && !t.contains("://")
}

/// "Title (1988)": the title and the year.
fn year_in_parentheses(t: &str) -> Option<(&str, String)> {
    let open = t.rfind('(')?;
    let year = t[open + 1..].strip_suffix(')')?;
    let cited = year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && (year.starts_with("19") || year.starts_with("20"));
    cited.then(|| (&t[..open], year.to_string()))
}

/// "Title [CCS'11]", "Title [ASPLOS 16]", "Title [OSDI 2004]": a paper list's venue and year
/// in brackets (a reference with no link target, so Markdown leaves it as text). The venue
/// is one short word of capitals; a two-digit year is read as 19xx from 60 on, else 20xx.
fn venue_in_brackets(t: &str) -> Option<(&str, String)> {
    let inner = t.strip_suffix(']')?;
    let open = inner.rfind('[')?;
    let (venue, year) = inner[open + 1..].split_once(['\'', ' '])?;
    let year = year.trim_start_matches(['\'', ' ']);
    let venue_ok = (2..=12).contains(&venue.len())
        && venue.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && venue.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2;
    if !venue_ok || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year = match year.len() {
        2 => format!("{}{year}", if year >= "60" { "19" } else { "20" }),
        4 if year.starts_with("19") || year.starts_with("20") => year.to_string(),
        _ => return None,
    };
    Some((&t[..open], year))
}

/// What surrounds an item: the heading above it, and the name of the series the item it is
/// nested in names (see [`series_name`]).
#[derive(Clone, Copy, Default)]
struct Context<'a> {
    heading: Option<&'a str>,
    series: Option<&'a str>,
}

/// The readings of one classified item (see the module doc).
fn readings(
    ctx: &mut Ctx,
    c: Classified,
    children: Vec<ChildNote>,
    child_text: &[String],
    hints: &[String],
    context: Context<'_>,
) {
    let heading = context.heading;
    let mut c = c;
    // `+ Other editions: [typeset](url)` under a reading: another address of it.
    let (editions, children): (Vec<ChildNote>, Vec<ChildNote>) =
        children.into_iter().partition(is_edition);
    let edition_urls: Vec<String> = editions
        .iter()
        .flat_map(|ch| ch.mentions.iter().map(|m| m.url.clone()))
        .collect();
    // A reference whose one title link comes after the authors (`Lamport: “[Time,
    // Clocks…](url),” CACM 1978. [doi:…](doi)`): that link is the reading, the rest its
    // addresses.
    let titled = |l: &RawLink| {
        clean_text(&l.text).split_whitespace().count() >= 3 && !super::evidence::is_profile(&l.url)
    };
    if c.leading.is_empty()
        && c.mentions.len() == 1
        && !c.labels.is_empty()
        && titled(&c.mentions[0])
    {
        c.leading = std::mem::take(&mut c.mentions);
        c.prose = c.prose.replacen(&c.leading[0].text, "", 1);
    }
    let prose_note = clean_text(&c.prose);
    let mut main_title = None;
    let mut leading = c.leading.clone();
    if leading.is_empty() && !c.labels.is_empty() {
        let first = c.first_label.unwrap_or(0);
        let open: &[char] = &['[', '(', ' '];
        let close: &[char] = &[']', ')', ' ', ','];
        let before = clean_text(c.prose[..first].trim_end_matches(open));
        let after = clean_text(c.prose[c.last_label.max(first)..].trim_start_matches(close));
        // `the pi-calculus (see [Jeannette Wing's FAQ](url))`: the title is what stands
        // before the open parenthesis, and a titled link inside it says which work.
        let (before, cited) = match unclosed_paren(&before) {
            Some(at) => {
                let cited = (c.labels.len() == 1 && !is_label(&c.labels[0]))
                    .then(|| clean_text(&c.labels[0].text))
                    .filter(|t| t.split_whitespace().count() >= 2);
                (clean_text(&before[..at]), cited)
            }
            None => (before, None),
        };
        let (title, note) = if before.is_empty() {
            (after, String::new())
        } else {
            match quoted_title(&before) {
                Some((title, rest)) => (title, clean_text(&format!("{rest} {after}"))),
                None => (before, after),
            }
        };
        let (addr, mut alternates) = choose(c.labels.clone());
        alternates.extend(edition_urls.iter().cloned());
        let title = non_empty_or(title, heading, &addr.url);
        let title = match &cited {
            Some(cited) if !title.is_empty() => format!("{title}: {cited}"),
            _ => title,
        };
        main_title = Some(title.clone());
        let mut notes = vec![note];
        notes.extend(child_text.iter().cloned());
        let before_push = ctx.out.links.len();
        push(ctx, &addr, title, join_notes(&notes), alternates, hints);
        if let (Some(cited), true) = (cited, ctx.out.links.len() > before_push) {
            ctx.out.links[before_push].own_title = Some(cited);
        }
    } else if let Some(first) = leading.first_mut() {
        let mut urls = vec![first.clone()];
        urls.extend(c.labels.iter().cloned());
        let (addr, mut alternates) = choose(urls);
        alternates.extend(edition_urls.iter().cloned());
        let mut notes = vec![prose_note.clone()];
        notes.extend(child_text.iter().cloned());
        let note = join_notes(&notes);
        for (i, l) in c.leading.iter().enumerate() {
            let own = non_empty_or(clean_text(&l.text), heading, &l.url);
            let title = entry_title(
                &own,
                context.series,
                &prose_note,
                c.leading.len(),
                &c.mentions,
            );
            let before = ctx.out.links.len();
            if i == 0 {
                main_title = Some(title.clone());
                push(
                    ctx,
                    &addr,
                    title.clone(),
                    note.clone(),
                    alternates.clone(),
                    hints,
                );
            } else {
                push(ctx, l, title.clone(), note.clone(), Vec::new(), hints);
            }
            if title != own && ctx.out.links.len() > before {
                ctx.out.links[before].own_title = Some(own);
            }
        }
    }
    let only_mention = main_title.is_none() && c.mentions.len() == 1;
    let elsewhere = c.mentions.len();
    for (i, m) in c.mentions.iter().chain(&c.elsewhere).enumerate() {
        let title = if i >= elsewhere {
            elsewhere_title(&m.text, main_title.as_deref())
        } else if only_mention {
            mention_title(&m.text, None)
        } else {
            mention_title(&m.text, main_title.as_deref())
        };
        let note = (prose_note != title).then(|| prose_note.clone());
        let own = clean_text(&m.text);
        let borrowed = title != own;
        let before = ctx.out.links.len();
        push(
            ctx,
            m,
            title,
            note.filter(|n| n.chars().any(char::is_alphanumeric)),
            Vec::new(),
            hints,
        );
        if borrowed && ctx.out.links.len() > before {
            ctx.out.links[before].own_title = Some(own);
        }
    }
    // An item that names a work and links nowhere, over one nested item that only gives its
    // address (`[PDF](url)`, `[Amazon](url)`): that address is the item's reading, titled by
    // the item's text.
    let child_links: usize = children.iter().map(|ch| ch.mentions.len()).sum();
    let named_by_item = main_title.is_none()
        && c.mentions.is_empty()
        && c.elsewhere.is_empty()
        && child_links == 1
        && children.iter().flat_map(|ch| &ch.mentions).all(|m| {
            let words = prose_note.split_whitespace().count();
            words >= 3 || (words >= 1 && is_label(m))
        });
    for ch in children {
        for m in &ch.mentions {
            if named_by_item {
                let mut notes = vec![String::new()];
                notes.extend(
                    child_text
                        .iter()
                        .filter(|t| **t != clean_text(&m.text))
                        .cloned(),
                );
                push(
                    ctx,
                    m,
                    prose_note.clone(),
                    join_notes(&notes),
                    Vec::new(),
                    hints,
                );
                continue;
            }
            let title = mention_title(&m.text, main_title.as_deref());
            let own = clean_text(&m.text);
            let borrowed = title != own;
            let before = ctx.out.links.len();
            // Under an item that links nowhere ("Papers by Lamport on time"), that item's
            // text places the link, as it does a nested item's own link.
            let mut child_hints = hints.to_vec();
            if main_title.is_none() && !prose_note.is_empty() && prose_note.chars().count() <= 80 {
                child_hints.push(prose_note.clone());
            }
            push(
                ctx,
                m,
                title,
                Some(ch.text.clone()).filter(|n| n.chars().any(char::is_alphanumeric) && *n != own),
                Vec::new(),
                &child_hints,
            );
            if borrowed && ctx.out.links.len() > before {
                ctx.out.links[before].own_title = Some(own);
            }
        }
    }
}

/// The title of an item's own link, from its text `own`: a numbered part ("Part 4 - In
/// Python") is named with its series (`series`, from the item it is nested in), and a bare name
/// ("gone", "Black") with the first clause of the item's description (`description`), which
/// says what it is; otherwise the text as it is. `links` is how many links open the item (a
/// name among several is no entry of its own); `mentions` are the texts of the other links in
/// the item, which name other works, not this one.
fn entry_title(
    own: &str,
    series: Option<&str>,
    description: &str,
    links: usize,
    mentions: &[RawLink],
) -> String {
    if let Some(series) = series.filter(|_| names_a_part(own) || says_what_not_which(own)) {
        return format!("{series}: {own}");
    }
    let one_word = !own.contains(char::is_whitespace) && own.chars().any(char::is_alphabetic);
    if one_word && links == 1 {
        let clause = first_clause(own, description).filter(|c| {
            !mentions
                .iter()
                .any(|m| c.contains(clean_text(&m.text).as_str()))
        });
        if let Some(clause) = clause {
            return format!("{own}: {clause}");
        }
    }
    own.to_string()
}

/// The first clause of a description, as the title of the thing named `name`: "Compiler for
/// a tiny programming language called Gone, implemented using ..." gives its words up to
/// ", implemented", "JFlex is a lexical analyzer generator" its words after "is a". At least two words
/// and at most 90 characters; `None` when the description opens with no such clause.
fn first_clause(name: &str, description: &str) -> Option<String> {
    let d = description.trim();
    let lower = d.to_lowercase();
    let defined = ["is a ", "is an ", "is the ", "is "].iter().find_map(|is| {
        let lead = format!("{} {is}", name.to_lowercase());
        lower.starts_with(&lead).then(|| &d[lead.len()..])
    });
    let d = defined.unwrap_or(d);
    let cut = |d: &str, seps: &[&str]| {
        let end = seps
            .iter()
            .filter_map(|sep| d.find(sep))
            .min()
            .unwrap_or(d.len());
        d[..end].trim_end_matches(['.', ' ']).trim().to_string()
    };
    // A comma ends the clause only where what follows qualifies it ("..., written in C",
    // "..., by its author"); elsewhere it is inside a list ("reading, processing, ...").
    let clause = cut(
        d,
        &[
            ". ",
            "; ",
            " - ",
            " – ",
            " — ",
            " (",
            ": ",
            ", by ",
            ", written ",
            ", implemented ",
            ", built ",
            ", which ",
            ", that ",
            ", using ",
            ", vs",
        ],
    );
    let words = clause.split_whitespace().count();
    // "by Kyle Kingsbury", "see also ...": a byline or a pointer, not what the thing is.
    let first = clause
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let pointer = [
        "by", "from", "see", "via", "aka", "and", "or", "also", "more", "read",
    ]
    .contains(&first.as_str());
    // A description opens as a sentence does ("Compiler for ..."); a lowercase gloss ("the
    // lock service, read it for its leases") is an aside about a work the name already is.
    let opens_with_letter = clause
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || (defined.is_some() && c.is_alphabetic()))
        && !pointer;
    (words >= 2 && clause.chars().count() <= 90 && opens_with_letter).then_some(clause)
}

/// Whether a link text says what kind of thing it leads to but not whose ("Publications",
/// "Lecture notes", "DBLP" under a person or a course): the item it is nested in says whose.
fn says_what_not_which(text: &str) -> bool {
    const GENERIC: &[&str] = &[
        "publications",
        "papers",
        "selected papers",
        "selected publications",
        "homepage",
        "home page",
        "home",
        "notes",
        "lectures",
        "lecture notes",
        "videos",
        "talks",
        "book",
        "course",
        "course page",
        "exercises",
        "solutions",
        "references",
        "bibliography",
        "faq",
        "wiki",
        "docs",
        "documentation",
        "tutorial",
        "introduction",
        "overview",
        "reading list",
        "readings",
        "schedule",
        "syllabus",
        "google scholar",
        "homework",
        "assignments",
    ];
    let lower = clean_text(text).to_lowercase();
    GENERIC.contains(&lower.as_str()) || LABELS.contains(&lower.as_str())
}

/// Whether a link text names a numbered part of a series ("Part 4 - In Python", "Chapter 3",
/// "Lecture II: Paxos", "Episode 12"), which says little without the series' name.
fn names_a_part(text: &str) -> bool {
    const PARTS: &[&str] = &[
        "part",
        "chapter",
        "ch",
        "lecture",
        "lesson",
        "episode",
        "ep",
        "session",
        "week",
        "day",
        "section",
        "volume",
        "vol",
        "step",
        "module",
        "unit",
        "installment",
        "post",
    ];
    const NUMBERS: &[&str] = &[
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "one", "two", "three", "four",
        "five", "six", "seven", "eight", "nine", "ten",
    ];
    let lower = text.to_lowercase();
    let mut words = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | '-' | '–' | '—' | ','))
        .filter(|w| !w.is_empty());
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    let number = second.bytes().all(|b| b.is_ascii_digit()) || NUMBERS.contains(&second);
    PARTS.contains(&first) && number
}

/// The name of the series a parent item names (`Adventures in JIT Compilation by Eli
/// Bendersky:` gives "Adventures in JIT Compilation"): its text without a closing colon and
/// a closing byline; `None` when there is none or it is too long to be a name.
fn series_name(parent: &str) -> Option<String> {
    let t = clean_text(parent);
    let t = match t.rfind(" by ") {
        Some(at) if t[at + 4..].split_whitespace().count() <= 4 && at > 0 => t[..at].to_string(),
        _ => t,
    };
    let t = clean_text(&t);
    (!t.is_empty() && t.chars().count() <= 80).then_some(t)
}

/// Where `text` opens a parenthesis it does not close (`the pi-calculus (see`).
fn unclosed_paren(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' => open.push(i),
            ')' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.first().copied()
}

/// Whether a nested item gives other addresses of its parent's reading ("Other editions:
/// [typeset](url)", "Mirror: [GitHub](url)") rather than readings of its own.
fn is_edition(child: &ChildNote) -> bool {
    let lower = child.text.to_lowercase();
    !child.mentions.is_empty()
        && [
            "other edition",
            "edition:",
            "editions:",
            "other source",
            "other version",
            "mirror",
            "also available",
            "also at",
            "alternate link",
            "alternative link",
            "archived copy",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

fn non_empty_or(title: String, heading: Option<&str>, url: &str) -> String {
    if !title.is_empty() {
        title
    } else {
        heading.map_or_else(|| url.to_string(), String::from)
    }
}

/// A paragraph outside lists. A line that holds only links (`[Chubby](url)` alone, or
/// `[link](url)` under a heading), a paragraph of one line that is a link and its gloss
/// (`[Cure](url) (aka X)`, `[ARC](url) [USENIX FAST 2003]`, `[GFS](url) - the paper`), and
/// every line of a paragraph whose lines all open with a link (a list written without bullets),
/// is an entry, read as a list item would be. Elsewhere bare URLs are readings, each titled by
/// the text since the previous one, and other links are mentions in prose, left out.
fn end_paragraph(ctx: &mut Ctx, block: Block, heading: Option<&str>) {
    let mut lines: Vec<Vec<Seg>> = Vec::new();
    let mut segs = block.segs.into_iter();
    let mut at = 0;
    for end in block.breaks.iter().copied().chain([usize::MAX]) {
        lines.push(segs.by_ref().take(end.saturating_sub(at)).collect());
        at = end;
    }
    let is_link =
        |s: &Seg| matches!(s, Seg::Link(l) if !l.image && !l.bare && !l.url.starts_with('#'));
    let text_of = |line: &[Seg]| -> String {
        line.iter()
            .filter_map(|s| match s {
                Seg::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    };
    let opens_with_link = |line: &[Seg]| {
        let first = line.iter().position(is_link);
        first.is_some_and(|i| {
            line[..i].iter().all(|s| match s {
                Seg::Text(t) => is_decoration(t),
                _ => false,
            })
        })
    };
    let filled: Vec<&Vec<Seg>> = lines
        .iter()
        .filter(|l| {
            !clean_text(&text_of(l)).is_empty() || l.iter().any(|s| matches!(s, Seg::Link(_)))
        })
        .collect();
    let bulletless = filled.len() >= 2 && filled.iter().all(|l| opens_with_link(l));
    // One line: a link, then only a bracketed gloss or a short tail after a dash or colon. A
    // sentence that merely starts with a link ("[Raft](u) is easier to teach than Paxos
    // because ...") stays prose.
    let glossed = filled.len() == 1
        && opens_with_link(filled[0])
        && is_gloss(&text_after_first_link(filled[0], is_link));
    // The text since the last bare URL, which titles the next one (it may be on the line above).
    let mut text = String::new();
    for line in lines {
        let only_links = line.iter().any(is_link)
            && line.iter().all(|s| match s {
                Seg::Text(t) => is_decoration(t) || is_separator(t),
                Seg::Link(_) => true,
            });
        let entry = (bulletless || glossed) && opens_with_link(&line);
        if only_links || entry {
            let item = Block {
                segs: line,
                ..Block::default()
            };
            end_item(ctx, item, &mut [], heading);
            text.clear();
        } else {
            prose_line(ctx, line, heading, &mut text);
        }
    }
}

/// The text of `line` after its first link (links' own text included).
fn text_after_first_link(line: &[Seg], is_link: impl Fn(&Seg) -> bool) -> String {
    line.iter()
        .skip_while(|s| !is_link(s))
        .skip(1)
        .map(|s| match s {
            Seg::Text(t) => t.as_str(),
            Seg::Link(l) => l.text.as_str(),
        })
        .collect()
}

/// Whether the text after an entry's link only glosses it: nothing, brackets or parentheses
/// (a venue, "aka" names), or a few words after a dash, colon or comma.
fn is_gloss(tail: &str) -> bool {
    let t = tail.trim().trim_end_matches(['.', ';']);
    if t.is_empty() {
        return true;
    }
    let bracketed = |open: char, close: char| {
        t.starts_with(open) && (t.ends_with(close) || !t[1..].contains(close))
    };
    if bracketed('(', ')') || bracketed('[', ']') {
        return true;
    }
    let after_separator = t
        .strip_prefix(['-', '\u{2013}', '\u{2014}', ':', ','])
        .map(str::trim);
    after_separator.is_some_and(|rest| rest.split_whitespace().count() <= 12)
}

/// A line of running text outside lists: bare URLs are readings, other links mentions.
fn prose_line(ctx: &mut Ctx, segs: Vec<Seg>, heading: Option<&str>, text: &mut String) {
    for seg in segs {
        match seg {
            Seg::Text(t) => text.push_str(&t),
            Seg::Link(l) if l.bare => {
                let title = non_empty_or(clean_text(text), heading, &l.url);
                push(
                    ctx,
                    &l,
                    title,
                    None,
                    Vec::new(),
                    &heading.map(String::from).into_iter().collect::<Vec<_>>(),
                );
                text.clear();
            }
            Seg::Link(l) if l.image || l.url.starts_with('#') => {}
            Seg::Link(l) => {
                if ctx.prose_links.0 == 0 {
                    ctx.prose_links.1 = ctx.lines.line(l.offset);
                }
                ctx.prose_links.0 += 1;
                text.push_str(&l.text);
                let url = super::absolute(&l.url, ctx.base);
                if url.starts_with("http://") || url.starts_with("https://") {
                    let before = ctx.out.links.len();
                    let hints: Vec<String> = heading.map(String::from).into_iter().collect();
                    let title = non_empty_or(prose_title(&l.text, heading), heading, &l.url);
                    push(ctx, &l, title, None, Vec::new(), &hints);
                    if let Some(c) = ctx.out.links.pop() {
                        ctx.prose_held.push((before, c));
                    }
                }
            }
        }
    }
}

/// "Title (2014), N. Srivastava et al. (Hinton)": a paper list's title, year and authors run
/// together before its `[pdf]` link. The authors start with an initial or say "et al.", so a
/// title that merely ends in a parenthesis and more words keeps them.
fn title_year_authors(t: &str) -> Option<(String, String, String)> {
    let (head, authors) = t.split_once("), ")?;
    let (title, year) =
        year_in_parentheses(&format!("{head})")).map(|(t, y)| (t.to_string(), y))?;
    let authors = authors.trim();
    let b = authors.as_bytes();
    let initial = b.len() > 2 && b[0].is_ascii_uppercase() && b[1] == b'.';
    if !(initial || authors.contains("et al")) || authors.chars().count() > 120 {
        return None;
    }
    let title = title.trim_end().to_string();
    names_a_work(&title).then(|| (title, year, authors.to_string()))
}

fn push(
    ctx: &mut Ctx,
    l: &RawLink,
    title: String,
    note: Option<String>,
    alternates: Vec<String>,
    hints: &[String],
) {
    let line = ctx.lines.line(l.offset);
    let (title, published, authors) = match title_year_authors(&title) {
        Some((t, year, authors)) => (t, Some(year), vec![authors]),
        None => (title, None, Vec::new()),
    };
    let url = super::absolute(&l.url, ctx.base);
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        ctx.out
            .skipped
            .push(super::not_web(ctx.file, line, "link", &l.url));
        if no_web_address(&l.url) && names_a_work(&title) {
            let key = format!(
                "{}:{line}",
                ctx.file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            );
            ctx.out.unaddressed.push((
                key,
                Candidate {
                    title,
                    url: l.url.trim().to_string(),
                    note,
                    hints: hints.to_vec(),
                    section: ctx.section.iter().map(|(_, s)| s.clone()).collect(),
                    line,
                    published,
                    authors,
                    ..Candidate::default()
                },
            ));
        }
        return;
    }
    let alternates = alternates
        .into_iter()
        .map(|u| super::absolute(&u, ctx.base))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .collect();
    ctx.out.links.push(Candidate {
        title,
        url,
        alternates,
        note,
        hints: hints.to_vec(),
        section: ctx.section.iter().map(|(_, s)| s.clone()).collect(),
        line,
        published,
        authors,
        ..Candidate::default()
    });
}

/// The value of attribute `name` in an HTML start tag (`<a href="x" class=y>`), entities in it
/// decoded.
fn html_attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let start = from + i;
        from = start + name.len();
        let before = lower[..start].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let value = match rest.chars().next()? {
            q @ ('"' | '\'') => rest[1..].split(q).next()?,
            _ => rest.split(|c: char| c.is_whitespace() || c == '>').next()?,
        };
        return Some(value.replace("&amp;", "&"));
    }
    None
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A schedule's topic cell as a section name: "Replicated data types **(draft due today)**"
/// is "Replicated data types"; "Lecture: vector clocks" is "vector clocks".
fn topic_cell(text: &str) -> String {
    let t = clean_text(text);
    let t = t.split(" (").next().unwrap_or("").trim();
    let t = t.split_once(": ").map_or(t, |(_, rest)| rest).trim();
    t.trim_end_matches(['.', ':', ',', ';', '*'])
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(p: &Parsed) -> Vec<&str> {
        p.links.iter().map(|l| l.title.as_str()).collect()
    }

    #[test]
    fn only_a_list_with_unspaced_numbers_is_copied() {
        let plain = "# List\n\n1. [A](https://a.example)\n- [B](https://b.example)\n";
        assert!(matches!(
            space_numbered_items(plain),
            std::borrow::Cow::Borrowed(_)
        ));
        let unspaced = "1.[A](https://a.example)\n  2)[B](https://b.example)\n";
        assert_eq!(
            space_numbered_items(unspaced),
            "1. [A](https://a.example)\n  2) [B](https://b.example)\n"
        );
    }

    #[test]
    fn a_list_is_parsed_a_section_at_a_time_unless_a_section_may_reach_into_the_next() {
        let doc = "# List\n\n## A\n\n- [X one](https://a.org/x)\n\n## B\n\n```\n\n# code\n```\n\n\
            ## C\n- [Y two](https://a.org/y)\n";
        let texts =
            |d: &str| -> Vec<String> { pieces(d).into_iter().map(|r| d[r].to_string()).collect() };
        assert_eq!(
            texts(doc),
            [
                "# List\n\n",
                "## A\n\n- [X one](https://a.org/x)\n\n",
                "## B\n\n```\n\n# code\n```\n\n",
                "## C\n- [Y two](https://a.org/y)\n"
            ]
        );
        let p = parse(doc, Path::new("a.md"));
        assert_eq!(titles(&p), ["X one", "Y two"]);
        assert_eq!(p.links[1].line, 15);
        assert_eq!(p.links[1].hints, ["C"]);
        // A reference defined at the end, an HTML comment, a fence inside a list: whole.
        for reaching in [
            "[y]: https://a.org/y\n",
            "<!--\n\n## D\n-->\n",
            "- item\n\n  ```\n\n## D\n\n  ```\n",
        ] {
            assert_eq!(texts(&format!("{doc}\n{reaching}")).len(), 1, "{reaching}");
        }
    }

    #[test]
    fn lines_that_may_make_a_level_one_heading() {
        for h1 in [
            "# Title",
            "#",
            "   # Title",
            "> # Title",
            "- # Title",
            "> 1. > * # Title",
            "===",
            "  = ",
        ] {
            assert!(may_be_h1(h1), "{h1}");
        }
        for not in [
            "## Section",
            "#hashtag",
            "1.# x",
            "-# x",
            "a = b",
            "= = =",
            "text",
        ] {
            assert!(!may_be_h1(not), "{not}");
        }
        // The title is the only level-1 heading, with or without the count by the parser.
        let one = parse(
            "# Reading list\n\n## Time\n\n- [Clocks](https://a.org/c)\n",
            Path::new("a.md"),
        );
        let two = parse(
            "# Reading list\n\n## Time\n\n- [Clocks](https://a.org/c)\n\n# More\n",
            Path::new("a.md"),
        );
        assert_eq!(one.links[0].section, ["Time"]);
        assert_eq!(two.links[0].section, ["Reading list", "Time"]);
    }

    #[test]
    fn links_in_items_with_heading_and_note() {
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
        assert_eq!(raft.hints, vec!["Raft"], "the document title is no hint");
        assert_eq!(raft.line, 9);
        let m = &p.links[1];
        assert_eq!(m.note.as_deref(), Some("a workbench."));
        assert_eq!(m.hints, vec!["Raft", "Tools"]);
        assert_eq!(p.skipped.len(), 2, "{:?}", p.skipped);
        assert!(p.skipped[0]
            .to_string()
            .starts_with("a.md:17:1: warning: the link `docs/local.md`"));
        assert!(p.skipped[1]
            .to_string()
            .starts_with("a.md:13:1: warning: 1 link in running text outside lists was left out"));
    }

    /// An item that names a work in bold and links nowhere, over one nested item that only
    /// gives its address (`[PDF](url)`, `[Amazon](url)`): one reading, titled by the item. An
    /// item of a few words over several links ("Papers by Lamport on time") stays a heading
    /// for them, and places them as a hint.
    #[test]
    fn a_nested_address_is_the_reading_its_item_names() {
        let md = "* **The Google File System**\n    * _[PDF](https://mirror.example/gfs.pdf)_  \n<br/>\n\
            * **Designing Data-Intensive Applications: The Big Ideas**\n    * _[Amazon](https://shop.example/dp/1)_\n\
            * **Fsync-gate**\n    * _[Blog](https://danluu.example/fsyncgate/)_\n\
            * Papers by Lamport on time\n  * [Clocks](https://a.example/c)\n  * [Paxos](https://a.example/p)\n\
            * Tools\n  * [Maelstrom](https://maelstrom.example/)\n";
        let p = parse(md, Path::new("a.md"));
        let got: Vec<(&str, &str)> = p
            .links
            .iter()
            .map(|c| (c.title.as_str(), c.url.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("The Google File System", "https://mirror.example/gfs.pdf"),
                (
                    "Designing Data-Intensive Applications: The Big Ideas",
                    "https://shop.example/dp/1"
                ),
                ("Fsync-gate", "https://danluu.example/fsyncgate/"),
                ("Clocks", "https://a.example/c"),
                ("Paxos", "https://a.example/p"),
                ("Maelstrom", "https://maelstrom.example/"),
            ]
        );
        assert_eq!(p.links[3].hints, ["Papers by Lamport on time"]);
        assert_eq!(p.links[3].note, None);
        assert_eq!(p.links[5].hints, ["Tools"]);
    }

    /// A blog post of resources written as paragraphs under headings, not as a list: its links
    /// in running text are its readings, in document order with its list items; a link whose
    /// text names nothing takes the heading. A list with a few prose mentions keeps them out.
    #[test]
    fn a_document_written_as_paragraphs_reads_its_prose_links() {
        let md = "# Resources\n\n## Reading\n\n### Database Internals\n\n\
            A fantastic book, [Database Internals](https://databass.dev/), written by \
            [Alex Petrov](https://petrov.example/).\n\n### Class notes\n\nHis notes are [available](https://notes.example/).\n\n\
            ## Watching\n\n- [Intro lectures](https://video.example/intro)\n\n\
            ### Jepsen blog\n\nKyle breaks databases with [Jepsen](https://jepsen.example/) and \
            [Maelstrom](https://maelstrom.example/).\n";
        let p = parse(md, Path::new("a.md"));
        let got: Vec<(&str, &str)> = p
            .links
            .iter()
            .map(|c| (c.title.as_str(), c.url.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Database Internals", "https://databass.dev/"),
                ("Alex Petrov", "https://petrov.example/"),
                ("Class notes: available", "https://notes.example/"),
                ("Intro lectures", "https://video.example/intro"),
                ("Jepsen", "https://jepsen.example/"),
                ("Maelstrom", "https://maelstrom.example/"),
            ]
        );
        assert_eq!(p.links[0].hints, ["Database Internals"]);
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        // Fewer prose links than list entries: the prose ones are mentions, as before.
        let list = "## Papers\n\n- [A](https://a.example/)\n- [B](https://b.example/)\n\n\
            Built with [Zola](https://zola.example/) and [Sass](https://sass.example/).\n";
        let p = parse(list, Path::new("a.md"));
        assert_eq!(p.links.len(), 2, "{:?}", p.links);
        assert_eq!(p.skipped.len(), 1, "{:?}", p.skipped);
    }

    /// A bracketed "see also" or "cf." link points to another work: a reading of its own,
    /// never an address of the item's (which would merge the item with whatever it is).
    #[test]
    fn a_see_also_link_is_a_reading_of_its_own() {
        let md = "| Day | Reading |\n|---|---|\n| 10/1 | A. Author, [The First Paper (2002)](https://a.example.edu/first.pdf) (see also: their [The Second Paper (2012)](https://b.example.edu/second.pdf)) |\n| 10/3 | [A Survey of Things](https://dl.acm.org/citation.cfm?id=1) ([off-campus link](https://proxy.example.edu/1.pdf)) (cf. [the overview](https://c.example.org/overview)) |\n";
        let p = parse(md, Path::new("s.md"));
        let first = p.links.iter().find(|l| l.url.contains("first")).unwrap();
        assert!(first.alternates.is_empty(), "{:?}", first.alternates);
        assert!(p
            .links
            .iter()
            .any(|l| l.url == "https://b.example.edu/second.pdf"));
        let survey = p
            .links
            .iter()
            .find(|l| l.title.starts_with("A Survey"))
            .unwrap_or_else(|| panic!("{:?}", p.links));
        let mut addresses = survey.alternates.clone();
        addresses.push(survey.url.clone());
        addresses.sort();
        assert_eq!(
            addresses,
            [
                "https://dl.acm.org/citation.cfm?id=1",
                "https://proxy.example.edu/1.pdf"
            ]
        );
        assert!(p
            .links
            .iter()
            .any(|l| l.url == "https://c.example.org/overview"));
    }

    /// A "see also" link whose text names the item's own work in another form (its extended
    /// version, its website, its code) is another address of the item, not a reading titled
    /// "the extended TOPLAS version" or "P on GitHub" (review 12).
    #[test]
    fn a_see_also_link_to_the_items_other_form_is_its_address() {
        let md = "| Day | Reading |\n|---|---|\n| 11/19 | Y. Liu et al., [From Clarity to Efficiency for Distributed Algorithms (OOPSLA '12)](https://a.example.edu/oopsla12.pdf) (see also: [the extended TOPLAS version](https://arxiv.org/pdf/1412.8461.pdf) and [the DistAlgo website](https://sites.example.com/distalgo/)) |\n| 11/26 | A. Desai et al., [P: Safe Asynchronous Event-Driven Programming (PLDI '13)](https://dl.acm.org/citation.cfm?id=2462184) (see also: [P on GitHub](https://github.com/p-org/P)) |\n";
        let p = parse(md, Path::new("v.md"));
        assert_eq!(p.links.len(), 2, "{:?}", p.links);
        let clarity = p.links.iter().find(|l| l.url.contains("oopsla12")).unwrap();
        assert!(
            clarity
                .alternates
                .contains(&"https://arxiv.org/pdf/1412.8461.pdf".to_string()),
            "{:?}",
            clarity.alternates
        );
        assert!(
            p.links.iter().all(|l| !l.title.contains("GitHub")),
            "{:?}",
            p.links
        );
        assert_eq!(clarity.note.as_deref(), Some("11/19 · Y. Liu et al."));
    }

    #[test]
    fn label_links_are_addresses_of_the_item() {
        let md = "## Theory\n* ⭐️ Time, Clocks, and the Ordering of Events in a Distributed System, CACM 1978 [[acmdl](https://dl.acm.org/citation.cfm?id=359563),[pdf](https://lamport.azurewebsites.net/pubs/time-clocks.pdf)]\n  * Easily one of the most influential papers. Introduces [Lamport clocks](https://en.wikipedia.org/wiki/Lamport_timestamp).\n* [Paxos Made Live](https://example.org/live.html) [[the morning paper](https://blog.acolyer.org/live/)] :scroll:\n";
        let p = parse(md, Path::new("l.md"));
        assert_eq!(
            titles(&p),
            [
                "Time, Clocks, and the Ordering of Events in a Distributed System, CACM 1978",
                "Time, Clocks, and the Ordering of Events in a Distributed System, CACM 1978: Lamport clocks",
                "Paxos Made Live"
            ]
        );
        let t = &p.links[0];
        assert_eq!(
            t.url,
            "https://lamport.azurewebsites.net/pubs/time-clocks.pdf"
        );
        assert_eq!(t.alternates, ["https://dl.acm.org/citation.cfm?id=359563"]);
        assert_eq!(
            t.note.as_deref(),
            Some("Easily one of the most influential papers. Introduces Lamport clocks.")
        );
        assert_eq!(p.links[2].url, "https://example.org/live.html");
        assert_eq!(p.links[2].alternates, ["https://blog.acolyer.org/live/"]);
        assert_eq!(p.links[2].note, None);
    }

    /// papers-we-love writes a hosted copy as `[:scroll:](paper.pdf)` before the title link:
    /// one reading, titled by the title link, the two addresses its own.
    #[test]
    fn an_emoji_link_beside_a_title_link_is_another_copy() {
        let md = "## External Papers\n\n* [:scroll:](https://example.org/a-note.pdf) [A Note on Distributed Computing](https://example.com/waldo.pdf#page=89)\n* [📜](https://example.org/b.pdf) [Paxos Made Simple](https://example.com/ps.html)\n";
        let p = parse(md, Path::new("l.md"));
        assert_eq!(
            titles(&p),
            ["A Note on Distributed Computing", "Paxos Made Simple"]
        );
        assert_eq!(p.links[0].url, "https://example.org/a-note.pdf");
        assert_eq!(
            p.links[0].alternates,
            ["https://example.com/waldo.pdf#page=89"]
        );
        assert_eq!(p.links[1].url, "https://example.org/b.pdf");
        assert_eq!(p.links[1].alternates, ["https://example.com/ps.html"]);
    }

    #[test]
    fn bare_urls_autolinks_badges_and_broken_lines() {
        let md = "# List\n\n* Distributed systems for fun and profit http://book.mixu.net/distsys/\n\
            * <https://jepsen.io/consistency>\n\
            * [![build](https://img.shields.io/x.svg)](https://ci.example.com/)\n\
            * [A title that\n  spans lines](https://example.com/a) - also [plain english](https://example.com/b) explanation\n\n\
            Course page: https://example.edu/course.\n";
        let p = parse(md, Path::new("b.md"));
        assert_eq!(
            titles(&p),
            [
                "Distributed systems for fun and profit",
                "https://jepsen.io/consistency",
                "A title that spans lines",
                "A title that spans lines: plain english",
                "Course page"
            ]
        );
        assert_eq!(p.links[0].url, "http://book.mixu.net/distsys/");
        assert_eq!(
            p.links[2].note.as_deref(),
            Some("also plain english explanation")
        );
        assert_eq!(p.links[3].note, p.links[2].note);
        assert_eq!(p.links[4].url, "https://example.edu/course");
    }

    #[test]
    fn titles_say_which_work_a_link_is() {
        let md = "## Compilers\n\n\
            * Adventures in JIT Compilation by Eli Bendersky:\n\
            \x20 + [Part 1 - An Interpreter](https://e.org/jit-1).\n\
            \x20 + [Part 2 - An x64 JIT](https://e.org/jit-2).\n\
            * [gone](https://github.com/x/gone) - Compiler for a tiny language called Gone, implemented using Python.\n\
            * [JFlex](https://jflex.de) - JFlex is a lexical analyzer generator for Java.\n\
            * [Capstone](https://c.org) - Lightweight multi-platform, multi-architecture disassembly framework with bindings to various famous programming languages.\n\
            * [JamVM](https://j.org) - [GitHub project mirror](https://github.com/x/jamvm).\n\
            * [A Micro-Manual for LISP](https://u.org/micro.pdf).\n\
            \x20 + Other editions: [Neat and nice typeset](https://github.com/x/micromanual).\n\
            * the pi-calculus (see [Jeannette Wing's FAQ](https://w.org/faq.pdf))\n\
            * [Nancy A. Lynch](https://l.org/)\n\
            \x20 * [Publications](https://l.org/pubs.html)\n\
            * Lamport, Time, Clocks (CACM 1978, [pdf](https://l.org/clocks.pdf))\n";
        let p = parse(md, Path::new("a.md"));
        assert_eq!(
            titles(&p),
            vec![
                "Adventures in JIT Compilation: Part 1 - An Interpreter",
                "Adventures in JIT Compilation: Part 2 - An x64 JIT",
                "gone: Compiler for a tiny language called Gone",
                "JFlex: lexical analyzer generator for Java",
                "Capstone",
                "JamVM",
                "GitHub project mirror",
                "A Micro-Manual for LISP",
                "the pi-calculus: Jeannette Wing's FAQ",
                "Nancy A. Lynch: Publications",
                "Nancy A. Lynch",
                "Lamport, Time, Clocks",
            ]
        );
        // What the list calls the link stays known, for matching the work.
        assert_eq!(
            p.links[0].own_title.as_deref(),
            Some("Part 1 - An Interpreter")
        );
        assert_eq!(p.links[2].own_title.as_deref(), Some("gone"));
        assert_eq!(
            p.links[8].own_title.as_deref(),
            Some("Jeannette Wing's FAQ")
        );
        // Another edition is another address of the reading, not a reading.
        assert_eq!(
            p.links[7].alternates,
            vec!["https://github.com/x/micromanual"]
        );
        // The full stop that ends an item is no note.
        assert_eq!(p.links[0].note, None);
    }
}
