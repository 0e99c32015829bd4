//! Turning a `Plan` into text: Markdown (from a minijinja template), JSON, the topic graph as
//! DOT, Mermaid or inline SVG, and HTML pages (see `html` and the `site` module).
//!
//! Renderers read only the plan and the templates; they never look back at corpus files.

mod graph;
pub mod html;
mod ics;
mod svg;
mod templates;

pub use graph::{dot, mermaid};
pub use ics::ics;
pub use svg::graph_svg;
pub use templates::Templates;

use crate::diagnostics::Diagnostic;
use crate::plan::Plan;

/// The plan as Markdown, through `plan.md.j2`.
pub fn markdown(plan: &Plan, templates: &Templates) -> Result<String, Diagnostic> {
    let text = templates.render("plan.md.j2", minijinja::Value::from(context(plan)))?;
    Ok(squeeze_blank_lines(&text))
}

/// What every plan template (Markdown and HTML) is given: the plan, lookups from ids to titles,
/// counts, and the pace the schedule was cut at.
pub fn context(plan: &Plan) -> std::collections::BTreeMap<&'static str, minijinja::Value> {
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
    let pace = crate::words::decimal(plan.schedule.hours_per_week);
    std::collections::BTreeMap::from([
        ("plan", Value::from_serialize(plan)),
        ("titles", Value::from_serialize(&titles)),
        ("link_titles", Value::from_serialize(&link_titles)),
        ("link_topics", Value::from_serialize(&link_topics)),
        ("topic_count", Value::from(plan.topics().count())),
        ("link_count", Value::from(plan.links().count())),
        ("hours_per_week", Value::from(pace)),
        ("weeks", Value::from(plan.weeks.len())),
        ("schedule_warning", Value::from(plan.schedule.warning())),
    ])
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

pub use crate::words::hours;

/// Text made safe to stand inside Markdown link text or a table cell: nothing in it can open a
/// link, an emphasis, a table column or raw HTML.
pub fn markdown_inline(text: &str) -> String {
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

/// A URL as a Markdown link destination: characters that would end it early are encoded.
pub fn markdown_url(url: &str) -> String {
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
    fn inline_text_cannot_open_markup() {
        assert_eq!(markdown_inline("a [b](c) <i>|"), "a \\[b\\](c) \\<i\\>\\|");
        assert_eq!(markdown_url("https://x/a (b)"), "https://x/a%20%28b%29");
    }
}
