//! `syllabus suggest`: the topic suggester that `import` uses, on one title or, with
//! `--evaluate`, measured on the corpus itself by leave-one-out.

use super::{emit, load, CorpusArgs};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::import::suggest::{Outcome, Suggester};
use crate::import::Candidate;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The title of a link to suggest a topic for
    #[arg(value_name = "TITLE", required_unless_present = "evaluate")]
    title: Option<String>,
    /// Its note (why to read it), weighed less than the title
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Its URL, whose words count a little
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// Take each link out of the corpus in turn, suggest its topic from the rest, and report
    /// how often that is its own topic, another one, or the inbox
    #[arg(long, conflicts_with_all = ["title", "note", "url"])]
    evaluate: bool,
    /// With --evaluate: import the real lists a labels file names into its course (dry) and
    /// compare with the hand labels, half by half
    #[arg(long, value_name = "FILE", requires = "evaluate")]
    labels: Option<std::path::PathBuf>,
    /// With --labels: also list each reading of this half that import got wrong
    #[arg(long, value_name = "HALF", requires = "labels")]
    show: Option<String>,
    #[command(flatten)]
    corpus: CorpusArgs,
}

pub fn run(args: &Args) -> Result<(), Error> {
    if let Some(labels) = &args.labels {
        return evaluate_labels(labels, args.show.as_deref());
    }
    let syllabus = load(&args.corpus)?;
    let course = &syllabus.course;
    if course.topics.is_empty() {
        return Err(Error::usage(
            Diagnostic::error(None, "the corpus has no topics to suggest")
                .with_help("add a topic file to the corpus folder"),
        ));
    }
    let mut suggester = Suggester::new(course);
    let mut out = String::new();
    if args.evaluate {
        let evaluation = suggester.evaluate(course);
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
            out.push_str(&format!(
                "{label:<12}  {} (in {}) -> {what}; closest: {}\n",
                row.link,
                row.topic,
                candidates(&row.suggestion.candidates)
            ));
        }
        out.push_str(&evaluation.summary());
    } else {
        let candidate = Candidate {
            title: args.title.clone().unwrap_or_default(),
            note: args.note.clone(),
            url: args.url.clone().unwrap_or_default(),
            ..Candidate::default()
        };
        let s = suggester.suggest(&candidate);
        match &s.topic {
            Some(t) => out.push_str(&format!("topic: {t}\n")),
            None => out.push_str("topic: none (the inbox): no topic is clearly ahead\n"),
        }
        if !s.also.is_empty() {
            out.push_str(&format!("also: {}\n", s.also.join(", ")));
        }
        out.push_str(&format!("closest: {}\n", candidates(&s.candidates)));
    }
    emit(&out, None)
}

fn candidates(c: &[(String, f32)]) -> String {
    if c.is_empty() {
        return "none (no word in common with any topic)".into();
    }
    c.iter()
        .map(|(id, s)| format!("{id} {s:.1}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `--evaluate --labels FILE`: the figures of each half, and the mistakes of one if asked.
fn evaluate_labels(labels: &std::path::Path, show: Option<&str>) -> Result<(), Error> {
    let evaluation = crate::import::labels::evaluate(labels)?;
    let mut out = String::new();
    if let Some(half) = show {
        for o in evaluation.outcomes.iter().filter(|o| o.label.half == half) {
            let l = &o.label;
            let (got, want) = o.got_and_wanted();
            if got != want {
                out.push_str(&format!(
                    "{}  {}\n  want: {want}\n  got:  {got}  [{}]\n",
                    l.list,
                    l.title,
                    o.why.join("; ")
                ));
            }
        }
    }
    for (half, figures) in &evaluation.halves {
        out.push_str(&format!("{half} ({} readings):\n", figures.readings));
        for line in figures.lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    emit(&out, None)
}
