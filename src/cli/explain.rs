//! `syllabus next` and `syllabus why`: questions about the reader's plan.

use super::{emit, prepare, CorpusArgs, PlanArgs};
use crate::diagnostics::{suggest, Diagnostic};
use crate::error::Error;
use crate::explain;

#[derive(clap::Args, Debug)]
pub struct NextArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    options: PlanArgs,
}

#[derive(clap::Args, Debug)]
pub struct WhyArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// A topic or link id
    #[arg(value_name = "ID", add = clap_complete::engine::ArgValueCompleter::new(super::complete::ids))]
    id: String,
    #[command(flatten)]
    options: PlanArgs,
}

pub fn next(args: &NextArgs) -> Result<(), Error> {
    let (syllabus, choices) = prepare(&args.corpus, &args.options)?;
    let planned = syllabus.plan(&choices)?;
    super::warn(&planned.warnings);
    let (plan, selected) = (&planned.plan, &planned.selected);
    let ready = explain::next(plan, selected);
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
        text.push_str(&format!(
            "{}  {} ({week}{} min, {})\n    {}\n",
            link.id, link.title, link.minutes, link.topic, link.url
        ));
    }
    emit(&text, None)
}

pub fn why(args: &WhyArgs) -> Result<(), Error> {
    let (syllabus, choices) = prepare(&args.corpus, &args.options)?;
    let course = &syllabus.course;
    let id = args.id.as_str();
    if course.topic(id).is_none() && course.link(id).is_none() {
        let items: Vec<&str> = course
            .topics
            .iter()
            .map(|t| t.id.as_str())
            .chain(course.links().map(|l| l.id.as_str()))
            .collect();
        let d = Diagnostic::error(None, format!("`{id}`: no such topic or link"))
            .with_help(suggest(id, items.iter().copied(), "topic or link"));
        return Err(Error::usage(d));
    }
    let planned = syllabus.plan(&choices)?;
    super::warn(&planned.warnings);
    let mut text = explain::why(course, &planned.selected, &planned.plan, id).join("\n");
    text.push('\n');
    emit(&text, None)
}
