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
    /// How the Markdown is laid out: week by week (then topic by topic), or the schedule as a
    /// table then topic by topic
    #[arg(long, value_enum, default_value_t = Layout::Weeks)]
    layout: Layout,
    /// Folder of templates overriding the built-in ones (plan.md.j2, ...)
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// Each week's links, minutes and deliverables, then the topic-by-topic reference
    Weeks,
    /// The schedule as one table, then topic by topic
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
    let (plan, _) = prepared.plan()?;
    let templates = args.templates.as_deref();
    if args.format == Format::Json && args.output.is_none() {
        // Written as it is made: the JSON of a large plan is many times the corpus.
        let mut out = syllabus::output::PrintableWriter::new(std::io::stdout().lock());
        // A closed pipe (`| head`) is the reader's choice, not an error worth a message.
        if render::write_json(&plan, &mut out).is_ok() {
            let _ = out.finish();
        }
        return Ok(());
    }
    if args.format == Format::Markdown && args.output.is_none() && templates.is_none() {
        // Written as it is made, like the JSON. (A template of the reader's may fail half way:
        // its text is held back until it is whole.)
        let out = std::io::BufWriter::with_capacity(1 << 16, Quiet(std::io::stdout().lock()));
        let mut out = syllabus::output::PrintableWriter::new(out);
        render::write_markdown(&plan, &Templates::load(None)?, args.layout.into(), &mut out)?;
        let _ = out.finish();
        return Ok(());
    }
    let text = match args.format {
        Format::Markdown => {
            render::markdown_in(&plan, &Templates::load(templates)?, args.layout.into())?
        }
        Format::Json => render::json(&plan),
        Format::Ics => render::ics(&plan)?,
        Format::Html => site::standalone(&plan, &Templates::load(templates)?)?,
    };
    emit(&text, args.output.as_deref())
}

/// Standard output that ignores a reader gone away: a closed pipe (`| head`) is the reader's
/// choice, not an error worth a message.
struct Quiet<W>(W);

impl<W: std::io::Write> std::io::Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _ = self.0.write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let _ = self.0.flush();
        Ok(())
    }
}
