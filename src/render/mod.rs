//! Turning a `Plan` into text: Markdown (from a minijinja template), JSON, the topic graph as
//! DOT, Mermaid or inline SVG, and HTML pages (see `html` and the `site` module).
//!
//! Renderers read only the plan and the templates; they never look back at corpus files.

mod graph;
pub(crate) mod html;
mod ics;
mod svg;
mod templates;

pub use graph::{dot, mermaid};
pub use ics::ics;
pub(crate) use svg::graph_svg;
pub use templates::Templates;

use crate::diagnostics::Diagnostic;
use crate::model::Kind;
use crate::plan::Plan;
use crate::words;

/// The plan as Markdown, through `plan.md.j2`.
pub fn markdown(plan: &Plan, templates: &Templates) -> Result<String, Diagnostic> {
    let text = templates.render("plan.md.j2", minijinja::Value::from(context(plan)))?;
    Ok(squeeze_blank_lines(&text))
}

/// What every plan template (Markdown and HTML) is given: the plan, lookups from ids to titles,
/// counts, and the pace the schedule was cut at.
pub(crate) fn context(plan: &Plan) -> std::collections::BTreeMap<&'static str, minijinja::Value> {
    use minijinja::Value;
    let titles: std::collections::BTreeMap<&str, &str> = plan
        .topics()
        .map(|t| (t.id.as_str(), t.title.as_str()))
        .collect();
    let link_titles: std::collections::BTreeMap<&str, &str> = plan
        .links()
        .map(|l| (l.id.as_str(), l.title.as_str()))
        .collect();
    let link_topics: std::collections::BTreeMap<&str, &str> = plan
        .links()
        .map(|l| (l.id.as_str(), l.topic.as_str()))
        .collect();
    // Practice items are named as such wherever a template lists them by title.
    let practice_labels: std::collections::BTreeMap<&str, &str> = plan
        .links()
        .filter(|l| l.kind.is_practice())
        .map(|l| (l.id.as_str(), practice_label(l.kind)))
        .collect();
    let has_practice = !practice_labels.is_empty();
    let optional_ids: std::collections::BTreeMap<&str, bool> = plan
        .links()
        .filter(|l| l.optional)
        .map(|l| (l.id.as_str(), true))
        .collect();
    let pace = crate::words::decimal(plan.schedule.hours_per_week);
    std::collections::BTreeMap::from([
        ("plan", Value::from_serialize(plan)),
        ("titles", Value::from_serialize(&titles)),
        ("link_titles", Value::from_serialize(&link_titles)),
        ("link_topics", Value::from_serialize(&link_topics)),
        ("topic_count", Value::from(plan.topics().count())),
        ("link_count", Value::from(plan.links().count())),
        ("items_text", Value::from(items_text(plan))),
        ("work_text", Value::from(work_text(plan))),
        ("has_practice", Value::from(has_practice)),
        ("practice_labels", Value::from_serialize(&practice_labels)),
        (
            "optional_count",
            Value::from(plan.links().filter(|l| l.optional).count()),
        ),
        ("optional_ids", Value::from_serialize(&optional_ids)),
        ("hours_per_week", Value::from(pace)),
        ("weeks", Value::from(plan.weeks.len())),
        ("schedule_warning", Value::from(plan.schedule.warning())),
    ])
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
/// and 1 project` once practice is in it.
pub(crate) fn items_text(plan: &Plan) -> String {
    let links: Vec<&crate::model::Link> = plan.links().collect();
    let of = |kind: Kind| links.iter().filter(|l| l.kind == kind).count();
    let (exercises, projects) = (of(Kind::Exercise), of(Kind::Project));
    if exercises + projects == 0 {
        return words::count(links.len(), "link");
    }
    let readings = links.len() - exercises - projects;
    let parts: Vec<String> = [
        (readings, "reading"),
        (exercises, "exercise"),
        (projects, "project"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| words::count(*n, word))
    .collect();
    words::and_list(&parts)
}

/// Template loops leave runs of blank lines; Markdown gives them no meaning, so keep one.
fn squeeze_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
    }
    out
}

/// The plan as pretty JSON, for other tools.
pub fn json(plan: &Plan) -> String {
    let mut out = serde_json::to_string_pretty(plan).expect("a plan always serializes");
    out.push('\n');
    out
}

pub(crate) use crate::words::hours;

/// Text made safe to stand inside Markdown link text or a table cell: nothing in it can open a
/// link, an emphasis, a table column or raw HTML.
pub(crate) fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '[' | ']' | '*' | '_' | '`' | '|' | '<' | '>' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Markdown prose from the corpus, made safe to copy into Markdown output: raw HTML is shown as
/// text (its `<` becomes `&lt;`), and a link or image whose target is not http(s) or mailto, and
/// every image (it would load from a third party), loses its markup by an escaped opening
/// bracket. Everything else is kept byte for byte, so ordinary prose reads as written.
pub(crate) fn markdown_prose(text: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    // Byte offsets: `<` to rewrite, and where a backslash goes.
    let mut html = Vec::new();
    let mut escape_at = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => html.push(range),
            Event::Start(Tag::Link { dest_url, .. }) if !html::is_web_or_mail(&dest_url) => {
                escape_at.push(range.start)
            }
            Event::Start(Tag::Image { .. }) => escape_at.push(range.start),
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, c) in text.char_indices() {
        if escape_at.contains(&i) {
            out.push('\\');
        }
        if c == '<' && html.iter().any(|r| r.contains(&i)) {
            out.push_str("&lt;");
        } else {
            out.push(c);
        }
    }
    out
}

/// A URL as a Markdown link destination: characters that would end it early are encoded.
pub(crate) fn markdown_url(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
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
            topic.id.clone(),
            topic.stage.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_keeps_markdown_and_shows_html_as_text() {
        let plain =
            "Write **two** specs:\n\n- one in `<TLA+>`\n- [the paper](https://example.org/a)\n";
        assert_eq!(markdown_prose(plain), plain);
        let hostile = "Hi <script>alert(1)</script> [x](javascript:alert(2)) <javascript:alert(3)> ![i](https://t.example/p.png)\n\n<div onclick=\"x\">\nblock\n</div>\n";
        let safe = markdown_prose(hostile);
        assert_eq!(
            safe,
            "Hi &lt;script>alert(1)&lt;/script> \\[x](javascript:alert(2)) \\<javascript:alert(3)> \\![i](https://t.example/p.png)\n\n&lt;div onclick=\"x\">\nblock\n&lt;/div>\n"
        );
        // Rendered again, no HTML, image or non-web link is left; the image is a plain link.
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
    }

    #[test]
    fn inline_text_cannot_open_markup() {
        assert_eq!(markdown_inline("a [b](c) <i>|"), "a \\[b\\](c) \\<i\\>\\|");
        assert_eq!(markdown_url("https://x/a (b)"), "https://x/a%20%28b%29");
    }
}
