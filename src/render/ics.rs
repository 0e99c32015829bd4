//! The schedule as an iCalendar file (RFC 5545): one all-week event per week listing its
//! readings and practice items with their URLs, and each practice item's deliverable.
//!
//! Each event's UID is derived from the course title and the week number, so importing a rebuilt
//! file updates the reader's calendar instead of adding a second copy. DTSTAMP is the week's
//! start rather than "now" so the same plan always gives the same bytes.

use crate::diagnostics::Diagnostic;
use crate::plan::Plan;
use crate::schedule::Date;

/// The schedule as an iCalendar file, an event per week (`plan --format ics`); an error when
/// the plan has no start date (`--start`).
pub fn ics(plan: &Plan) -> Result<String, Diagnostic> {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//syllabus//study plan//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(&plan.title)),
    ];
    let slug = slug(&plan.title);
    let links: std::collections::BTreeMap<&str, &crate::model::Link> =
        plan.links().map(|l| (l.id.as_str(), l)).collect();
    for week in &plan.weeks {
        let start = week.start.as_deref().and_then(Date::parse).ok_or_else(|| {
            Diagnostic::error(None, "the iCalendar output needs a start date")
                .with_help("pass --start YYYY-MM-DD")
        })?;
        let end = start.add_days(7);
        let compact = |d: Date| d.to_string().replace('-', "");
        let week_links: Vec<&crate::model::Link> = week.links.iter().map(|id| links[id]).collect();
        let description = week_description(&week_links, &week.parts);
        let summary = format!(
            "Week {}: {} h, {}",
            week.number,
            crate::words::hours(week.minutes),
            week_count(&week_links)
        );
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{slug}-week-{}@syllabus", week.number),
            format!("DTSTAMP:{}T000000Z", compact(start)),
            format!("DTSTART;VALUE=DATE:{}", compact(start)),
            format!("DTEND;VALUE=DATE:{}", compact(end)),
            format!("SUMMARY:{}", escape(&summary)),
            format!("DESCRIPTION:{}", escape(description.trim_end())),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    Ok(out)
}

/// Each item with its minutes and URL; a practice item is introduced as such and followed by
/// its deliverable (Markdown source, which reads as plain text). A link longer than a week says
/// which part of it falls in this week.
fn week_description(
    links: &[&crate::model::Link],
    parts: &std::collections::BTreeMap<&str, crate::schedule::Part>,
) -> String {
    let mut out = String::new();
    for l in links {
        let label = if l.kind.is_practice() {
            format!("{}: ", super::practice_label(l.kind))
        } else {
            String::new()
        };
        let optional = if l.optional { ", optional" } else { "" };
        let time = match parts.get(l.id.as_str()) {
            Some(p) => format!(
                "part {} of {}: {} of its {} min",
                p.part, p.of, p.minutes, l.minutes
            ),
            None => format!("{} min", l.minutes),
        };
        out.push_str(&format!(
            "- {label}{} ({time}{optional})\n  {}\n",
            l.title, l.url
        ));
        if let Some(deliverable) = &l.deliverable {
            out.push_str("  Deliverable: ");
            let lines: Vec<&str> = deliverable.trim().lines().map(str::trim_end).collect();
            out.push_str(&lines.join("\n  ").replace("\n  \n", "\n\n"));
            out.push('\n');
        }
    }
    out
}

/// `2 readings`, or `1 reading, 1 exercise` once practice is in the week.
fn week_count(links: &[&crate::model::Link]) -> String {
    let parts: Vec<String> = super::kind_counts(links)
        .iter()
        .filter(|(n, word)| *n > 0 || (*word == "reading" && links.is_empty()))
        .map(|(n, word)| crate::words::count(*n, word))
        .collect();
    parts.join(", ")
}

/// TEXT values: backslash, `;` and `,` escaped, newlines as `\n` (RFC 5545 3.3.11). TEXT has
/// no escape for the other control characters (3.3.11 leaves CONTROL out of TSAFE-CHAR), so
/// they are dropped, as are the bidirectional controls a terminal or calendar would obey.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() || crate::output::is_bidi_control(c) => {}
            _ => out.push(c),
        }
    }
    out
}

/// One content line, folded so no physical line exceeds 75 octets (the continuation's leading
/// space counts), never inside a UTF-8 character, each ended by CRLF (RFC 5545 3.1).
pub fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn slug(text: &str) -> String {
    let slug = crate::id::slug(text);
    if slug.is_empty() {
        "course".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        fold(&format!("DESCRIPTION:{}", "é".repeat(60)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("DESCRIPTION:{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
