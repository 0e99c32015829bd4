//! `syllabus plan`: the staged plan as Markdown, JSON, iCalendar or one HTML page.

use super::{emit, prepare, stdout, CorpusArgs, PlanArgs};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::output::PrintableWriter;
use crate::render::{self, Templates};
use crate::schedule::Date;
use crate::site;
use clap::ValueEnum;
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

pub fn run(args: &Args) -> Result<(), Error> {
    let (syllabus, choices) = prepare(&args.corpus, &args.options)?;
    if args.format == Format::Ics && choices.options.schedule.start.is_none() {
        // A calendar needs dates. Defaulting to "the coming Monday" would make the same command
        // give other bytes tomorrow, so the reader names the day.
        let monday = Date::today().next_monday();
        return Err(Error::usage(
            Diagnostic::error(
                None,
                "--format ics needs --start YYYY-MM-DD: a calendar needs dates",
            )
            .with_help(format!("for example --start {monday} (the coming Monday)")),
        ));
    }
    let planned = syllabus.plan(&choices)?;
    super::warn(&planned.warnings);
    let plan = &planned.plan;
    let templates = args.templates.as_deref();
    let streamed = match (args.format, &args.output, templates) {
        // Written as it is made: the JSON of a large plan is many times the corpus.
        (Format::Json, None, _) => Some(stdout(|out| {
            let mut out = PrintableWriter::new(out);
            render::write_json(plan, &mut out)?;
            out.finish().map(drop)
        })),
        // Written as it is made, like the JSON. (A template of the reader's may fail half way:
        // its text is held back until it is whole.)
        (Format::Markdown, None, None) => {
            let templates = Templates::load(None)?;
            let mut failed = None;
            let done = stdout(|out| {
                let mut out = Noting::new(out);
                let rendered = {
                    let out = std::io::BufWriter::with_capacity(1 << 16, &mut out);
                    let mut out = PrintableWriter::new(out);
                    render::write_markdown(plan, &templates, args.layout.into(), &mut out)
                        .and_then(|()| out.finish().map(drop).map_err(|_| failed_write()))
                };
                // The renderer turns a failed write into its own message: the writer knows
                // whether that is what happened.
                out.take_error()?;
                failed = rendered.err();
                Ok(())
            });
            Some(done.and(failed.map_or(Ok(()), |d| Err(Error::invalid(d)))))
        }
        _ => None,
    };
    let written = match streamed {
        Some(done) => done,
        None => {
            let text = match args.format {
                Format::Markdown => {
                    render::markdown_in(plan, &Templates::load(templates)?, args.layout.into())
                        .map_err(Error::invalid)?
                }
                Format::Json => render::json(plan),
                Format::Ics => render::ics(plan).map_err(Error::invalid)?,
                Format::Html => {
                    site::standalone(plan, &Templates::load(templates)?).map_err(Error::invalid)?
                }
            };
            emit(&text, args.output.as_deref())
        }
    };
    written
}

/// Stands for a write error the [`Noting`] writer holds.
fn failed_write() -> Diagnostic {
    Diagnostic::error(None, "cannot write the plan")
}

/// A writer that keeps the first error its inner writer gave, so that an error a renderer made
/// of it can be told from a template's own.
struct Noting<W> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W> Noting<W> {
    fn new(inner: W) -> Self {
        Noting { inner, error: None }
    }

    fn take_error(&mut self) -> std::io::Result<()> {
        self.error.take().map_or(Ok(()), Err)
    }
}

impl<W: std::io::Write> std::io::Write for Noting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| {
            self.error
                .get_or_insert_with(|| std::io::Error::new(e.kind(), e.to_string()));
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| {
            self.error
                .get_or_insert_with(|| std::io::Error::new(e.kind(), e.to_string()));
        })
    }
}
