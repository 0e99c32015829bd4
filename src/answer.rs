//! The words of the commands that answer in a few lines of text (`next`, `why`, `done` and
//! `undo`, `suggest`, `import`, `new`, `build`): each made, as one string, from what a step
//! returned. A step computes and this module words it, so the CLI only prints (and makes
//! printable) the text, and a test can read the answer without running the binary. The large
//! outputs (the plan, the site, the check's report) have their renderers (`render`, `site`,
//! `check`).

use crate::import::labels;
use crate::import::suggest::{Evaluation, Outcome, Suggestion};
use crate::import::Report;
use crate::model::Course;
use crate::plan::Plan;
use crate::progress::Change;
use crate::scaffold::Created;
use crate::select::Selected;
use crate::site::Summary;
use std::fmt::Write;
use std::path::Path;

/// `next`: the links ready to read, each with its week, minutes, topic and URL.
pub(crate) fn next(plan: &Plan, selected: &Selected) -> String {
    let ready = crate::explain::next(plan, selected);
    let mut text = String::new();
    if ready.is_empty() {
        text.push_str(
            if plan.plan_links().filter(|l| plan.counts(l)).all(|l| l.done) {
                "Nothing left: everything in the plan is done.\n"
            } else {
                "Nothing is ready.\n"
            },
        );
    }
    for link in ready {
        let week = match (link.week, link.optional) {
            (Some(w), _) => format!("week {w}, "),
            (None, true) => "optional, ".to_string(),
            (None, false) => String::new(),
        };
        let _ = write!(
            text,
            "{}  {} ({week}{} min, {})\n    {}\n",
            link.id, link.title, link.minutes, link.topic, link.url
        );
    }
    text
}

/// `why ID`: how the item got into the plan, or why it is not in it.
pub(crate) fn why(course: &Course, selected: &Selected, plan: &Plan, id: &str) -> String {
    let mut text = crate::explain::why(course, selected, plan, id).join("\n");
    text.push('\n');
    text
}

/// `done` (`done` true) or `undo`: each link changed or left as it was, and the file.
pub(crate) fn marked(change: &Change, done: bool, progress: &Path) -> String {
    let (verb, already) = if done {
        ("done", "already done")
    } else {
        ("not done", "was not done")
    };
    let mut text = String::new();
    for id in &change.changed {
        let _ = writeln!(text, "{id}: {verb}");
    }
    for id in &change.unchanged {
        let _ = writeln!(text, "{id}: {already}");
    }
    let _ = writeln!(text, "{} updated", progress.display());
    text
}

/// `suggest TITLE`: the topic, the others it fits too, and the closest ones with their scores.
pub(crate) fn suggestion(s: &Suggestion) -> String {
    let mut out = String::new();
    match &s.topic {
        Some(t) => {
            let _ = writeln!(out, "topic: {t}");
        }
        None => out.push_str("topic: none (the inbox): no topic is clearly ahead\n"),
    }
    if !s.also.is_empty() {
        let _ = writeln!(out, "also: {}", s.also.join(", "));
    }
    let _ = writeln!(out, "closest: {}", candidates(&s.candidates));
    out
}

/// `suggest --evaluate`: each link not put back into its own topic, then the figures.
pub(crate) fn evaluation(evaluation: &Evaluation) -> String {
    let mut out = String::new();
    for row in evaluation
        .rows
        .iter()
        .filter(|r| r.outcome != Outcome::Right)
    {
        let what = match (&row.outcome, &row.suggestion.topic) {
            (Outcome::Inbox, _) => "inbox".to_string(),
            (_, Some(t)) => t.clone(),
            (_, None) => "inbox".to_string(),
        };
        let label = match row.outcome {
            Outcome::RightByAlso => "right (also)",
            Outcome::Wrong => "wrong",
            _ => "inbox",
        };
        let _ = writeln!(
            out,
            "{label:<12}  {} (in {}) -> {what}; closest: {}",
            row.link,
            row.topic,
            candidates(&row.suggestion.candidates)
        );
    }
    out.push_str(&evaluation.summary());
    out
}

/// The closest topics with their scores.
fn candidates(c: &[(String, f32)]) -> String {
    if c.is_empty() {
        return "none (no word in common with any topic)".into();
    }
    c.iter()
        .map(|(id, s)| format!("{id} {s:.1}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `suggest --evaluate --labels FILE`: the mistakes of the half `show` if asked, then the
/// figures of each half.
pub(crate) fn labelled(evaluation: &labels::Evaluation, show: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(half) = show {
        for o in evaluation.outcomes.iter().filter(|o| o.label.half == half) {
            let l = &o.label;
            let (got, want) = o.got_and_wanted();
            if got != want {
                let _ = write!(
                    out,
                    "{}  {}\n  want: {want}\n  got:  {got}  [{}]\n",
                    l.list,
                    l.title,
                    o.why.join("; ")
                );
            }
        }
    }
    for (half, figures) in &evaluation.halves {
        let _ = writeln!(out, "{half} ({} readings):", figures.readings);
        for line in figures.lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// `import` in text: a dry run's table, the files written, the summary line.
pub(crate) fn imported(report: &Report, dry_run: bool) -> String {
    let mut out = String::new();
    if dry_run {
        out.push_str(&report.table());
    }
    for path in &report.written {
        let _ = writeln!(out, "wrote {}", path.display());
    }
    let _ = writeln!(out, "{}", report.summary());
    out
}

/// `new DIR`: a dry run's draft, or the files written, the topics and what to run next.
pub(crate) fn created(created: &Created, dir: &Path, dry_run: bool) -> String {
    let mut out = String::new();
    if dry_run {
        if let Some(draft) = &created.draft {
            out.push_str(&crate::draft::render::dry_run(draft, &created.topics));
        }
        out.push_str("dry run: nothing written\n");
        return out;
    }
    let dir = dir.display();
    for file in &created.files {
        let _ = writeln!(out, "wrote {dir}/{}", file.display());
    }
    if let Some(report) = &created.report {
        for (id, links) in &created.topics {
            let _ = writeln!(out, "topic {id}: {}", crate::words::count(*links, "link"));
        }
        let _ = writeln!(out, "{}", report.summary());
    }
    let waiting = created
        .report
        .as_ref()
        .is_some_and(|r| r.without_topic_count() > 0);
    let _ = writeln!(
        out,
        "next: cd {dir} && syllabus check && syllabus plan{}",
        if waiting {
            " (links without a topic wait in topics/inbox.toml)"
        } else {
            ""
        }
    );
    out
}

/// `build`: the folder written, its pages, files and size.
pub(crate) fn site_written(out: &Path, summary: &Summary) -> String {
    format!(
        "wrote {} ({} pages, {} files, {} KiB)\n",
        out.display(),
        summary.pages,
        summary.files,
        summary.bytes.div_ceil(1024)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkId;

    #[test]
    fn a_mark_lists_what_changed_then_what_did_not_then_the_file() {
        let id = |s: &str| LinkId::new(s).unwrap();
        let change = Change {
            changed: vec![id("raft-paper")],
            unchanged: vec![id("paxos-made-simple")],
        };
        let path = Path::new("progress.toml");
        assert_eq!(
            marked(&change, true, path),
            "raft-paper: done\npaxos-made-simple: already done\nprogress.toml updated\n"
        );
        assert_eq!(
            marked(&change, false, path),
            "raft-paper: not done\npaxos-made-simple: was not done\nprogress.toml updated\n"
        );
    }

    #[test]
    fn a_suggestion_without_a_topic_says_the_inbox_and_why() {
        let none = Suggestion::default();
        assert_eq!(
            suggestion(&none),
            "topic: none (the inbox): no topic is clearly ahead\nclosest: none (no word in common with any topic)\n"
        );
        let some = Suggestion {
            topic: Some("consensus".into()),
            also: vec!["replication".into()],
            candidates: vec![("consensus".into(), 7.3), ("replication".into(), 3.0)],
            ..Suggestion::default()
        };
        assert_eq!(
            suggestion(&some),
            "topic: consensus\nalso: replication\nclosest: consensus 7.3, replication 3.0\n"
        );
    }
}
