//! Turning a `Plan` into text: Markdown (from a minijinja template), JSON, the topic graph as
//! DOT, Mermaid or inline SVG, and HTML pages (see `html` and the `site` module).
//!
//! Renderers read only the plan and the templates; they never look back at corpus files.

mod graph;
pub(crate) mod html;
mod ics;
mod svg;
mod templates;
mod values;

pub use crate::output::printable;
pub use crate::site::standalone;
pub use graph::{dot, mermaid};
pub use ics::ics;
pub(crate) use svg::graph_svg;
pub use templates::Templates;

use crate::diagnostics::Diagnostic;
use crate::model::Kind;
use crate::plan::Plan;
use crate::words;
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write as _;

/// How the Markdown plan is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// Week by week, each week's links with their addresses, minutes and deliverables, then
    /// the topic-by-topic reference: what a learner follows.
    #[default]
    Weeks,
    /// The schedule as one table, then topic by topic.
    Topics,
}

impl Layout {
    /// Its word (`--layout`).
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Weeks => "weeks",
            Layout::Topics => "topics",
        }
    }
}

/// The plan as Markdown, through `plan.md.j2`, week by week.
pub fn markdown(plan: &Plan, templates: &Templates) -> Result<String, Diagnostic> {
    markdown_in(plan, templates, Layout::Weeks)
}

/// The plan as Markdown, through `plan.md.j2`, in `layout`.
pub fn markdown_in(
    plan: &Plan,
    templates: &Templates,
    layout: Layout,
) -> Result<String, Diagnostic> {
    let mut out = Vec::new();
    write_markdown(plan, templates, layout, &mut out)?;
    Ok(String::from_utf8(out).expect("templates write UTF-8"))
}

/// The plan's figures every plan template shows, the Markdown's and the site's alike (each
/// context flattens them in, so a template reads `topic_count`, `items_text`, ...).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Figures {
    pub topic_count: usize,
    pub link_count: usize,
    /// `8 links`, or `12 readings, 3 exercises and 1 project` ([`items_text`]).
    pub items_text: String,
    /// `reading`, `practice` or `reading and practice` ([`work_text`]).
    pub work_text: &'static str,
    /// Practice items are named as such wherever a template lists them by title.
    pub has_practice: bool,
    pub optional_count: usize,
    /// The pace the schedule was cut at, as a decimal (`7.5`).
    pub hours_per_week: String,
    pub weeks: usize,
    pub schedule_warning: Option<String>,
}

impl Figures {
    pub(crate) fn of(plan: &Plan) -> Self {
        let links = || plan.links();
        Figures {
            topic_count: plan.topics().count(),
            link_count: links().count(),
            items_text: items_text(plan),
            work_text: work_text(plan),
            has_practice: links().any(|l| l.kind.is_practice()),
            optional_count: links().filter(|l| l.optional).count(),
            hours_per_week: crate::words::decimal(plan.schedule.hours_per_week),
            weeks: plan.weeks.len(),
            schedule_warning: plan.schedule.warning(),
        }
    }
}

/// What `plan.md.j2` is given: the plan, lookups from ids to titles and labels, the figures,
/// and the layout.
#[derive(Serialize)]
pub(crate) struct MarkdownContext<'p> {
    /// The plan, its links looked up as the template asks (see `values`).
    plan: minijinja::Value,
    /// Topic titles by id.
    titles: std::collections::BTreeMap<&'p str, &'p str>,
    #[serde(flatten)]
    figures: Figures,
    /// `weeks` or `topics` ([`Layout::as_str`]).
    layout: &'static str,
    #[serde(flatten)]
    links: values::LinkMaps,
}

impl<'p> MarkdownContext<'p> {
    pub(crate) fn new(plan: &'p Plan, layout: Layout) -> Self {
        MarkdownContext {
            plan: values::plan(plan),
            titles: plan
                .topics()
                .map(|t| (t.id.as_str(), t.title.as_str()))
                .collect(),
            figures: Figures::of(plan),
            layout: layout.as_str(),
            links: values::link_maps(plan),
        }
    }
}

/// `Exercise` or `Project`: how a practice item is introduced in a list of titles.
pub(crate) fn practice_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Project => "Project",
        _ => "Exercise",
    }
}

/// What the plan's hours are spent on: `reading`, `practice`, or `reading and practice`.
pub(crate) fn work_text(plan: &Plan) -> &'static str {
    let practice = plan.links().filter(|l| l.kind.is_practice()).count();
    match (practice, plan.links().count() - practice) {
        (0, _) => "reading",
        (_, 0) => "practice",
        _ => "reading and practice",
    }
}

/// The plan's links counted in words: `8 links` for a reading list, `12 readings, 3 exercises
/// and 1 project` once practice is in it. Only the core is counted when the optional track has
/// hours of its own: the summary gives those apart ("plus 2 hours on the optional track (2
/// links)"), and the two counts add up to the plan's links.
pub(crate) fn items_text(plan: &Plan) -> String {
    let apart = plan.optional_minutes > 0;
    let links: Vec<&crate::model::Link> = plan.links().filter(|l| !(apart && l.optional)).collect();
    let counts = kind_counts(&links);
    if counts[1].0 + counts[2].0 == 0 {
        return words::count(links.len(), "link");
    }
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| words::count(*n, word))
        .collect();
    words::and_list(&parts)
}

/// How many of `links` are readings, exercises and projects, each with its word.
pub(crate) fn kind_counts(links: &[&crate::model::Link]) -> [(usize, &'static str); 3] {
    let of = |kind: Kind| links.iter().filter(|l| l.kind == kind).count();
    let (exercises, projects) = (of(Kind::Exercise), of(Kind::Project));
    [
        (links.len() - exercises - projects, "reading"),
        (exercises, "exercise"),
        (projects, "project"),
    ]
}

/// The plan as Markdown, through `plan.md.j2`, written to `out` as it is made (the Markdown of
/// a large plan is tens of megabytes). A template error may come after part of the text.
pub fn write_markdown(
    plan: &Plan,
    templates: &Templates,
    layout: Layout,
    out: impl std::io::Write,
) -> Result<(), Diagnostic> {
    let ctx = minijinja::Value::from_serialize(MarkdownContext::new(plan, layout));
    let mut squeeze = Squeeze::new(out);
    {
        // The template writes in small pieces.
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut squeeze);
        templates.render_to_write("plan.md.j2", ctx, &mut buffered)?;
        buffered.flush().map_err(write_error)?;
    }
    squeeze.finish().map_err(write_error)?;
    Ok(())
}

fn write_error(e: std::io::Error) -> Diagnostic {
    Diagnostic::error(None, format!("cannot write the plan: {e}"))
}

/// Template loops leave runs of blank lines; Markdown gives them no meaning, so a writer keeps
/// one of each run (a line of only whitespace is blank), passing the text on in large pieces.
///
/// Kept rather than minijinja's `trim_blocks`/`lstrip_blocks`: those strip only around block
/// tags, while blank runs also come from empty values (`{{ summary }}` of a topic without one)
/// and from a reader's own `plan.md.j2`, which was written against this behaviour; switching
/// would change the Markdown of existing templates.
struct Squeeze<W: std::io::Write> {
    inner: W,
    /// The start of a line not complete yet.
    line: Vec<u8>,
    /// Kept lines not passed on yet.
    out: Vec<u8>,
    blank_run: usize,
}

impl<W: std::io::Write> Squeeze<W> {
    fn new(inner: W) -> Self {
        Squeeze {
            inner,
            line: Vec::new(),
            out: Vec::with_capacity(1 << 16),
            blank_run: 0,
        }
    }

    /// Keep `line` (with its newline, if any) unless it is the second blank one in a row.
    fn line(&mut self, line: &[u8]) {
        if is_blank(line) {
            self.blank_run += 1;
            if self.blank_run > 1 {
                return;
            }
        } else {
            self.blank_run = 0;
        }
        self.out.extend_from_slice(line);
    }

    fn finish(&mut self) -> std::io::Result<()> {
        let rest = std::mem::take(&mut self.line);
        if !rest.is_empty() {
            self.line(&rest);
        }
        self.inner.write_all(&self.out)?;
        self.out.clear();
        self.inner.flush()
    }
}

/// Whether a line holds only whitespace (as `str::trim` sees it).
fn is_blank(line: &[u8]) -> bool {
    let first = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c));
    match first {
        None => true,
        Some(i) if line[i].is_ascii() => false,
        // Whitespace beyond ASCII (a no-break space) is whitespace to `trim` too.
        Some(i) => std::str::from_utf8(&line[i..]).is_ok_and(|l| l.trim().is_empty()),
    }
}

impl<W: std::io::Write> std::io::Write for Squeeze<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            let (line, after) = rest.split_at(end + 1);
            if self.line.is_empty() {
                self.line(line);
            } else {
                let mut whole = std::mem::take(&mut self.line);
                whole.extend_from_slice(line);
                self.line(&whole);
            }
            rest = after;
        }
        self.line.extend_from_slice(rest);
        if self.out.len() >= 1 << 16 {
            self.inner.write_all(&self.out)?;
            self.out.clear();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.write_all(&self.out)?;
        self.out.clear();
        self.inner.flush()
    }
}

/// The plan as pretty JSON, for other tools.
pub fn json(plan: &Plan) -> String {
    let mut out = Vec::new();
    write_json(plan, &mut out).expect("a plan always serializes");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// The plan as pretty JSON written to `out` as it is made: a plan of 100,000 links is a hundred
/// megabytes of JSON, better not held in memory whole.
pub fn write_json(plan: &Plan, out: impl std::io::Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    crate::output::write_json_pretty(&mut out, plan)?;
    out.write_all(b"\n")?;
    out.flush()
}

pub(crate) use crate::words::hours;

/// Text made safe to stand inside Markdown link text or a table cell: nothing in it can open a
/// link, an emphasis, a table column or raw HTML.
pub(crate) fn markdown_inline(text: &str) -> Cow<'_, str> {
    let escaped = |c: char| {
        matches!(
            c,
            '\\' | '[' | ']' | '*' | '_' | '`' | '|' | '<' | '>' | '#' | '!'
        )
    };
    let newline = |c: char| c == '\n' || c == '\r';
    if !text.contains(|c| escaped(c) || newline(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if newline(c) {
            out.push(' ');
            continue;
        }
        if escaped(c) {
            out.push('\\');
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Markdown prose from the corpus, made safe to copy into Markdown output: raw HTML is shown as
/// text (its `<` becomes `&lt;`), a link whose target is not http(s) or mailto loses its markup
/// by an escaped opening bracket, and every image is left out, as the site leaves it out (a
/// viewer would load it from a third party). Everything else is kept byte for byte, so ordinary
/// prose reads as written.
pub(crate) fn markdown_prose(text: &str) -> Cow<'_, str> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    // Raw HTML and autolinks start with `<`, links and images with `[`: prose with neither has
    // nothing to change, and most notes are such prose (no need to parse them).
    if !text.contains(['<', '[']) {
        return Cow::Borrowed(text);
    }
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    // Byte offsets: `<` to rewrite, and where a backslash goes.
    let mut html = Vec::new();
    let mut escape_at = Vec::new();
    let mut images: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => html.push(range),
            Event::Start(Tag::Link { dest_url, .. }) if !html::is_web_or_mail(&dest_url) => {
                escape_at.push(range.start)
            }
            Event::Start(Tag::Image { .. }) => images.push(range),
            _ => {}
        }
    }
    if html.is_empty() && escape_at.is_empty() && images.is_empty() {
        return Cow::Borrowed(text);
    }
    // What to do at each byte, marked once: looking each byte up in the lists would be
    // quadratic in a note made of thousands of tags.
    const SKIP: u8 = 1;
    const ESCAPE: u8 = 2;
    const HTML: u8 = 4;
    let mut marks = vec![0u8; text.len()];
    for r in images {
        marks[r].iter_mut().for_each(|m| *m |= SKIP);
    }
    for r in html {
        marks[r].iter_mut().for_each(|m| *m |= HTML);
    }
    for i in escape_at {
        marks[i] |= ESCAPE;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, c) in text.char_indices() {
        if marks[i] & SKIP != 0 {
            continue;
        }
        if marks[i] & ESCAPE != 0 {
            out.push('\\');
        }
        if c == '<' && marks[i] & HTML != 0 {
            out.push_str("&lt;");
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A URL as a Markdown link destination: characters that would end it early are encoded.
pub(crate) fn markdown_url(url: &str) -> Cow<'_, str> {
    if !url.contains([' ', '(', ')', '<', '>']) {
        return Cow::Borrowed(url);
    }
    let url = url
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E");
    Cow::Owned(url)
}

/// The topics as an aligned text table, in plan order.
pub fn topics_table(plan: &Plan) -> String {
    let mut rows = vec![[
        "id".to_string(),
        "stage".to_string(),
        "requires".to_string(),
        "links".to_string(),
        "hours".to_string(),
    ]];
    for topic in plan.topics() {
        rows.push([
            topic.id.to_string(),
            topic.stage.to_string(),
            if topic.requires.is_empty() {
                "-".into()
            } else {
                topic.requires.join(",")
            },
            topic.links.len().to_string(),
            hours(topic.minutes),
        ]);
    }
    let widths: Vec<usize> = (0..5)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            // Numbers read best right-aligned.
            if c >= 3 {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if c < 4 {
                    line.push_str(&" ".repeat(pad));
                }
            }
            if c < 4 {
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The topics in plan order, each with its links under it: the id a learner gives `done`,
/// `why` or `requires`, the minutes, and the title, aligned. Titles are corpus text: control
/// characters are left to the printer's filter like every other output.
pub fn topics_links(plan: &Plan) -> String {
    let width = plan
        .links()
        .map(|l| l.id.chars().count())
        .max()
        .unwrap_or(0);
    let minutes = plan
        .links()
        .map(|l| l.minutes.to_string().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for topic in plan.topics() {
        out.push_str(&format!("{}  {}\n", topic.id, topic.title));
        for link in &topic.links {
            let optional = if link.optional { " (optional)" } else { "" };
            out.push_str(&format!(
                "  {:<width$}  {:>minutes$} min  {}{optional}\n",
                link.id.as_str(),
                link.minutes,
                link.title,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_readings_list_each_week_s_links_marked() {
        let mut sources = crate::corpus::embedded_sources();
        // A title that needs escaping, on a practice item, so every branch of the row shows.
        let gossip = sources
            .iter_mut()
            .find(|s| s.text.contains("kind = \"project\""))
            .expect("the course has a project");
        let project = gossip.text.find("kind = \"project\"").unwrap();
        let title = gossip.text[..project].rfind("title = \"").unwrap() + "title = \"".len();
        gossip.text.insert_str(title, "a_b|c <i>x</i> [y](z) ");
        let course = crate::corpus::load(&sources).unwrap().course;
        for (hours, optional) in [(1.0, true), (3.0, false), (10.0, true)] {
            let schedule = crate::schedule::ScheduleOptions {
                hours_per_week: hours,
                optional,
                ..Default::default()
            };
            let (plan, _) = crate::plan::build_for(
                &course,
                &Default::default(),
                &schedule,
                &Default::default(),
            );
            let context =
                minijinja::Value::from_serialize(MarkdownContext::new(&plan, Layout::Weeks));
            let rows: Vec<String> = context
                .get_attr("week_readings")
                .unwrap()
                .try_iter()
                .unwrap()
                .map(|row| row.to_string())
                .collect();
            // One row a week, one entry a link of the week, each with its title.
            assert_eq!(rows.len(), plan.weeks.len());
            for (row, week) in rows.iter().zip(&plan.weeks) {
                assert_eq!(row.split("; ").count(), week.links.len(), "{row}");
                for id in &week.links {
                    let title = markdown_inline(&plan.link(id).unwrap().title).into_owned();
                    assert!(row.contains(&title), "{row}: {title}");
                }
            }
            let new = rows.join("\n");
            assert!(new.contains("a\\_b\\|c"), "{new}");
            assert!(new.contains("(part 1 of"), "{hours}: {new}");
            assert!(new.contains("*Project:* "), "{new}");
            if optional {
                assert!(new.contains(" *(optional)*"), "{new}");
            }
        }
    }

    #[test]
    fn prose_keeps_markdown_and_shows_html_as_text() {
        let plain =
            "Write **two** specs:\n\n- one in `<TLA+>`\n- [the paper](https://example.org/a)\n";
        assert_eq!(markdown_prose(plain), plain);
        let hostile = "Hi <script>alert(1)</script> [x](javascript:alert(2)) <javascript:alert(3)> ![i](https://t.example/p.png)\n\n<div onclick=\"x\">\nblock\n</div>\n";
        let safe = markdown_prose(hostile);
        assert_eq!(
            safe,
            "Hi &lt;script>alert(1)&lt;/script> \\[x](javascript:alert(2)) \\<javascript:alert(3)> \n\n&lt;div onclick=\"x\">\nblock\n&lt;/div>\n"
        );
        // Rendered again, no HTML, image or non-web link is left; the image is gone, as on the
        // site, not turned into a link a viewer might follow.
        let live = pulldown_cmark::Parser::new(&safe).any(|e| match e {
            pulldown_cmark::Event::Html(_)
            | pulldown_cmark::Event::InlineHtml(_)
            | pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { .. }) => true,
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                !dest_url.starts_with("https://")
            }
            _ => false,
        });
        assert!(!live, "{safe}");
        assert!(!safe.contains("t.example"), "{safe}");
        let badges = "[![b](https://t.example/b.svg)](https://x.org) ![r][r] and text\n\n[r]: https://t.example/r.png\n";
        let safe = markdown_prose(badges);
        assert!(!safe.contains("b.svg") && !safe.contains("![r]"), "{safe}");
        assert!(safe.contains("and text"), "{safe}");
    }

    #[test]
    fn squeezing_keeps_one_blank_line_of_a_run_however_the_text_is_cut() {
        let squeeze = |pieces: &[&str]| {
            let mut s = Squeeze::new(Vec::new());
            for piece in pieces {
                s.write_all(piece.as_bytes()).unwrap();
            }
            s.finish().unwrap();
            String::from_utf8(s.inner).unwrap()
        };
        let text = "a\n\n \n\u{a0}\nb\n\n\nc \n\n";
        for cut in (0..=text.len()).filter(|&c| text.is_char_boundary(c)) {
            assert_eq!(squeeze(&[&text[..cut], &text[cut..]]), "a\n\nb\n\nc \n\n");
        }
        assert_eq!(squeeze(&["x\n\n\n  "]), "x\n\n");
        assert_eq!(squeeze(&["x\n\n  y"]), "x\n\n  y");
        assert_eq!(
            squeeze(&["a\n\u{b}\u{3000}\n\n\u{a0}b\n"]),
            "a\n\u{b}\u{3000}\n\u{a0}b\n"
        );
    }

    #[test]
    fn inline_text_cannot_open_markup() {
        assert_eq!(markdown_inline("a [b](c) <i>|"), "a \\[b\\](c) \\<i\\>\\|");
        assert_eq!(markdown_url("https://x/a (b)"), "https://x/a%20%28b%29");
    }
}
