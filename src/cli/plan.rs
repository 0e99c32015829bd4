//! `syllabus plan`: the staged plan as Markdown, JSON, iCalendar or one HTML page.

use super::{emit, prepare, CorpusArgs, PlanOptions};
use clap::ValueEnum;
use std::path::PathBuf;
use syllabus::error::Error;
use syllabus::render::{self, Templates};
use syllabus::site;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    options: PlanOptions,
    /// The output format
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    /// Write to FILE (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Folder of templates overriding the built-in ones (plan.md.j2, ...)
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// The checklist from templates/plan.md.j2
    Markdown,
    /// Every stage, topic and link, for other tools
    Json,
    /// One event a week (needs --start)
    Ics,
    /// One standalone HTML page, CSS inlined
    Html,
}

pub fn run(args: &Args) -> Result<(), Error> {
    let prepared = prepare(&args.corpus, &args.options, args.format == Format::Ics)?;
    let plan = &prepared.plan;
    let templates = args.templates.as_deref();
    let text = match args.format {
        Format::Markdown => render::markdown(plan, &Templates::load(templates)?)?,
        Format::Json => render::json(plan),
        Format::Ics => render::ics(plan)?,
        Format::Html => site::standalone(plan, &Templates::load(templates)?)?,
    };
    let written = emit(&text, args.output.as_deref());
    // The process ends next: freeing the course and plan one allocation at a time would only
    // cost time (a tenth of `plan` on a 10,000-link corpus).
    std::mem::forget((prepared, text));
    written
}
