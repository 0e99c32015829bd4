//! `syllabus plan`: the staged plan as Markdown, JSON, iCalendar or one HTML page.

use super::{prepare, save, written, CorpusArgs, Kept, PlanArgs};
use crate::error::Error;
use crate::render;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// The output format: markdown (the checklist of templates/plan.md.j2), json (every
    /// stage, topic and link, for other tools), ics (one event a week; needs --start) or html
    /// (one standalone page, CSS inlined)
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    /// Write to FILE (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// How the Markdown is laid out: weeks (each week's links, minutes and deliverables, then
    /// topic by topic) or topics (the schedule as one table, then topic by topic)
    #[arg(long, value_enum, default_value_t = Layout::Weeks)]
    layout: Layout,
    /// Folder of templates overriding the built-in ones (plan.md.j2, ...)
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    // Last: the heading it opens ("Plan options") holds every argument after it.
    #[command(flatten)]
    options: PlanArgs,
}

// The values have no doc comments of their own: those would give `plan --help` the long
// layout, and the shared plan options must read alike in every planning command.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    Weeks,
    Topics,
}

impl From<Layout> for render::Layout {
    fn from(layout: Layout) -> Self {
        match layout {
            Layout::Weeks => render::Layout::Weeks,
            Layout::Topics => render::Layout::Topics,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Markdown,
    Json,
    Ics,
    Html,
}

impl From<Format> for crate::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Markdown => crate::Format::Markdown,
            Format::Json => crate::Format::Json,
            Format::Ics => crate::Format::Ics,
            Format::Html => crate::Format::Html,
        }
    }
}

/// Standard output, or FILE written whole and atomically.
pub fn run(args: &Args, kept: &mut Kept) -> Result<(), Error> {
    let (syllabus, choices) = prepare(&args.corpus, &args.options)?;
    choices.allow(args.format.into())?;
    let planned = syllabus.plan(&choices)?;
    super::warn(&planned.warnings);
    let templates = args.templates.as_deref();
    let write =
        |out: &mut dyn Write| planned.write(args.format.into(), templates, args.layout.into(), out);
    match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            written(write(&mut out)?.and_then(|()| out.flush()))?
        }
        Some(path) => {
            let mut text = Vec::new();
            write(&mut text)?.expect("a Vec takes every write");
            save(path, &text)?
        }
    }
    drop(planned);
    kept.keep(syllabus);
    Ok(())
}
