//! The draft as files and text: a topic's TOML (each prerequisite with its reason as a
//! comment), the README section that says what was inferred, and the `--dry-run` report.

use super::{plain, Draft, Method, Topic};
use std::fmt::Write;

/// A TOML string literal.
fn lit(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

/// A topic file: title, summary, stage, the prerequisites with a `# why:` comment each, and
/// keywords. The scaffold appends the links.
pub fn topic_toml(draft: &Draft, t: &Topic) -> String {
    let mut out = format!(
        "# Drafted by `syllabus new --from` from {}: rename, merge or split it as you see fit.\n",
        plain(&t.origin)
    );
    let _ = writeln!(out, "title = {}", lit(&t.title));
    let _ = writeln!(out, "summary = {}", lit(&t.summary));
    let stage = &draft.stages[t.stage.min(draft.stages.len() - 1)];
    let _ = writeln!(out, "stage = {}", lit(&stage.id));
    if t.requires.is_empty() {
        out.push_str("# Topics to read first; none was inferred for this one.\nrequires = []\n");
    } else {
        out.push_str(
            "# Topics to read first, each with the evidence for it: delete a line you disagree with.\nrequires = [\n",
        );
        for p in &t.requires {
            let _ = writeln!(out, "    # why: {}", plain(&p.why));
            let _ = writeln!(out, "    {},", lit(&draft.topics[p.topic].id));
        }
        out.push_str("]\n");
    }
    let keywords: Vec<String> = t.keywords.iter().map(|k| lit(&plain(k))).collect();
    let _ = writeln!(out, "keywords = [{}]", keywords.join(", "));
    out
}

fn how(draft: &Draft) -> &'static str {
    match draft.method {
        Method::Sections => "from the list's sections",
        Method::Clusters => "by clustering the readings' text (the list has no sections)",
        Method::Regrouped => "by clustering the readings' text (the list's sections name levels or kinds of resource, not subjects)",
    }
}

/// The README section of a drafted course: what was inferred and how to review it.
pub fn readme(draft: &Draft) -> String {
    let mut out = String::from("\n## How this draft was made\n\n");
    let _ = writeln!(
        out,
        "`syllabus new --from` inferred everything below; none of it is the list author's word. \
         Topics were proposed {}{}.\n",
        how(draft),
        match &draft.like {
            Some(c) => format!(
                "; prerequisites also learned from the course \"{}\"",
                plain(c)
            ),
            None => String::new(),
        }
    );
    if !draft.consulted.is_empty() {
        // Built by the caller from course titles it passed through `plain`.
        let _ = writeln!(out, "{}\n", draft.consulted);
    }
    out.push_str("### Topics\n\n");
    for t in &draft.topics {
        let _ = writeln!(
            out,
            "- `{}` {}: {}, from {}.",
            t.id,
            plain(&t.title),
            crate::words::count(draft.written_or(&t.id, t.members.len()), "reading"),
            plain(&t.origin)
        );
    }
    out.push_str("\n### Prerequisites\n\n");
    let mut any = false;
    for t in &draft.topics {
        for p in &t.requires {
            any = true;
            let _ = writeln!(
                out,
                "- `{}` requires `{}`: {}.",
                t.id,
                draft.topics[p.topic].id,
                plain(&p.why)
            );
        }
    }
    if !any {
        let _ = writeln!(out, "- None: {NO_PREREQUISITES}");
    }
    let _ = writeln!(
        out,
        "\n### Stages\n\nThe stages follow {}.\n",
        draft.staged_by
    );
    for (i, s) in draft.stages.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. `{}` {}: {}",
            i + 1,
            s.id,
            plain(&s.title),
            plain(&s.outcome)
        );
    }
    let _ = writeln!(
        out,
        "\n### Inbox\n\n{} in `topics/inbox.toml`{}.\n",
        crate::words::count(draft.written_or("inbox", draft.inbox.len()), "reading"),
        reasons(draft)
    );
    if !draft.unaddressed.is_empty() {
        let _ = writeln!(
            out,
            "### No address\n\n{} the list names without an address of its own (no url, doi or pdf, or only another work's) {} kept as readings whose URL is a search for the title, marked `url_status = \"guessed\"`: replace each with the work's own address.\n",
            crate::words::count(draft.unaddressed.len(), "work"),
            if draft.unaddressed.len() == 1 { "is" } else { "are" }
        );
        for u in &draft.unaddressed {
            let _ = writeln!(out, "- {u}");
        }
        out.push('\n');
    }
    out.push_str(
        "### How to review\n\n\
         1. Read each topic's title and summary in `topics/`: rename, merge or split topics.\n\
         2. Each prerequisite in `requires` has a `# why:` comment with its evidence: delete the ones\n   you disagree with, add the ones that are missing.\n\
         3. Check the stage order in `topics/course.toml` and each topic's `stage`.\n\
         4. Move the links in `topics/inbox.toml` into topics, or delete them.\n\
         5. `syllabus check && syllabus plan` after each change.\n",
    );
    out
}

fn reasons(draft: &Draft) -> String {
    let mut why: Vec<(&str, usize)> = Vec::new();
    for (_, w) in &draft.inbox {
        // Readings sent to the inbox with their closest topic are one reason, not one each.
        let w = w.split("; closest topic").next().unwrap_or(w);
        match why.iter_mut().find(|(x, _)| *x == w) {
            Some(e) => e.1 += 1,
            None => why.push((w, 1)),
        }
    }
    if why.is_empty() {
        return String::new();
    }
    let mut parts: Vec<String> = why
        .iter()
        .take(6)
        .map(|(w, n)| format!("{n} {}", plain(w)))
        .collect();
    // The counts add up to the total: the reasons not named are counted together.
    let rest: usize = why.iter().skip(6).map(|(_, n)| n).sum();
    if rest > 0 {
        parts.push(format!(
            "{rest} for {}",
            crate::words::count(why.len() - 6, "other reason")
        ));
    }
    format!(": {}", parts.join("; "))
}

/// Why a draft has no prerequisite, for the README and the dry run.
const NO_PREREQUISITES: &str = "no pair of topics had evidence strong enough (readings of one \
     topic naming a subject distinctive of another, or naming it by its whole name; readings \
     naming a system an earlier topic's readings present; an earlier part of a series; an \
     introductory topic, or sections named as levels; or a like course in the same field whose topics \
     match these strongly). Add `requires` by hand where one topic builds on another.";

/// What `new --from FILE --dry-run` prints: the proposed topics, prerequisites and stages.
pub fn dry_run(draft: &Draft, links: &[(String, usize)]) -> String {
    let mut out = format!(
        "proposed {} {}\n",
        crate::words::count(draft.topics.len(), "topic"),
        how(draft)
    );
    for (i, s) in draft.stages.iter().enumerate() {
        let _ = writeln!(out, "\nstage {} `{}`: {}", i + 1, s.id, plain(&s.title));
        let _ = writeln!(out, "  outcome: {}", plain(&s.outcome));
        for t in draft.topics.iter().filter(|t| t.stage == i) {
            let n = links
                .iter()
                .find(|(id, _)| *id == t.id)
                .map_or(t.members.len(), |(_, n)| *n);
            let _ = writeln!(
                out,
                "  topic {} \"{}\": {}",
                t.id,
                plain(&t.title),
                crate::words::count(n, "link")
            );
            for p in &t.requires {
                let _ = writeln!(
                    out,
                    "    requires {}: {}",
                    draft.topics[p.topic].id,
                    plain(&p.why)
                );
            }
        }
    }
    if draft.topics.iter().all(|t| t.requires.is_empty()) {
        let _ = writeln!(out, "\nprerequisites: none: {NO_PREREQUISITES}");
    }
    let _ = writeln!(
        out,
        "\ninbox: {}{}",
        crate::words::count(draft.written_or("inbox", draft.inbox.len()), "reading"),
        reasons(draft)
    );
    out
}
